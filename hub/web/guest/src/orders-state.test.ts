import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from './i18n/index.ts';
import { chargedMinor, itemLabel, mergeFetched, orderLabel, upsertOrder } from './orders-state.ts';
import type { Order, OrderItem } from './types.ts';

const order = (id: string, status: Order['status'], updatedAt: string, createdAt = '2025-01-01T12:00:00.000Z'): Order => ({
  id,
  number: 1,
  visitId: 'v',
  tableId: 't',
  tableName: 'Table 1',
  status,
  rush: false,
  placedBy: 'guest',
  totalMinor: 100,
  currency: 'EUR',
  createdAt,
  updatedAt,
  statusReason: null,
  guestMessage: null,
  items: [],
});

describe('orders state', () => {
  it('never lets an older copy replace a newer one', () => {
    const ready = order('a', 'ready', '2025-01-01T12:05:00.000Z');
    const placed = order('a', 'placed', '2025-01-01T12:00:00.000Z');
    expect(upsertOrder([ready], placed)).toEqual([ready]);
    expect(upsertOrder([placed], ready)).toEqual([ready]);
  });

  it('keeps orders a fetch did not know about yet and sorts newest first', () => {
    const mine = order('b', 'placed', '2025-01-01T12:10:00.000Z', '2025-01-01T12:10:00.000Z');
    const older = order('a', 'served', '2025-01-01T12:05:00.000Z');
    expect(mergeFetched([mine], [older]).map((o) => o.id)).toEqual(['b', 'a']);
  });

  it('names each item’s own state, and a comped item as on the house', () => {
    expect(itemLabel({ status: 'served', comped: false })).toBe('item_served');
    expect(itemLabel({ status: 'voided', comped: false })).toBe('item_voided');
    expect(itemLabel({ status: 'voided', comped: true })).toBe('item_comped');
    expect(itemLabel({ status: 'cancelled', comped: false })).toBe('item_cancelled');
    expect(DICTIONARIES.ru![itemLabel({ status: 'voided', comped: true })]).toBe('За счёт заведения');
  });

  it('charges only what was neither cancelled nor voided, and names a comped order on the house', () => {
    const item = (status: OrderItem['status'], totalMinor: number, comped = false) => ({ status, totalMinor, comped }) as OrderItem;
    const mixed = { ...order('a', 'served', '2025-01-01T12:05:00.000Z'), items: [item('served', 450), item('cancelled', 280), item('voided', 1450, true)] };
    expect(chargedMinor(mixed)).toBe(450);
    expect(orderLabel(mixed)).toBe('status_served');
    const comped = { ...mixed, status: 'voided' as const, items: [item('cancelled', 450), item('voided', 280, true)] };
    expect(orderLabel(comped)).toBe('item_comped');
    expect(orderLabel({ ...comped, items: [item('voided', 280)] })).toBe('status_voided');
  });
});
