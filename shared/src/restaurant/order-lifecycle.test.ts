import { describe, expect, it } from 'vitest';
import { checkTransition, nextStatuses, statusFromItems } from './order-lifecycle.ts';

describe('order lifecycle', () => {
  it('lets a waiter accept a placed order but not void it', () => {
    expect(checkTransition('placed', 'accepted', 'waiter', null)).toEqual({ ok: true });
    expect(checkTransition('accepted', 'voided', 'waiter', 'spilt')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('needs a reason to cancel or void', () => {
    expect(checkTransition('placed', 'cancelled', 'manager', '  ')).toMatchObject({ ok: false, code: 'reason_required' });
    expect(checkTransition('ready', 'voided', 'manager', 'guest left')).toEqual({ ok: true });
  });

  it('explains a refused transition in words, naming what can happen instead', () => {
    const check = checkTransition('ready', 'accepted', 'waiter', null, 'Order #17');
    expect(check).toEqual({ ok: false, code: 'invalid_transition', message: 'Order #17 is ready; it can be served or voided.' });
  });

  it('never lets a person move an order to a status the kitchen drives', () => {
    expect(checkTransition('accepted', 'ready', 'manager', null)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(nextStatuses('placed', 'waiter')).toEqual(['accepted', 'cancelled']);
  });

  it('derives preparing and ready from the items, and back to preparing on a recall', () => {
    expect(statusFromItems('placed', ['ready', 'pending'])).toBe('preparing');
    expect(statusFromItems('preparing', ['ready', 'ready', 'cancelled'])).toBe('ready');
    expect(statusFromItems('ready', ['ready', 'pending'])).toBe('preparing');
    expect(statusFromItems('accepted', ['pending'])).toBe('accepted');
    expect(statusFromItems('voided', ['ready'])).toBe('voided');
  });
});
