import { describe, expect, it } from 'vitest';
import { tableState, type TableFacts } from './table-state.ts';

const facts = (overrides: Partial<TableFacts>): TableFacts => ({
  hasOpenVisit: true,
  orderStatuses: [],
  pendingRequestKinds: [],
  ...overrides,
});

describe('tableState', () => {
  it('is free without an open visit, whatever else is known', () => {
    expect(tableState(facts({ hasOpenVisit: false }))).toBe('free');
    expect(tableState(facts({ hasOpenVisit: false, orderStatuses: ['placed'], pendingRequestKinds: ['bill'] }))).toBe('free');
  });

  it('is open for a visit that has not ordered yet', () => {
    expect(tableState(facts({}))).toBe('open');
    expect(tableState(facts({ pendingRequestKinds: ['waiter'] }))).toBe('open');
  });

  it('is browsing while guests who opened the menu by the QR code have not ordered, and seated once staff seat them', () => {
    expect(tableState(facts({ openedByGuest: true }))).toBe('browsing');
    expect(tableState(facts({ openedByGuest: true, orderStatuses: ['placed'] }))).toBe('waiting');
    expect(tableState(facts({ openedByGuest: true, orderStatuses: ['cancelled'] }))).toBe('open');
    expect(tableState(facts({ openedByGuest: true, pendingRequestKinds: ['bill'] }))).toBe('bill');
    expect(tableState(facts({ openedByGuest: false }))).toBe('open');
  });

  it('is waiting while any order is in the kitchen: placed, accepted, preparing or ready', () => {
    for (const status of ['placed', 'accepted', 'preparing', 'ready'] as const) {
      expect(tableState(facts({ orderStatuses: ['served', status] }))).toBe('waiting');
    }
  });

  it('is ordering once every live order has been served', () => {
    expect(tableState(facts({ orderStatuses: ['served'] }))).toBe('ordering');
    expect(tableState(facts({ orderStatuses: ['served', 'cancelled', 'voided'] }))).toBe('ordering');
  });

  it('does not count cancelled or voided orders: a table with only those is still open', () => {
    expect(tableState(facts({ orderStatuses: ['cancelled', 'voided'] }))).toBe('open');
  });

  it('shows a pending bill request above everything else', () => {
    expect(tableState(facts({ pendingRequestKinds: ['bill'] }))).toBe('bill');
    expect(tableState(facts({ orderStatuses: ['preparing'], pendingRequestKinds: ['waiter', 'bill'] }))).toBe('bill');
  });

  it('is not changed by a waiter call alone', () => {
    expect(tableState(facts({ orderStatuses: ['ready'], pendingRequestKinds: ['waiter'] }))).toBe('waiting');
  });
});
