import type Database from 'better-sqlite3';
import type { OutboxJobState } from '@onemoment/shared/schemas/outbox';
import type { outboxJobs } from './tables.ts';
import type { OutboxJob } from './vendor-adapter.ts';

// The shared list of states and the table's must be the same list.
type TableState = (typeof outboxJobs.$inferSelect)['state'];
const sameStates: [TableState, OutboxJobState] extends [OutboxJobState, TableState] ? true : never = true;
void sameStates;

/** An outbox_jobs row as SQLite holds it (JSON columns as text). */
export interface JobRow {
  id: string;
  vendor: string;
  kind: string;
  budgetKey: string;
  idempotencyKey: string;
  payload: string;
  state: OutboxJobState;
  attempts: number;
  nextAttemptAt: string;
  outcomeUnknown: 0 | 1;
  lastError: string | null;
  lastStatus: number | null;
  /** The vendor's answer as JSON text; on a job that is not done, an answer whose recording failed. */
  result: string | null;
  cancelReason: string | null;
  actedBy: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  doneAt: string | null;
}

export interface NewJobRow {
  id: string;
  vendor: string;
  kind: string;
  budgetKey: string;
  idempotencyKey: string;
  payload: string;
  nextAttemptAt: string;
  createdAt: string;
}

export interface StateCount {
  vendor: string;
  state: OutboxJobState;
  count: number;
}

/** The states a job is still owed in (a person may have to act on needs_person). */
export const OPEN_STATES = ['waiting', 'running', 'needs_person'] as const satisfies readonly OutboxJobState[];

const COLUMNS = `id, vendor, kind, budget_key AS budgetKey, idempotency_key AS idempotencyKey, payload, state, attempts,
  next_attempt_at AS nextAttemptAt, outcome_unknown AS outcomeUnknown, last_error AS lastError, last_status AS lastStatus,
  result, cancel_reason AS cancelReason, acted_by AS actedBy, created_at AS createdAt, updated_at AS updatedAt,
  sent_at AS sentAt, done_at AS doneAt`;

/** The job as an adapter sees it. */
export function adapterJob(row: JobRow): OutboxJob {
  return {
    id: row.id,
    vendor: row.vendor,
    kind: row.kind,
    budgetKey: row.budgetKey,
    idempotencyKey: row.idempotencyKey,
    payload: JSON.parse(row.payload) as unknown,
    attempts: row.attempts,
    outcomeUnknown: row.outcomeUnknown === 1,
    createdAt: row.createdAt,
  };
}

/**
 * The outbox_jobs rows. Every statement is prepared once; writes run inside the caller's command. A
 * change that follows a send (done, retry, needs a person) applies only to a job still `running`, so a
 * job cancelled while it was being sent stays cancelled.
 *
 * Due jobs are read in (next_attempt_at, rowid) order through the due index: rowid is insertion order,
 * so jobs that fell due together go first come, first served, without sorting them.
 */
