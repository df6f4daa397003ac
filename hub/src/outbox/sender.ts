// The outbox's one loop. A pass picks due waiting jobs, first due first, as many per budget (vendor and
// budget key) as its concurrency allows, and marks them running in one committed command before any
// adapter is called; each then goes out as a SendAttempt. A pass runs when a job is written, a send slot
// frees (for that budget only), a job waits again, staff retry one, or the timer set for the next job to
// fall due fires: never on a poll.
import type { CommandTx } from '../db/command-runner.ts';
import type { JobRow } from './job-store.ts';
import { SendAttempt, type AttemptDeps } from './send-attempt.ts';
import type { VendorAdapter } from './vendor-adapter.ts';

/** How many due jobs one pass may take; the rest go in the next pass. */
const PASS_LIMIT = 64;
/** The timer never sleeps longer than this, so a clock set forward is noticed. */
const LONGEST_SLEEP_MS = 60_000;

export interface SenderDeps extends AttemptDeps {
  adapters: ReadonlyMap<string, VendorAdapter>;
  /** How long stop() waits for sends that ignore their abort signal. */
  stopGraceMs: number;
}

/** A vendor and budget key, as one string (the rate budget's key too). */
export const budgetId = (vendor: string, budgetKey: string) => `${vendor}\u001f${budgetKey}`;

interface Flight {
  attempt: SendAttempt;
  settled: Promise<void>;
}

interface Picked {
  row: JobRow;
  budget: string;
}

