import type { CommandTx } from '../db/command-runner.ts';

/**
 * A rate budget: every window must hold, e.g. toncenter without a key is [{ limit: 1, intervalMs: 1000 }];
 * Airalo's packages are [{ limit: 5, intervalMs: 1000 }, { limit: 80, intervalMs: 60_000 }]. A burst is a
 * short window beside a longer one. Counted per vendor and budget key (a credential, an ICCID).
 */
export interface RateWindow {
  limit: number;
  intervalMs: number;
}

export interface VendorBudget {
  windows: readonly RateWindow[];
  /** Jobs of this vendor sent at the same time, at most. */
  concurrency: number;
}

/** A job as the adapter sees it. */
export interface OutboxJob<P = unknown> {
  id: string;
  vendor: string;
  kind: string;
  budgetKey: string;
  idempotencyKey: string;
  payload: P;
  attempts: number;
  /** The hub stopped while this job was being sent: the vendor may already have done it. */
  outcomeUnknown: boolean;
  createdAt: string;
}

/** What a send may use while it runs. */
export interface SendContext {
  /**
   * Waits for the budget to allow one more request, and counts it. Call it before each HTTP request
   * (a job that pages through results spends one per page).
   */
  takeRequest(): Promise<void>;
  /** Aborted when the hub closes: pass it to fetch. */
  signal: AbortSignal;
}

/**
 * How a failed send is told apart, in plain words for the Online tasks page. `retry`: a timeout, a 5xx,
 * a dropped connection. `rate_limited`: a 429 (with Retry-After when the vendor sent one).
 * `permanent`: the vendor refused the request itself (a 400, a 401 after a fresh token, a package that
 * no longer exists); a person must look.
 */
export class VendorError extends Error {
  constructor(
    readonly kind: 'retry' | 'rate_limited' | 'permanent',
    message: string,
    readonly options: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'VendorError';
  }
}

/**
 * How the adapter knows a resend after an unknown outcome is safe:
 * - `read_only`: the call changes nothing at the vendor (a poll); it is simply sent again;
 * - `idempotency_key`: the vendor dedupes by the job's key; it is sent again with the same key;
 * - `lookup`: the adapter's `lookup` asks the vendor what happened before any resend.
 */
export type ResendSafety = 'read_only' | 'idempotency_key' | 'lookup';

/**
 * One vendor's way out to the internet. The outbox owns the queue, the budget, retries and recovery;
 * the adapter owns the HTTP and the meaning.
 */
export interface VendorAdapter<P = unknown, R = unknown> {
  vendor: string;
  /** How the vendor is named to staff ("TON payments check", "Airalo eSIM"). */
  label: string;
  budget(budgetKey: string): VendorBudget;
  resendSafety: ResendSafety;
  /** A job in a sentence for the Online tasks page ("Check TON payments for 3 open invoices"). */
  describe(job: OutboxJob<P>): string;
  /** Makes the call(s). Throws VendorError for a failure the outbox can classify; any other error counts as `retry`. */
  send(job: OutboxJob<P>, context: SendContext): Promise<R>;
  /** For `lookup` adapters: what the vendor did with this job, or null when it never arrived. */
  lookup?(job: OutboxJob<P>, context: SendContext): Promise<R | null>;
  /**
   * Records the vendor's answer, in the same transaction that marks the job done (write the rows the
   * answer changes, publish events). May enqueue follow-up jobs through the outbox in `tx`.
   */
  record(tx: CommandTx, job: OutboxJob<P>, result: R): void;
  /** When the job ends in needs_person or cancelled: undo or flag what waited on it (optional). */
  abandoned?(tx: CommandTx, job: OutboxJob<P>, why: string): void;
}
