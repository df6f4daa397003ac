import type { StaffRole } from '../restaurant/order-lifecycle.ts';
import type { BookingStatus } from '../schemas/hotel.ts';

/** A change of a booking's status, by name (the route's last path segment). */
export type BookingAction = 'confirm' | 'check-in' | 'check-out' | 'cancel' | 'no-show';

export interface BookingTransition {
  action: BookingAction;
  from: readonly BookingStatus[];
  to: BookingStatus;
  allowed: readonly StaffRole[];
  needsReason: boolean;
}

const DESK: readonly StaffRole[] = ['front_desk', 'manager'];

/**
 * Every change of a booking's status, who may make it, and whether it needs a reason. The hub's
 * booking service and the front desk page's buttons both read this table.
 */
export const BOOKING_TRANSITIONS: readonly BookingTransition[] = [
  { action: 'confirm', from: ['tentative'], to: 'confirmed', allowed: DESK, needsReason: false },
  { action: 'check-in', from: ['confirmed', 'tentative'], to: 'checked_in', allowed: DESK, needsReason: false },
  { action: 'check-out', from: ['checked_in'], to: 'checked_out', allowed: DESK, needsReason: false },
  { action: 'cancel', from: ['tentative', 'confirmed'], to: 'cancelled', allowed: DESK, needsReason: true },
  // A no-show is a charge decision, so only a manager marks it.
  { action: 'no-show', from: ['confirmed', 'tentative'], to: 'no_show', allowed: ['manager'], needsReason: false },
];

/** Statuses that hold a room on their nights. */
export const HOLDS_ROOM: readonly BookingStatus[] = ['tentative', 'confirmed', 'checked_in'];

export function holdsRoom(status: BookingStatus): boolean {
  return HOLDS_ROOM.includes(status);
}

export type TransitionCheck = { ok: true; transition: BookingTransition } | { ok: false; code: 'invalid_transition' | 'forbidden'; message: string };

const LABELS: Record<BookingStatus, string> = {
  tentative: 'tentative',
  confirmed: 'confirmed',
  checked_in: 'checked in',
  checked_out: 'checked out',
  cancelled: 'cancelled',
  no_show: 'a no-show',
};

export function statusLabel(status: BookingStatus): string {
  return LABELS[status];
}

/** Whether `role` may take `action` on a booking in `status`. */
export function checkBookingTransition(status: BookingStatus, action: BookingAction, role: StaffRole): TransitionCheck {
  const transition = BOOKING_TRANSITIONS.find((t) => t.action === action);
  if (!transition) return { ok: false, code: 'invalid_transition', message: `There is no "${action}" for a booking.` };
  if (!transition.from.includes(status)) {
    return { ok: false, code: 'invalid_transition', message: `This booking is ${statusLabel(status)}, so it cannot be marked ${statusLabel(transition.to)}.` };
  }
  if (!transition.allowed.includes(role)) {
    return { ok: false, code: 'forbidden', message: `Only ${transition.allowed.join(' or ')} staff may mark a booking ${statusLabel(transition.to)}.` };
  }
  return { ok: true, transition };
}

/** The actions a role can take on a booking now (the front desk page's buttons). */
export function actionsFor(status: BookingStatus, role: StaffRole): BookingAction[] {
  return BOOKING_TRANSITIONS.filter((t) => t.from.includes(status) && t.allowed.includes(role)).map((t) => t.action);
}
