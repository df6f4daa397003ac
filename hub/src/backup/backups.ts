/**
 * Backups of the hub's database, and restoring one. A backup is SQLite's online backup (better-sqlite3
 * `backup()`), so the hub may keep serving while it runs; it is written under a temporary name, checked
 * with `integrity_check`, and only then renamed into place, so a power cut mid-backup leaves the
 * previous backups as they were. A restore refuses, before it touches anything, a file that is not a
 * sound SQLite database, another venue's backup, a backup from a newer hub, or a running hub.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { backupsToDelete, DEFAULT_ROTATION, type RotationPolicy } from './rotation.ts';

export const DATABASE_FILE = 'hub.sqlite';
const BACKUP_PATTERN = /^hub-backup-(\d{8}T\d{6}Z)\.sqlite$/;
const PARTIAL_SUFFIX = '.partial';
const JOURNAL = fileURLToPath(new URL('../../migrations/meta/_journal.json', import.meta.url));

/** A refusal a person reads: the CLI prints the message and exits non-zero. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupFacts {
  venueId: string;
  venueName: string;
  /** The time of the newest migration the file has (drizzle's `created_at`). */
  schemaMillis: number;
}

/** "20261207T120000Z": sortable, and safe in a file name on every system. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function createdAtOf(name: string): number | null {
  const match = BACKUP_PATTERN.exec(name);
  if (!match) return null;
  const t = match[1]!;
  return Date.parse(`${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z`);
}

/** The newest migration this hub knows: a backup from a later schema cannot be opened by it. */
export function knownSchemaMillis(): number {
  const journal = JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: Array<{ when: number }> };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    closeSync(fd);
  }
}

/** What a backup file holds, or a BackupError that says why it cannot be used. */
export function inspectBackup(file: string): BackupFacts {
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`${file} does not exist or is not a file.`);
  if (!hasSqliteHeader(file)) throw new BackupError(`${basename(file)} is not a SQLite database, so it is not a hub backup.`);
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${basename(file)} is damaged (SQLite's integrity check says: ${String(check)}).`);
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    if (!tables.has('venue') || !tables.has('__drizzle_migrations')) throw new BackupError(`${basename(file)} is a SQLite database, but not a hub's.`);
    const venue = db.prepare('SELECT id, name FROM venue LIMIT 1').get() as { id: string; name: string } | undefined;
    if (!venue) throw new BackupError(`${basename(file)} holds no venue, so it is not a hub backup.`);
    const schemaMillis = Number(db.prepare('SELECT MAX(created_at) FROM __drizzle_migrations').pluck().get() ?? 0);
    return { venueId: venue.id, venueName: venue.name, schemaMillis };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${basename(file)} is damaged or not a hub backup (${(error as Error).message}).`);
  } finally {
    db?.close();
  }
}

/**
 * Backs the database up into `folder`, then applies the rotation. `onProgress` gets the share done
 * (0 to 1). Resolves with the new file's path.
 */
export async function backupDatabase(
  source: Database.Database,
  folder: string,
  options: { now?: Date; policy?: RotationPolicy; onProgress?: (done: number) => void } = {},
): Promise<string> {
  mkdirSync(folder, { recursive: true });
  const now = options.now ?? new Date();
  const target = join(folder, `hub-backup-${stamp(now)}.sqlite`);
  const partial = target + PARTIAL_SUFFIX;
  rmSync(partial, { force: true });
  await source.backup(partial, {
    progress: ({ totalPages, remainingPages }) => {
      options.onProgress?.(totalPages === 0 ? 1 : (totalPages - remainingPages) / totalPages);
      // Pages per step: large enough to be quick, small enough to let the hub's writes in between.
      return 256;
    },
  });
  options.onProgress?.(1);
  try {
    inspectBackup(partial);
    const fd = openSync(partial, 'r+');
    fsyncSync(fd);
    closeSync(fd);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, target);
  rotate(folder, now.getTime(), options.policy ?? DEFAULT_ROTATION);
  return target;
}

/** Deletes the backups the policy no longer keeps, and leftovers of backups a power cut interrupted. */
function rotate(folder: string, nowMs: number, policy: RotationPolicy): void {
  const names = readdirSync(folder);
  for (const name of names) if (name.endsWith(PARTIAL_SUFFIX) && BACKUP_PATTERN.test(name.slice(0, -PARTIAL_SUFFIX.length))) rmSync(join(folder, name), { force: true });
  const entries = names.flatMap((name) => {
    const createdAtMs = createdAtOf(name);
    return createdAtMs === null ? [] : [{ name, createdAtMs }];
  });
  for (const name of backupsToDelete(entries, nowMs, policy)) rmSync(join(folder, name), { force: true });
}

/** The newest good backup in `folder` and when it was made, or null. */
export function lastBackup(folder: string): { path: string; createdAt: Date } | null {
  if (!existsSync(folder)) return null;
  const newest = readdirSync(folder)
    .flatMap((name) => {
      const createdAtMs = createdAtOf(name);
      return createdAtMs === null ? [] : [{ name, createdAtMs }];
    })
    .sort((a, b) => b.createdAtMs - a.createdAtMs)[0];
  return newest ? { path: join(folder, newest.name), createdAt: new Date(newest.createdAtMs) } : null;
}

/**
 * Whether a hub has the database open: it then holds the WAL's shared lock, and an exclusive lock
 * cannot be had. (A lock is per process, so this is for another process, such as the CLI.)
 */
export function databaseInUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Restores `file` into `dataDir` with the hub stopped. A copy of the database it replaces is kept
 * beside it (`hub.before-restore-<time>.sqlite`, its WAL folded in first), and the restored file takes
 * its place in one rename, so a power cut leaves one or the other, never neither.
 */
export function restoreBackup(file: string, dataDir: string, options: { now?: Date } = {}): { keptAs: string | null; facts: BackupFacts } {
  const facts = inspectBackup(file);
  if (facts.schemaMillis > knownSchemaMillis()) {
    throw new BackupError(`${basename(file)} comes from a newer hub (its database has migrations this hub does not know): update this hub first.`);
  }
  const current = join(dataDir, DATABASE_FILE);
  let keptAs: string | null = null;
  if (existsSync(current)) {
    if (databaseInUse(current)) throw new BackupError(`The hub is running on ${dataDir}: stop it, then restore.`);
    const here = inspectCurrent(current);
    if (here && here.venueId !== facts.venueId) {
      throw new BackupError(`${basename(file)} is the backup of "${facts.venueName}" (${facts.venueId}), not of this hub's venue "${here.venueName}" (${here.venueId}).`);
    }
    // Fold the WAL into the file so the copy kept aside is whole.
    const db = new Database(current, { fileMustExist: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    keptAs = join(dataDir, `hub.before-restore-${stamp(options.now ?? new Date())}.sqlite`);
  }
  mkdirSync(dataDir, { recursive: true });
  const incoming = join(dataDir, `${DATABASE_FILE}.restoring`);
  copyFileSync(file, incoming);
  const fd = openSync(incoming, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  if (keptAs) copyFileSync(current, keptAs);
  // The WAL is empty after the checkpoint; left beside the restored file it would be read as its own.
  for (const suffix of ['-wal', '-shm']) rmSync(current + suffix, { force: true });
  renameSync(incoming, current);
  return { keptAs, facts };
}

function inspectCurrent(file: string): BackupFacts | null {
  try {
    return inspectBackup(file);
  } catch {
    // A damaged current database is exactly what a restore is for.
    return null;
  }
}
