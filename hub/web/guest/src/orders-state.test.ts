import { describe, expect, it } from 'vitest';
import { mergeFetched, upsertOrder } from './orders-state.ts';
import type { Order } from './types.ts';

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
});
