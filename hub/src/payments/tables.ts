import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** How the venue bills: one row, absent until a manager changes the defaults (VAT included, no service charge). */
export const billingSettings = sqliteTable(
  'billing_settings',
  {
    id: integer('id').primaryKey(),
    taxMode: text('tax_mode', { enum: ['included', 'added'] }).notNull(),
    /** 1250 is 12.5 %; 0 is none. */
    serviceChargeBp: integer('service_charge_bp').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [check('billing_settings_one_row', sql`${t.id} = 1`)],
);

/** A manager's discount on a visit's bill, with the reason. Client-made UUIDv7, so a retry adds nothing. */
export const billDiscounts = sqliteTable(
  'bill_discounts',
  {
    id: text('id').primaryKey(),
    visitId: text('visit_id').notNull(),
    kind: text('kind', { enum: ['amount', 'percent'] }).notNull(),
    amountMinor: integer('amount_minor'),
    rateBp: integer('rate_bp'),
    reason: text('reason').notNull(),
    staffId: text('staff_id').notNull(),
    createdAt: text('created_at').notNull(),
    /** A discount taken back before the bill was paid (kept, for the day's record). */
    removedAt: text('removed_at'),
  },
  (t) => [index('bill_discounts_visit').on(t.visitId)],
);

/**
 * How a bill is split. A split divides what was due when it was made; a later split replaces it
 * (`replaced_at`). Its parts are paid on their own.
 */
export const billSplits = sqliteTable(
  'bill_splits',
  {
    id: text('id').primaryKey(),
    visitId: text('visit_id').notNull(),
    kind: text('kind', { enum: ['equal', 'items', 'amounts'] }).notNull(),
    /** What was due when the split was made: the parts add up to it exactly. */
    baseMinor: integer('base_minor').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    replacedAt: text('replaced_at'),
  },
  (t) => [index('bill_splits_visit').on(t.visitId), uniqueIndex('bill_splits_one_current').on(t.visitId).where(sql`replaced_at IS NULL`)],
);

export const billParts = sqliteTable(
  'bill_parts',
  {
    id: text('id').primaryKey(),
    splitId: text('split_id')
      .notNull()
      .references(() => billSplits.id),
    visitId: text('visit_id').notNull(),
    position: integer('position').notNull(),
    /** "Guest 1", or what the table called it. */
    label: text('label').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    /** For a split by items: the lines and fractions this part pays (JSON). */
    shares: text('shares', { mode: 'json' }).$type<unknown>(),
  },
  (t) => [index('bill_parts_split').on(t.splitId, t.position)],
);

/**
 * Money received toward a visit's bill. `amount_minor` counts toward the bill; `tip_minor` is on top.
 * Client-made UUIDv7: the same id again is the same payment, never a second one.
 */
export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    visitId: text('visit_id').notNull(),
    /** The bill part it pays, when the bill was split. */
    partId: text('part_id'),
    method: text('method', { enum: ['cash', 'card', 'ton'] }).notNull(),
    amountMinor: integer('amount_minor').notNull(),
    tipMinor: integer('tip_minor').notNull().default(0),
    /** Cash handed over, and the change given back. */
    tenderedMinor: integer('tendered_minor'),
    changeMinor: integer('change_minor').notNull().default(0),
    /** Card paid on the venue's own terminal: what its slip says, when staff type it in. */
    last4: text('last4'),
    approvalCode: text('approval_code'),
    tonInvoiceId: text('ton_invoice_id'),
    currency: text('currency').notNull(),
    businessDay: text('business_day').notNull(),
    /** Who took it; null for a TON payment the hub confirmed by itself. */
    staffId: text('staff_id'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('payments_visit').on(t.visitId), index('payments_day').on(t.businessDay), uniqueIndex('payments_ton_invoice').on(t.tonInvoiceId)],
);

/** The rest of a bill a manager let go, with the reason: the visit may then close. */
export const billWriteOffs = sqliteTable(
  'bill_write_offs',
  {
    id: text('id').primaryKey(),
    visitId: text('visit_id').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    reason: text('reason').notNull(),
    staffId: text('staff_id').notNull(),
    businessDay: text('business_day').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('bill_write_offs_visit').on(t.visitId)],
);

/**
 * A bill as it stood when it was settled (paid in full or written off) and its visit closed: the
 * day's close and HQ's reports read taxes, discounts and service from here, never recomputed.
 */
export const billSettlements = sqliteTable(
  'bill_settlements',
  {
    visitId: text('visit_id').primaryKey(),
    businessDay: text('business_day').notNull(),
    currency: text('currency').notNull(),
    /** The Bill of bill-rules.ts (JSON). */
    bill: text('bill', { mode: 'json' }).$type<unknown>().notNull(),
    settledAt: text('settled_at').notNull(),
  },
  (t) => [index('bill_settlements_day').on(t.businessDay)],
);

/** A business day's close: its figures as they were when a manager closed it (JSON), printable again. */
export const dayCloses = sqliteTable('day_closes', {
  businessDay: text('business_day').primaryKey(),
  report: text('report', { mode: 'json' }).$type<unknown>().notNull(),
  closedBy: text('closed_by').notNull(),
  closedAt: text('closed_at').notNull(),
});
