import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The venue's dining tables. `code` is the secret part of the table's QR link; staff can rotate it. */
export const diningTables = sqliteTable('dining_tables', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  code: text('code').notNull().unique(),
  seats: integer('seats').notNull(),
  position: integer('position').notNull(),
  /** A dining table, or a hotel room's room-service "table" (its QR opens room service while a stay is in house). */
  kind: text('kind', { enum: ['table', 'room'] }).notNull().default('table'),
});

/** A party's time at a table, from opening to closing. At most one open visit per table. */
export const visits = sqliteTable(
  'visits',
  {
    id: text('id').primaryKey(),
    tableId: text('table_id').notNull().references(() => diningTables.id),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    openedAt: text('opened_at').notNull(),
    openedBy: text('opened_by').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [uniqueIndex('visits_one_open_per_table').on(t.tableId).where(sql`status = 'open'`)],
);

/** Guest tokens, stored hashed; they reach only their visit and expire when idle. */
export const guestSessions = sqliteTable(
  'guest_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    visitId: text('visit_id').notNull().references(() => visits.id),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('guest_sessions_visit').on(t.visitId)],
);

/** "Call the waiter" and "ask for the bill". */
export const guestRequests = sqliteTable(
  'guest_requests',
  {
    id: text('id').primaryKey(),
    visitId: text('visit_id').notNull().references(() => visits.id),
    tableId: text('table_id').notNull().references(() => diningTables.id),
    kind: text('kind', { enum: ['waiter', 'bill'] }).notNull(),
    createdAt: text('created_at').notNull(),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
  },
  (t) => [index('guest_requests_visit').on(t.visitId)],
);
