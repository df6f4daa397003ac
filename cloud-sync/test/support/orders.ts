import type { Order } from '@onemoment/shared/schemas/orders';
import { newId } from '@onemoment/shared/ids';

const MENU = [
  { menuItemId: 'burger', name: 'Burger', priceMinor: 1450, station: 'grill' },
  { menuItemId: 'salad', name: 'Greek salad', priceMinor: 990, station: 'cold' },
  { menuItemId: 'lemonade', name: 'Lemonade', priceMinor: 450, station: 'bar' },
] as const;

/** An order in the hub's shape, with three lines; `quantities` picks how many of each. */
export function makeOrder(number: number, createdAt: string, quantities: [number, number, number] = [1, 1, 2]): Order {
  const items = MENU.map((menu, index) => ({
    id: newId(),
    menuItemId: menu.menuItemId,
    name: menu.name,
    names: { en: menu.name },
    quantity: quantities[index]!,
    unitPriceMinor: menu.priceMinor,
    totalMinor: menu.priceMinor * quantities[index]!,
    modifiers: [],
    note: null,
    station: menu.station,
    allergens: [],
    status: 'pending' as const,
    readyAt: null,
    statusReason: null,
    guestMessage: null,
    comped: false,
  })).filter((item) => item.quantity > 0);
  return {
    id: newId(),
    number,
    businessDay: createdAt.slice(0, 10),
    visitId: newId(),
    tableId: 'table-1',
    tableName: 'Table 1',
    status: 'placed',
    rush: false,
    placedBy: 'guest',
    totalMinor: items.reduce((sum, item) => sum + item.totalMinor, 0),
    currency: 'EUR',
    createdAt,
    updatedAt: createdAt,
    statusReason: null,
    guestMessage: null,
    items,
  };
}

/** The same order moved on: every line ready at `at` (and the order ready). */
export function readyOrder(order: Order, at: string): Order {
  return { ...order, status: 'ready', updatedAt: at, items: order.items.map((item) => ({ ...item, status: 'ready' as const, readyAt: at, statusReason: null, guestMessage: null, comped: false })) };
}

export function endedOrder(order: Order, status: 'cancelled' | 'voided', at: string): Order {
  return { ...order, status, statusReason: 'test', updatedAt: at, items: order.items.map((item) => ({ ...item, status })) };
}
