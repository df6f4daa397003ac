/** One of the desk's lists (arrivals, departures, in house): each stay with its one-tap button. */
import type { StaffRole } from '@onemoment/shared/restaurant/order-lifecycle';
import type { Booking, RoomType } from '@onemoment/shared/schemas/hotel';
import type { BookingActions } from './booking-actions.ts';
import { ACTION_LABELS, STATUS_LABELS, guestsText, nightsText, roomText, rowAction, type DeskList as ListName } from './stay-words.ts';

interface DeskListProps {
  title: string;
  list: ListName;
  bookings: readonly Booking[];
  role: StaffRole;
  roomTypes: readonly RoomType[];
  actions: BookingActions;
  onOpen: (booking: Booking) => void;
  empty: string;
}

export function DeskList({ title, list, bookings, role, roomTypes, actions, onOpen, empty }: DeskListProps) {
  return (
    <section class="card desk-list" aria-label={title} data-list={list}>
      <h2>
        {title} <span class="count">{bookings.length}</span>
      </h2>
      {bookings.length === 0 ? (
        <p class="muted small">{empty}</p>
      ) : (
        <ul class="stays">
          {bookings.map((booking) => {
            const action = rowAction(booking, list, role);
            const busy = actions.busy.has(booking.id);
            return (
              <li key={booking.id} class="stay" data-booking-id={booking.id} data-status={booking.status} data-room={booking.roomNumber ?? ''}>
                <button type="button" class="stay-main" onClick={() => onOpen(booking)} aria-label={`${booking.guest.name}: details`}>
                  <span class="stay-name">
                    {booking.guest.name}
                    {booking.registered && <span class="chip chip-registered">Registered online</span>}
                    {booking.status === 'tentative' && <span class="chip chip-tentative">{STATUS_LABELS.tentative}</span>}
                  </span>
                  <span class="stay-room">{roomText(booking, roomTypes)}</span>
                  <span class="stay-nights muted">
                    {nightsText(booking.nights)} · {guestsText(booking)}
                  </span>
                </button>
                {action && (
                  <button type="button" class={`btn ${action === 'check-in' ? 'btn-primary' : ''} stay-action`} disabled={busy} onClick={() => void actions.run(booking, action)}>
                    {busy ? '…' : ACTION_LABELS[action]}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
