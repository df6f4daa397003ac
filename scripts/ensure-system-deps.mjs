#!/usr/bin/env node
// What the tests need beyond npm: Debian's Chromium (browser tests), PostgreSQL (the cloud's tests
// against a real server), unshare + ip (mDNS tests in a private network namespace), espeak-ng and
// Apertium (the translator's tests). Installs what is missing with apt-get when run as root;
// otherwise names the packages in one line.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const hasPostgres = () => existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
const onPath = (command) => ['/usr/bin', '/usr/sbin', '/bin', '/sbin'].some((dir) => existsSync(`${dir}/${command}`));

const needs = [
  { package: 'chromium', present: () => existsSync(CHROMIUM) },
  { package: 'fonts-dejavu-core', present: () => existsSync('/usr/share/fonts/truetype/dejavu') },
  { package: 'postgresql', present: hasPostgres },
  { package: 'iproute2', present: () => onPath('ip') },
  { package: 'util-linux', present: () => onPath('unshare') },
  // The translator's tests: speech made by espeak-ng, and Apertium's English–Spanish pair.
  { package: 'espeak-ng', present: () => onPath('espeak-ng') },
  { package: 'apertium', present: () => onPath('apertium') },
  { package: 'apertium-eng-spa', present: () => existsSync('/usr/share/apertium/modes/eng-spa.mode') },
];

const missing = needs.filter((need) => !need.present()).map((need) => need.package);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`The tests need these Debian packages: sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`Installing for the tests (apt-get): ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
const still = needs.filter((need) => !need.present()).map((need) => need.package);
if (still.length > 0) {
  console.error(`apt-get finished but these are still missing: ${still.join(' ')}`);
  process.exit(1);
}
