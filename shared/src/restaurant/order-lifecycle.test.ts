import { describe, expect, it } from 'vitest';
import {
  checkItemStep,
  checkItemTransition,
  checkTransition,
  effectOf,
  ITEM_STEPS,
  ITEM_TARGETS,
  ITEM_TRANSITIONS,
  itemStatusesAfter,
  MANUAL_TARGETS,
  nextStatuses,
  ORDER_TRANSITIONS,
  orderStatusAfterItemChange,
  statusFromItems,
  type ItemStatus,
} from './order-lifecycle.ts';

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

describe('what a transition does (the effect beside each row)', () => {
  it('serving serves what is still pending or ready, and keeps no reason', () => {
    const effect = effectOf('served');
    expect(effect.reason).toBe('none');
    expect(itemStatusesAfter(effect, ['pending', 'ready', 'cancelled'])).toEqual(['served', 'served', 'cancelled']);
  });

  it('cancelling and voiding end every item still in play, keep items already ended as they were, and keep the reason', () => {
    expect(itemStatusesAfter(effectOf('cancelled'), ['pending', 'ready', 'served', 'voided'])).toEqual(['cancelled', 'cancelled', 'cancelled', 'voided']);
    expect(itemStatusesAfter(effectOf('voided'), ['served', 'cancelled', 'ready'])).toEqual(['voided', 'cancelled', 'voided']);
    expect(effectOf('cancelled').reason).toBe('keep');
    expect(effectOf('voided').reason).toBe('keep');
  });

  it('accepting and the kitchen-driven steps leave the items alone', () => {
    for (const to of ['accepted', 'preparing', 'ready'] as const) {
      expect(itemStatusesAfter(effectOf(to), ['pending', 'ready'])).toEqual(['pending', 'ready']);
    }
  });

  it('gives every manual target one row, and a reason is kept exactly where one is required', () => {
    for (const to of MANUAL_TARGETS) expect(ORDER_TRANSITIONS.filter((t) => t.to === to)).toHaveLength(1);
    for (const transition of ORDER_TRANSITIONS) expect(transition.effect.reason === 'keep').toBe(transition.needsReason);
  });
});

describe("the kitchen's steps on one item", () => {
  it('bumps a pending item to ready, stamping the time, and recalls a ready one to pending, clearing it', () => {
    expect(checkItemStep('bump', 'pending', 'Burger on order #3')).toEqual({ ok: true, to: 'ready', readyAt: 'now' });
    expect(checkItemStep('recall', 'ready', 'Burger on order #3')).toEqual({ ok: true, to: 'pending', readyAt: 'clear' });
  });

  it('refuses a step that does not apply, with a sentence for the cook', () => {
    expect(checkItemStep('bump', 'ready', 'Burger on order #3')).toEqual({
      ok: false,
      code: 'item_already_ready',
      message: 'Burger on order #3 is already ready; recall it to make it again.',
    });
    expect(checkItemStep('recall', 'pending', 'Soup on order #4')).toEqual({
      ok: false,
      code: 'item_not_ready',
      message: 'Soup on order #4 has not been bumped, so there is nothing to recall.',
    });
    expect(checkItemStep('bump', 'served', 'Tea on order #5')).toMatchObject({ ok: false, code: 'item_already_ready' });
  });

  it('a bump and its recall bring the order back to where the items say', () => {
    const afterBump = ITEM_STEPS.bump.to;
    expect(statusFromItems('accepted', [afterBump, 'pending'])).toBe('preparing');
    expect(statusFromItems('preparing', [ITEM_STEPS.recall.to, 'pending'])).toBe('preparing');
    expect(statusFromItems('accepted', [afterBump])).toBe('ready');
  });
});

describe('a person acting on one item', () => {
  const burger = (status: ItemStatus) => ({ status, label: 'Burger of order #3' });

  it('serves a ready item while its order is open, for floor staff only', () => {
    expect(checkItemTransition(burger('ready'), 'preparing', 'served', 'waiter', null)).toEqual({ ok: true });
    expect(checkItemTransition(burger('ready'), 'ready', 'served', 'front_desk', null)).toEqual({ ok: true });
    expect(checkItemTransition(burger('ready'), 'ready', 'served', 'kitchen', null)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkItemTransition(burger('pending'), 'accepted', 'served', 'waiter', null)).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: 'Burger of order #3 is still being prepared: bump it on the kitchen screen first.',
    });
  });

  it('cancels only what the kitchen has not started, and asks a manager to void the rest', () => {
    expect(checkItemTransition(burger('pending'), 'placed', 'cancelled', 'waiter', 'Changed mind')).toEqual({ ok: true });
    expect(checkItemTransition(burger('pending'), 'preparing', 'cancelled', 'waiter', 'Changed mind')).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: 'Burger of order #3 cannot be cancelled: its order is being prepared; the kitchen has started it, so a manager voids it instead.',
    });
    expect(checkItemTransition(burger('pending'), 'placed', 'cancelled', 'waiter', ' ')).toMatchObject({ ok: false, code: 'reason_required' });
    expect(checkItemTransition(burger('served'), 'placed', 'cancelled', 'waiter', 'x')).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('voids any item not already cancelled or voided, even of a served order, for managers only', () => {
    for (const status of ['pending', 'ready', 'served'] as const) {
      expect(checkItemTransition(burger(status), 'served', 'voided', 'manager', 'Cold')).toEqual({ ok: true });
    }
    expect(checkItemTransition(burger('served'), 'served', 'voided', 'waiter', 'Cold')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkItemTransition(burger('voided'), 'served', 'voided', 'manager', 'Cold')).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(checkItemTransition(burger('served'), 'cancelled', 'voided', 'manager', 'Cold')).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('moves the order along with its items', () => {
    // Something is still owed: the kitchen's rule decides.
    expect(orderStatusAfterItemChange('accepted', ['pending', 'served'])).toBe('accepted');
    expect(orderStatusAfterItemChange('preparing', ['ready', 'cancelled'])).toBe('ready');
    // A served order stays served while an item of it is voided.
    expect(orderStatusAfterItemChange('served', ['served', 'voided'])).toBe('served');
    // Nothing is owed: served if anything was, else voided if anything was, else cancelled.
    expect(orderStatusAfterItemChange('ready', ['served', 'cancelled'])).toBe('served');
    expect(orderStatusAfterItemChange('placed', ['voided', 'cancelled'])).toBe('voided');
    expect(orderStatusAfterItemChange('placed', ['cancelled', 'cancelled'])).toBe('cancelled');
  });

  it('has one row per item target', () => {
    for (const to of ITEM_TARGETS) expect(ITEM_TRANSITIONS.filter((t) => t.to === to)).toHaveLength(1);
  });
});
