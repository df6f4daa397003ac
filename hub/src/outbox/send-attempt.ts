// One send of one job, from the adapter call to the command that ends it: the adapter's record and the
// job marked done together, or the job back to waiting (with its backoff), or waiting for a person.
// Every change applies only to a job still running, so one cancelled meanwhile stays cancelled.
import type Database from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { CommandRunner, CommandTx } from '../db/command-runner.ts';
import { adapterJob, type JobRow, type OutboxJobStore } from './job-store.ts';
import type { OutboxMetrics, SendOutcome } from './outbox-metrics.ts';
import type { RateBudget, Release } from './rate-budget.ts';
import { decideRetry, failureOf, type Failure, type RetryPolicy } from './retry-rules.ts';
import { inSavepoint } from './savepoint.ts';
import type { OutboxJob, SendContext, VendorAdapter, VendorBudget } from './vendor-adapter.ts';

export interface AttemptDeps {
  sqlite: Database.Database;
  store: OutboxJobStore;
  commands: CommandRunner;
  clock: Clock;
  log: FastifyBaseLogger;
  metrics: OutboxMetrics;
  rates: RateBudget;
  retry: RetryPolicy;
  random: () => number;
  budgetOf(vendor: string, budgetKey: string): VendorBudget;
}

/** What the loop does for an attempt. */
export interface AttemptHooks {
  /** The vendor call is over: its send slot is free (recording the answer is local work). */
  hungUp(): void;
  /** Whether the hub is closing (an abort then means "stopped", not "failed"). */
  stopping(): boolean;
  /** The vendor asked the whole budget to wait until this clock time (ms): a 429's or 503's Retry-After. */
  hold(untilMs: number): void;
  /** The job waits again: its budget should be looked at (it may already be due). */
  waitingAgain(): void;
}

type Answer = { result: unknown; via: 'send' | 'found' | 'kept' };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Tells the adapter that a job ended without an answer; a failing `abandoned` does not undo the job's own change. */
export function abandonJob(deps: Pick<AttemptDeps, 'sqlite' | 'log'>, tx: CommandTx, adapter: VendorAdapter, job: OutboxJob, why: string): void {
  if (!adapter.abandoned) return;
  const undoFailed = (error: unknown) => deps.log.error({ err: error }, 'an undo after a failed outbox step failed');
  const outcome = inSavepoint(deps.sqlite, tx, (inner) => adapter.abandoned!(inner, job, why), undoFailed);
  if (!outcome.ok) deps.log.error({ err: outcome.error, jobId: job.id, vendor: job.vendor }, 'the adapter could not undo what waited on an abandoned outbox job');
}

export class SendAttempt {
  /** Aborted when staff cancel the job or the hub closes: the adapter passes it to fetch. */
  readonly controller = new AbortController();
  /** Requests the send (not a lookup) was allowed by the rate budget: once one went, it may have arrived. */
  private sendRequests = 0;
  private phase: 'lookup' | 'send' = 'send';
  /** What is known of the vendor having done it; a lookup that finds nothing settles it. */
  private outcomeUnknown: boolean;
  /** The rate budget counts the request in flight until this is called. */
  private release: Release | null = null;
  private hungUp = false;

  constructor(
    private readonly deps: AttemptDeps,
    private readonly row: JobRow,
    private readonly budget: string,
    private readonly adapter: VendorAdapter,
    private readonly hooks: AttemptHooks,
  ) {
    this.outcomeUnknown = row.outcomeUnknown === 1;
  }

  /** Gives back the request in flight and the send slot (once; again does nothing). */
  hangUp(): void {
    this.release?.();
    this.release = null;
    if (this.hungUp) return;
    this.hungUp = true;
    this.hooks.hungUp();
  }

  async run(): Promise<void> {
    const { row, adapter } = this;
    let job: OutboxJob;
    try {
      job = adapterJob(row);
    } catch (error) {
      this.hangUp();
      await this.failed(null, { kind: 'permanent', message: `The job's data is unreadable: ${errorText(error)}`, status: null, retryAfterMs: null });
      return;
    }
    let answer: Answer;
    try {
      answer = await this.call(job);
    } catch (error) {
      this.hangUp();
      if (this.hooks.stopping() && this.controller.signal.aborted) {
        await this.interrupted();
        return;
      }
      const failure = failureOf(error, adapter.label);
      // A send cut off after its request went out may have been done by the vendor; a refusal was not.
      if (this.phase === 'send' && failure.kind === 'retry' && this.sendRequests > 0) this.outcomeUnknown = true;
      await this.failed(job, failure);
      return;
    }
    this.hangUp();
    await this.succeeded(job, answer);
  }

  private context(): SendContext {
    const { row } = this;
    return {
      signal: this.controller.signal,
      // A job's requests go one after another: asking for the next means the last one's answer is back.
      takeRequest: async () => {
        this.release?.();
        this.release = null;
        const { windows } = this.deps.budgetOf(row.vendor, row.budgetKey);
        this.release = await this.deps.rates.take(this.budget, windows, this.controller.signal);
        if (this.phase === 'send') this.sendRequests += 1;
      },
    };
  }

