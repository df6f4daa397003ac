/**
 * Bookings as the front desk reads them: the stay in a few words, the one-tap button of each row
 * (from the booking lifecycle's table, for the person's role), and the hub's refusals said so the
 * person knows what to do next. Pure, tested beside it.
 */
import { actionsFor, type BookingAction } from '@onemoment/shared/hotel/booking-lifecycle';
import { nightsBetween } from '@onemoment/shared/hotel/stay-dates';
import type { StaffRole } from '@onemoment/shared/restaurant/order-lifecycle';
import type { Booking, RoomType } from '@onemoment/shared/schemas/hotel';

export type DeskList = 'arrivals' | 'departures' | 'inHouse';

export function nightsText(nights: number): string {
  return nights === 1 ? '1 night' : `${nights} nights`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "7 Dec" for 2026-12-07: a calendar date, never shifted by a time zone. */
export function shortDate(date: string): string {
  const [, month, day] = date.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? '?'}`;
}

/** "7 Dec → 9 Dec · 2 nights". */
export function stayText(stay: { arrival: string; departure: string }): string {
  return `${shortDate(stay.arrival)} → ${shortDate(stay.departure)} · ${nightsText(nightsBetween(stay.arrival, stay.departure))}`;
}

/** "Double · room 204", or "Double · no room yet" before one is given. */
export function roomText(booking: Booking, roomTypes: readonly RoomType[]): string {
  const type = roomTypes.find((t) => t.id === booking.roomTypeId)?.name ?? booking.roomTypeId;
  return `${type} · ${booking.roomNumber ? `room ${booking.roomNumber}` : 'no room yet'}`;
}

export function guestsText(booking: Pick<Booking, 'adults' | 'children'>): string {
  const adults = booking.adults === 1 ? '1 adult' : `${booking.adults} adults`;
  if (booking.children === 0) return adults;
  return `${adults}, ${booking.children === 1 ? '1 child' : `${booking.children} children`}`;
}

export const ACTION_LABELS: Record<BookingAction, string> = {
  confirm: 'Confirm',
  'check-in': 'Check in',
  'check-out': 'Check out',
  cancel: 'Cancel booking',
  'no-show': 'No-show',
};

/**
 * The one button of a row, if the role may take it: Check in on an arrival, Check out on a departure
 * or a guest in house (leaving early). Everything else is in the booking's detail.
 */
export function rowAction(booking: Booking, list: DeskList, role: StaffRole): BookingAction | null {
  const wanted: BookingAction = list === 'arrivals' ? 'check-in' : 'check-out';
  return actionsFor(booking.status, role).includes(wanted) ? wanted : null;
}

/** The detail's buttons: every action the role may take now, the row's one-tap action first. */
export function detailActions(booking: Booking, role: StaffRole): BookingAction[] {
  const order: BookingAction[] = ['check-in', 'check-out', 'confirm', 'cancel', 'no-show'];
  const allowed = actionsFor(booking.status, role);
  return order.filter((action) => allowed.includes(action));
}

export const STATUS_LABELS: Record<Booking['status'], string> = {
  tentative: 'Tentative',
  confirmed: 'Confirmed',
  checked_in: 'In house',
  checked_out: 'Checked out',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

/** A short name for a booking in toasts: "Guest A (room 101)". */
export function bookingName(booking: Pick<Booking, 'guest' | 'roomNumber'>): string {
  return booking.roomNumber ? `${booking.guest.name} (room ${booking.roomNumber})` : booking.guest.name;
}

/** What the desk is told after a booking action went through. */
export function actionDoneText(action: BookingAction, booking: Booking): string {
  switch (action) {
    case 'check-in':
      return `${booking.guest.name} checked in${booking.roomNumber ? ` to room ${booking.roomNumber}` : ''}.`;
    case 'check-out':
      return `${bookingName(booking)} checked out. The room is marked dirty for housekeeping.`;
    case 'confirm':
      return `Booking for ${booking.guest.name} confirmed.`;
    case 'cancel':
      return `Booking for ${booking.guest.name} cancelled.`;
    case 'no-show':
      return `${booking.guest.name} marked as a no-show.`;
  }
}

/**
 * The hub's refusal of a booking action, said for the desk. `dueText` is the folio's amount due as
 * money, when known. Other refusals keep the hub's own sentence.
 */
export function refusalText(code: string, hubMessage: string, booking: { guest: { name: string } }, dueText?: string): string {
  switch (code) {
    case 'no_room_ready':
      // The hub says which rooms are free but not cleaned, or that an upgrade is the way.
      return `${booking.guest.name} cannot check in yet. ${hubMessage || 'No room of this type is ready: ask housekeeping.'}`;
    case 'folio_not_paid':
      return dueText ? `${booking.guest.name} still owes ${dueText}: take the payment, then check out.` : hubMessage;
    case 'room_unavailable':
      return `That room is taken on some of those nights. Pick another room or other dates. ${hubMessage}`.trim();
    default:
      return hubMessage;
  }
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Monday 7 December 2026": the desk's day, as the hub's venue-local date says. */
export function longDate(date: string): string {
  const at = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAY_NAMES[(at.getUTCDay() + 6) % 7]} ${at.getUTCDate()} ${MONTH_NAMES[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
}
