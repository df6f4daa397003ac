import { describe, expect, it } from 'vitest';
import type { Order, OrderItem } from '../types.ts';
import { closeVisitBody, owedItems } from './close-visit.ts';

function item(id: string, status: OrderItem['status'], quantity = 1): OrderItem {
  return {
    id,
    menuItemId: id,
    name: `Dish ${id}`,
    names: { en: `Dish ${id}` },
    quantity,
    unitPriceMinor: 500,
    totalMinor: 500 * quantity,
    modifiers: [],
    note: null,
    station: 'grill',
    allergens: [],
    status,
    readyAt: null,
    statusReason: null,
    guestMessage: null,
    comped: false,
  };
}

function order(id: string, number: number, visitId: string, items: OrderItem[]): Order {
  return {
    id,
    number,
    businessDay: '2026-06-01',
    visitId,
    tableId: 'table-4',
    tableName: 'Table 4',
    status: 'preparing',
    rush: false,
    placedBy: 'guest',
    totalMinor: 1000,
    currency: 'EUR',
    createdAt: '2026-06-01T12:00:00.000Z',
    updatedAt: '2026-06-01T12:00:00.000Z',
    statusReason: null,
    guestMessage: null,
    items,
  };
}

describe('the items a closing visit still owes', () => {
  it('lists pending and ready items of the visit, first order first, and nothing else', () => {
    const orders = [
      order('o2', 2, 'v1', [item('soup', 'ready', 2), item('tea', 'served')]),
      order('o1', 1, 'v1', [item('steak', 'pending'), item('cake', 'cancelled'), item('wine', 'voided')]),
      order('o3', 3, 'other-visit', [item('fries', 'pending')]),
    ];
    expect(owedItems(orders, 'v1')).toEqual([
      { orderId: 'o1', orderNumber: 1, itemId: 'steak', name: 'Dish steak', quantity: 1, status: 'pending' },
      { orderId: 'o2', orderNumber: 2, itemId: 'soup', name: 'Dish soup', quantity: 2, status: 'ready' },
    ]);
  });

  it('is empty when everything was served, cancelled or voided', () => {
    expect(owedItems([order('o1', 1, 'v1', [item('a', 'served'), item('b', 'cancelled')])], 'v1')).toEqual([]);
  });
});

describe('the close request', () => {
  it('marks them served with nothing else', () => {
    expect(closeVisitBody('serve', 'ignored', 'ignored')).toEqual({ openItems: 'serve' });
  });

  it('cancels them with the reason, and the message for the guest only when there is one', () => {
    expect(closeVisitBody('cancel', ' guests left ', '  ')).toEqual({ openItems: 'cancel', reason: 'guests left' });
    expect(closeVisitBody('cancel', 'guests left', ' See you soon ')).toEqual({ openItems: 'cancel', reason: 'guests left', guestMessage: 'See you soon' });
  });
});
