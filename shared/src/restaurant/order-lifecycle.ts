/**
 * The order lifecycle as data: which transitions exist, who may make them, and what a person is told
 * when one is refused. The hub, the KDS and the staff pages all read this one table.
 */
export const ORDER_STATUSES = ['placed', 'accepted', 'preparing', 'ready', 'served', 'cancelled', 'voided'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ITEM_STATUSES = ['pending', 'ready', 'served', 'cancelled', 'voided'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const STAFF_ROLES = ['manager', 'waiter', 'kitchen', 'front_desk'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who asks for a transition: a staff role, the guest, or the kitchen's bump rules ("system"). */
export type Actor = StaffRole | 'guest' | 'system';

export interface Transition {
  from: readonly OrderStatus[];
  to: OrderStatus;
  allowed: readonly Actor[];
  needsReason: boolean;
}

export const ORDER_TRANSITIONS: readonly Transition[] = [
  { from: ['placed'], to: 'accepted', allowed: ['waiter', 'manager', 'front_desk'], needsReason: false },
  { from: ['placed', 'accepted'], to: 'preparing', allowed: ['system'], needsReason: false },
  { from: ['placed', 'accepted', 'preparing'], to: 'ready', allowed: ['system'], needsReason: false },
  { from: ['ready'], to: 'preparing', allowed: ['system'], needsReason: false },
  { from: ['ready'], to: 'served', allowed: ['waiter', 'manager', 'front_desk'], needsReason: false },
  { from: ['placed', 'accepted'], to: 'cancelled', allowed: ['waiter', 'manager'], needsReason: true },
  { from: ['accepted', 'preparing', 'ready', 'served'], to: 'voided', allowed: ['manager'], needsReason: true },
];

/** Transitions a person can ask for by hand (the rest follow from the kitchen's bumps). */
export const MANUAL_TARGETS = ['accepted', 'served', 'cancelled', 'voided'] as const;
export type ManualTarget = (typeof MANUAL_TARGETS)[number];

export type TransitionCheck =
  | { ok: true }
  | { ok: false; code: 'invalid_transition' | 'forbidden' | 'reason_required'; message: string };

const DESCRIBE: Record<OrderStatus, string> = {
  placed: 'is waiting to be accepted',
  accepted: 'is accepted',
  preparing: 'is being prepared',
  ready: 'is ready',
  served: 'has been served',
  cancelled: 'was cancelled',
  voided: 'was voided',
};

export function isFinal(status: OrderStatus): boolean {
  return status === 'served' || status === 'cancelled' || status === 'voided';
}

export function nextStatuses(from: OrderStatus, actor: Actor): OrderStatus[] {
  return ORDER_TRANSITIONS.filter((t) => t.from.includes(from) && t.allowed.includes(actor)).map((t) => t.to);
}

export function checkTransition(
  from: OrderStatus,
  to: OrderStatus,
  actor: Actor,
  reason: string | null | undefined,
  orderLabel = 'This order',
): TransitionCheck {
  const transition = ORDER_TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
  if (!transition) {
    const options = ORDER_TRANSITIONS.filter((t) => t.from.includes(from) && !t.allowed.includes('system')).map((t) => t.to);
    const hint = options.length > 0 ? `; it can be ${options.join(' or ')}` : '';
    return { ok: false, code: 'invalid_transition', message: `${orderLabel} ${DESCRIBE[from]}${hint}.` };
  }
  if (!transition.allowed.includes(actor)) {
    return { ok: false, code: 'forbidden', message: `Only ${transition.allowed.join(' or ')} may mark an order ${to}.` };
  }
  if (transition.needsReason && !reason?.trim()) {
    return { ok: false, code: 'reason_required', message: `Say why the order is ${to}.` };
  }
  return { ok: true };
}

/**
 * The order's status implied by its items after a kitchen bump or recall. Orders that are final, or
 * not yet touched by the kitchen, are left alone.
 */
export function statusFromItems(current: OrderStatus, itemStatuses: readonly ItemStatus[]): OrderStatus {
  if (isFinal(current)) return current;
  const live = itemStatuses.filter((s) => s === 'pending' || s === 'ready');
  if (live.length === 0) return current;
  const readyCount = live.filter((s) => s === 'ready').length;
  if (readyCount === live.length) return 'ready';
  if (readyCount > 0 || current === 'ready') return 'preparing';
  return current;
}
