/**
 * The visit's orders as the page holds them: merged from HTTP reads and socket events, which may
 * arrive in either order, so an older copy of an order never replaces a newer one.
 */
import type { MessageKey } from './i18n/index.ts';
import type { Order, OrderItem } from './types.ts';

function newer(incoming: Order, existing: Order | undefined): boolean {
  return !existing || incoming.updatedAt >= existing.updatedAt;
}

function sorted(orders: Order[]): Order[] {
  return orders.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.number - a.number));
}

export function upsertOrder(orders: readonly Order[], incoming: Order): Order[] {
  const existing = orders.find((o) => o.id === incoming.id);
  if (!newer(incoming, existing)) return orders as Order[];
  return sorted([...orders.filter((o) => o.id !== incoming.id), incoming]);
}

/**
 * A fresh read merged into what the page holds: orders are never deleted (a cancelled one stays), and an
 * order just delivered by our own POST may be missing from a read that started earlier, so it is a union.
 */
export function mergeFetched(orders: readonly Order[], fetched: readonly Order[]): Order[] {
  let merged = [...orders];
  for (const order of fetched) merged = upsertOrder(merged, order);
  return merged;
}

/**
 * The words for an item's own state: items move one by one, so a served drink sits beside a burger
 * still cooking, and a voided item that was given free reads "On the house", not "Cancelled".
 */
export function itemLabel(item: Pick<OrderItem, 'status' | 'comped'>): MessageKey {
  return item.status === 'voided' && item.comped ? 'item_comped' : (`item_${item.status}` as MessageKey);
}

/** What the guest pays for an order: its items that were neither cancelled nor voided (comped is free). */
export { chargedMinor } from '@onemoment/shared/restaurant/order-totals';

/**
 * The words for the order's chip. An order ends "voided" when its last owed item is voided; if what
 * was voided was given free, the guest reads "On the house", not "Cancelled".
 */
export function orderLabel(order: Pick<Order, 'status' | 'items'>): MessageKey {
  if (order.status === 'voided' && order.items.some((item) => item.status === 'voided' && item.comped)) return 'item_comped';
  return `status_${order.status}` as MessageKey;
}
