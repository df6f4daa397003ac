#!/usr/bin/env node
// Builds whisper.cpp (through the smart-whisper package, which ships its sources) for this machine's
// CPU. A plain install builds it for a generic x86-64, without AVX/AVX2/FMA/F16C: recognition is then
// several times slower than real time on a small venue box. Building with -march=native once makes the
// tiny model run a 10 s clip in about 2 s on two cores. The root package.json tells npm (11+) not to run
// smart-whisper's own install build (`allowScripts`), so the compile happens once, here. Runs before
// `npm start`, `npm test` and `npm run bench`; does nothing when the build for this CPU is already
// there. `--force` rebuilds.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { arch, cpus } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let packageDir;
try {
  packageDir = dirname(require.resolve('smart-whisper/package.json', { paths: [join(import.meta.dirname, '..', 'speech')] }));
} catch {
  console.error('smart-whisper is not installed: run npm install first.');
  process.exit(1);
}

const addon = join(packageDir, 'build', 'Release', 'smart-whisper.node');
const marker = join(packageDir, 'build', 'onemoment-native.json');
const flags = arch() === 'arm64' ? '-O3 -mcpu=native' : '-O3 -march=native';
const wanted = {
  flags,
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.versions.modules,
  version: JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version,
};

function current() {
  if (!existsSync(marker) || !existsSync(addon)) return null;
  const recorded = JSON.parse(readFileSync(marker, 'utf8'));
  // npm rebuilt the addon after us (npm install/ci): the marker is older than the binary.
  if (statSync(addon).mtimeMs > recorded.builtAtMs + 1000) return null;
  return recorded;
}

const recorded = current();
const force = process.argv.includes('--force');
if (!force && recorded && recorded.flags === wanted.flags && recorded.cpu === wanted.cpu && recorded.node === wanted.node && recorded.version === wanted.version) {
  process.exit(0);
}
if (!force && recorded && recorded.failed && recorded.cpu === wanted.cpu && recorded.version === wanted.version) {
  // Tried before on this machine and the compiler refused: keep npm's generic build, don't retry every start.
  process.exit(0);
}

// npm gives scripts the path of its own node-gyp; outside npm, look beside npm itself.
const nodeGyp = [process.env.npm_config_node_gyp, join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')]
  .find((candidate) => candidate && existsSync(candidate));
if (!nodeGyp) {
  console.error('node-gyp (part of npm) was not found: run this through npm (npm start, npm test or npm run build:whisper).');
  process.exit(1);
}
const gyp = (env) =>
  execFileSync(process.execPath, [nodeGyp, 'rebuild'], { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });

console.log(`Building whisper.cpp for this CPU (${flags}); this happens once and takes about a minute…`);
const started = Date.now();
try {
  gyp({ CFLAGS: flags, CXXFLAGS: flags });
  writeFileSync(marker, JSON.stringify({ ...wanted, builtAtMs: Date.now(), failed: false }, null, 2));
  console.log(`whisper.cpp built in ${Math.round((Date.now() - started) / 1000)} s.`);
} catch (error) {
  const output = String(error.stderr ?? '').trim().split('\n').slice(-15).join('\n');
  console.warn(`${output}\nCould not build whisper.cpp for this CPU; building the generic version (speech recognition is slower).`);
  // The compiler refused the CPU flags: a generic build still recognises speech, only slower. node-gyp
  // starts by deleting build/, so the marker is written after it, or the next start would retry both.
  gyp({});
  writeFileSync(marker, JSON.stringify({ ...wanted, builtAtMs: Date.now(), failed: true }, null, 2));
}
