import type Database from 'better-sqlite3';
import type { BillingSettings, Payment, PaymentMethod } from '@onemoment/shared/schemas/payments';
import type { LineShare } from './split-rules.ts';

export interface DiscountRow {
  id: string;
  visitId: string;
  kind: 'amount' | 'percent';
  amountMinor: number | null;
  rateBp: number | null;
  reason: string;
  staffId: string;
  createdAt: string;
}

export interface SplitRow {
  id: string;
  visitId: string;
  kind: 'equal' | 'items' | 'amounts';
  baseMinor: number;
  createdAt: string;
}

export interface PartRow {
  id: string;
  splitId: string;
  position: number;
  label: string;
  amountMinor: number;
}

export interface WriteOffRow {
  id: string;
  amountMinor: number;
  reason: string;
  createdAt: string;
}

export interface NewPayment {
  id: string;
  visitId: string;
  partId: string | null;
  method: PaymentMethod;
  amountMinor: number;
  tipMinor: number;
  tenderedMinor: number | null;
  changeMinor: number;
  last4: string | null;
  approvalCode: string | null;
  tonInvoiceId: string | null;
  currency: string;
  businessDay: string;
  staffId: string | null;
  createdAt: string;
}

const PAYMENT_COLUMNS = `id, visit_id AS visitId, part_id AS partId, method, amount_minor AS amountMinor, tip_minor AS tipMinor,
  tendered_minor AS tenderedMinor, change_minor AS changeMinor, last4, approval_code AS approvalCode, ton_invoice_id AS tonInvoiceId,
  currency, business_day AS businessDay, staff_id AS staffId, created_at AS createdAt`;

/** The default when a manager has set nothing: prices include VAT, no service charge. */
export const DEFAULT_BILLING: BillingSettings = { taxMode: 'included', serviceChargeBp: 0 };

