/**
 * The order lifecycle as data: which transitions exist, who may make them, and what a person is told
 * when one is refused. The hub, the KDS and the staff pages all read this one table.
 */
export const ORDER_STATUSES = ['placed', 'accepted', 'preparing', 'ready', 'served', 'cancelled', 'voided'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ITEM_STATUSES = ['pending', 'ready', 'served', 'cancelled', 'voided'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const STAFF_ROLES = ['manager', 'waiter', 'kitchen', 'front_desk', 'housekeeping'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who asks for a transition: a staff role, the guest, or the kitchen's bump rules ("system"). */
export type Actor = StaffRole | 'guest' | 'system';

/** What an order transition does besides changing the order's status: data, read by the hub's command. */
export interface TransitionEffect {
  /** Items in one of `from` take the status `to`; the others keep theirs. */
  items: { from: readonly ItemStatus[]; to: ItemStatus } | null;
  /** keep: the reason given is stored on the order (shown to staff); none: no reason is kept. */
  reason: 'keep' | 'none';
}

export interface Transition {
  from: readonly OrderStatus[];
  to: OrderStatus;
  allowed: readonly Actor[];
  needsReason: boolean;
  effect: TransitionEffect;
}

const NO_EFFECT: TransitionEffect = { items: null, reason: 'none' };

export const ORDER_TRANSITIONS: readonly Transition[] = [
  { from: ['placed'], to: 'accepted', allowed: ['waiter', 'manager', 'front_desk'], needsReason: false, effect: NO_EFFECT },
  { from: ['placed', 'accepted'], to: 'preparing', allowed: ['system'], needsReason: false, effect: NO_EFFECT },
  { from: ['placed', 'accepted', 'preparing'], to: 'ready', allowed: ['system'], needsReason: false, effect: NO_EFFECT },
  { from: ['ready'], to: 'preparing', allowed: ['system'], needsReason: false, effect: NO_EFFECT },
  {
    from: ['ready'],
    to: 'served',
    allowed: ['waiter', 'manager', 'front_desk'],
    needsReason: false,
    effect: { items: { from: ['pending', 'ready'], to: 'served' }, reason: 'none' },
  },
  {
    from: ['placed', 'accepted'],
    to: 'cancelled',
    allowed: ['waiter', 'manager'],
    needsReason: true,
    // Items already cancelled or voided keep their own status.
    effect: { items: { from: ['pending', 'ready', 'served'], to: 'cancelled' }, reason: 'keep' },
  },
  {
    from: ['accepted', 'preparing', 'ready', 'served'],
    to: 'voided',
    allowed: ['manager'],
    needsReason: true,
    effect: { items: { from: ['pending', 'ready', 'served'], to: 'voided' }, reason: 'keep' },
  },
];

/** The effect of the transition into `to` (every manual target has one row). */
export function effectOf(to: OrderStatus): TransitionEffect {
  return ORDER_TRANSITIONS.find((t) => t.to === to)?.effect ?? NO_EFFECT;
}

/** The items' statuses after a transition's effect, in the same order: a pure rule the hub then writes. */
export function itemStatusesAfter(effect: TransitionEffect, statuses: readonly ItemStatus[]): ItemStatus[] {
  const items = effect.items;
  if (!items) return [...statuses];
  return statuses.map((status) => (items.from.includes(status) ? items.to : status));
}

/**
 * The kitchen's steps on one item, as data: a bump marks it ready (and stamps when), a recall sends it
 * back to the pass. Cooks and managers make them on the KDS; the order then follows statusFromItems.
 */
export interface ItemStep {
  from: ItemStatus;
  to: ItemStatus;
  allowed: readonly Actor[];
  /** now: readyAt is stamped with the step's time; clear: readyAt is emptied. */
  readyAt: 'now' | 'clear';
  /** The refusal when the item is not in `from`: its code, and the sentence for the cook. */
  refusal: { code: string; message: (label: string) => string };
}

export const ITEM_STEPS = {
  bump: {
    from: 'pending',
    to: 'ready',
    allowed: ['kitchen', 'manager'],
    readyAt: 'now',
    refusal: { code: 'item_already_ready', message: (label) => `${label} is already ready; recall it to make it again.` },
  },
  recall: {
    from: 'ready',
    to: 'pending',
    allowed: ['kitchen', 'manager'],
    readyAt: 'clear',
    refusal: { code: 'item_not_ready', message: (label) => `${label} has not been bumped, so there is nothing to recall.` },
  },
} as const satisfies Record<string, ItemStep>;

export type ItemStepName = keyof typeof ITEM_STEPS;

export type ItemStepCheck = { ok: true; to: ItemStatus; readyAt: 'now' | 'clear' } | { ok: false; code: string; message: string };

/** Whether a kitchen step applies to an item of an order that is still open (the order's own finality is checked first). */
export function checkItemStep(step: ItemStepName, itemStatus: ItemStatus, itemLabel: string): ItemStepCheck {
  const rule: ItemStep = ITEM_STEPS[step];
  if (itemStatus !== rule.from) return { ok: false, code: rule.refusal.code, message: rule.refusal.message(itemLabel) };
  return { ok: true, to: rule.to, readyAt: rule.readyAt };
}

// ---- one item by hand: serve the drinks while the food cooks, comp one cold burger ----

/** What a person can do to one item of an order. */
export const ITEM_TARGETS = ['served', 'cancelled', 'voided'] as const;
export type ItemTarget = (typeof ITEM_TARGETS)[number];

export interface ItemTransition {
  from: readonly ItemStatus[];
  to: ItemTarget;
  /** The order must be in one of these (cancelling is for what the kitchen has not started). */
  orderFrom: readonly OrderStatus[];
  allowed: readonly Actor[];
  needsReason: boolean;
}

const OPEN_ORDER: readonly OrderStatus[] = ['placed', 'accepted', 'preparing', 'ready'];

export const ITEM_TRANSITIONS: readonly ItemTransition[] = [
  { from: ['ready'], to: 'served', orderFrom: OPEN_ORDER, allowed: ['waiter', 'manager', 'front_desk'], needsReason: false },
  { from: ['pending', 'ready'], to: 'cancelled', orderFrom: ['placed', 'accepted'], allowed: ['waiter', 'manager'], needsReason: true },
  // A served item of a served order can still be voided alone: the rest of the order keeps its state.
  { from: ['pending', 'ready', 'served'], to: 'voided', orderFrom: [...OPEN_ORDER, 'served'], allowed: ['manager'], needsReason: true },
];

const DESCRIBE_ITEM: Record<ItemStatus, string> = {
  pending: 'is still being prepared',
  ready: 'is ready',
  served: 'has been served',
  cancelled: 'was cancelled',
  voided: 'was voided',
};

/** Whether one item may take `to`: the item's status, its order's status, who asks, and the reason. */
export function checkItemTransition(
  item: { status: ItemStatus; label: string },
  orderStatus: OrderStatus,
  to: ItemTarget,
  actor: Actor,
  reason: string | null | undefined,
): TransitionCheck {
  const transition = ITEM_TRANSITIONS.find((t) => t.to === to)!;
  if (!transition.from.includes(item.status)) {
    const hint = to === 'served' && item.status === 'pending' ? ': bump it on the kitchen screen first' : '';
    return { ok: false, code: 'invalid_transition', message: `${item.label} ${DESCRIBE_ITEM[item.status]}${hint}.` };
  }
  if (!transition.orderFrom.includes(orderStatus)) {
    const hint = to === 'cancelled' && !isFinal(orderStatus) ? '; the kitchen has started it, so a manager voids it instead' : '';
    return { ok: false, code: 'invalid_transition', message: `${item.label} cannot be ${to}: its order ${DESCRIBE[orderStatus]}${hint}.` };
  }
  if (!transition.allowed.includes(actor)) {
    return { ok: false, code: 'forbidden', message: `Only ${transition.allowed.join(' or ')} may mark an item ${to}.` };
  }
  if (transition.needsReason && !reason?.trim()) {
    return { ok: false, code: 'reason_required', message: `Say why the item is ${to}.` };
  }
  return { ok: true };
}

/**
 * The order's status after a person changed some of its items. Items still owed decide as the kitchen's
 * bumps do; once none is owed, the order is served when anything was served, else voided when anything
 * was voided, else cancelled.
 */
export function orderStatusAfterItemChange(current: OrderStatus, itemStatuses: readonly ItemStatus[]): OrderStatus {
  const owed = itemStatuses.filter((s) => s === 'pending' || s === 'ready');
  if (owed.length > 0) return isFinal(current) ? current : statusFromItems(current, itemStatuses);
  if (itemStatuses.includes('served')) return 'served';
  if (itemStatuses.includes('voided')) return 'voided';
  return 'cancelled';
}

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