export class OutboxJobStore {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      insert: db.prepare(
        `INSERT INTO outbox_jobs (id, vendor, kind, budget_key, idempotency_key, payload, state, attempts, next_attempt_at, outcome_unknown,
                                  created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'waiting', 0, ?, 0, ?, ?)
         ON CONFLICT (vendor, idempotency_key) DO NOTHING`,
      ),
      idByKey: db.prepare(`SELECT id FROM outbox_jobs WHERE vendor = ? AND idempotency_key = ?`).pluck(),
      byId: db.prepare(`SELECT ${COLUMNS} FROM outbox_jobs WHERE id = ?`),
      // Only vendors with an adapter, and not budgets that are full or asked to wait (char(31) joins
      // vendor and budget key as the sender's budget ids do).
      due: db.prepare(
        `SELECT ${COLUMNS} FROM outbox_jobs INDEXED BY outbox_jobs_due
          WHERE state = 'waiting' AND next_attempt_at <= ?
            AND vendor IN (SELECT value FROM json_each(?))
            AND vendor || char(31) || budget_key NOT IN (SELECT value FROM json_each(?))
          ORDER BY next_attempt_at, rowid LIMIT ?`,
      ),
      dueForBudget: db.prepare(
        `SELECT ${COLUMNS} FROM outbox_jobs INDEXED BY outbox_jobs_due
          WHERE state = 'waiting' AND next_attempt_at <= ? AND vendor = ? AND budget_key = ? ORDER BY next_attempt_at, rowid LIMIT ?`,
      ),
      nextDueAfter: db
        .prepare(`SELECT next_attempt_at FROM outbox_jobs INDEXED BY outbox_jobs_due WHERE state = 'waiting' AND next_attempt_at > ? ORDER BY next_attempt_at LIMIT 1`)
        .pluck(),
      markRunning: db.prepare(
        `UPDATE outbox_jobs SET state = 'running', attempts = attempts + 1, sent_at = ?, updated_at = ? WHERE id = ? AND state = 'waiting'`,
      ),
      markDone: db.prepare(
        `UPDATE outbox_jobs SET state = 'done', result = ?, outcome_unknown = 0, done_at = ?, updated_at = ? WHERE id = ? AND state = 'running'`,
      ),
      markRetry: db.prepare(
        `UPDATE outbox_jobs SET state = 'waiting', next_attempt_at = ?, last_error = ?, last_status = ?, outcome_unknown = ?, updated_at = ?
          WHERE id = ? AND state = 'running'`,
      ),
      markNeedsPerson: db.prepare(
        `UPDATE outbox_jobs SET state = 'needs_person', last_error = ?, last_status = ?, outcome_unknown = ?, result = ?, updated_at = ?
          WHERE id = ? AND state = 'running'`,
      ),
      // Stopped before anything went out: as if it had not been picked (its attempt is given back).
      markNotSent: db.prepare(
        `UPDATE outbox_jobs SET state = 'waiting', attempts = MAX(attempts - 1, 0), updated_at = ? WHERE id = ? AND state = 'running'`,
      ),
      markInterrupted: db.prepare(`UPDATE outbox_jobs SET state = 'waiting', outcome_unknown = 1, updated_at = ? WHERE id = ? AND state = 'running'`),
      interruptAll: db.prepare(`UPDATE outbox_jobs SET state = 'waiting', outcome_unknown = 1, updated_at = ? WHERE state = 'running'`),
      retryNow: db.prepare(
        `UPDATE outbox_jobs SET state = 'waiting', next_attempt_at = ?, acted_by = ?, updated_at = ?,
                attempts = CASE WHEN state = 'needs_person' THEN 0 ELSE attempts END
          WHERE id = ? AND state IN ('waiting', 'needs_person')`,
      ),
      cancel: db.prepare(
        `UPDATE outbox_jobs SET state = 'cancelled', cancel_reason = ?, acted_by = ?, updated_at = ?
          WHERE id = ? AND state IN ('waiting', 'running', 'needs_person')`,
      ),
      keepLateResult: db.prepare(`UPDATE outbox_jobs SET result = ?, updated_at = ? WHERE id = ? AND state = 'cancelled'`),
      list: db.prepare(`SELECT ${COLUMNS} FROM outbox_jobs ORDER BY id DESC LIMIT ?`),
      listByState: db.prepare(`SELECT ${COLUMNS} FROM outbox_jobs WHERE state = ? ORDER BY id DESC LIMIT ?`),
      listByVendor: db.prepare(`SELECT ${COLUMNS} FROM outbox_jobs WHERE vendor = ? ORDER BY id DESC LIMIT ?`),
      listByBoth: db.prepare(`SELECT ${COLUMNS} FROM outbox_jobs WHERE vendor = ? AND state = ? ORDER BY id DESC LIMIT ?`),
      // A scan: finished jobs are pruned, so the table stays small.
      counts: db.prepare(`SELECT vendor, state, COUNT(*) AS count FROM outbox_jobs GROUP BY vendor, state ORDER BY vendor, state`),
      openCounts: db.prepare(
        `SELECT vendor, state, COUNT(*) AS count FROM outbox_jobs WHERE state IN ('waiting', 'running', 'needs_person') GROUP BY vendor, state ORDER BY vendor, state`,
      ),
      prune: db.prepare(`DELETE FROM outbox_jobs WHERE state IN ('done', 'cancelled') AND updated_at < ?`),
      oldestOwed: db.prepare(`SELECT MIN(created_at) FROM outbox_jobs WHERE state IN ('waiting', 'running')`).pluck(),
    };
  }

  /** Deletes finished jobs last changed before `cutoff` (ISO time); jobs waiting for a person stay. */
  prune(cutoff: string): number {
    return this.sql.prune.run(cutoff).changes;
  }

  /** Writes a waiting job; false when this vendor already has a job with that idempotency key. */
  insert(job: NewJobRow): boolean {
    const { id, vendor, kind, budgetKey, idempotencyKey, payload, nextAttemptAt, createdAt } = job;
    return this.sql.insert.run(id, vendor, kind, budgetKey, idempotencyKey, payload, nextAttemptAt, createdAt, createdAt).changes === 1;
  }

  idByKey(vendor: string, idempotencyKey: string): string | null {
    return (this.sql.idByKey.get(vendor, idempotencyKey) as string | undefined) ?? null;
  }

  byId(id: string): JobRow | null {
    return (this.sql.byId.get(id) as JobRow | undefined) ?? null;
  }

  /** Due waiting jobs of these vendors, first due first, leaving out the budgets named (`vendor\u001fbudgetKey`). */
  due(now: string, vendors: readonly string[], excludedBudgets: readonly string[], limit: number): JobRow[] {
    return this.sql.due.all(now, JSON.stringify(vendors), JSON.stringify(excludedBudgets), limit) as JobRow[];
  }

  dueForBudget(now: string, vendor: string, budgetKey: string, limit: number): JobRow[] {
    return this.sql.dueForBudget.all(now, vendor, budgetKey, limit) as JobRow[];
  }

  /** When the next waiting job falls due after `now` (ISO), or null. */
  nextDueAfter(now: string): string | null {
    return (this.sql.nextDueAfter.get(now) as string | undefined) ?? null;
  }

  markRunning(id: string, at: string): boolean {
    return this.sql.markRunning.run(at, at, id).changes === 1;
  }

  markDone(id: string, result: string, at: string): boolean {
    return this.sql.markDone.run(result, at, at, id).changes === 1;
  }

  markRetry(id: string, change: { nextAttemptAt: string; lastError: string; lastStatus: number | null; outcomeUnknown: boolean }, at: string): boolean {
    return this.sql.markRetry.run(change.nextAttemptAt, change.lastError, change.lastStatus, change.outcomeUnknown ? 1 : 0, at, id).changes === 1;
  }

  markNeedsPerson(id: string, change: { lastError: string; lastStatus: number | null; outcomeUnknown: boolean; result: string | null }, at: string): boolean {
    return this.sql.markNeedsPerson.run(change.lastError, change.lastStatus, change.outcomeUnknown ? 1 : 0, change.result, at, id).changes === 1;
  }

  markNotSent(id: string, at: string): boolean {
    return this.sql.markNotSent.run(at, id).changes === 1;
  }

  markInterrupted(id: string, at: string): boolean {
    return this.sql.markInterrupted.run(at, id).changes === 1;
  }

  /** Every job left `running` (the hub stopped mid-send) waits again, its outcome unknown. */
  interruptAll(at: string): number {
    return this.sql.interruptAll.run(at).changes;
  }

  retryNow(id: string, staffId: string, at: string): boolean {
    return this.sql.retryNow.run(at, staffId, at, id).changes === 1;
  }

  cancel(id: string, reason: string, staffId: string, at: string): boolean {
    return this.sql.cancel.run(reason, staffId, at, id).changes === 1;
  }

  /** A vendor's answer that arrived after the job was cancelled: kept on the row for a person to see. */
  keepLateResult(id: string, result: string, at: string): void {
    this.sql.keepLateResult.run(result, at, id);
  }

  list(filter: { state?: OutboxJobState; vendor?: string; limit: number }): JobRow[] {
    const { state, vendor, limit } = filter;
    if (state && vendor) return this.sql.listByBoth.all(vendor, state, limit) as JobRow[];
    if (state) return this.sql.listByState.all(state, limit) as JobRow[];
    if (vendor) return this.sql.listByVendor.all(vendor, limit) as JobRow[];
    return this.sql.list.all(limit) as JobRow[];
  }

  counts(): StateCount[] {
    return this.sql.counts.all() as StateCount[];
  }

  openCounts(): StateCount[] {
    return this.sql.openCounts.all() as StateCount[];
  }

  /** When the oldest job still owed to the internet (waiting or being sent) was made. */
  oldestOwedAt(): string | null {
    return (this.sql.oldestOwed.get() as string | null | undefined) ?? null;
  }
}
