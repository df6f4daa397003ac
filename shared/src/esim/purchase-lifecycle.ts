import type { Actor } from '../restaurant/order-lifecycle.ts';

/**
 * An eSIM purchase's lifecycle as data, like the booking and order lifecycles: the states, the moves
 * between them, who or what makes each move, and what the buyer is told in each state. The hub's eSIM
 * service, the Online tasks page and the guest page read this one table.
 *
 * awaiting_payment (a line on the bill) → paid (its order queued in the outbox) → delivered; a paid
 * sale that cannot be delivered goes to needs_person, where a person retries, swaps the package, or
 * refunds it. An unpaid one may be cancelled, which takes its line off the bill. A sale is never
 * ordered twice: its one outbox job carries the sale id to Airalo as the order's `description`, and
 * after an unknown outcome the outbox looks the order up (GET /orders) before it ever sends again.
 */
export const PURCHASE_STATUSES = ['awaiting_payment', 'paid', 'delivered', 'needs_person', 'refunded', 'cancelled'] as const;
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number];

export type PurchaseAction = 'pay' | 'cancel' | 'deliver' | 'escalate' | 'retry' | 'swap' | 'refund';

export interface PurchaseTransition {
  action: PurchaseAction;
  from: readonly PurchaseStatus[];
  to: PurchaseStatus;
  allowed: readonly Actor[];
  needsReason: boolean;
  /** What makes the move, for the people reading the table and the audit log. */
  why: string;
}

const SYSTEM: readonly Actor[] = ['system'];
const DESK: readonly Actor[] = ['front_desk', 'manager'];

export const PURCHASE_TRANSITIONS: readonly PurchaseTransition[] = [
  { action: 'pay', from: ['awaiting_payment'], to: 'paid', allowed: SYSTEM, needsReason: false, why: 'The bill holding the sale is paid in full (any tender, a room charge included); its order goes to the outbox.' },
  {
    action: 'cancel',
    from: ['awaiting_payment'],
    to: 'cancelled',
    allowed: ['guest', 'waiter', 'front_desk', 'manager', 'system'],
    needsReason: false,
    why: 'The buyer changed their mind before paying, the package left the catalogue, or the visit closed without paying it: the line leaves the bill.',
  },
  { action: 'deliver', from: ['paid', 'needs_person'], to: 'delivered', allowed: SYSTEM, needsReason: false, why: "Airalo's answer, or GET /orders by the sale id, gives the ICCID, lpa and matching id." },
  { action: 'escalate', from: ['paid'], to: 'needs_person', allowed: SYSTEM, needsReason: true, why: 'The package is gone or refused (422), or the outbox gave up retrying.' },
  { action: 'retry', from: ['needs_person'], to: 'paid', allowed: DESK, needsReason: false, why: 'A person has checked the package is still sold and sends the order again.' },
  { action: 'swap', from: ['needs_person'], to: 'paid', allowed: DESK, needsReason: true, why: 'A person replaces a gone package by a live one at the same or a lower price.' },
  { action: 'refund', from: ['needs_person'], to: 'refunded', allowed: DESK, needsReason: true, why: 'A person gives the money back through the tender it came in.' },
  // Airalo has already charged the venue for a delivered eSIM, so giving that money back is a manager's call.
  { action: 'refund', from: ['delivered'], to: 'refunded', allowed: ['manager'], needsReason: true, why: 'A manager refunds an eSIM that was delivered but could not be used.' },
];

/** Statuses nothing leaves. */
export const FINAL_PURCHASE_STATUSES: readonly PurchaseStatus[] = ['refunded', 'cancelled'];

/** States in which the buyer has paid and has no eSIM yet: the wait shown to them runs. */
export const WAITING_STATUSES: readonly PurchaseStatus[] = ['paid', 'needs_person'];

export type PurchaseTransitionCheck =
  | { ok: true; transition: PurchaseTransition }
  | { ok: false; code: 'invalid_transition' | 'forbidden' | 'reason_required'; message: string };

const LABELS: Record<PurchaseStatus, string> = {
  awaiting_payment: 'awaiting payment',
  paid: 'paid and being ordered',
  delivered: 'delivered',
  needs_person: 'waiting for a person',
  refunded: 'refunded',
  cancelled: 'cancelled',
};

export function purchaseStatusLabel(status: PurchaseStatus): string {
  return LABELS[status];
}

