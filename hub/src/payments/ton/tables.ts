import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The venue's TON wallet and rate: one row, absent until a manager sets them. Nanotons are kept as
 * decimal strings (they pass 2^53 quickly: 1 TON is 10^9).
 */
export const tonSettings = sqliteTable(
  'ton_settings',
  {
    id: integer('id').primaryKey(),
    /** Raw form, "0:<64 hex>": what transactions are compared against. */
    addressRaw: text('address_raw').notNull(),
    /** The user-friendly form to show and to put in links, as the manager gave it or made from the raw one. */
    addressFriendly: text('address_friendly').notNull(),
    testnet: integer('testnet', { mode: 'boolean' }).notNull(),
    /** Nanotons for one minor unit of the venue's currency (decimal string). */
    nanotonsPerMinor: text('nanotons_per_minor').notNull(),
    rateSource: text('rate_source', { enum: ['manager', 'hq'] }).notNull(),
    rateSetAt: text('rate_set_at').notNull(),
    /** The newest transaction the verification has read: the next poll pages back to it and stops. */
    cursorLt: text('cursor_lt'),
    cursorHash: text('cursor_hash'),
    /** The last time a poll reached the TON API, and the last failure, for the guest's and staff's notices. */
    lastPollAt: text('last_poll_at'),
    lastPollError: text('last_poll_error'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [check('ton_settings_one_row', sql`${t.id} = 1`)],
);

/**
 * A TON invoice for (part of) a visit's bill: a unique comment, the amount in nanotons at the rate
 * stored with it. States: awaiting, paid, underpaid (the guest is asked for the rest), overpaid (a
 * manager keeps the extra as a tip or owes it back), expired (re-quoted at the new rate), cancelled.
 */
export const tonInvoices = sqliteTable(
  'ton_invoices',
  {
    id: text('id').primaryKey(),
    visitId: text('visit_id').notNull(),
    partId: text('part_id'),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    nanotons: text('nanotons').notNull(),
    /** The transfer's text comment that names this invoice; unique. */
    comment: text('comment').notNull(),
    /** The address it was made for (raw form): a transfer to another address does not pay it. */
    addressRaw: text('address_raw').notNull(),
    nanotonsPerMinor: text('nanotons_per_minor').notNull(),
    rateSetAt: text('rate_set_at').notNull(),
    status: text('status', { enum: ['awaiting', 'paid', 'underpaid', 'overpaid', 'expired', 'cancelled'] }).notNull(),
    /** The sum of the matching transfers so far. */
    receivedNanotons: text('received_nanotons').notNull().default('0'),
    /** For an overpaid invoice: what a manager decided about the extra. */
    overpaidDecision: text('overpaid_decision', { enum: ['tip', 'owed_back'] }),
    createdBy: text('created_by', { enum: ['guest', 'staff'] }).notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    paidAt: text('paid_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('ton_invoices_comment').on(t.comment), index('ton_invoices_visit').on(t.visitId), index('ton_invoices_status').on(t.status)],
);

/**
 * Every incoming transfer the verification has seen, once (by its hash): matched to an invoice by its
 * comment, or left for a manager to attach to a bill.
 */
export const tonTransfers = sqliteTable(
  'ton_transfers',
  {
    hash: text('hash').primaryKey(),
    lt: text('lt').notNull(),
    utime: integer('utime').notNull(),
    source: text('source'),
    nanotons: text('nanotons').notNull(),
    comment: text('comment'),
    invoiceId: text('invoice_id'),
    /** The manager who attached an unknown transfer to an invoice by hand. */
    attachedBy: text('attached_by'),
    seenAt: text('seen_at').notNull(),
  },
  (t) => [index('ton_transfers_invoice').on(t.invoiceId), index('ton_transfers_unmatched').on(t.seenAt).where(sql`invoice_id IS NULL`)],
);
