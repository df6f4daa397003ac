import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

/**
 * The hub's database. Queries are prepared statements behind named repository methods (one way, see
 * the README's architecture); drizzle holds the schema (`hub/src/schema.ts`) and applies migrations.
 */
export interface Store {
  sqlite: Database.Database;
  close(): void;
}

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Opens the venue's database. WAL with synchronous=FULL: a commit is on disk before the hub answers,
 * so an acknowledged order survives a power cut, not only a crash. Migrations run on every boot.
 */
export function openStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new Database(join(dataDir, 'hub.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS });
  return {
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
