import type { Ticket } from '@onemoment/shared/schemas/kitchen';
import { EXPO_STATION } from '@onemoment/shared/schemas/kitchen';
import type { Order } from '@onemoment/shared/schemas/orders';

/**
 * An order as a station's screen shows it: the station's items only (expo sees every station's), and
 * only while something is still to cook there.
 */
export function ticketOf(order: Order, station: string): Ticket | null {
  const items = station === EXPO_STATION ? order.items : order.items.filter((item) => item.station === station);
  if (!items.some((item) => item.status === 'pending')) return null;
  return { orderId: order.id, number: order.number, tableName: order.tableName, station, rush: order.rush, placedAt: order.createdAt, items };
}

/** The order a cook works in: rush tickets first, then the oldest; the order number breaks ties. */
export function compareTickets(a: Ticket, b: Ticket): number {
  if (a.rush !== b.rush) return a.rush ? -1 : 1;
  if (a.placedAt !== b.placedAt) return a.placedAt < b.placedAt ? -1 : 1;
  return a.number - b.number;
}

export function ticketsOf(orders: readonly Order[], station: string): Ticket[] {
  const tickets: Ticket[] = [];
  for (const order of orders) {
    const ticket = ticketOf(order, station);
    if (ticket) tickets.push(ticket);
  }
  return tickets.sort(compareTickets);
}
