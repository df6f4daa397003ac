/**
 * New booking at the desk: room type, dates, guests, name and contacts, and a room if the guest wants
 * one now. The price and the rooms left come from the hub's availability for exactly those nights.
 * The booking's id is made when the dialog opens and kept for every retry, so a double tap or a lost
 * answer is the same booking to the hub, never a second one.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { newId } from '@onemoment/shared/ids';
import { addDays } from '@onemoment/shared/hotel/stay-dates';
import type { Availability, Booking, Room, RoomType } from '@onemoment/shared/schemas/hotel';
import { ApiError, api, describeError } from '../api.ts';
import { Dialog } from '../dialog.tsx';
import { money } from '../format.ts';
import { notify } from '../toasts.tsx';
import { stayQuote, type StayQuote } from './availability-words.ts';
import { checkBookingDraft, newBookingDraft, type BookingDraft } from './booking-draft.ts';
import { BOARD_STATE_LABELS, byRoomNumber, roomBoardState } from './room-words.ts';
import { nightsText, refusalText } from './stay-words.ts';

interface NewBookingProps {
  today: string;
  roomTypes: readonly RoomType[];
  rooms: readonly Room[];
  currency: string;
  /** Prefilled from the availability grid. */
  start?: { roomTypeId: string; arrival: string };
  onMade: (booking: Booking) => void;
  onClose: () => void;
}

type Quote = { key: string; quote: StayQuote | null } | null;

export function NewBookingDialog({ today, roomTypes, rooms, currency, start, onMade, onClose }: NewBookingProps) {
  const [draft, setDraft] = useState<BookingDraft>(() => {
    const arrival = start?.arrival ?? today;
    return newBookingDraft(arrival, addDays(arrival, 1), start?.roomTypeId ?? roomTypes[0]?.id ?? '');
  });
  const [id] = useState(() => newId());
  const [quote, setQuote] = useState<Quote>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const set = (change: Partial<BookingDraft>) => {
    setRefusal(null);
    setDraft((current) => ({ ...current, ...change }));
  };
  const checked = checkBookingDraft(draft, roomTypes, today);
  const quoteKey = `${draft.roomTypeId}|${draft.arrival}|${draft.departure}`;

  // The price of exactly these nights; a late answer for dates changed since is dropped.
  useEffect(() => {
    if (!draft.roomTypeId || !(draft.departure > draft.arrival)) return;
    let current = true;
    const { roomTypeId, arrival, departure } = draft;
    const query = new URLSearchParams({ from: arrival, to: departure, roomTypeId });
    api.get<Availability>(`/api/hotel/availability?${query}`).then(
      (answer) => current && setQuote({ key: quoteKey, quote: stayQuote(answer, roomTypeId, arrival, departure) }),
      () => current && setQuote({ key: quoteKey, quote: null }),
    );
    return () => {
      current = false;
    };
  }, [quoteKey]);
  const shown = quote?.key === quoteKey ? quote.quote : null;

  const typeRooms = rooms.filter((room) => room.roomTypeId === draft.roomTypeId && !room.outOfOrderNow).sort(byRoomNumber);

  const submit = async () => {
    setTouched(true);
    if (!checked.ok || sending.current) return;
    sending.current = true;
    setBusy(true);
    try {
      const booking = await api.post<Booking>('/api/hotel/bookings', { id, ...checked.body });
      notify(`Booked: ${booking.guest.name}, ${nightsText(booking.nights)} from ${booking.arrival}${booking.roomNumber ? `, room ${booking.roomNumber}` : ''}.`);
      onMade(booking);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setRefusal(refusalText(error.code, error.message, { guest: { name: draft.name.trim() } }));
      else setRefusal(describeError(error));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const fieldError = (field: string) => (touched && !checked.ok && checked.field === field ? checked.problem : null);

  return (
    <Dialog title="New booking" onClose={onClose} class="new-booking">
      <form
        class="money-form booking-form"
        aria-label="New booking"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div class="money-grid">
          <label class="field">
            Room type
            <select name="roomTypeId" value={draft.roomTypeId} onChange={(e) => set({ roomTypeId: e.currentTarget.value, roomId: '' })}>
              {roomTypes.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.name} (sleeps {type.capacity})
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            Room <small class="muted">(optional)</small>
            <select name="roomId" value={draft.roomId} onChange={(e) => set({ roomId: e.currentTarget.value })}>
              <option value="">Give one at check-in</option>
              {typeRooms.map((room) => (
                <option key={room.id} value={room.id}>
                  {room.number} · {BOARD_STATE_LABELS[roomBoardState(room)].toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            Arrival
            <input type="date" name="arrival" min={today} value={draft.arrival} onInput={(e) => set({ arrival: e.currentTarget.value })} />
          </label>
          <label class="field">
            Departure
            <input type="date" name="departure" min={addDays(draft.arrival || today, 1)} value={draft.departure} onInput={(e) => set({ departure: e.currentTarget.value })} />
          </label>
          <label class="field">
            Adults
            <input type="number" name="adults" min={1} max={20} value={draft.adults} onInput={(e) => set({ adults: Number(e.currentTarget.value) })} />
          </label>
          <label class="field">
            Children
            <input type="number" name="children" min={0} max={20} value={draft.children} onInput={(e) => set({ children: Math.max(0, Number(e.currentTarget.value) || 0) })} />
          </label>
        </div>
        <label class="field">
          Guest name
          <input type="text" name="name" maxLength={120} autoComplete="off" value={draft.name} onInput={(e) => set({ name: e.currentTarget.value })} autoFocus />
        </label>
        <div class="money-grid">
          <label class="field">
            Email <small class="muted">(optional)</small>
            <input type="email" name="email" autoComplete="off" value={draft.email} onInput={(e) => set({ email: e.currentTarget.value })} />
          </label>
          <label class="field">
            Phone <small class="muted">(optional)</small>
            <input type="tel" name="phone" autoComplete="off" value={draft.phone} onInput={(e) => set({ phone: e.currentTarget.value })} />
          </label>
        </div>
        <label class="field">
          Notes <small class="muted">(optional)</small>
          <input type="text" name="notes" maxLength={1000} value={draft.notes} onInput={(e) => set({ notes: e.currentTarget.value })} />
        </label>

        <div class="booking-quote" aria-live="polite" data-testid="booking-quote" data-total-minor={shown?.totalMinor ?? ''}>
          {!shown ? (
            <span class="muted">{draft.departure > draft.arrival ? 'Reading the price…' : 'Pick the dates to see the price.'}</span>
          ) : shown.free === 0 ? (
            <span class="form-error">No room of this type is free on every one of these nights.</span>
          ) : (
            <>
              <span>
                {nightsText(shown.nights)} · {shown.free === 1 ? '1 room left' : `${shown.free} rooms left`}
              </span>
              <strong>{shown.totalMinor === null ? 'No rate for some nights' : money(shown.totalMinor, currency)}</strong>
            </>
          )}
        </div>

        {touched && !checked.ok && <p class="form-error" data-field={checked.field}>{fieldError(checked.field)}</p>}
        {refusal && (
          <p class="form-error" role="alert" data-refusal>
            {refusal}
          </p>
        )}
        <div class="panel-actions">
          <button type="submit" class="btn btn-primary btn-big" disabled={busy}>
            {busy ? 'Booking…' : 'Make booking'}
          </button>
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
