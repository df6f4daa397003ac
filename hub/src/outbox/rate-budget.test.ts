import { describe, expect, it } from 'vitest';
import { budgetProblem, insertSorted, pruneHistory, RateBudget, waitBeforeNext, type MarginRule, type Timing } from './rate-budget.ts';
import type { RateWindow } from './vendor-adapter.ts';

const noMargin: MarginRule = () => 0;
const margin10: MarginRule = () => 10;

/** A clock and timers that move only when the test says so. */
class ScriptedTiming implements Timing {
  current = 0;
  private timers: Array<{ at: number; fire: () => void; cancelled: boolean }> = [];
  now = () => this.current;
  setTimer = (fire: () => void, ms: number) => {
    const timer = { at: this.current + ms, fire, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  pending(): number {
    return this.timers.filter((timer) => !timer.cancelled).length;
  }
  /** Fires the earliest timer at its time; false when none is left. */
  step(): boolean {
    return this.fireEarly(0);
  }
  /** Fires the earliest timer `byMs` before its time, as real timers sometimes do. */
  fireEarly(byMs: number): boolean {
    const live = this.timers.filter((timer) => !timer.cancelled).sort((a, b) => a.at - b.at);
    const next = live[0];
    if (!next) return false;
    next.cancelled = true;
    this.current = Math.max(this.current, next.at - byMs);
    next.fire();
    return true;
  }
}

/** Lets promise callbacks run (grants resolve promises). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every window [t, t + interval) of the grant times holds at most `limit`. */
function worstWindow(times: number[], intervalMs: number): number {
  let worst = 0;
  for (let i = 0; i < times.length; i++) {
    let count = 0;
    for (let j = i; j < times.length && times[j]! < times[i]! + intervalMs; j++) count += 1;
    worst = Math.max(worst, count);
  }
  return worst;
}

/** mulberry32, so a run can be replayed by its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` requests asked for at once. Each, once granted, reaches the vendor `travel()` ms later and its
 * answer is back `answer()` ms after that (both 0 by default). Returns when each was granted and when it
 * arrived at the vendor.
 */
async function drain(
  budget: RateBudget,
  timing: ScriptedTiming,
  windows: RateWindow[],
  count: number,
  latency: { travel: () => number; answer: () => number } = { travel: () => 0, answer: () => 0 },
): Promise<{ granted: number[]; arrived: number[] }> {
  const granted: number[] = [];
  const arrived: number[] = [];
  let released = 0;
  for (let i = 0; i < count; i++) {
    void budget.take('vendor:', windows).then((release) => {
      const at = timing.now();
      granted.push(at);
      const travel = latency.travel();
      const back = travel + latency.answer();
      arrived.push(at + travel);
      const done = () => {
        released += 1;
        release();
      };
      if (back === 0) done();
      else timing.setTimer(done, back);
    });
  }
  await settle();
  while (released < count && timing.step()) await settle();
  return { granted, arrived };
}

describe('the wait before one more request (pure)', () => {
  const windows = [{ limit: 2, intervalMs: 1_000 }];

  it('lets requests go at once while a window has room', () => {
    expect(waitBeforeNext([], 0, windows, 0, noMargin)).toBe(0);
    expect(waitBeforeNext([0], 0, windows, 10, noMargin)).toBe(0);
    expect(waitBeforeNext([], 1, windows, 10, noMargin)).toBe(0);
  });

  it('waits until the request `limit` places back leaves the window, margin included', () => {
    expect(waitBeforeNext([0, 100], 0, windows, 200, noMargin)).toBe(800);
    expect(waitBeforeNext([0, 100], 0, windows, 200, margin10)).toBe(810);
    expect(waitBeforeNext([0, 100], 0, windows, 1_000, noMargin)).toBe(0);
  });

  it('counts requests in flight as the latest, and waits for their answer when one of them must leave the window', () => {
    expect(waitBeforeNext([0], 1, windows, 200, noMargin)).toBe(800);
    expect(waitBeforeNext([], 2, windows, 200, noMargin)).toBe(Number.POSITIVE_INFINITY);
    expect(waitBeforeNext([0, 100], 1, windows, 200, noMargin)).toBe(900);
  });

  it('waits for the strictest of several windows', () => {
    const burst = [{ limit: 3, intervalMs: 100 }, { limit: 4, intervalMs: 1_000 }];
    expect(waitBeforeNext([0, 1, 2], 0, burst, 3, noMargin)).toBe(97);
    expect(waitBeforeNext([0, 1, 2, 150], 0, burst, 151, noMargin)).toBe(849);
  });

  it('keeps answer times in order, whatever order they come back in', () => {
    const history = [10, 30];
    insertSorted(history, 20);
    insertSorted(history, 40);
    insertSorted(history, 5);
    expect(history).toEqual([5, 10, 20, 30, 40]);
  });

  it('forgets times that no window can see', () => {
    const history = [0, 100, 900, 1_500];
    pruneHistory(history, [{ limit: 5, intervalMs: 1_000 }], 2_000, margin10);
    expect(history).toEqual([1_500]);
  });

  it('refuses budgets that could never send', () => {
    expect(budgetProblem([{ limit: 1, intervalMs: 1_000 }], 1)).toBeNull();
    expect(budgetProblem([{ limit: 0, intervalMs: 1_000 }], 1)).toMatch(/limit/);
    expect(budgetProblem([{ limit: 1, intervalMs: 0 }], 1)).toMatch(/interval/);
    expect(budgetProblem([{ limit: 1, intervalMs: 1_000 }], 0)).toMatch(/concurrency/);
  });
});

describe('a rate budget handing out requests', () => {
  it('sends toncenter’s 1 a second one a second plus the margin, never two in a second', async () => {
    const timing = new ScriptedTiming();
    const budget = new RateBudget(margin10, timing);
    const { granted } = await drain(budget, timing, [{ limit: 1, intervalMs: 1_000 }], 5);
    expect(granted).toEqual([0, 1_010, 2_020, 3_030, 4_040]);
  });

  it('keeps every window of a burst-and-sustained budget, and uses it fully', async () => {
    const timing = new ScriptedTiming();
    const budget = new RateBudget(margin10, timing);
    const windows = [{ limit: 5, intervalMs: 1_000 }, { limit: 12, intervalMs: 10_000 }];
    const { granted } = await drain(budget, timing, windows, 30);
    expect(granted).toHaveLength(30);
    // Checked against the vendor's own windows stretched by the margin: still never over.
    expect(worstWindow(granted, 1_010)).toBeLessThanOrEqual(5);
    expect(worstWindow(granted, 10_010)).toBeLessThanOrEqual(12);
    // Greedy: each request goes the moment a window frees, not later.
    expect(granted.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(granted.slice(5, 10)).toEqual([1_010, 1_010, 1_010, 1_010, 1_010]);
    expect(granted.slice(10, 12)).toEqual([2_020, 2_020]);
    expect(granted[12]).toBe(10_010);
  });

  it('counts a request from when it goes until its answer is back, then from the answer', async () => {
    const timing = new ScriptedTiming();
    const budget = new RateBudget(noMargin, timing);
    const windows = [{ limit: 1, intervalMs: 1_000 }];
    const release = await budget.take('k', windows);
    let second: number | null = null;
    void budget.take('k', windows).then(() => (second = timing.now()));
    await settle();
    // Nothing to time while the first is out: its answer decides.
    expect(timing.pending()).toBe(0);
    timing.current = 300;
    release();
    release();
    while (timing.step()) await settle();
    expect(second).toBe(1_300);
  });

  it('never lets the vendor see a window over its limit, however long and uneven the requests take', async () => {
    const windows = [{ limit: 5, intervalMs: 1_000 }, { limit: 12, intervalMs: 5_000 }];
    for (const seed of [1, 2, 3, 4, 5]) {
      const timing = new ScriptedTiming();
      // No margin at all: the guarantee comes from counting each request until its answer is back.
      const budget = new RateBudget(noMargin, timing);
      const random = seeded(seed);
      // A new TLS connection can take 400 ms, a reused one 2 ms; the answer up to 300 ms more.
      const { arrived } = await drain(budget, timing, windows, 60, { travel: () => (random() < 0.3 ? 400 * random() : 2), answer: () => 300 * random() });
      expect(arrived).toHaveLength(60);
      expect(worstWindow([...arrived].sort((a, b) => a - b), 1_000), `seed ${seed}`).toBeLessThanOrEqual(5);
      expect(worstWindow([...arrived].sort((a, b) => a - b), 5_000), `seed ${seed}`).toBeLessThanOrEqual(12);
    }
  });

  it('counts each budget key on its own', async () => {
    const timing = new ScriptedTiming();
    const budget = new RateBudget(noMargin, timing);
    const windows = [{ limit: 1, intervalMs: 1_000 }];
    const times: Record<string, number[]> = { a: [], b: [] };
    for (const key of ['a', 'b', 'a', 'b'])
      void budget.take(key, windows).then((release) => {
        times[key]!.push(timing.now());
        release();
      });
    await settle();
    while (timing.step()) await settle();
    expect(times).toEqual({ a: [0, 1_000], b: [0, 1_000] });
  });

  it('serves requests in the order they asked', async () => {
    const timing = new ScriptedTiming();
    const budget = new RateBudget(noMargin, timing);
    const order: number[] = [];
    for (let i = 0; i < 6; i++)
      void budget.take('k', [{ limit: 2, intervalMs: 100 }]).then((release) => {
        order.push(i);
        release();
      });
    await settle();
    while (timing.step()) await settle();
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('drops an aborted request without counting it, and lets the next one take its place', async () => {
    const timing = new ScriptedTiming();
    const budget = new RateBudget(noMargin, timing);
    const windows = [{ limit: 1, intervalMs: 1_000 }];
    (await budget.take('k', windows))();
    const controller = new AbortController();
    const aborted = budget.take('k', windows, controller.signal);
    const next: number[] = [];
    void budget.take('k', windows).then(() => next.push(timing.now()));
    expect(budget.waiting('k')).toBe(2);
    controller.abort(new Error('the hub is closing'));
    await expect(aborted).rejects.toThrow('the hub is closing');
    expect(budget.waiting('k')).toBe(1);
    while (timing.step()) await settle();
    expect(next).toEqual([1_000]);
    expect(timing.pending()).toBe(0);
    await expect(budget.take('k', windows, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it('checks again when a timer fires early, and waits the rest', async () => {
    const timing = new ScriptedTiming();
    const budget = new RateBudget(noMargin, timing);
    const windows = [{ limit: 1, intervalMs: 1_000 }];
    (await budget.take('k', windows))();
    let granted = false;
    void budget.take('k', windows).then(() => (granted = true));
    timing.fireEarly(5);
    await settle();
    expect(granted).toBe(false);
    while (timing.step()) await settle();
    expect(granted).toBe(true);
    expect(timing.now()).toBe(1_000);
  });
});
