/**
 * Taking a booking action from the front desk: one request at a time per booking (a double tap is
 * one check-in), the hub's answer in a toast, and checkout through the folio when money is due.
 */
import { useRef, useState } from 'preact/hooks';
import type { BookingAction } from '@onemoment/shared/hotel/booking-lifecycle';
import type { Booking, Folio } from '@onemoment/shared/schemas/hotel';
import { ApiError, api, describeError } from '../api.ts';
import { money } from '../format.ts';
import { notify } from '../toasts.tsx';
import { checkoutStep } from './folio-words.ts';
import { actionDoneText, refusalText } from './stay-words.ts';

export const bookingPath = (id: string) => `/api/hotel/bookings/${encodeURIComponent(id)}`;

export function loadFolio(bookingId: string): Promise<Folio> {
  return api.get<Folio>(`${bookingPath(bookingId)}/folio`);
}

export interface BookingActions {
  /** Booking ids with a request on the way (their buttons wait). */
  busy: ReadonlySet<string>;
  /** Takes an action; Check out opens the folio instead while money is due. Resolves to the booking after it, or null. */
  run: (booking: Booking, action: BookingAction, reason?: string) => Promise<Booking | null>;
}

/**
 * `onFolioDue` is called with the folio when a checkout needs a payment first; `onChanged` after any
 * action went through (the page reads the desk again without waiting for the socket).
 */
export function useBookingActions(onFolioDue: (booking: Booking, folio: Folio) => void, onChanged: () => void): BookingActions {
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const sending = useRef(new Set<string>());

  const mark = (id: string, on: boolean) => {
    if (on) sending.current.add(id);
    else sending.current.delete(id);
    setBusy(new Set(sending.current));
  };

  const refuse = async (booking: Booking, error: unknown) => {
    if (!(error instanceof ApiError)) {
      notify(describeError(error), 'error');
      return;
    }
    if (error.code === 'folio_not_paid') {
      // Money became due since the folio was read (room service charged at checkout): show it.
      const folio = await loadFolio(booking.id).catch(() => null);
      notify(refusalText(error.code, error.message, booking, folio ? money(folio.dueMinor, folio.currency) : undefined), 'error');
      if (folio) onFolioDue(booking, folio);
      return;
    }
    notify(refusalText(error.code, error.message, booking), 'error');
  };

  const run = async (booking: Booking, action: BookingAction, reason?: string): Promise<Booking | null> => {
    if (sending.current.has(booking.id)) return null;
    mark(booking.id, true);
    try {
      if (action === 'check-out') {
        const folio = await loadFolio(booking.id);
        if (checkoutStep(folio) === 'pay') {
          onFolioDue(booking, folio);
          return null;
        }
      }
      const after = await api.post<Booking>(`${bookingPath(booking.id)}/${action}`, reason ? { reason } : {});
      notify(actionDoneText(action, after));
      onChanged();
      return after;
    } catch (error) {
      await refuse(booking, error);
      return null;
    } finally {
      mark(booking.id, false);
    }
  };

  return { busy, run };
}