/** Whether `actor` may take `action` on a purchase in `status` (with a reason when the move needs one). */
export function checkPurchaseTransition(status: PurchaseStatus, action: PurchaseAction, actor: Actor, reason?: string): PurchaseTransitionCheck {
  const candidates = PURCHASE_TRANSITIONS.filter((t) => t.action === action);
  const transition = candidates.find((t) => t.from.includes(status));
  if (!transition) {
    return { ok: false, code: 'invalid_transition', message: `This eSIM purchase is ${purchaseStatusLabel(status)}, so it cannot be ${describe(action)}.` };
  }
  if (!transition.allowed.includes(actor)) {
    const who = transition.allowed.includes('system') ? 'the hub itself' : `${transition.allowed.join(' or ')} staff`;
    return { ok: false, code: 'forbidden', message: `Only ${who} may mark an eSIM purchase ${purchaseStatusLabel(transition.to)} from ${purchaseStatusLabel(status)}.` };
  }
  if (transition.needsReason && (reason === undefined || reason.trim() === '')) {
    return { ok: false, code: 'reason_required', message: `Say why this eSIM purchase is ${describe(action)}; the reason is kept with the sale.` };
  }
  return { ok: true, transition };
}

/** The actions a person in `actor`'s role can take now (the Online tasks page's buttons). */
export function purchaseActionsFor(status: PurchaseStatus, actor: Actor): PurchaseAction[] {
  return PURCHASE_TRANSITIONS.filter((t) => t.from.includes(status) && t.allowed.includes(actor)).map((t) => t.action);
}

function describe(action: PurchaseAction): string {
  const words: Record<PurchaseAction, string> = {
    pay: 'marked paid',
    cancel: 'cancelled',
    deliver: 'marked delivered',
    escalate: 'handed to a person',
    retry: 'tried again',
    swap: 'swapped for another package',
    refund: 'refunded',
  };
  return words[action];
}

/** What the buyer's page shows: a stable key for translations, English text, and the wait so far. */
export interface BuyerNotice {
  key: 'esim.awaiting_payment' | 'esim.on_its_way' | 'esim.delayed' | 'esim.ready' | 'esim.refunded' | 'esim.cancelled';
  title: string;
  body: string;
  /** Milliseconds since payment while the buyer waits; null when nothing is being waited for. */
  waitedMs: number | null;
}

/** The notice for a purchase at `now` (epoch ms); `paidAt` is when the bill was paid. */
export function buyerNotice(status: PurchaseStatus, paidAt: number | null, now: number): BuyerNotice {
  const waitedMs = WAITING_STATUSES.includes(status) && paidAt !== null ? Math.max(0, now - paidAt) : null;
  const waited = waitedMs === null ? '' : ` You have waited ${formatWait(waitedMs)}.`;
  switch (status) {
    case 'awaiting_payment':
      return { key: 'esim.awaiting_payment', title: 'Waiting for payment', body: 'Pay the bill and your eSIM is ordered straight away.', waitedMs: null };
    case 'paid':
      return { key: 'esim.on_its_way', title: 'Your eSIM is on its way', body: `It arrives here as soon as the provider answers; keep this page open or come back to it.${waited}`, waitedMs };
    case 'needs_person':
      // The buyer is not told what went wrong inside: only that a person now has it, and what they will do.
      return { key: 'esim.delayed', title: 'Your eSIM needs a hand from the staff', body: `We could not get it automatically. Staff will send it, offer another package, or refund you.${waited}`, waitedMs };
    case 'delivered':
      return { key: 'esim.ready', title: 'Your eSIM is ready', body: 'Scan the QR code with the phone you will use, or follow the steps below.', waitedMs: null };
    case 'refunded':
      return { key: 'esim.refunded', title: 'Your eSIM was refunded', body: 'The money went back the way it was paid. Ask the staff if anything is unclear.', waitedMs: null };
    case 'cancelled':
      return { key: 'esim.cancelled', title: 'This eSIM was cancelled', body: 'It was not paid, and it is no longer on your bill.', waitedMs: null };
  }
}

/** "less than a minute", "1 minute", "1 hour 5 minutes", "2 days 3 hours": whole units, rounded down. */
export function formatWait(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return join(unit(days, 'day'), hours > 0 ? unit(hours, 'hour') : '');
  if (hours > 0) return join(unit(hours, 'hour'), mins > 0 ? unit(mins, 'minute') : '');
  return unit(mins, 'minute');
}

function unit(count: number, name: string): string {
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}

function join(first: string, second: string): string {
  return second === '' ? first : `${first} ${second}`;
}
