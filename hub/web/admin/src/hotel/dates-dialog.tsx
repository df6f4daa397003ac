/** Move a booking's dates (resolving an overbooking, or a guest who changed plans). */
import { useEffect, useState } from 'preact/hooks';
import { nightsBetween } from '@onemoment/shared/hotel/stay-dates';
import type { Booking } from '@onemoment/shared/schemas/hotel';
import { ApiError, api, describeError } from '../api.ts';
import { Dialog } from '../dialog.tsx';
import { notify } from '../toasts.tsx';
import { bookingPath } from './booking-actions.ts';
import { refusalText, stayText } from './stay-words.ts';

export function DatesDialog({ bookingId, onDone, onClose }: { bookingId: string; onDone: () => void; onClose: () => void }) {
  const [booking, setBooking] = useState<Booking | null>(null);
  const [dates, setDates] = useState({ arrival: '', departure: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<Booking>(bookingPath(bookingId)).then(
      (loaded) => {
        setBooking(loaded);
        setDates({ arrival: loaded.arrival, departure: loaded.departure });
      },
      (error: unknown) => setProblem(describeError(error)),
    );
  }, [bookingId]);

  const valid = dates.arrival !== '' && dates.departure !== '' && nightsBetween(dates.arrival, dates.departure) >= 1;

  const save = async () => {
    if (!booking || !valid || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const moved = await api.post<Booking>(`${bookingPath(booking.id)}/dates`, dates);
      notify(`${moved.guest.name}: ${stayText(moved)}.`);
      onDone();
    } catch (error) {
      setProblem(error instanceof ApiError ? refusalText(error.code, error.message, booking) : describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={booking ? `New dates · ${booking.guest.name}` : 'New dates'} onClose={onClose}>
      <form
        class="money-form"
        aria-label="New dates"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {booking && <p class="form-note">Now: {stayText(booking)}</p>}
        <div class="money-grid">
          <label class="field">
            Arrival
            <input type="date" name="arrival" value={dates.arrival} onInput={(e) => setDates({ ...dates, arrival: e.currentTarget.value })} />
          </label>
          <label class="field">
            Departure
            <input type="date" name="departure" value={dates.departure} onInput={(e) => setDates({ ...dates, departure: e.currentTarget.value })} />
          </label>
        </div>
        {!valid && dates.arrival !== '' && <p class="form-error">The departure is after the arrival: at least one night.</p>}
        {problem && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
        <div class="panel-actions">
          <button type="submit" class="btn btn-primary" disabled={!booking || !valid || busy}>
            {busy ? 'Moving…' : 'Move the booking'}
          </button>
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
