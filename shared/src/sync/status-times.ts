import * as Y from 'yjs';
import type { ItemStatus, OrderStatus } from '../restaurant/order-lifecycle.ts';

/**
 * Lifecycle status as a CRDT. A status is never stored as a value that replicas overwrite: each
 * replica records the time a state was FIRST reached (a key is written only when absent), and the
 * effective status is computed from the set of keys by the domain's rule — the furthest state
 * reached, with void and cancel winning. Keys only ever appear, so merging two replicas is the union
 * of their keys and every replica computes the same status.
 *
 * Recall (the kitchen un-bumps an item: ready → pending, and its order ready → preparing) is the one
 * step backwards. It is recorded as more first-reached keys, numbered by round:
 *   ready, recalled, ready.2, recalled.2, ready.3 ...
 * "ready.n" is the n-th time the thing became ready and "recalled.n" the recall of that readiness.
 * It is ready now when its latest ready round has not been recalled. Why rounds rather than a
 * last-writer-wins `readyAt` field: the keys stay grow-only, so the status is still a pure function of
 * statusTimes (one rule, one place, `effectiveOrderStatus(statusTimes)`), the history of bumps and
 * recalls survives for the ticket-time reports, and a recall can never be undone by a stale replica
 * writing an old `readyAt` back (a concurrent recall of the same round is the same key: idempotent).
 * Recalls are rare, so the extra keys cost nothing in the common case (a plain "ready" key).
 */

/** statusTimes as plain data: state key → ISO time it was first reached. */
export type StatusTimes = Readonly<Record<string, string>>;
export type StatusTimesLike = StatusTimes | Y.Map<unknown> | Y.Map<string>;

export const RECALLED = 'recalled';

/** The key of the n-th round (1-based) of `ready` or `recalled`. */
export function roundKey(state: 'ready' | 'recalled', round: number): string {
  return round === 1 ? state : `${state}.${round}`;
}

const ROUND_KEY = /^(ready|recalled)(?:\.([1-9]\d{0,5}))?$/;

export interface Readiness {
  /** Latest ready round (0: never ready). */
  readyRound: number;
  /** Latest recalled round (0: never recalled). */
  recalledRound: number;
  /** Ready now: the latest ready round was not recalled. */
  ready: boolean;
  /** When it became ready this time; null when not ready now. */
  readyAt: string | null;
}

export function toStatusTimes(times: StatusTimesLike | undefined | null): Record<string, string> {
  if (!times) return {};
  if (times instanceof Y.Map) {
    const result: Record<string, string> = {};
    times.forEach((value, key) => {
      if (typeof value === 'string') result[key] = value;
    });
    return result;
  }
  return { ...times };
}

export function readiness(times: StatusTimes): Readiness {
  let readyRound = 0;
  let recalledRound = 0;
  for (const key of Object.keys(times)) {
    const match = ROUND_KEY.exec(key);
    if (!match) continue;
    const round = match[2] === undefined ? 1 : Number(match[2]);
    if (match[1] === 'ready') readyRound = Math.max(readyRound, round);
    else recalledRound = Math.max(recalledRound, round);
  }
  const ready = readyRound > 0 && readyRound > recalledRound;
  return { readyRound, recalledRound, ready, readyAt: ready ? (times[roundKey('ready', readyRound)] ?? null) : null };
}

/** Void and cancel win over everything; voided over cancelled, should both ever be recorded. */
function ended(times: StatusTimes): 'voided' | 'cancelled' | null {
  if (times.voided !== undefined) return 'voided';
  if (times.cancelled !== undefined) return 'cancelled';
  return null;
}

/**
 * An order's status from its statusTimes: voided or cancelled if either was reached; else the
 * furthest of placed → accepted → preparing → ready → served, where a recalled readiness counts as
 * "preparing" (the kitchen is making it again) and an order with no keys at all is "placed".
 */
export function effectiveOrderStatus(statusTimes: StatusTimesLike): OrderStatus {
  const times = statusTimes instanceof Y.Map ? toStatusTimes(statusTimes) : statusTimes;
  const end = ended(times);
  if (end) return end;
  if (times.served !== undefined) return 'served';
  const ready = readiness(times);
  if (ready.ready) return 'ready';
  if (times.preparing !== undefined || ready.readyRound > 0) return 'preparing';
  if (times.accepted !== undefined) return 'accepted';
  return 'placed';
}

/** An item's status: voided or cancelled if reached; else served; else ready (not recalled); else pending. */
export function effectiveItemStatus(statusTimes: StatusTimesLike): ItemStatus {
  const times = statusTimes instanceof Y.Map ? toStatusTimes(statusTimes) : statusTimes;
  const end = ended(times);
  if (end) return end;
  if (times.served !== undefined) return 'served';
  return readiness(times).ready ? 'ready' : 'pending';
}

/**
 * The keys to add so that `times` says `target` (ready or not) — the write side of the rule above.
 * `at` is the time of the change; `readyAt` (items) is the kitchen's bump time when known: a
 * different bump time than the recorded one means a recall and a new bump happened in between.
 */
export function readinessWrites(times: StatusTimes, ready: boolean, at: string, readyAt: string | null = null): Array<[string, string]> {
  const state = readiness(times);
  if (ready) {
    const next = Math.max(state.readyRound, state.recalledRound) + 1;
    if (!state.ready) return [[roundKey('ready', next), readyAt ?? at]];
    if (readyAt !== null && readyAt !== state.readyAt) {
      return [
        [roundKey('recalled', state.readyRound), readyAt],
        [roundKey('ready', next), readyAt],
      ];
    }
    return [];
  }
  return state.ready ? [[roundKey('recalled', state.readyRound), at]] : [];
}
