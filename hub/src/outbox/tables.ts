import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The outbox: every call the hub owes the internet (a TON check, a Cloudbeds booking, an Airalo order)
 * as a durable job. A job is written in the same transaction as the command that needs it, and its
 * vendor's answer is recorded in the same transaction that marks it done, so neither is ever lost.
 *
 * States: waiting → running → done; waiting again after a retryable failure; needs_person after a
 * permanent error or too many tries (a person retries or cancels it); cancelled with a reason.
 */
export const outboxJobs = sqliteTable(
  'outbox_jobs',
  {
    /** UUIDv7 made by the hub. */
    id: text('id').primaryKey(),
    /** The vendor adapter that sends it ('ton', 'airalo', 'cloudbeds'). */
    vendor: text('vendor').notNull(),
    /** What the adapter does with it ('poll', 'order'), in the adapter's own words. */
    kind: text('kind').notNull(),
    /** Whose rate budget it spends (an API key's fingerprint, an ICCID); '' for the vendor's shared one. */
    budgetKey: text('budget_key').notNull().default(''),
    /** Unique per vendor: a command retried by its client writes no second job. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** The adapter's input (JSON). */
    payload: text('payload', { mode: 'json' }).$type<unknown>().notNull(),
    state: text('state', { enum: ['waiting', 'running', 'done', 'needs_person', 'cancelled'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When it may be sent next (ISO time); a retry or a Retry-After moves it later. */
    nextAttemptAt: text('next_attempt_at').notNull(),
    /**
     * Set when the hub stopped while this job was being sent: the vendor may have done it. Before any
     * resend the adapter looks the outcome up (or relies on the vendor's idempotency key).
     */
    outcomeUnknown: integer('outcome_unknown', { mode: 'boolean' }).notNull().default(false),
    /** The last failure in plain words, for the Online tasks page. */
    lastError: text('last_error'),
    /** The HTTP status of the last failure, when there was one. */
    lastStatus: integer('last_status'),
    /** The vendor's answer as the adapter recorded it (JSON). */
    result: text('result', { mode: 'json' }).$type<unknown>(),
    cancelReason: text('cancel_reason'),
    /** The staff member who cancelled or retried it last. */
    actedBy: text('acted_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** When the last send started. */
    sentAt: text('sent_at'),
    doneAt: text('done_at'),
  },
  // Few indexes on purpose: a job may be written in every order's transaction, and each index is one
  // more b-tree page written per commit. The due index holds only waiting jobs; the rest of the table
  // (summaries, lists) is read rarely and stays small, as finished jobs are pruned.
  (t) => [
    uniqueIndex('outbox_jobs_idempotency').on(t.vendor, t.idempotencyKey),
    index('outbox_jobs_due')
      .on(t.nextAttemptAt)
      .where(sql`state = 'waiting'`),
  ],
);
