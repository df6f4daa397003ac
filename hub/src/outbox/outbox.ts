import type Database from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import { newId } from '@onemoment/shared/ids';
import { OUTBOX_LIMITS, type OutboxJobState, type OutboxJobView, type OutboxSummary } from '@onemoment/shared/schemas/outbox';
import type { Clock } from '../clock.ts';
import type { CommandRunner, CommandTx } from '../db/command-runner.ts';
import { conflict, notFound } from '../errors.ts';
import { adapterJob, OutboxJobStore, type JobRow } from './job-store.ts';
import { createOutboxMetrics } from './outbox-metrics.ts';
import { budgetProblem, DEFAULT_MARGIN, RateBudget, type MarginRule } from './rate-budget.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-rules.ts';
import { abandonJob } from './send-attempt.ts';
import { OutboxSender } from './sender.ts';
import type { VendorAdapter, VendorBudget } from './vendor-adapter.ts';

/** Every option has its default here. */
export interface OutboxOptions {
  /** Backoff and give-up rules; defaults in DEFAULT_RETRY (2 s doubling to 10 min, 30 sends). */
  retry?: Partial<RetryPolicy>;
  /** [0, 1) for the backoff's jitter; default Math.random (tests give a seeded one). */
  random?: () => number;
  /** A vendor's budget instead of what its adapter says, for every budget key (tests, benchmarks). */
  budgets?: Record<string, Partial<VendorBudget>>;
  /** Room added to each rate window for the vendor's clock and the network's jitter; default 2 %, at least 25 ms. */
  rateMargin?: MarginRule;
  /** How long closing the hub waits for sends that ignore their abort; default 5 s. */
  stopGraceMs?: number;
}

/** What the outbox needs from the hub's core (built before the HubContext that carries it). */
export interface OutboxDeps {
  sqlite: Database.Database;
  commands: CommandRunner;
  clock: Clock;
  log: FastifyBaseLogger;
  registry: Registry;
}

export interface NewOutboxJob {
  vendor: string;
  kind: string;
  /** Unique per vendor: the same key again returns the first job (a command retried by its client). */
  idempotencyKey: string;
  /** The adapter's input; stored as JSON. */
  payload: unknown;
  /** Whose rate budget it spends (a credential's fingerprint); '' for the vendor's shared one. */
  budgetKey?: string;
  /** Not sent before this time. */
  notBefore?: Date;
}

export interface OutboxListFilter {
  state?: OutboxJobState;
  vendor?: string;
  limit?: number;
}

const MAX_NAME_LENGTH = 200;

function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH) {
    throw new TypeError(`An outbox job needs ${what} as text of 1 to ${MAX_NAME_LENGTH} characters.`);
  }
  return value;
}

/**
 * The outbox: one durable queue of every call the hub owes the internet. A module registers its
 * vendor's adapter in its setup and writes jobs inside its own commands (`enqueue`); the outbox sends
 * them within each vendor's rate budget, retries with backoff, looks an unknown outcome up before any
 * resend, records each answer in the same transaction that marks the job done, and hands what cannot
 * succeed to a person. Staff see, retry and cancel jobs through the routes in routes.ts.
 */
export class Outbox {
  readonly store: OutboxJobStore;
  private readonly adapters = new Map<string, VendorAdapter>();
  private readonly sender: OutboxSender;
  private readonly budgetOverrides: Record<string, Partial<VendorBudget>>;
  private readonly warnedBudgets = new Set<string>();

  constructor(
    private readonly deps: OutboxDeps,
    options: OutboxOptions = {},
  ) {
    this.store = new OutboxJobStore(deps.sqlite);
    this.budgetOverrides = options.budgets ?? {};
    const metrics = createOutboxMetrics(deps.registry, {
      counts: () => this.store.counts(),
      oldestOwedAt: () => this.store.oldestOwedAt(),
      now: () => deps.clock.now(),
    });
    this.sender = new OutboxSender({
      sqlite: deps.sqlite,
      store: this.store,
      commands: deps.commands,
      clock: deps.clock,
      log: deps.log,
      metrics,
      adapters: this.adapters,
      budgetOf: (vendor, budgetKey) => this.budgetOf(vendor, budgetKey),
      rates: new RateBudget(options.rateMargin ?? DEFAULT_MARGIN),
      retry: { ...DEFAULT_RETRY, ...options.retry },
      random: options.random ?? Math.random,
      stopGraceMs: options.stopGraceMs ?? 5_000,
    });
  }

