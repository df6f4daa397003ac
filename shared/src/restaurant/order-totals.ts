import type { ItemStatus } from './order-lifecycle.ts';

/** Items that are not charged: cancelled before they were made, or voided (taken off, or comped: given free). */
const NOT_CHARGED: ReadonlySet<ItemStatus> = new Set(['cancelled', 'voided']);

/** Whether an item in this status is charged to the guest (bills are built from these). */
export function isCharged(status: ItemStatus): boolean {
  return !NOT_CHARGED.has(status);
}

/**
 * What an order comes to now: its items that were neither cancelled nor voided. An order's own
 * `totalMinor` stays what was ordered (reports compare the two); pages show this beside it.
 */
export function chargedMinor(order: { items: ReadonlyArray<{ status: ItemStatus; totalMinor: number }> }): number {
  return order.items.reduce((sum, item) => (isCharged(item.status) ? sum + item.totalMinor : sum), 0);
}