/** The payments module's rows: billing settings, discounts, splits and parts, payments, write-offs, settled bills, day closes. */
export class BillStore {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      settings: db.prepare('SELECT tax_mode AS taxMode, service_charge_bp AS serviceChargeBp FROM billing_settings WHERE id = 1'),
      saveSettings: db.prepare(
        `INSERT INTO billing_settings (id, tax_mode, service_charge_bp, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET tax_mode = excluded.tax_mode, service_charge_bp = excluded.service_charge_bp, updated_at = excluded.updated_at`,
      ),
      discounts: db.prepare(
        `SELECT id, visit_id AS visitId, kind, amount_minor AS amountMinor, rate_bp AS rateBp, reason, staff_id AS staffId, created_at AS createdAt
           FROM bill_discounts WHERE visit_id = ? AND removed_at IS NULL ORDER BY created_at, id`,
      ),
      discount: db.prepare('SELECT id, visit_id AS visitId, removed_at AS removedAt FROM bill_discounts WHERE id = ?'),
      insertDiscount: db.prepare(
        'INSERT INTO bill_discounts (id, visit_id, kind, amount_minor, rate_bp, reason, staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      removeDiscount: db.prepare('UPDATE bill_discounts SET removed_at = ? WHERE id = ? AND removed_at IS NULL'),
      currentSplit: db.prepare(
        'SELECT id, visit_id AS visitId, kind, base_minor AS baseMinor, created_at AS createdAt FROM bill_splits WHERE visit_id = ? AND replaced_at IS NULL',
      ),
      split: db.prepare('SELECT id, visit_id AS visitId FROM bill_splits WHERE id = ?'),
      replaceSplits: db.prepare('UPDATE bill_splits SET replaced_at = ? WHERE visit_id = ? AND replaced_at IS NULL'),
      insertSplit: db.prepare('INSERT INTO bill_splits (id, visit_id, kind, base_minor, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      insertPart: db.prepare('INSERT INTO bill_parts (id, split_id, visit_id, position, label, amount_minor, shares) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      parts: db.prepare('SELECT id, split_id AS splitId, position, label, amount_minor AS amountMinor FROM bill_parts WHERE split_id = ? ORDER BY position'),
      payments: db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE visit_id = ? ORDER BY created_at, id`),
      payment: db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = ?`),
      paymentOfInvoice: db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE ton_invoice_id = ?`),
      paymentsOfDay: db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE business_day = ? ORDER BY created_at, id`),
      insertPayment: db.prepare(
        `INSERT INTO payments (id, visit_id, part_id, method, amount_minor, tip_minor, tendered_minor, change_minor, last4, approval_code,
                               ton_invoice_id, currency, business_day, staff_id, created_at)
         VALUES (@id, @visitId, @partId, @method, @amountMinor, @tipMinor, @tenderedMinor, @changeMinor, @last4, @approvalCode,
                 @tonInvoiceId, @currency, @businessDay, @staffId, @createdAt)`,
      ),
      writeOffs: db.prepare('SELECT id, amount_minor AS amountMinor, reason, created_at AS createdAt FROM bill_write_offs WHERE visit_id = ? ORDER BY created_at'),
      writeOffsOfDay: db.prepare('SELECT amount_minor AS amountMinor FROM bill_write_offs WHERE business_day = ?').pluck(),
      insertWriteOff: db.prepare(
        'INSERT INTO bill_write_offs (id, visit_id, amount_minor, reason, staff_id, business_day, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertSettlement: db.prepare(
        'INSERT OR IGNORE INTO bill_settlements (visit_id, business_day, currency, bill, settled_at) VALUES (?, ?, ?, ?, ?)',
      ),
      settlementsOfDay: db.prepare('SELECT bill FROM bill_settlements WHERE business_day = ?').pluck(),
      dayClose: db.prepare('SELECT report, closed_by AS closedBy, closed_at AS closedAt FROM day_closes WHERE business_day = ?'),
      insertDayClose: db.prepare('INSERT INTO day_closes (business_day, report, closed_by, closed_at) VALUES (?, ?, ?, ?)'),
    };
  }

  settings(): BillingSettings {
    return (this.sql.settings.get() as BillingSettings | undefined) ?? DEFAULT_BILLING;
  }

  saveSettings(settings: BillingSettings, at: string): void {
    this.sql.saveSettings.run(settings.taxMode, settings.serviceChargeBp, at);
  }

  discounts(visitId: string): DiscountRow[] {
    return this.sql.discounts.all(visitId) as DiscountRow[];
  }

  discountOwner(id: string): { visitId: string; removedAt: string | null } | null {
    return (this.sql.discount.get(id) as { visitId: string; removedAt: string | null } | undefined) ?? null;
  }

  insertDiscount(row: DiscountRow): void {
    this.sql.insertDiscount.run(row.id, row.visitId, row.kind, row.amountMinor, row.rateBp, row.reason, row.staffId, row.createdAt);
  }

  removeDiscount(id: string, at: string): boolean {
    return this.sql.removeDiscount.run(at, id).changes === 1;
  }

  currentSplit(visitId: string): { split: SplitRow; parts: PartRow[] } | null {
    const split = this.sql.currentSplit.get(visitId) as SplitRow | undefined;
    if (!split) return null;
    return { split, parts: this.sql.parts.all(split.id) as PartRow[] };
  }

  splitOwner(id: string): string | null {
    return (this.sql.split.get(id) as { visitId: string } | undefined)?.visitId ?? null;
  }

  replaceSplits(visitId: string, at: string): void {
    this.sql.replaceSplits.run(at, visitId);
  }

  insertSplit(split: SplitRow & { createdBy: string }, parts: Array<{ id: string; label: string; amountMinor: number; shares: readonly LineShare[] | null }>): void {
    this.sql.insertSplit.run(split.id, split.visitId, split.kind, split.baseMinor, split.createdBy, split.createdAt);
    parts.forEach((part, position) =>
      this.sql.insertPart.run(part.id, split.id, split.visitId, position, part.label, part.amountMinor, part.shares ? JSON.stringify(part.shares) : null),
    );
  }

  payments(visitId: string): Payment[] {
    return this.sql.payments.all(visitId) as Payment[];
  }

  payment(id: string): Payment | null {
    return (this.sql.payment.get(id) as Payment | undefined) ?? null;
  }

  paymentOfInvoice(invoiceId: string): Payment | null {
    return (this.sql.paymentOfInvoice.get(invoiceId) as Payment | undefined) ?? null;
  }

  paymentsOfDay(businessDay: string): Payment[] {
    return this.sql.paymentsOfDay.all(businessDay) as Payment[];
  }

  insertPayment(payment: NewPayment): Payment {
    this.sql.insertPayment.run(payment);
    return payment;
  }

  writeOffs(visitId: string): WriteOffRow[] {
    return this.sql.writeOffs.all(visitId) as WriteOffRow[];
  }

  writeOffsOfDay(businessDay: string): number[] {
    return this.sql.writeOffsOfDay.all(businessDay) as number[];
  }

  insertWriteOff(row: { id: string; visitId: string; amountMinor: number; reason: string; staffId: string; businessDay: string; createdAt: string }): void {
    this.sql.insertWriteOff.run(row.id, row.visitId, row.amountMinor, row.reason, row.staffId, row.businessDay, row.createdAt);
  }

  /** False when the visit's bill was settled already (a close retried). */
  insertSettlement(visitId: string, businessDay: string, currency: string, bill: unknown, at: string): boolean {
    return this.sql.insertSettlement.run(visitId, businessDay, currency, JSON.stringify(bill), at).changes === 1;
  }

  settlementsOfDay<T>(businessDay: string): T[] {
    return (this.sql.settlementsOfDay.all(businessDay) as string[]).map((json) => JSON.parse(json) as T);
  }

  dayClose<T>(businessDay: string): { report: T; closedBy: string; closedAt: string } | null {
    const row = this.sql.dayClose.get(businessDay) as { report: string; closedBy: string; closedAt: string } | undefined;
    return row ? { report: JSON.parse(row.report) as T, closedBy: row.closedBy, closedAt: row.closedAt } : null;
  }

  insertDayClose(businessDay: string, report: unknown, closedBy: string, at: string): void {
    this.sql.insertDayClose.run(businessDay, JSON.stringify(report), closedBy, at);
  }
}
