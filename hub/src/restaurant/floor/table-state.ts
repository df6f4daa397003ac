import type { OrderStatus } from '@onemoment/shared/restaurant/order-lifecycle';
import type { RequestKind, TableState } from '@onemoment/shared/schemas/floor';

/** Statuses of an order the kitchen still owes the table. */
export const IN_KITCHEN: readonly OrderStatus[] = ['placed', 'accepted', 'preparing', 'ready'];

/** Orders that no longer count for the table: nothing is owed for them. */
export const NOT_COUNTED: readonly OrderStatus[] = ['cancelled', 'voided'];

export interface TableFacts {
  hasOpenVisit: boolean;
  /** The open visit was opened by a guest's QR scan, and no waiter has seated the party since. */
  openedByGuest?: boolean;
  /** Statuses of the open visit's orders (any, including cancelled and voided). */
  orderStatuses: readonly OrderStatus[];
  /** Kinds of the open visit's requests not yet acknowledged. */
  pendingRequestKinds: readonly RequestKind[];
}

/**
 * What a waiter sees at a glance on the floor plan. The most urgent fact wins: a bill request, then
 * food still to come, then a table that has eaten, then a table that has only sat down (or whose
 * guests only opened the menu by its QR code).
 */
export function tableState(facts: TableFacts): TableState {
  if (!facts.hasOpenVisit) return 'free';
  if (facts.pendingRequestKinds.includes('bill')) return 'bill';
  if (facts.orderStatuses.some((status) => IN_KITCHEN.includes(status))) return 'waiting';
  if (facts.orderStatuses.some((status) => !NOT_COUNTED.includes(status))) return 'ordering';
  // Opening the menu by the QR code is not being seated: the waiter still has a party to greet.
  if (facts.openedByGuest && facts.orderStatuses.length === 0) return 'browsing';
  return 'open';
}