  /** A module's vendor: its jobs are sent from now on (jobs of a vendor nobody registered wait untouched). */
  register(adapter: VendorAdapter<any, any>): void {
    const vendor = requireText(adapter.vendor, 'a vendor name');
    if (this.adapters.has(vendor)) throw new Error(`The outbox already has an adapter for ${vendor}.`);
    if (adapter.resendSafety === 'lookup' && typeof adapter.lookup !== 'function') {
      throw new Error(`The ${vendor} adapter says resends are made safe by a lookup, but has no lookup().`);
    }
    const budget = { ...adapter.budget(''), ...this.budgetOverrides[vendor] };
    const problem = budgetProblem(budget.windows, budget.concurrency);
    if (problem) throw new Error(`The ${vendor} adapter's rate budget is unusable: ${problem}.`);
    this.adapters.set(vendor, adapter as VendorAdapter);
    this.sender.wake();
  }

  /**
   * Writes a job inside the caller's command, so it commits (or not) with that command; the sender is
   * woken after the commit. The same vendor and idempotency key again returns the first job, unchanged.
   */
  enqueue(tx: CommandTx, job: NewOutboxJob): { id: string; created: boolean } {
    const vendor = requireText(job.vendor, 'a vendor name');
    const kind = requireText(job.kind, 'a kind');
    const idempotencyKey = requireText(job.idempotencyKey, 'an idempotency key');
    const budgetKey = job.budgetKey ?? '';
    if (typeof budgetKey !== 'string' || budgetKey.length > MAX_NAME_LENGTH) throw new TypeError('An outbox job’s budget key must be text.');
    const payload = JSON.stringify(job.payload);
    if (payload === undefined) throw new TypeError('An outbox job’s payload must be JSON (not undefined or a function).');
    const now = this.deps.clock.now().toISOString();
    const nextAttemptAt = job.notBefore ? job.notBefore.toISOString() : now;
    const id = newId();
    if (this.store.insert({ id, vendor, kind, budgetKey, idempotencyKey, payload, nextAttemptAt, createdAt: now })) {
      // A vendor without an adapter has nothing to send: its jobs wait untouched, and cost no pass.
      if (this.adapters.has(vendor)) tx.afterCommit(this.wakeSender);
      return { id, created: true };
    }
    return { id: this.store.idByKey(vendor, idempotencyKey)!, created: false };
  }

  /**
   * At boot, before start(): jobs found `running` were being sent when the process died. They wait again
   * with their outcome unknown, so each is looked up (or resent only where that is safe). Returns how many.
   */
  recoverInterrupted(): Promise<number> {
    return this.deps.commands.run(() => this.store.interruptAll(this.deps.clock.now().toISOString()));
  }

  /** Starts sending (the app's ready hook). */
  start(): void {
    this.sender.start();
  }

  /** Stops sending (the app's close hook, before the store closes); see OutboxSender.stop. */
  stop(): Promise<void> {
    return this.sender.stop();
  }

  /** Looks for due jobs now (after a test moved its clock; the timer does this by itself). */
  wake(): void {
    this.sender.wake();
  }

  /** Resolves when nothing is being sent and no pass is due (jobs waiting for a later time do not count). */
  idle(): Promise<void> {
    return this.sender.idle();
  }

  list(filter: OutboxListFilter = {}): OutboxJobView[] {
    const limit = Math.min(Math.max(filter.limit ?? OUTBOX_LIMITS.defaultJobsListed, 1), OUTBOX_LIMITS.maxJobsListed);
    const now = this.deps.clock.now();
    return this.store.list({ state: filter.state, vendor: filter.vendor, limit }).map((row) => this.view(row, now));
  }

  job(id: string): OutboxJobView | null {
    const row = this.store.byId(id);
    return row ? this.view(row, this.deps.clock.now()) : null;
  }

  /**
   * A waiting job, or one that waits for a person, is sent now. One that waited for a person starts a
   * fresh round of tries; an outcome still unknown is still looked up first.
   */
  retryNow(id: string, staffId: string): Promise<OutboxJobView> {
    return this.deps.commands.run((tx) => {
      const row = this.existing(id);
      if (row.state === 'done') throw conflict('outbox_job_done', `${this.describe(row)}: this is done, so there is nothing to retry.`);
      if (row.state === 'cancelled') {
        throw conflict('outbox_job_cancelled', `${this.describe(row)}: this was cancelled (${row.cancelReason ?? 'no reason given'}) and cannot be retried.`);
      }
      if (row.state === 'running') throw conflict('outbox_job_running', `${this.describe(row)}: this is being sent right now; look again in a moment.`);
      const now = this.deps.clock.now();
      this.store.retryNow(id, staffId, now.toISOString());
      tx.afterCommit(() => this.sender.wake());
      return this.view(this.store.byId(id)!, now);
    });
  }

