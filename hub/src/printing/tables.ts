import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stations } from '../venue/tables.ts';

/** Network printers (raw TCP, port 9100) and what they print. */
export const printers = sqliteTable(
  'printers',
  {
    /** UUIDv7 made by the hub. */
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** IP address or host name, lower case; never a URL. */
    host: text('host').notNull(),
    port: integer('port').notNull().default(9100),
    paperWidth: integer('paper_width').notNull().default(80),
    /** Station ids whose tickets it prints first. */
    stations: text('stations', { mode: 'json' }).$type<string[]>().notNull(),
    receipts: integer('receipts', { mode: 'boolean' }).notNull().default(false),
    /** Station ids whose tickets it takes over while their own printers are down. */
    backupFor: text('backup_for', { mode: 'json' }).$type<string[]>().notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('printers_address').on(t.host, t.port)],
);

/** A station's printing mode; a station without a row prints on its printers and shows on the KDS (`both`). */
export const stationPrinting = sqliteTable('station_printing', {
  stationId: text('station_id')
    .primaryKey()
    .references(() => stations.id),
  mode: text('mode', { enum: ['kds', 'printer', 'both'] }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * The durable print queue. A job is written in the same transaction as the order (or bill request) that
 * causes it, holds its finished document, and is printed after the commit; jobs of one target print
 * strictly in `seq` order.
 */
export const printJobs = sqliteTable(
  'print_jobs',
  {
    id: text('id').primaryKey(),
    /** Queue order: one counter for all jobs, so a later ticket never overtakes an earlier one. */
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: ['ticket', 'receipt', 'test'] }).notNull(),
    targetKind: text('target_kind', { enum: ['station', 'receipts', 'printer'] }).notNull(),
    /** A station id, 'receipts', or a printer id. */
    target: text('target').notNull(),
    orderId: text('order_id'),
    orderNumber: integer('order_number'),
    visitId: text('visit_id'),
    /** The printers package's document (KitchenTicket or Receipt), rendered for the chosen printer's paper when sent. */
    document: text('document').notNull(),
    status: text('status', { enum: ['queued', 'printing', 'printed', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The printer of the last attempt. */
    printerId: text('printer_id'),
    /** The job this one is a reprint of. */
    copyOf: text('copy_of'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    nextAttemptAt: text('next_attempt_at'),
    printedAt: text('printed_at'),
  },
  (t) => [
    uniqueIndex('print_jobs_seq').on(t.seq),
    index('print_jobs_queue').on(t.status, t.targetKind, t.target, t.seq),
    index('print_jobs_order').on(t.orderId),
    index('print_jobs_created').on(t.createdAt),
  ],
);
