import type { DomainEvent } from '../events/domain-events.ts';
import type { Order } from '../schemas/orders.ts';
import type { BillView, Payment } from '../schemas/payments.ts';

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

/** A payment as a guest sees it: not who took it. */
export function guestViewOfPayment(payment: Payment): Payment {
  return payment.staffId === null ? payment : { ...payment, staffId: null };
}

/** A bill as a guest sees it: no discount's or write-off's reason, no staff names on payments. */
export function guestViewOfBill(bill: BillView): BillView {
  return {
    ...bill,
    discounts: bill.discounts.map((discount) => ({ ...discount, reason: null })),
    writeOffs: bill.writeOffs.map((writeOff) => ({ ...writeOff, reason: null })),
    payments: bill.payments.map(guestViewOfPayment),
  };
}

/** An event as the guest socket sends it: orders and payments through their guest views, everything else as it is. */
export function guestViewOfEvent(event: DomainEvent): DomainEvent {
  if (event.type === 'order.placed' || event.type === 'order.updated') {
    const payload = guestViewOfOrder(event.payload);
    return payload === event.payload ? event : { ...event, payload };
  }
  if (event.type === 'payment.recorded') {
    const payload = guestViewOfPayment(event.payload);
    return payload === event.payload ? event : { ...event, payload };
  }
  return event;
}