  /** Any job not done is cancelled with the reason; its adapter undoes what waited on it. A send in flight is aborted. */
  cancel(id: string, reason: string, staffId: string): Promise<OutboxJobView> {
    return this.deps.commands.run((tx) => {
      const row = this.existing(id);
      if (row.state === 'done') throw conflict('outbox_job_done', `${this.describe(row)}: this is done and can no longer be cancelled.`);
      if (row.state === 'cancelled') {
        throw conflict('outbox_job_cancelled', `${this.describe(row)}: this was already cancelled (${row.cancelReason ?? 'no reason given'}).`);
      }
      const now = this.deps.clock.now();
      this.store.cancel(id, reason, staffId, now.toISOString());
      const adapter = this.adapters.get(row.vendor);
      if (adapter) abandonJob(this.deps, tx, adapter, adapterJob(row), `Cancelled by staff: ${reason}`);
      if (row.state === 'running') tx.afterCommit(() => this.sender.abortJob(id, `Cancelled by staff: ${reason}`));
      return this.view(this.store.byId(id)!, now);
    });
  }

  /**
   * Deletes done and cancelled jobs older than `retentionMs`. Their idempotency keys go with them: a
   * command repeated after that long is a new request (a retried tap comes within seconds).
   */
  prune(retentionMs: number): number {
    return this.store.prune(new Date(this.deps.clock.now().getTime() - retentionMs).toISOString());
  }

  /** What the hub still owes the internet: counts by state and vendor, and when the oldest waiting job was made. */
  summary(): OutboxSummary {
    const summary: OutboxSummary = { waiting: 0, running: 0, needsPerson: 0, oldestWaitingAt: this.store.oldestOwedAt(), byVendor: [] };
    for (const row of this.store.openCounts()) {
      if (row.state === 'waiting') summary.waiting += row.count;
      else if (row.state === 'running') summary.running += row.count;
      else if (row.state === 'needs_person') summary.needsPerson += row.count;
      else continue;
      summary.byVendor.push({ vendor: row.vendor, label: this.labelOf(row.vendor), state: row.state, count: row.count });
    }
    return summary;
  }

  /** The budget a vendor's key spends: the test or bench override, else the adapter's. */
  private budgetOf(vendor: string, budgetKey: string): VendorBudget {
    const adapter = this.adapters.get(vendor)!;
    const budget = { ...adapter.budget(budgetKey), ...this.budgetOverrides[vendor] };
    const problem = budgetProblem(budget.windows, budget.concurrency);
    if (!problem) return budget;
    // Never send faster than the strictest vendor we know while the adapter's answer is unusable.
    const id = `${vendor}/${budgetKey}`;
    if (!this.warnedBudgets.has(id)) {
      this.warnedBudgets.add(id);
      this.deps.log.error({ vendor, budgetKey, problem }, 'an outbox adapter gave an unusable rate budget; sending one a second');
    }
    return { windows: [{ limit: 1, intervalMs: 1_000 }], concurrency: 1 };
  }

  private readonly wakeSender = () => this.sender.wake();

  private existing(id: string): JobRow {
    const row = this.store.byId(id);
    if (!row) throw notFound('That online task');
    return row;
  }

  private labelOf(vendor: string): string {
    return this.adapters.get(vendor)?.label ?? vendor;
  }

  private describe(row: JobRow): string {
    const adapter = this.adapters.get(row.vendor);
    if (!adapter) return `${row.kind} for ${row.vendor} (waits until its module runs on this hub)`;
    try {
      return adapter.describe(adapterJob(row));
    } catch {
      return `${adapter.label}: ${row.kind}`;
    }
  }

  private view(row: JobRow, now: Date): OutboxJobView {
    return {
      id: row.id,
      vendor: row.vendor,
      vendorLabel: this.labelOf(row.vendor),
      kind: row.kind,
      description: this.describe(row),
      state: row.state,
      attempts: row.attempts,
      ageSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(row.createdAt)) / 1000)),
      createdAt: row.createdAt,
      nextAttemptAt: row.state === 'waiting' ? row.nextAttemptAt : null,
      lastError: row.lastError,
      lastStatus: row.lastStatus,
      cancelReason: row.cancelReason,
      outcomeUnknown: row.outcomeUnknown === 1,
    };
  }
}
