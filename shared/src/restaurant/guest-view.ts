import type { DomainEvent } from '../events/domain-events.ts';
import type { Order } from '../schemas/orders.ts';

/**
 * What a guest may see of an order: everything but the staff's own words. A reason ("comped by the
 * manager", "guest was rude") is written for colleagues; the guest sees only a message staff chose to
 * give them. Used by every guest answer and by the guest socket, so no path leaks it.
 */
export function guestViewOfOrder(order: Order): Order {
  const items = order.items.some((item) => item.statusReason !== null)
    ? order.items.map((item) => (item.statusReason === null ? item : { ...item, statusReason: null }))
    : order.items;
  if (order.statusReason === null && items === order.items) return order;
  return { ...order, statusReason: null, items };
}

/** An event as the guest socket sends it: orders through guestViewOfOrder, everything else as it is. */
export function guestViewOfEvent(event: DomainEvent): DomainEvent {
  if (event.type === 'order.placed' || event.type === 'order.updated') {
    const payload = guestViewOfOrder(event.payload);
    return payload === event.payload ? event : { ...event, payload };
  }
  return event;
}
