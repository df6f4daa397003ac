// mDNS is multicast: run carelessly it talks to the real LAN. This test therefore runs the whole
// exchange in a child process inside a network namespace of its own (unshare --net), where the only
// interface is a loopback the test brings up itself, with a multicast route onto it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DiscoveredPrinter, DiscoveredService } from './discovery.ts';

const require = createRequire(import.meta.url);
const tsxCli = require.resolve('tsx/cli');
const probe = fileURLToPath(new URL('../test/support/discovery-netns-probe.ts', import.meta.url));

interface ProbeOutput {
  interfaces: string[];
  printers: DiscoveredPrinter[];
  hubs: DiscoveredService[];
}

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ code: null, stdout, stderr: String(error) }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Inside the namespace: loopback up, multicast routed to it, then the probe script. */
const setupAndProbe = `ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo && exec "$0" "$1" "$2"`;

async function runInPrivateNetwork(): Promise<ProbeOutput> {
  // As root plain --net is enough; elsewhere a user namespace maps us to root inside it.
  const attempts = process.getuid?.() === 0 ? [['--net'], ['--net', '--map-root-user']] : [['--net', '--map-root-user']];
  const failures: string[] = [];
  for (const flags of attempts) {
    const result = await run('unshare', [...flags, 'sh', '-c', setupAndProbe, process.execPath, tsxCli, probe]);
    const line = result.stdout.trim().split('\n').at(-1) ?? '';
    if (result.code === 0 && line.startsWith('{')) return JSON.parse(line) as ProbeOutput;
    failures.push(`unshare ${flags.join(' ')} exited ${result.code}: ${(result.stderr || result.stdout).trim().slice(0, 500)}`);
  }
  throw new Error(
    'The discovery test needs a private network namespace and could not make one. It needs `unshare` ' +
      '(util-linux) and `ip` (iproute2), and either root or unprivileged user namespaces.\n' + failures.join('\n'),
  );
}

describe('discovery over mDNS (inside a private network namespace)', () => {
  it('finds an advertised _pdl-datastream._tcp printer and the advertised hub', async () => {
    const output = await runInPrivateNetwork();

    expect(output.interfaces).toEqual(['lo']);
    expect(output.printers).toContainEqual({
      name: 'Fake Kitchen Printer',
      host: expect.any(String),
      addresses: ['127.0.0.1'],
      port: 9100,
      type: 'pdl-datastream',
      txt: { ty: 'Fake ESC/POS 80mm', pdl: 'application/vnd.epson.escpos' },
    });
    expect(output.hubs).toContainEqual(expect.objectContaining({ name: 'OneMoment Hub (netns test)', port: 8080, type: 'onemoment-hub', txt: { version: 'test' } }));
  });
});
