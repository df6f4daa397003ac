import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const venue = sqliteTable('venue', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  currency: text('currency').notNull(),
  timezone: text('timezone').notNull(),
  languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
  /** Secret mixed into PIN hashes so a copied database does not reveal PINs by lookup. */
  pinSecret: text('pin_secret').notNull(),
  createdAt: text('created_at').notNull(),
});

export const stations = sqliteTable('stations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  warnMinutes: integer('warn_minutes').notNull(),
  lateMinutes: integer('late_minutes').notNull(),
});
