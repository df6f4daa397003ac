import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

/** The drizzle handle both drivers share; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** LISTENs on a channel; resolves once listening. `onReconnect` runs after a lost listener came back. */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Rows of a raw query, the same shape for both drivers. */
export async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The embedded default: PGlite with its data in a folder (or in memory when dataDir is null). */
export async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir ?? undefined);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS });
  let closed = false;
  return {
    kind: 'pglite',
    db: db as unknown as Db,
    transaction: (fn) => db.transaction((tx) => fn(tx as unknown as Db)),
    async listen(channel, onPayload) {
      return client.listen(channel, onPayload);
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

const MIGRATION_LOCK = 727_001; // any constant: nodes starting together take turns migrating

/**
 * A real PostgreSQL through node-postgres: a pool for queries and one dedicated client for LISTEN,
 * reconnected with backoff if the connection drops (then `onReconnect` lets the caller catch up on
 * notifications it may have missed).
 */
export async function openPostgres(url: string, log: { warn(obj: object, msg: string): void } = console): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', (error) => log.warn({ err: error }, 'an idle Postgres connection failed'));
  const db = drizzleNodePg(pool, { schema });
  const lockClient = await pool.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrateNodePg(db, { migrationsFolder: MIGRATIONS });
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lockClient.release();
  }

  let closed = false;
  const listeners = new Set<{ stop(): Promise<void> }>();

  async function listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    let client: pg.Client | null = null;
    let stopped = false;
    let retryTimer: NodeJS.Timeout | null = null;
    let attempt = 0;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: url });
      next.on('notification', (message) => {
        if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
      });
      next.on('error', () => retry());
      next.on('end', () => retry());
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      client = next;
      attempt = 0;
    };
    const retry = () => {
      if (stopped || retryTimer) return;
      const old = client;
      client = null;
      old?.end().catch(() => undefined);
      const delay = Math.min(30_000, 500 * 2 ** attempt++) * (0.5 + Math.random() / 2);
      retryTimer = setTimeout(() => {
        retryTimer = null;
        connect().then(
          () => onReconnect?.(),
          (error: unknown) => {
            log.warn({ err: error }, 'could not listen for document updates; retrying');
            retry();
          },
        );
      }, delay);
      retryTimer.unref();
    };
    await connect();
    const handle = {
      async stop() {
        stopped = true;
        if (retryTimer) clearTimeout(retryTimer);
        listeners.delete(handle);
        const current = client;
        client = null;
        await current?.end().catch(() => undefined);
      },
    };
    listeners.add(handle);
    return () => handle.stop();
  }

  return {
    kind: 'postgres',
    db: db as unknown as Db,
    transaction: (fn) => db.transaction((tx) => fn(tx as unknown as Db)),
    listen,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...listeners].map((l) => l.stop()));
      await pool.end();
    },
  };
}
