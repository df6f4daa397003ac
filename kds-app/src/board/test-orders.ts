/** Orders as the hub sends them, for the board's unit tests (not used by the app itself). */
import type { Order, OrderItem } from '../types.ts';

export function testItem(id: string, station: string, status: OrderItem['status'] = 'pending'): OrderItem {
  return {
    id,
    menuItemId: `menu-${id}`,
    name: id,
    names: { en: id },
    quantity: 1,
    unitPriceMinor: 500,
    totalMinor: 500,
    modifiers: [],
    note: null,
    station,
    allergens: [],
    status,
    readyAt: null,
    statusReason: null,
    guestMessage: null,
    comped: false,
  };
}

export function testOrder(id: string, items: OrderItem[], extra: Partial<Order> = {}): Order {
  return {
    id,
    number: 1,
    businessDay: '2025-01-01',
    visitId: 'visit-1',
    tableId: 'table-1',
    tableName: 'Table 1',
    status: 'placed',
    rush: false,
    placedBy: 'guest',
    totalMinor: 500,
    currency: 'EUR',
    statusReason: null,
    guestMessage: null,
    createdAt: '2025-01-01T12:00:00.000Z',
    updatedAt: '2025-01-01T12:00:00.000Z',
    items,
    ...extra,
  };
}
