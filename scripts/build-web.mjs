#!/usr/bin/env node
// Builds the LAN web apps (guest, check-in, admin, KDS) with Vite when their sources are newer than the
// last build, and prints the guest-facing pages' gzipped JavaScript size against their budgets.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const GUEST_BUDGET_BYTES = 80 * 1024;
// The check-in page is Preact, signature_pad and one form, opened on a phone over the hotel's Wi-Fi.
const CHECKIN_BUDGET_BYTES = 20 * 1024;
const force = process.argv.includes('--force');

const apps = [
  { name: 'guest', config: 'hub/web/guest/vite.config.ts', outDir: 'hub/web/dist/guest', sources: ['hub/web/guest', 'hub/web/common', 'shared/src'], budget: GUEST_BUDGET_BYTES },
  { name: 'checkin', config: 'hub/web/checkin/vite.config.ts', outDir: 'hub/web/dist/checkin', sources: ['hub/web/checkin', 'hub/web/common', 'shared/src'], budget: CHECKIN_BUDGET_BYTES },
  { name: 'admin', config: 'hub/web/admin/vite.config.ts', outDir: 'hub/web/dist/admin', sources: ['hub/web/admin', 'hub/web/common', 'shared/src'] },
  { name: 'kds', config: 'kds-app/vite.config.ts', outDir: 'kds-app/dist', sources: ['kds-app/src', 'kds-app/index.html', 'kds-app/vite.config.ts', 'shared/src'] },
];

function newestMtime(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(full)) {
    if (entry === 'dist' || entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function gzippedJsBytes(dir) {
  let total = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.js')) total += gzipSync(readFileSync(full)).length;
    }
  };
  walk(dir);
  return total;
}

const { build } = await import('vite');
for (const app of apps) {
  if (!existsSync(join(root, app.config))) {
    console.log(`web: ${app.name} has no ${app.config} yet, skipped`);
    continue;
  }
  const stamp = join(root, app.outDir, '.build-stamp');
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const stale = force || app.sources.some((source) => newestMtime(source) > builtAt);
  if (stale) {
    await build({ configFile: join(root, app.config), logLevel: 'warn' });
    writeFileSync(stamp, new Date().toISOString());
    console.log(`web: built ${app.name} → ${relative(root, join(root, app.outDir))}`);
  } else {
    console.log(`web: ${app.name} is up to date`);
  }
  if (app.budget) {
    const bytes = gzippedJsBytes(join(root, app.outDir));
    const line = `web: ${app.name} page JavaScript ${(bytes / 1024).toFixed(1)} KB gzipped (budget ${app.budget / 1024} KB)`;
    console.log(line);
    if (bytes > app.budget) {
      console.error(`web: the ${app.name} page is over its JavaScript budget`);
      process.exit(1);
    }
  }
}
