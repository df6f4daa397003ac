import { sql } from 'drizzle-orm';
import { blob, check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Every Yjs update of the hub's sync documents, local and remote, written in the same transaction as
 * the rows it describes. A document is rebuilt from its rows on boot. `acked_at` is set when the cloud
 * has stored the update durably (remote updates arrive already stored, so they are written acked);
 * the rows still unacked are what the sync client sends on reconnect.
 */
export const syncUpdates = sqliteTable(
  'sync_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    docName: text('doc_name').notNull(),
    /** Yjs update, V2 encoding. */
    update: blob('update', { mode: 'buffer' }).notNull(),
    createdAt: text('created_at').notNull(),
    ackedAt: text('acked_at'),
  },
  (t) => [
    index('sync_updates_doc').on(t.docName, t.id),
    index('sync_updates_pending')
      .on(t.docName, t.id)
      .where(sql`${t.ackedAt} IS NULL`),
  ],
);

/**
 * The pairing with the cloud: one row, present only while paired. The hub token is kept as it is
 * because the hub must present it; the file is readable only on the box.
 */
export const syncSettings = sqliteTable(
  'sync_settings',
  {
    id: integer('id').primaryKey(),
    cloudUrl: text('cloud_url').notNull(),
    cloudVenueId: text('cloud_venue_id').notNull(),
    hubToken: text('hub_token').notNull(),
    pairedAt: text('paired_at').notNull(),
    lastSyncAt: text('last_sync_at'),
  },
  (t) => [check('sync_settings_one_row', sql`${t.id} = 1`)],
);