  /** A kept answer is recorded again; an unknown outcome is looked up first where the adapter says so. */
  private async call(job: OutboxJob): Promise<Answer> {
    const { row, adapter } = this;
    if (row.result !== null) return { result: JSON.parse(row.result) as unknown, via: 'kept' };
    const context = this.context();
    if (job.outcomeUnknown && adapter.resendSafety === 'lookup' && adapter.lookup) {
      this.phase = 'lookup';
      const found = await adapter.lookup(job, context);
      if (found !== null && found !== undefined) return { result: found, via: 'found' };
      this.outcomeUnknown = false;
      this.phase = 'send';
    }
    return { result: await adapter.send(job, context), via: 'send' };
  }

  private async succeeded(job: OutboxJob, { result, via }: Answer): Promise<void> {
    const { row, adapter } = this;
    const { store, sqlite, commands, log } = this.deps;
    let json: string;
    try {
      json = JSON.stringify(result ?? null);
    } catch (error) {
      await this.failed(job, { kind: 'permanent', message: `${adapter.label} answered, but the answer could not be stored: ${errorText(error)}`, status: null, retryAfterMs: null });
      return;
    }
    const outcome = await commands.run((tx): { kind: 'done' | 'gone' } | { kind: 'record_failed'; error: unknown } => {
      const at = this.deps.clock.now().toISOString();
      const current = store.byId(row.id);
      if (!current || current.state !== 'running') {
        if (current?.state === 'cancelled') store.keepLateResult(row.id, json, at);
        return { kind: 'gone' };
      }
      const recorded = inSavepoint(sqlite, tx, (inner) => adapter.record(inner, job, result), this.undoFailed);
      if (recorded.ok) {
        store.markDone(row.id, json, at);
        return { kind: 'done' };
      }
      const message =
        `${adapter.label} answered, but the hub could not record the answer: ${errorText(recorded.error)}. ` +
        `The answer is kept: retry once the problem is fixed and it is recorded without asking ${adapter.label} again.`;
      store.markNeedsPerson(row.id, { lastError: message, lastStatus: null, outcomeUnknown: false, result: json }, at);
      abandonJob(this.deps, tx, adapter, job, message);
      return { kind: 'record_failed', error: recorded.error };
    });
    if (outcome.kind === 'gone') {
      log.warn({ jobId: row.id, vendor: row.vendor }, 'an outbox job was cancelled while its vendor answered; the answer is kept on the job, not recorded');
      return;
    }
    if (outcome.kind === 'record_failed') {
      log.error({ err: outcome.error, jobId: row.id, vendor: row.vendor }, 'recording a vendor answer failed; the job waits for a person');
      this.count('record_failed');
      return;
    }
    this.count(via === 'found' ? 'found' : 'done');
    this.deps.metrics.latency.observe({ vendor: row.vendor }, Math.max(0, this.deps.clock.now().getTime() - Date.parse(row.createdAt)) / 1000);
  }

  /** A failed send: back to waiting after its backoff (and the vendor's Retry-After), or to a person. */
  private async failed(job: OutboxJob | null, failure: Failure): Promise<void> {
    const { row, adapter } = this;
    const { store, commands, retry, random } = this.deps;
    const outcomeUnknown = this.outcomeUnknown;
    const decision = decideRetry(failure, row.attempts, retry, random);
    const now = this.deps.clock.now();
    if (decision.kind === 'retry') {
      // The vendor asked the whole credential to wait, not just this job.
      if (failure.retryAfterMs !== null) this.hooks.hold(now.getTime() + Math.min(failure.retryAfterMs, retry.maxRetryAfterMs));
      const nextAttemptAt = new Date(now.getTime() + decision.delayMs).toISOString();
      const changed = await commands.run(() =>
        store.markRetry(row.id, { nextAttemptAt, lastError: failure.message, lastStatus: failure.status, outcomeUnknown }, now.toISOString()),
      );
      if (changed) this.count(failure.kind === 'rate_limited' ? 'rate_limited' : 'retry');
      this.hooks.waitingAgain();
      return;
    }
    const changed = await commands.run((tx) => {
      const marked = store.markNeedsPerson(row.id, { lastError: decision.message, lastStatus: failure.status, outcomeUnknown, result: null }, now.toISOString());
      if (marked && job) abandonJob(this.deps, tx, adapter, job, decision.message);
      return marked;
    });
    if (!changed) return;
    this.count('needs_person');
    this.deps.log.warn({ jobId: row.id, vendor: row.vendor, kind: row.kind, status: failure.status, reason: decision.message }, 'an outbox job waits for a person');
  }

  /** The hub is closing: a send that never got a request out waits again untouched; otherwise it may have arrived. */
  private async interrupted(): Promise<void> {
    const { store, commands, clock } = this.deps;
    const at = clock.now().toISOString();
    const sent = this.sendRequests > 0;
    await commands.run(() => (sent ? store.markInterrupted(this.row.id, at) : store.markNotSent(this.row.id, at)));
    this.count('interrupted');
  }

  private count(outcome: SendOutcome): void {
    this.deps.metrics.sends.inc({ vendor: this.row.vendor, outcome });
  }

  private readonly undoFailed = (error: unknown) => this.deps.log.error({ err: error }, 'an undo after a failed outbox step failed');
}
