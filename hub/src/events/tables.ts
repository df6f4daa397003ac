import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Every realtime event, written in the same transaction as the change it announces. Its `seq` is the
 * order clients apply events in, and what they send back on reconnect to get what they missed.
 */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    type: text('type').notNull(),
    rooms: text('rooms', { mode: 'json' }).$type<string[]>().notNull(),
    payload: text('payload').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('events_created').on(t.createdAt)],
);
