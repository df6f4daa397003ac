import type Database from 'better-sqlite3';
import type { PrintDocument } from '@onemoment/printers';
import type { PrintJobKind, PrintJobStatus, PrintTargetKind } from '@onemoment/shared/schemas/printing';
import type { PrintTarget } from './print-routing.ts';

export interface JobRow {
  id: string;
  seq: number;
  kind: PrintJobKind;
  targetKind: PrintTargetKind;
  target: string;
  orderId: string | null;
  orderNumber: number | null;
  visitId: string | null;
  document: string;
  status: PrintJobStatus;
  attempts: number;
  lastError: string | null;
  printerId: string | null;
  copyOf: string | null;
  createdAt: string;
  updatedAt: string;
  nextAttemptAt: string | null;
  printedAt: string | null;
}

export interface NewJob {
  id: string;
  kind: PrintJobKind;
  target: PrintTarget;
  orderId: string | null;
  orderNumber: number | null;
  visitId: string | null;
  document: PrintDocument;
  copyOf: string | null;
  createdAt: string;
}

const COLUMNS = `id, seq, kind, target_kind AS targetKind, target, order_id AS orderId, order_number AS orderNumber,
  visit_id AS visitId, document, status, attempts, last_error AS lastError, printer_id AS printerId, copy_of AS copyOf,
  created_at AS createdAt, updated_at AS updatedAt, next_attempt_at AS nextAttemptAt, printed_at AS printedAt`;

/** The print_jobs rows. Every statement is prepared once; writes run inside the caller's command. */
export class PrintJobStore {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      insert: db.prepare(
        `INSERT INTO print_jobs (id, seq, kind, target_kind, target, order_id, order_number, visit_id, document, status, attempts,
                                 last_error, printer_id, copy_of, created_at, updated_at, next_attempt_at, printed_at)
         VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM print_jobs), ?, ?, ?, ?, ?, ?, ?, 'queued', 0, NULL, NULL, ?, ?, ?, NULL, NULL)`,
      ),
      byId: db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE id = ?`),
      head: db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE status = 'queued' AND target_kind = ? AND target = ? ORDER BY seq LIMIT 1`),
      markPrinting: db.prepare(
        `UPDATE print_jobs SET status = 'printing', printer_id = ?, attempts = attempts + 1, updated_at = ?, next_attempt_at = NULL
          WHERE id = ? AND status = 'queued'`,
      ),
      markPrinted: db.prepare(
        `UPDATE print_jobs SET status = 'printed', printed_at = ?, updated_at = ?, last_error = NULL WHERE id = ? AND status = 'printing'`,
      ),
      requeue: db.prepare(
        `UPDATE print_jobs SET status = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status IN ('printing', 'queued')`,
      ),
      setWaiting: db.prepare(`UPDATE print_jobs SET last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status = 'queued'`),
      fail: db.prepare(`UPDATE print_jobs SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ? AND status IN ('printing', 'queued')`),
      interrupted: db.prepare(`SELECT id, kind FROM print_jobs WHERE status = 'printing'`),
      queuedTargets: db.prepare(`SELECT DISTINCT target_kind AS kind, target AS id FROM print_jobs WHERE status = 'queued'`),
      waiting: db.prepare(`SELECT COUNT(*) FROM print_jobs WHERE status IN ('queued', 'printing')`).pluck(),
      list: db.prepare(`SELECT ${COLUMNS} FROM print_jobs ORDER BY seq DESC LIMIT ?`),
      listByStatus: db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE status = ? ORDER BY seq DESC LIMIT ?`),
      queuedCounts: db.prepare(
        `SELECT target_kind AS kind, target AS id, COUNT(*) AS count FROM print_jobs WHERE status = 'queued' GROUP BY target_kind, target`,
      ),
      printerCounts: db.prepare(
        `SELECT printer_id AS printerId,
                SUM(CASE WHEN status = 'printing' THEN 1 ELSE 0 END) AS printing,
                SUM(CASE WHEN status = 'failed' AND updated_at >= ? THEN 1 ELSE 0 END) AS failed
           FROM print_jobs WHERE printer_id IS NOT NULL AND status IN ('printing', 'failed') GROUP BY printer_id`,
      ),
      activeForPrinter: db.prepare(`SELECT COUNT(*) FROM print_jobs WHERE status = 'printing' AND printer_id = ?`).pluck(),
      prune: db.prepare(`DELETE FROM print_jobs WHERE status IN ('printed', 'failed') AND created_at < ?`),
    };
  }

  insert(job: NewJob): void {
    this.sql.insert.run(
      job.id,
      job.kind,
      job.target.kind,
      job.target.id,
      job.orderId,
      job.orderNumber,
      job.visitId,
      JSON.stringify(job.document),
      job.copyOf,
      job.createdAt,
      job.createdAt,
    );
  }

  byId(id: string): JobRow | null {
    return (this.sql.byId.get(id) as JobRow | undefined) ?? null;
  }

  /** The oldest queued job of a target: the only one that may print next. */
  head(target: PrintTarget): JobRow | null {
    return (this.sql.head.get(target.kind, target.id) as JobRow | undefined) ?? null;
  }

  markPrinting(id: string, printerId: string, at: string): boolean {
    return this.sql.markPrinting.run(printerId, at, id).changes === 1;
  }

  markPrinted(id: string, at: string): void {
    this.sql.markPrinted.run(at, at, id);
  }

  requeue(id: string, lastError: string, nextAttemptAt: string, at: string): void {
    this.sql.requeue.run(lastError, nextAttemptAt, at, id);
  }

  /** A queued job that cannot be tried yet (no printer for its target): only its message changes. */
  setWaiting(id: string, lastError: string, at: string): void {
    this.sql.setWaiting.run(lastError, at, id);
  }

  fail(id: string, lastError: string, at: string): void {
    this.sql.fail.run(lastError, at, id);
  }

  /** Jobs a previous run was sending when it stopped. */
  interrupted(): Array<{ id: string; kind: PrintJobKind }> {
    return this.sql.interrupted.all() as Array<{ id: string; kind: PrintJobKind }>;
  }

  queuedTargets(): PrintTarget[] {
    return this.sql.queuedTargets.all() as PrintTarget[];
  }

  waitingCount(): number {
    return this.sql.waiting.get() as number;
  }

  list(status: PrintJobStatus | undefined, limit: number): JobRow[] {
    return (status ? this.sql.listByStatus.all(status, limit) : this.sql.list.all(limit)) as JobRow[];
  }

  queuedCounts(): Array<PrintTarget & { count: number }> {
    return this.sql.queuedCounts.all() as Array<PrintTarget & { count: number }>;
  }

  printerCounts(failedSince: string): Map<string, { printing: number; failed: number }> {
    const rows = this.sql.printerCounts.all(failedSince) as Array<{ printerId: string; printing: number; failed: number }>;
    return new Map(rows.map((row) => [row.printerId, { printing: row.printing, failed: row.failed }]));
  }

  isPrintingOn(printerId: string): boolean {
    return (this.sql.activeForPrinter.get(printerId) as number) > 0;
  }

  /** Printed and failed jobs older than `before` (ISO); queued ones are never pruned. */
  prune(before: string): number {
    return this.sql.prune.run(before).changes;
  }
}
