import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: children run with it as their working directory. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A server running in its own process, so the load generator never shares its event loop.
 * Every child is tracked here and killed when the bench process exits, however it exits.
 */
export interface ChildServer {
  name: string;
  baseUrl: string;
  port: number;
  pid: number;
  /** Asks the child to stop (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills the child at once, as a power cut or a crash would, and waits for it to exit. */
  crash(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  /** A TypeScript entry point, relative to the repository root. */
  script: string;
  env?: Record<string, string>;
  /** How long the child may take to answer its health check. */
  startTimeoutMs?: number;
  healthPath?: string;
}

const live = new Set<ChildProcess>();
const dataDirs = new Set<string>();
let hooksInstalled = false;

function killEverything(): void {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' also fires after an uncaught exception; only synchronous work can run here.
  process.on('exit', killEverything);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killEverything();
      process.exit(130);
    });
  }
}

/** A port the kernel just handed out on 127.0.0.1, for a child that needs to be told its port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `node --import tsx <script>` (one process: killing its pid kills the server) and resolves once
 * its health endpoint answers 200. Fails at once if the child exits first, with the tail of its output.
 */
export async function spawnServer(options: SpawnOptions): Promise<ChildServer> {
  installExitHooks();
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', options.script], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildServer = {
    name: options.name,
    baseUrl,
    port,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(force);
    },
    async crash() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited(child);
    },
  };

  try {
    await waitForHealth(baseUrl + (options.healthPath ?? '/api/health'), child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await server.crash();
    const detail = output.trim() ? `\n--- ${options.name} output ---\n${output.trim()}` : '';
    throw new Error(`${options.name} did not start: ${(error as Error).message}${detail}`);
  }
  return server;
}

/**
 * Polls the health URL until it answers 200. Each poll is a real request; the short pause between polls
 * only keeps a booting child from being flooded, and the child's exit ends the wait immediately.
 */
async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone: string | null = null;
  child.once('exit', (code, signal) => {
    gone = `it exited with ${signal ?? `code ${code}`}`;
  });
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (gone) throw new Error(gone);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      lastError = `health answered ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    if (gone) throw new Error(gone);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no healthy answer from ${url} within ${timeoutMs} ms (${lastError})`);
}

/** A fresh data folder for one hub run, removed by the returned function. */
export function freshDataDir(label: string): { dir: string; remove: () => void } {
  installExitHooks();
  const dir = mkdtempSync(join(tmpdir(), `onemoment-bench-${label}-`));
  dataDirs.add(dir);
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      dataDirs.delete(dir);
    },
  };
}

/** Starts the real hub (demo venue, silent logs) on a fresh or given data folder. */
export function spawnHub(name: string, dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  return spawnServer({
    name,
    script: 'hub/src/server.ts',
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'on', VISIT_POLICY: 'auto', ...env },
  });
}

/** Starts the baseline server: bare Fastify, with socket.io when `realtime` is set. */
export function spawnBaseline(name: string, realtime: boolean): Promise<ChildServer> {
  return spawnServer({ name, script: 'bench/support/baseline-server.ts', env: { BASELINE_REALTIME: realtime ? 'on' : 'off' } });
}

/** Starts several servers at once; if any fails, the others are stopped before the error is thrown. */
export async function spawnAll(starts: Array<Promise<ChildServer>>): Promise<ChildServer[]> {
  const outcomes = await Promise.allSettled(starts);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) {
    await Promise.all(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.crash() : undefined)));
    throw failed.reason;
  }
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<ChildServer>).value);
}
