/**
 * `npm run backup`: backs the hub's database (in DATA_DIR) up into BACKUP_DIR (default
 * DATA_DIR/backups) with a progress bar, prints the new file's path and applies the rotation.
 * `npm run restore -- <file>`: restores a backup into DATA_DIR with the hub stopped. Either exits 1 with
 * a sentence that says why, changing nothing, when it cannot.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.ts';
import { backupDatabase, BackupError, DATABASE_FILE, restoreBackup } from './backups.ts';

function bar(done: number): string {
  const width = 30;
  const filled = Math.round(done * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(done * 100)}%`;
}

async function main(argv: string[]): Promise<void> {
  const [command, file] = argv;
  const config = loadConfig();
  if (command === 'backup') {
    const source = join(config.dataDir, DATABASE_FILE);
    if (!existsSync(source)) throw new BackupError(`There is no hub database in ${config.dataDir} (DATA_DIR) to back up.`);
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      const path = await backupDatabase(db, config.backupDir, { onProgress: (done) => process.stderr.write(`\rBacking up ${bar(done)}`) });
      process.stderr.write('\n');
      process.stdout.write(`${path}\n`);
    } finally {
      db.close();
    }
    return;
  }
  if (command === 'restore') {
    if (!file) throw new BackupError('Say which backup to restore: npm run restore -- <file>');
    const { keptAs, facts } = restoreBackup(file, config.dataDir);
    process.stdout.write(`Restored "${facts.venueName}" from ${file} into ${config.dataDir}.${keptAs ? ` The database it replaced is kept as ${keptAs}.` : ''}\n`);
    return;
  }
  throw new BackupError('Usage: npm run backup, or npm run restore -- <file>');
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  process.stderr.write(`\n${error.message}\n`);
  process.exitCode = 1;
}
