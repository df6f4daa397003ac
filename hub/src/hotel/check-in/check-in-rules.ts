/**
 * The check-in page's rules, pure: which stays a guest may still check in to, whether the dates a
 * guest typed are the booking's, and how free text is kept. The service and routes only apply them.
 */
import type { BookingStatus } from '@onemoment/shared/schemas/hotel';

/** A refusal the routes send as it is: an HTTP status, a stable code and a sentence for the guest. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** Stays whose check-in page still works: booked (held or confirmed) or in house. */
const OPEN_STATUSES: ReadonlySet<BookingStatus> = new Set(['tentative', 'confirmed', 'checked_in']);

const ENDED: Partial<Record<BookingStatus, string>> = {
  checked_out: 'This stay has ended (you have checked out), so its check-in page is closed. Thank you for staying with us!',
  cancelled: 'This booking was cancelled, so its check-in page is closed. Please ask the front desk if you think this is wrong.',
  no_show: 'This booking was closed as a no-show, so its check-in page is closed. Please ask the front desk for help.',
};

/**
 * Why a stay's check-in page no longer opens (or a token of it no longer works), or null while it
 * does. 410: the link is gone for good, unlike a wrong code (404) or an expired token (401).
 */
export function stayClosedRefusal(status: BookingStatus): Refusal | null {
  if (OPEN_STATUSES.has(status)) return null;
  return { status: 410, code: 'stay_closed', message: ENDED[status] ?? 'This stay is closed, so its check-in page is closed.' };
}

export function isStayOpen(status: BookingStatus): boolean {
  return OPEN_STATUSES.has(status);
}

const formatDate = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/**
 * The registration must be for the booked stay: the card a guest signs states their dates. A guest
 * whose plans changed asks the front desk to move the booking first (the desk checks the room is free).
 */
export function datesRefusal(booking: { arrival: string; departure: string }, typed: { arrival: string; departure: string }): Refusal | null {
  if (booking.arrival === typed.arrival && booking.departure === typed.departure) return null;
  if (typed.departure <= typed.arrival) {
    return { status: 400, code: 'dates_invalid', message: 'The departure date must be after the arrival date.' };
  }
  const booked = `${formatDate(booking.arrival)} to ${formatDate(booking.departure)}`;
  return {
    status: 409,
    code: 'dates_mismatch',
    message: `Your booking is from ${booked}, but the form says ${formatDate(typed.arrival)} to ${formatDate(typed.departure)}. Use the booked dates, or ask the front desk to change your booking first.`,
  };
}

// Line breaks in a one-line field, C0/C1 controls and the invisible bidirectional overrides that can
// make a name or an address read differently from what it says (a printed card shows the text as is).
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A guest's free text as it is stored: literal (HTML stays as the characters typed; every page and
 * document shows it as text), NFC, one line, trimmed. Null when nothing printable is left.
 */
export function cleanFreeText(raw: string): string | null {
  const cleaned = raw.normalize('NFC').replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

/** Document numbers are compared and printed in one form: capitals, single spaces. */
export function normalizeDocumentNumber(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toUpperCase();
}
