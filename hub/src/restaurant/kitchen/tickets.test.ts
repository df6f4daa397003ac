import { describe, expect, it } from 'vitest';
import type { Order, OrderItem } from '@onemoment/shared/schemas/orders';
import { ticketOf, ticketsOf } from './tickets.ts';

const item = (id: string, station: string, status: OrderItem['status'] = 'pending'): OrderItem => ({
  id,
  menuItemId: id,
  name: id,
  names: { en: id },
  quantity: 1,
  unitPriceMinor: 100,
  totalMinor: 100,
  modifiers: [],
  note: null,
  station,
  allergens: [],
  status,
  readyAt: status === 'ready' ? '2026-06-01T12:05:00.000Z' : null,
  statusReason: null,
  guestMessage: null,
  comped: false,
});

const order = (number: number, createdAt: string, items: OrderItem[], rush = false): Order => ({
  id: `order-${number}`,
  number,
  businessDay: '2026-06-01',
  visitId: 'visit',
  tableId: 'table-1',
  tableName: 'Table 1',
  status: 'placed',
  rush,
  placedBy: 'guest',
  totalMinor: 100 * items.length,
  currency: 'EUR',
  createdAt,
  updatedAt: createdAt,
  statusReason: null,
  guestMessage: null,
  items,
});

describe('ticketOf', () => {
  const mixed = order(1, '2026-06-01T12:00:00.000Z', [item('burger', 'grill'), item('salad', 'cold', 'ready'), item('beer', 'bar')]);

  it("shows a station only its own items", () => {
    expect(ticketOf(mixed, 'grill')?.items.map((i) => i.id)).toEqual(['burger']);
    expect(ticketOf(mixed, 'bar')?.items.map((i) => i.id)).toEqual(['beer']);
  });

  it('has no ticket for a station with nothing left to cook, or none of its items', () => {
    expect(ticketOf(mixed, 'cold')).toBeNull();
    expect(ticketOf(order(2, '2026-06-01T12:00:00.000Z', [item('beer', 'bar')]), 'grill')).toBeNull();
  });

  it('shows expo every station’s items while anything is pending', () => {
    expect(ticketOf(mixed, 'expo')).toMatchObject({ station: 'expo', number: 1, tableName: 'Table 1', placedAt: mixed.createdAt });
    expect(ticketOf(mixed, 'expo')?.items).toHaveLength(3);
  });
});

describe('ticketsOf', () => {
  it('puts rush tickets first, then the oldest, then the lower number', () => {
    const tickets = ticketsOf(
      [
        order(3, '2026-06-01T12:03:00.000Z', [item('a', 'grill')]),
        order(1, '2026-06-01T12:01:00.000Z', [item('b', 'grill')]),
        order(4, '2026-06-01T12:04:00.000Z', [item('c', 'grill')], true),
        order(2, '2026-06-01T12:01:00.000Z', [item('d', 'grill')]),
        order(5, '2026-06-01T12:00:00.000Z', [item('e', 'bar')]),
      ],
      'grill',
    );
    expect(tickets.map((t) => t.number)).toEqual([4, 1, 2, 3]);
  });
});
