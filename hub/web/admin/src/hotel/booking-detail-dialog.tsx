/**
 * One booking at the desk: the stay, the guest's contacts, what they sent when they registered online
 * (with the registration card), the check-in link as a QR the guest scans at the desk, and every action the person's role may take now
 * (cancelling asks for a reason, as the lifecycle says). Where the hub sells eSIMs, the stay's eSIMs
 * follow live under it, and a guest in house can be sold one (charged to the room).
 */
import { useState } from 'preact/hooks';
import { BOOKING_TRANSITIONS, type BookingAction } from '@onemoment/shared/hotel/booking-lifecycle';
import type { StaffRole } from '@onemoment/shared/restaurant/order-lifecycle';
import type { Booking, RoomType } from '@onemoment/shared/schemas/hotel';
import { Dialog } from '../dialog.tsx';
import { VisitEsims } from '../esim/purchase-lists.tsx';
import { money } from '../format.ts';
import type { LiveStore } from '../live-store.ts';
import type { BookingActions } from './booking-actions.ts';
import { CheckInQr } from './check-in-qr.tsx';
import { RegistrationSection } from './registration-section.tsx';
import { ACTION_LABELS, STATUS_LABELS, detailActions, guestsText, roomText, stayText } from './stay-words.ts';

interface BookingDetailProps {
  store: LiveStore;
  booking: Booking;
  role: StaffRole;
  roomTypes: readonly RoomType[];
  actions: BookingActions;
  onFolio: () => void;
  /** The hub runs the eSIM module. */
  esim: boolean;
  /** Sells an eSIM to the stay's room-service visit. */
  onSellEsim: (visitId: string) => void;
  onClose: () => void;
}

const needsReason = (action: BookingAction) => BOOKING_TRANSITIONS.find((t) => t.action === action)?.needsReason ?? false;

export function BookingDetailDialog({ store, booking, role, roomTypes, actions, onFolio, esim, onSellEsim, onClose }: BookingDetailProps) {
  const [asking, setAsking] = useState<BookingAction | null>(null);
  const [reason, setReason] = useState('');
  const busy = actions.busy.has(booking.id);
  const link = new URL(booking.checkInUrl, location.origin).href;
  const canCheckIn = booking.status === 'tentative' || booking.status === 'confirmed';
  // The stay's eSIMs hang on its room-service visit, which it has from check-in on.
  const visitId = esim ? booking.visitId : null;

  const take = async (action: BookingAction) => {
    if (needsReason(action) && asking !== action) {
      setAsking(action);
      return;
    }
    const after = await actions.run(booking, action, needsReason(action) ? reason.trim() : undefined);
    if (after) onClose();
  };

  return (
    <Dialog title={`Booking · ${booking.guest.name}`} onClose={onClose} class="booking-detail">
      <div class="booking-detail-body" data-booking-id={booking.id} data-status={booking.status}>
        <dl class="booking-facts">
          <dt>Status</dt>
          <dd>
            <span class={`stay-status stay-status-${booking.status}`}>{STATUS_LABELS[booking.status]}</span>
            {booking.registered && <span class="chip chip-registered">Registered online</span>}
          </dd>
          <dt>Stay</dt>
          <dd>{stayText(booking)}</dd>
          <dt>Room</dt>
          <dd>{roomText(booking, roomTypes)}</dd>
          <dt>Guests</dt>
          <dd>{guestsText(booking)}</dd>
          {(booking.guest.email || booking.guest.phone) && (
            <>
              <dt>Contact</dt>
              <dd>{[booking.guest.email, booking.guest.phone].filter(Boolean).join(' · ')}</dd>
            </>
          )}
          <dt>Price</dt>
          <dd>{money(booking.totalMinor, booking.currency)}</dd>
          {booking.notes && (
            <>
              <dt>Notes</dt>
              <dd class="booking-notes">{booking.notes}</dd>
            </>
          )}
        </dl>
        <RegistrationSection booking={booking} />
        {visitId && <VisitEsims store={store} visitId={visitId} role={role} />}
        {canCheckIn && (
          <div class="check-in-link">
            <CheckInQr url={link} label={`Check-in link for ${booking.guest.name}`} size={176} />
            <p class="muted small">
              {booking.registered ? 'Registered online: check the ID, then check in.' : 'The guest scans this to register on their phone (ID, address, signature).'}
              <br />
              <span class="check-in-url">{link}</span>
            </p>
          </div>
        )}
        {asking && (
          <label class="field">
            Why? <small class="muted">(staff only)</small>
            <input type="text" name="reason" maxLength={300} value={reason} onInput={(e) => setReason(e.currentTarget.value)} autoFocus />
          </label>
        )}
        <div class="panel-actions">
          {detailActions(booking, role).map((action) => (
            <button
              key={action}
              type="button"
              class={`btn ${action === 'cancel' || action === 'no-show' ? 'btn-danger-quiet' : 'btn-primary'}`}
              disabled={busy || (asking === action && reason.trim() === '')}
              onClick={() => void take(action)}
            >
              {asking === action ? `${ACTION_LABELS[action]}: confirm` : ACTION_LABELS[action]}
            </button>
          ))}
          {booking.status === 'checked_in' && (
            <button type="button" class="btn" onClick={onFolio}>
              Folio…
            </button>
          )}
          {booking.status === 'checked_in' && visitId && (
            <button type="button" class="btn" onClick={() => onSellEsim(visitId)}>
              Sell eSIM…
            </button>
          )}
        </div>
      </div>
    </Dialog>
  );
}
