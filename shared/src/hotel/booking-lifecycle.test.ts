import { describe, expect, it } from 'vitest';
import { BOOKING_STATUSES } from '../schemas/hotel.ts';
import { actionsFor, BOOKING_TRANSITIONS, checkBookingTransition, holdsRoom } from './booking-lifecycle.ts';

describe('booking lifecycle', () => {
  it('walks a stay from tentative to checked out', () => {
    expect(checkBookingTransition('tentative', 'confirm', 'front_desk')).toMatchObject({ ok: true, transition: { to: 'confirmed' } });
    expect(checkBookingTransition('confirmed', 'check-in', 'front_desk')).toMatchObject({ ok: true, transition: { to: 'checked_in' } });
    expect(checkBookingTransition('checked_in', 'check-out', 'front_desk')).toMatchObject({ ok: true, transition: { to: 'checked_out' } });
  });

  it('refuses what the table does not allow, saying why', () => {
    expect(checkBookingTransition('checked_out', 'check-in', 'manager')).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: 'This booking is checked out, so it cannot be marked checked in.',
    });
    expect(checkBookingTransition('checked_in', 'cancel', 'manager')).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(checkBookingTransition('confirmed', 'no-show', 'front_desk')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkBookingTransition('confirmed', 'check-in', 'waiter')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('ends in states nothing leaves, and only live stays hold a room', () => {
    for (const status of ['checked_out', 'cancelled', 'no_show'] as const) {
      expect(BOOKING_TRANSITIONS.some((t) => t.from.includes(status))).toBe(false);
      expect(holdsRoom(status)).toBe(false);
    }
    expect(BOOKING_STATUSES.filter(holdsRoom)).toEqual(['tentative', 'confirmed', 'checked_in']);
  });

  it('offers each role its buttons', () => {
    expect(actionsFor('confirmed', 'front_desk')).toEqual(['check-in', 'cancel']);
    expect(actionsFor('confirmed', 'manager')).toEqual(['check-in', 'cancel', 'no-show']);
    expect(actionsFor('checked_in', 'kitchen')).toEqual([]);
  });
});
