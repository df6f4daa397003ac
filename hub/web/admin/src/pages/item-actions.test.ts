import { describe, expect, it } from 'vitest';
import { canSend, compedByDefault, itemActions, itemTransitionBody } from './item-actions.ts';

describe('the actions an item offers', () => {
  it('lets a waiter serve a ready item and cancel what the kitchen has not started', () => {
    expect(itemActions({ status: 'ready' }, 'accepted', 'waiter')).toEqual(['served', 'cancelled']);
    expect(itemActions({ status: 'pending' }, 'placed', 'waiter')).toEqual(['cancelled']);
    // Once the kitchen has started the order, a waiter can only serve what is ready.
    expect(itemActions({ status: 'ready' }, 'preparing', 'waiter')).toEqual(['served']);
    expect(itemActions({ status: 'pending' }, 'preparing', 'waiter')).toEqual([]);
  });

  it('lets a manager void, even an item already served', () => {
    expect(itemActions({ status: 'pending' }, 'preparing', 'manager')).toEqual(['voided']);
    expect(itemActions({ status: 'ready' }, 'accepted', 'manager')).toEqual(['served', 'cancelled', 'voided']);
    expect(itemActions({ status: 'served' }, 'served', 'manager')).toEqual(['voided']);
    expect(itemActions({ status: 'served' }, 'served', 'waiter')).toEqual([]);
  });

  it('lets front desk serve but not cancel or void, and the kitchen do nothing here', () => {
    expect(itemActions({ status: 'ready' }, 'accepted', 'front_desk')).toEqual(['served']);
    expect(itemActions({ status: 'ready' }, 'ready', 'kitchen')).toEqual([]);
  });

  it('offers nothing on an item that is already cancelled or voided, or on a finished order', () => {
    expect(itemActions({ status: 'cancelled' }, 'accepted', 'manager')).toEqual([]);
    expect(itemActions({ status: 'voided' }, 'served', 'manager')).toEqual([]);
    expect(itemActions({ status: 'pending' }, 'cancelled', 'manager')).toEqual([]);
  });
});

describe('the request an item action sends', () => {
  const blank = { reason: '', guestMessage: '', comped: false };

  it('serves with nothing else, whatever the form holds', () => {
    expect(itemTransitionBody('served', { reason: 'x', guestMessage: 'y', comped: true })).toEqual({ to: 'served' });
    expect(canSend('served', blank)).toBe(true);
  });

  it('cancels with the reason, and the guest message only when there is one; never comped', () => {
    expect(itemTransitionBody('cancelled', { reason: '  out of oat milk ', guestMessage: '   ', comped: true })).toEqual({ to: 'cancelled', reason: 'out of oat milk' });
    expect(itemTransitionBody('cancelled', { reason: 'out', guestMessage: ' Sorry, none left ', comped: false })).toEqual({
      to: 'cancelled',
      reason: 'out',
      guestMessage: 'Sorry, none left',
    });
  });

  it('voids with comped as the manager chose', () => {
    expect(itemTransitionBody('voided', { reason: 'cold', guestMessage: '', comped: true })).toEqual({ to: 'voided', reason: 'cold', comped: true });
    expect(itemTransitionBody('voided', { reason: 'never made', guestMessage: '', comped: false })).toEqual({ to: 'voided', reason: 'never made', comped: false });
  });

  it('will not send a cancel or void without a reason', () => {
    expect(canSend('cancelled', blank)).toBe(false);
    expect(canSend('voided', { ...blank, reason: '   ' })).toBe(false);
    expect(canSend('voided', { ...blank, reason: 'cold' })).toBe(true);
  });

  it('ticks comped by default for a dish that reached the table', () => {
    expect(compedByDefault({ status: 'served' })).toBe(true);
    expect(compedByDefault({ status: 'ready' })).toBe(false);
    expect(compedByDefault({ status: 'pending' })).toBe(false);
  });
});