export class OutboxSender {
  private stopped = true;
  private stopping = false;
  private fullPassWanted = false;
  private readonly budgetsWanted = new Map<string, { vendor: string; budgetKey: string }>();
  private passScheduled = false;
  private passing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Sends in flight per budget. */
  private readonly active = new Map<string, { vendor: string; budgetKey: string; count: number }>();
  private readonly flights = new Map<string, Flight>();
  /** Budgets a vendor asked to leave alone (Retry-After), until this clock time (ms). */
  private readonly holds = new Map<string, number>();
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly deps: SenderDeps) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** A full pass soon: a job was written, staff retried one, a vendor registered, or a timer fired. */
  wake(): void {
    this.fullPassWanted = true;
    this.schedule();
  }

  /** A pass for one budget only: one of its send slots freed, or one of its jobs waits again. */
  private wakeBudget(vendor: string, budgetKey: string): void {
    this.budgetsWanted.set(budgetId(vendor, budgetKey), { vendor, budgetKey });
    this.schedule();
  }

  /** Aborts the send of a job being sent (staff cancelled it). */
  abortJob(id: string, reason: string): void {
    this.flights.get(id)?.attempt.controller.abort(new Error(reason));
  }

  /** Resolves when no pass is due or running and nothing is being sent (jobs waiting for their time do not count). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops picking jobs, aborts the sends in flight and waits for them to settle (at most stopGraceMs).
   * A send that never got a request out waits again as if untouched; anything still running after that
   * waits with its outcome unknown, to be looked up (or safely resent) on the next start.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    this.clearTimer();
    for (const flight of this.flights.values()) flight.attempt.controller.abort(new Error('The hub is closing.'));
    const settled = Promise.allSettled([this.passing, ...[...this.flights.values()].map((flight) => flight.settled)]);
    let graceTimer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      graceTimer = setTimeout(resolve, this.deps.stopGraceMs);
    });
    await Promise.race([settled, grace]);
    clearTimeout(graceTimer);
    try {
      const left = await this.deps.commands.run(() => this.deps.store.interruptAll(this.nowIso()));
      if (left > 0) this.deps.log.warn({ jobs: left }, 'outbox jobs were still being sent when the hub stopped; they will be checked before any resend');
    } catch (error) {
      this.deps.log.error({ err: error }, 'could not mark the outbox jobs being sent as interrupted');
    }
    this.stopping = false;
    this.notifyIdle();
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }

  private isIdle(): boolean {
    return !this.passScheduled && !this.passing && this.flights.size === 0;
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private schedule(): void {
    if (this.stopped || this.passScheduled || this.passing) return;
    this.passScheduled = true;
    setImmediate(() => this.runPass());
  }

  private runPass(): void {
    this.passScheduled = false;
    if (this.stopped) {
      this.notifyIdle();
      return;
    }
    const full = this.fullPassWanted;
    const budgets = [...this.budgetsWanted.values()];
    this.fullPassWanted = false;
    this.budgetsWanted.clear();
    this.passing = this.pass(full, budgets)
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'an outbox pass failed; it runs again on the next wake'))
      .finally(() => {
        this.passing = null;
        if (this.fullPassWanted || this.budgetsWanted.size > 0) this.schedule();
        this.notifyIdle();
      });
  }

  private async pass(full: boolean, budgets: Array<{ vendor: string; budgetKey: string }>): Promise<void> {
    if (this.deps.adapters.size === 0) return;
    // Read first: most passes find nothing to send and then need no command (no savepoint in someone's batch).
    const candidates = this.candidates(full, budgets);
    const picked = candidates.length === 0 ? [] : await this.deps.commands.run((tx) => this.claim(tx, candidates));
    if (this.stopped) {
      // Stopped while the claim committed: nothing was sent, so they wait again untouched.
      if (picked.length > 0) {
        await this.deps.commands.run(() => {
          for (const { row } of picked) this.deps.store.markNotSent(row.id, this.nowIso());
        });
      }
      for (const { budget } of picked) this.release(budget);
      return;
    }
    for (const job of picked) this.launch(job);
    this.armTimer();
  }

  /** Due jobs of registered vendors whose budgets have room: a full pass looks at all, a budget pass at one. */
  private candidates(full: boolean, budgets: Array<{ vendor: string; budgetKey: string }>): JobRow[] {
    const { store, adapters } = this.deps;
    if (adapters.size === 0) return [];
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    const found = new Map<string, JobRow>();
    if (full) {
      const excluded = [...this.active.entries()].filter(([, a]) => this.room(a.vendor, a.budgetKey) <= 0).map(([budget]) => budget);
      for (const [budget, until] of this.holds) if (until > now.getTime()) excluded.push(budget);
      for (const row of store.due(nowIso, [...adapters.keys()], excluded, PASS_LIMIT)) found.set(row.id, row);
    }
    for (const { vendor, budgetKey } of budgets) {
      if (!adapters.has(vendor) || this.isHeld(budgetId(vendor, budgetKey), now.getTime())) continue;
      const room = this.room(vendor, budgetKey);
      if (room > 0) for (const row of store.dueForBudget(nowIso, vendor, budgetKey, room)) found.set(row.id, row);
    }
    return [...found.values()];
  }

  /**
   * Inside the pass's command: marks running each candidate that is still waiting and still has room in
   * its budget, and reserves its send slot (given back if the command rolls back).
   */
  private claim(tx: CommandTx, candidates: JobRow[]): Picked[] {
    const { store, adapters } = this.deps;
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    const picked: Picked[] = [];
    tx.onRollback(() => {
      for (const { budget } of picked) this.release(budget);
    });
    for (const candidate of candidates) {
      if (!adapters.has(candidate.vendor)) continue;
      const budget = budgetId(candidate.vendor, candidate.budgetKey);
      if (this.isHeld(budget, now.getTime()) || this.room(candidate.vendor, candidate.budgetKey) <= 0) continue;
      if (!store.markRunning(candidate.id, nowIso)) continue; // cancelled or retried meanwhile
      const active = this.active.get(budget);
      if (active) active.count += 1;
      else this.active.set(budget, { vendor: candidate.vendor, budgetKey: candidate.budgetKey, count: 1 });
      picked.push({ row: store.byId(candidate.id)!, budget });
    }
    return picked;
  }

  /** Sends this budget may still start now. */
  private room(vendor: string, budgetKey: string): number {
    return this.deps.budgetOf(vendor, budgetKey).concurrency - (this.active.get(budgetId(vendor, budgetKey))?.count ?? 0);
  }

  private isHeld(budget: string, nowMs: number): boolean {
    return (this.holds.get(budget) ?? 0) > nowMs;
  }

  /** Sleeps until the next waiting job falls due, or a vendor's Retry-After ends. */
  private armTimer(): void {
    this.clearTimer();
    if (this.stopped) return;
    const now = this.deps.clock.now().getTime();
    // A job that fell due while this pass ran (after its candidates were read) is not "after now": it
    // would wait for an unrelated wake. Look once more, with the pass's own rules (registered vendors,
    // budgets with room, no Retry-After hold), so a job nothing can send yet never spins the loop.
    const nextDue = this.candidates(true, []).length > 0 ? new Date(now).toISOString() : this.deps.store.nextDueAfter(new Date(now).toISOString());
    let next = nextDue ? Date.parse(nextDue) : Number.POSITIVE_INFINITY;
    for (const [budget, until] of this.holds) {
      if (until <= now) this.holds.delete(budget);
      else next = Math.min(next, until);
    }
    if (!Number.isFinite(next)) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.wake();
      },
      Math.min(Math.max(next - now, 0), LONGEST_SLEEP_MS),
    );
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private release(budget: string): void {
    const active = this.active.get(budget);
    if (!active) return;
    active.count -= 1;
    if (active.count <= 0) this.active.delete(budget);
  }

  private launch({ row, budget }: Picked): void {
    const attempt = new SendAttempt(this.deps, row, budget, this.deps.adapters.get(row.vendor)!, {
      hungUp: () => {
        this.release(budget);
        this.wakeBudget(row.vendor, row.budgetKey);
      },
      stopping: () => this.stopping,
      hold: (untilMs) => this.holds.set(budget, Math.max(this.holds.get(budget) ?? 0, untilMs)),
      waitingAgain: () => this.wakeBudget(row.vendor, row.budgetKey),
    });
    const settled = attempt
      .run()
      .catch((error: unknown) => this.deps.log.error({ err: error, jobId: row.id, vendor: row.vendor }, 'an outbox send could not be finished'))
      .finally(() => {
        attempt.hangUp();
        this.flights.delete(row.id);
        this.notifyIdle();
      });
    this.flights.set(row.id, { attempt, settled });
  }
}
