/**
 * What a person may do to one item of an order, read from the shared lifecycle table
 * (`checkItemTransition`), so the page offers exactly what the hub would accept; and the request body
 * each action sends. Pure: tested beside it (item-actions.test.ts).
 */
import { ITEM_TARGETS, checkItemTransition, type ItemTarget } from '@onemoment/shared/restaurant/order-lifecycle';
import type { ItemTransitionBody } from '@onemoment/shared/schemas/orders';
import type { OrderItem, OrderStatus, StaffRole } from '../types.ts';

/** The actions to offer on an item: allowed now, or allowed once the person says why. */
export function itemActions(item: Pick<OrderItem, 'status'>, orderStatus: OrderStatus, role: StaffRole): ItemTarget[] {
  return ITEM_TARGETS.filter((to) => {
    const check = checkItemTransition({ status: item.status, label: '' }, orderStatus, to, role, null);
    return check.ok || check.code === 'reason_required';
  });
}

/** Cancel and void ask why (the hub refuses them without a reason); serving does not. */
export function asksWhy(to: ItemTarget): boolean {
  return to !== 'served';
}

/** A voided dish that reached the table was made and given away: comped, unless the manager says otherwise. */
export function compedByDefault(item: Pick<OrderItem, 'status'>): boolean {
  return item.status === 'served';
}

export interface ItemActionForm {
  reason: string;
  guestMessage: string;
  comped: boolean;
}

/**
 * The body for one item's transition: the reason and the guest's message trimmed and left out when
 * blank, and `comped` only with a void (the hub refuses it with anything else).
 */
export function itemTransitionBody(to: ItemTarget, form: ItemActionForm): ItemTransitionBody {
  const body: ItemTransitionBody = { to };
  if (to === 'served') return body;
  const reason = form.reason.trim();
  const guestMessage = form.guestMessage.trim();
  if (reason) body.reason = reason;
  if (guestMessage) body.guestMessage = guestMessage;
  if (to === 'voided') body.comped = form.comped;
  return body;
}

/** A form may be sent once it says why (when it must). */
export function canSend(to: ItemTarget, form: ItemActionForm): boolean {
  return !asksWhy(to) || form.reason.trim().length > 0;
}
