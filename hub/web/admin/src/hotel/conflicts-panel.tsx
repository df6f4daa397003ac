/**
 * Overbookings to resolve: two stays on one room (after a merge with HQ or Cloudbeds). Each conflict
 * shows the hub's choices: another room of the type, an upgrade, or moving a booking's dates. It
 * leaves the list when the hub no longer sees the overlap.
 */
import { useState } from 'preact/hooks';
import type { Booking, OverbookingConflict } from '@onemoment/shared/schemas/hotel';
import { api, describeError } from '../api.ts';
import { clockTime } from '../format.ts';
import { notify } from '../toasts.tsx';
import { bookingPath } from './booking-actions.ts';
import { shortDate } from './stay-words.ts';

type Choice = OverbookingConflict['choices'][number];

interface ConflictsProps {
  conflicts: readonly OverbookingConflict[];
  /** Names of the bookings the desk already has (arrivals, in house), for the conflict's line. */
  names: ReadonlyMap<string, string>;
  onMoveDates: (bookingId: string) => void;
  onChanged: () => void;
}

export function ConflictsPanel({ conflicts, names, onMoveDates, onChanged }: ConflictsProps) {
  const [busy, setBusy] = useState<string | null>(null);
  if (conflicts.length === 0) return null;

  const choose = async (conflict: OverbookingConflict, choice: Choice, index: number) => {
    if (choice.kind === 'move_booking') {
      onMoveDates(choice.bookingId);
      return;
    }
    if (!choice.roomId || busy) return;
    setBusy(`${conflict.id}:${index}`);
    try {
      const booking = await api.post<Booking>(`${bookingPath(choice.bookingId)}/room`, { roomId: choice.roomId, ...(choice.kind === 'upgrade' ? { upgrade: true } : {}) });
      notify(`${booking.guest.name} now has room ${booking.roomNumber ?? choice.roomNumber ?? ''}${choice.kind === 'upgrade' ? ' (an upgrade, at the booked price)' : ''}.`);
      onChanged();
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card conflicts" aria-label="Overbookings to resolve">
      <h2>
        Overbookings to resolve <span class="count">{conflicts.length}</span>
      </h2>
      <ul class="conflict-list">
        {conflicts.map((conflict) => (
          <li key={conflict.id} class="conflict" data-conflict-id={conflict.id}>
            <p class="conflict-what">
              <strong>{conflict.roomNumber ? `Room ${conflict.roomNumber}` : conflict.roomTypeId}</strong>: {conflict.bookingIds.length} bookings from {shortDate(conflict.firstNight)} —{' '}
              {conflict.bookingIds.map((id) => names.get(id) ?? 'a booking').join(' and ')}
              <small class="muted"> · seen {clockTime(conflict.detectedAt)}</small>
            </p>
            <div class="panel-actions">
              {conflict.choices.map((choice, index) => (
                <button
                  key={`${choice.kind}:${choice.bookingId}:${choice.roomId ?? ''}`}
                  type="button"
                  class={`btn btn-small ${choice.kind === 'move_booking' ? '' : 'btn-primary'}`}
                  data-choice={choice.kind}
                  disabled={busy !== null}
                  onClick={() => void choose(conflict, choice, index)}
                >
                  {busy === `${conflict.id}:${index}` ? 'Moving…' : choice.label}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
