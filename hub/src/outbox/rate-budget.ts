// The hub's side of a vendor's rate limits: a sliding-window log per vendor and budget key. A request
// goes when every window of the budget allows one more, in the order the requests asked.
//
// The vendor counts a request when it arrives, somewhere between the moment the hub let it go and the
// moment its answer came back; travel times differ (a new TLS connection takes far longer than a reused
// one). So a request is counted from when it goes until its answer is back, and then at that later time:
// every request the vendor saw in any window of its own is then one the hub counted when it let the
// newest of them go, whatever the network did. The margin only covers the vendor's clock and rounding.
import type { RateWindow } from './vendor-adapter.ts';

/** Extra room added to each window, for a vendor's clock and its rounding. */
export type MarginRule = (intervalMs: number) => number;
export const DEFAULT_MARGIN: MarginRule = (intervalMs) => Math.max(10, Math.ceil(intervalMs * 0.01));

/**
 * Milliseconds to wait before one more request may go: 0 for now, Infinity until a request in flight
 * comes back. `history` holds when earlier requests came back, ascending; `inFlight` more are out (they
 * count as latest). A window allows one more when fewer than `limit` requests are in its last interval
 * (plus margin), so the request `limit` places back is the one that must have left it.
 */
export function waitBeforeNext(
  history: readonly number[],
  inFlight: number,
  windows: readonly RateWindow[],
  now: number,
  margin: MarginRule = DEFAULT_MARGIN,
): number {
  let wait = 0;
  for (const window of windows) {
    const total = history.length + inFlight;
    if (total < window.limit) continue;
    const pivotIndex = total - window.limit;
    if (pivotIndex >= history.length) return Number.POSITIVE_INFINITY;
    wait = Math.max(wait, history[pivotIndex]! + window.intervalMs + margin(window.intervalMs) - now);
  }
  return wait;
}

/** Puts `time` into the ascending list (answers come back in any order, most often as the latest). */
export function insertSorted(history: number[], time: number): void {
  let index = history.length;
  while (index > 0 && history[index - 1]! > time) index -= 1;
  history.splice(index, 0, time);
}

/** Drops the times no window can see any more (older than the longest window, with its margin). */
export function pruneHistory(history: number[], windows: readonly RateWindow[], now: number, margin: MarginRule = DEFAULT_MARGIN): void {
  const longest = Math.max(0, ...windows.map((window) => window.intervalMs + margin(window.intervalMs)));
  let stale = 0;
  while (stale < history.length && history[stale]! <= now - longest) stale += 1;
  if (stale > 0) history.splice(0, stale);
}

/** A budget's windows must each allow at least one request in a positive interval. */
export function budgetProblem(windows: readonly RateWindow[], concurrency: number): string | null {
  if (!Number.isInteger(concurrency) || concurrency < 1) return `concurrency must be a whole number of at least 1 (got ${concurrency})`;
  for (const window of windows) {
    if (!Number.isInteger(window.limit) || window.limit < 1) return `a window's limit must be a whole number of at least 1 (got ${window.limit})`;
    if (!(window.intervalMs > 0) || !Number.isFinite(window.intervalMs)) return `a window's interval must be a positive number of milliseconds (got ${window.intervalMs})`;
  }
  return null;
}

/** Monotonic time and a timer; tests give a scripted one. */
export interface Timing {
  now(): number;
  /** Calls `fire` after `ms`; returns the function that cancels it. */
  setTimer(fire: () => void, ms: number): () => void;
}

export const realTiming: Timing = {
  now: () => performance.now(),
  setTimer(fire, ms) {
    const timer = setTimeout(fire, Math.ceil(ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** Says the request came back (its answer, an error, or it was never made); calling it again does nothing. */
export type Release = () => void;

interface Waiter {
  windows: readonly RateWindow[];
  resolve: (release: Release) => void;
  reject: (error: unknown) => void;
  detach: () => void;
}

interface Lane {
  history: number[];
  inFlight: number;
  waiters: Waiter[];
  cancelTimer: (() => void) | null;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The request was aborted before the rate budget allowed it.', 'AbortError');
}

/** Rate budgets keyed by vendor and budget key (a credential, an ICCID). */
export class RateBudget {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly margin: MarginRule = DEFAULT_MARGIN,
    private readonly timing: Timing = realTiming,
  ) {}

  /**
   * Resolves when every window allows one more request for `key`, and counts it until the returned
   * release is called (its answer is back). Requests of one key go in the order they asked. Rejects with
   * the signal's reason if it aborts first (nothing is counted).
   */
  take(key: string, windows: readonly RateWindow[], signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<Release>((resolve, reject) => {
      const lane = this.lane(key);
      const onAbort = () => {
        const index = lane.waiters.indexOf(waiter);
        if (index < 0) return;
        lane.waiters.splice(index, 1);
        reject(abortReason(signal!));
        if (index === 0) this.serve(lane);
      };
      const waiter: Waiter = { windows, resolve, reject, detach: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      lane.waiters.push(waiter);
      // A head already waiting for its turn has a timer; a new one behind it just queues.
      if (lane.waiters.length === 1) this.serve(lane);
    });
  }

  /** Requests waiting for `key`'s budget (for tests and the admin page). */
  waiting(key: string): number {
    return this.lanes.get(key)?.waiters.length ?? 0;
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { history: [], inFlight: 0, waiters: [], cancelTimer: null };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private serve(lane: Lane): void {
    lane.cancelTimer?.();
    lane.cancelTimer = null;
    while (lane.waiters.length > 0) {
      const head = lane.waiters[0]!;
      const now = this.timing.now();
      pruneHistory(lane.history, head.windows, now, this.margin);
      const wait = waitBeforeNext(lane.history, lane.inFlight, head.windows, now, this.margin);
      // Waiting for a request in flight: its release serves the lane again.
      if (wait === Number.POSITIVE_INFINITY) return;
      if (wait > 0) {
        // Timers may fire a hair early: serve() checks again and waits the rest.
        lane.cancelTimer = this.timing.setTimer(() => {
          lane.cancelTimer = null;
          this.serve(lane);
        }, wait);
        return;
      }
      lane.waiters.shift();
      lane.inFlight += 1;
      head.detach();
      head.resolve(this.releaser(lane));
    }
  }

  private releaser(lane: Lane): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      lane.inFlight -= 1;
      insertSorted(lane.history, this.timing.now());
      if (lane.waiters.length > 0) this.serve(lane);
    };
  }
}
