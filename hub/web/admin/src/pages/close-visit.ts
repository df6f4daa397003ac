/**
 * Closing a visit whose food is still coming: which items are still owed, and the request for the
 * choice a person made. Pure, tested beside it (close-visit.test.ts).
 */
import type { CloseVisitBody, OpenItemChoice } from '@onemoment/shared/schemas/floor';
import type { Order } from '../types.ts';

export interface OwedItem {
  orderId: string;
  orderNumber: number;
  itemId: string;
  name: string;
  quantity: number;
  status: 'pending' | 'ready';
}

/**
 * The visit's items the kitchen still owes (to cook, or cooked and not yet at the table), oldest order
 * first. The hub's refusal (409 visit_has_open_items) names the same items; the page reads them from
 * its live orders, which the socket keeps current.
 */
export function owedItems(orders: readonly Order[], visitId: string): OwedItem[] {
  return orders
    .filter((order) => order.visitId === visitId)
    .sort((a, b) => a.number - b.number)
    .flatMap((order) =>
      order.items.flatMap((item) =>
        item.status === 'pending' || item.status === 'ready'
          ? [{ orderId: order.id, orderNumber: order.number, itemId: item.id, name: item.name, quantity: item.quantity, status: item.status }]
          : [],
      ),
    );
}

/** The close request for a choice: serve them, or cancel them with a reason (and a word for the guest, if any). */
export function closeVisitBody(choice: OpenItemChoice, reason: string, guestMessage: string): CloseVisitBody {
  if (choice === 'serve') return { openItems: 'serve' };
  const body: CloseVisitBody = { openItems: 'cancel', reason: reason.trim() };
  if (guestMessage.trim()) body.guestMessage = guestMessage.trim();
  return body;
}
