import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastBackup } from '../src/backup/backups.ts';
import { startTestHub, type TestHub } from './harness.ts';
import { startHubProcess } from './support/hub-process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm run backup` / `npm run restore -- <file>` as the CLI they call, in a process of its own. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'hub/src/backup/backup-cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('backups and restores of the hub database (npm run backup, npm run restore)', () => {
  const folders: string[] = [];
  const folder = (name: string) => {
    const path = mkdtempSync(join(tmpdir(), `onemoment-${name}-`));
    folders.push(path);
    return path;
  };
  let dataDir: string;
  let backupDir: string;
  let orderId: string;
  let backup: string;

  beforeAll(async () => {
    dataDir = folder('backup-data');
    backupDir = folder('backup-usb');
    const hub: TestHub = await startTestHub({ dataDir });
    try {
      const guest = await hub.guestToken('table-1');
      orderId = newId();
      expect((await hub.request('POST', '/api/guest/orders', { id: orderId, items: [{ menuItemId: 'greek-salad', quantity: 1 }] }, guest)).status).toBe(201);
      // Backed up while the hub runs: SQLite's online backup reads a consistent copy.
      const made = await cli(['backup'], { DATA_DIR: dataDir, BACKUP_DIR: backupDir });
      expect(made.code, made.stderr).toBe(0);
      backup = made.stdout.trim();
      expect(made.stderr).toContain('100%');
    } finally {
      await hub.close();
    }
  }, 120_000);
  afterAll(() => {
    for (const path of folders) rmSync(path, { recursive: true, force: true });
  });

  it('writes a sound backup with the order in BACKUP_DIR, and prints its path', () => {
    expect(backup.startsWith(backupDir)).toBe(true);
    expect(lastBackup(backupDir)?.path).toBe(backup);
    const db = new Database(backup, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT COUNT(*) FROM orders WHERE id = ?').pluck().get(orderId)).toBe(1);
    } finally {
      db.close();
    }
  });

  it('restores into an empty DATA_DIR: a hub started there has the order', async () => {
    const fresh = folder('restore-fresh');
    const restored = await cli(['restore', backup], { DATA_DIR: fresh });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Restored "OneMoment Demo Bistro"');
    const hub = await startTestHub({ dataDir: fresh });
    try {
      const waiter = await hub.login('2222');
      const orders = await hub.request('GET', '/api/orders', undefined, waiter);
      expect(orders.status).toBe(200);
      expect(JSON.stringify(orders.body)).toContain(orderId);
    } finally {
      await hub.close();
    }
  });

  it('refuses a damaged, foreign, newer or unknown file with a clear message, leaving the database as it was', async () => {
    const bad = folder('backup-bad');
    const truncated = join(bad, 'truncated.sqlite');
    copyFileSync(backup, truncated);
    truncateSync(truncated, Math.floor(statSync(backup).size / 2));
    const foreign = join(bad, 'foreign.sqlite');
    copyFileSync(backup, foreign);
    const newer = join(bad, 'newer.sqlite');
    copyFileSync(backup, newer);
    for (const [file, change] of [
      [foreign, "UPDATE venue SET id = 'another-venue', name = 'Another venue'"],
      [newer, "INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-a-newer-hub', 99999999999999)"],
    ] as const) {
      const db = new Database(file);
      db.exec(change);
      db.close();
    }
    const text = join(bad, 'notes.txt');
    writeFileSync(text, 'not a database at all');

    const before = sha(join(dataDir, 'hub.sqlite'));
    const cases: Array<[string, RegExp]> = [
      [truncated, /damaged/],
      [foreign, /backup of "Another venue" \(another-venue\), not of this hub's venue "OneMoment Demo Bistro"/],
      [newer, /comes from a newer hub/],
      [text, /is not a SQLite database/],
      [join(bad, 'missing.sqlite'), /does not exist/],
    ];
    for (const [file, message] of cases) {
      const refused = await cli(['restore', file], { DATA_DIR: dataDir });
      expect(refused.code, file).toBe(1);
      expect(refused.stderr).toMatch(message);
    }
    expect((await cli(['restore'], { DATA_DIR: dataDir })).stderr).toContain('Say which backup to restore');
    expect(sha(join(dataDir, 'hub.sqlite'))).toBe(before);
    expect(readdirSync(dataDir).filter((name) => name.includes('restoring') || name.includes('before-restore'))).toEqual([]);
  });

  it('refuses to restore under a running hub', async () => {
    const hub = await startHubProcess(dataDir);
    try {
      const refused = await cli(['restore', backup], { DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('The hub is running');
    } finally {
      await hub.stop();
    }
  });

  it('keeps the previous backup usable when a backup is cut off, and tidies the leftover next time', async () => {
    // A power cut mid-backup leaves a partial file under its temporary name, never under a backup's.
    const leftover = join(backupDir, 'hub-backup-20991231T235959Z.sqlite.partial');
    copyFileSync(backup, leftover);
    truncateSync(leftover, 4096);
    expect(lastBackup(backupDir)?.path).toBe(backup);
    const restored = await cli(['restore', backup], { DATA_DIR: dataDir });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/The database it replaced is kept as .*hub\.before-restore-/);
    const next = await cli(['backup'], { DATA_DIR: dataDir, BACKUP_DIR: backupDir });
    expect(next.code, next.stderr).toBe(0);
    expect(existsSync(leftover)).toBe(false);
  });
});
