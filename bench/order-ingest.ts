import { pathToFileURL } from 'node:url';
import { newId } from '@onemoment/shared/ids';
import { freshDataDir, spawnAll, spawnBaseline, spawnHub, type ChildServer } from './support/child-server.ts';
import { CpuMeter, describeCpu, type CpuShares } from './support/cpu-meter.ts';
import { probeFsync } from './support/disk-probe.ts';
import { createJsonClient, type JsonClient } from './support/http-client.ts';
import { BenchFailure, ms, perSecond, summarize, type Summary } from './support/stats.ts';
import { joinTables, openReadOnly, orderBody } from './support/venue-setup.ts';

/**
 * Durable orders per second through the real HTTP API. Three servers run as child processes at once:
 * the baseline (bare Fastify, a no-work POST route) and the hub with GROUP_COMMIT=on and =off, each hub
 * on a fresh data folder. The same client (N keep-alive connections, each POSTing orders back to back)
 * loads one server at a time, in short turns that rotate between them, so whatever else the machine is
 * doing weighs on all three alike. Afterwards each hub is killed with SIGKILL, as a crash would, and
 * every order answered 201 must be in its database: an order answered but lost fails the run.
 */

export interface IngestOptions {
  connections: number;
  /** One unmeasured turn per server first. */
  warmupMs: number;
  /** Measured turns per server. */
  rounds: number;
  turnMs: number;
  /** The start of each turn, while the client's pipeline fills, is not counted. */
  rampMs: number;
  /** Guest tokens per table (12 tables). */
  tokensPerTable: number;
}

export const DEFAULT_INGEST: IngestOptions = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 64),
  warmupMs: 1_000,
  rounds: 5,
  turnMs: 1_200,
  rampMs: 200,
  tokensPerTable: 3,
};

export const INGEST_TARGET_PER_SECOND = 1_500;

export interface LoadResult {
  perSecond: number;
  latency: Summary;
  /** Every id answered 201, warm-up included. */
  accepted: number;
  cpu: CpuShares;
}

export interface IngestRun extends LoadResult {
  groupCommit: 'on' | 'off';
  rowsInDatabase: number;
  /** Mean commands per committed transaction, from the hub's /metrics; null if the hub does not record it. */
  meanBatch: number | null;
}

export interface IngestReport {
  options: IngestOptions;
  fsync: Summary;
  baseline: LoadResult;
  runs: IngestRun[];
}

const ORDERS_PATH = '/api/guest/orders';

/** One server under load, with everything measured about it across its turns. */
export interface Contender {
  label: string;
  server: ChildServer;
  client: JsonClient;
  tokens: string[];
  meter: CpuMeter;
  latencies: number[];
  countedMs: number;
  accepted: string[];
}

export function contender(label: string, server: ChildServer, client: JsonClient, tokens: string[]): Contender {
  return { label, server, client, tokens, meter: new CpuMeter(server.pid), latencies: [], countedMs: 0, accepted: [] };
}

/**
 * One turn: N workers, each on its own keep-alive connection, POST orders back to back until the turn
 * ends; responses completed after the ramp and before the end are counted. Any answer but 201 fails.
 */
export async function turn(target: Contender, durationMs: number, counted: boolean, rampMs: number): Promise<void> {
  const start = performance.now();
  const countFrom = start + rampMs;
  const endAt = start + durationMs;
  const failures: string[] = [];
  if (counted) target.meter.start();

  async function worker(index: number): Promise<void> {
    const token = target.tokens[index % target.tokens.length];
    while (performance.now() < endAt && failures.length === 0) {
      const id = newId();
      const sentAt = performance.now();
      let response;
      try {
        response = await target.client.post(ORDERS_PATH, orderBody(id), token);
      } catch (error) {
        failures.push(`request failed: ${(error as Error).message}`);
        return;
      }
      const doneAt = performance.now();
      if (response.status !== 201) {
        failures.push(`answered ${response.status}: ${response.text.slice(0, 300)}`);
        return;
      }
      target.accepted.push(id);
      if (counted && doneAt >= countFrom && doneAt <= endAt) target.latencies.push(doneAt - sentAt);
    }
  }

  await Promise.all(Array.from({ length: target.client.connections }, (_, index) => worker(index)));
  if (counted) {
    target.meter.stop();
    target.countedMs += durationMs - rampMs;
  }
  if (failures.length > 0) throw new BenchFailure(`${target.label}: an order POST failed; first: ${failures[0]}`);
}

export function resultOf(target: Contender): LoadResult {
  return {
    perSecond: target.latencies.length / (target.countedMs / 1000),
    latency: summarize(target.latencies),
    accepted: target.accepted.length,
    cpu: target.meter.shares(),
  };
}

/** The mean group-commit batch from the hub's Prometheus histogram, if it records one. */
async function meanCommitBatch(client: JsonClient): Promise<number | null> {
  const { status, text } = await client.get('/metrics');
  if (status !== 200) return null;
  const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  const sum = metric('hub_commit_batch_size_sum');
  const count = metric('hub_commit_batch_size_count');
  return Number.isFinite(sum) && count > 0 ? sum / count : null;
}

/** Checks that exactly the answered orders are on disk (with their three lines each). */
export function verifyDurable(label: string, dataDir: string, accepted: string[]): number {
  const db = openReadOnly(dataDir);
  try {
    const ids = new Set(db.prepare('SELECT id FROM orders').pluck().all() as string[]);
    const lines = db.prepare('SELECT COUNT(*) FROM order_items').pluck().get() as number;
    const missing = accepted.filter((id) => !ids.has(id));
    if (missing.length > 0) {
      throw new BenchFailure(`${label}: ${missing.length} order(s) answered 201 are not in the database after the crash (first: ${missing[0]})`);
    }
    if (ids.size !== accepted.length) throw new BenchFailure(`${label}: the database holds ${ids.size} orders but ${accepted.length} were answered 201`);
    if (lines !== accepted.length * 3) {
      throw new BenchFailure(`${label}: the database holds ${lines} order lines; ${accepted.length} orders of 3 lines need ${accepted.length * 3}`);
    }
    return ids.size;
  } finally {
    db.close();
  }
}

export async function runOrderIngest(options: IngestOptions = DEFAULT_INGEST): Promise<IngestReport> {
  const measuredSeconds = (options.rounds * (options.turnMs - options.rampMs)) / 1000;
  console.log(
    `\n== order ingest: ${options.connections} keep-alive connections; baseline and hubs loaded in turns, ` +
      `${measuredSeconds} s measured each after ${options.warmupMs / 1000} s warm-up ==`,
  );
  const modes = ['on', 'off'] as const;
  const dirs = modes.map((mode) => freshDataDir(`ingest-${mode}`));
  const servers: ChildServer[] = [];
  const clients: JsonClient[] = [];
  try {
    const fsync = probeFsync(dirs[0]!.dir);
    console.log(`disk      4 KiB write + fsync in the data folder's file system: p50 ${ms(fsync.p50)}  p99 ${ms(fsync.p99)}`);

    const started = await spawnAll([
      spawnBaseline('baseline (bare Fastify)', false),
      ...modes.map((mode, index) => spawnHub(`hub (GROUP_COMMIT=${mode})`, dirs[index]!.dir, { GROUP_COMMIT: mode })),
    ]);
    servers.push(...started);
    const connect = (server: ChildServer) => {
      const client = createJsonClient(server.baseUrl, options.connections);
      clients.push(client);
      return client;
    };
    const baseline = contender('baseline', started[0]!, connect(started[0]!), ['baseline-token']);
    const hubs = await Promise.all(
      modes.map(async (mode, index) => {
        const server = started[index + 1]!;
        const client = connect(server);
        const guests = await joinTables(client, dirs[index]!.dir, options.tokensPerTable);
        return contender(`hub GROUP_COMMIT=${mode}`, server, client, guests.map((guest) => guest.token));
      }),
    );
    const all = [baseline, ...hubs];

    for (const target of all) await turn(target, options.warmupMs, false, 0);
    for (let round = 0; round < options.rounds; round += 1) {
      // Rotate who goes first, so no server always follows the same one.
      for (let offset = 0; offset < all.length; offset += 1) {
        await turn(all[(round + offset) % all.length]!, options.turnMs, true, options.rampMs);
      }
    }

    const baselineResult = resultOf(baseline);
    console.log(`baseline  bare Fastify no-work POST       ${perSecond(baselineResult.perSecond).padStart(10)}  p50 ${ms(baselineResult.latency.p50)}  p99 ${ms(baselineResult.latency.p99)}`);
    console.log(`          ${describeCpu(baselineResult.cpu)}`);

    const runs: IngestRun[] = [];
    for (const [index, mode] of modes.entries()) {
      const hub = hubs[index]!;
      const meanBatch = await meanCommitBatch(hub.client);
      // A crash, not a clean stop: what was answered 201 must already be on disk.
      await hub.server.crash();
      const rowsInDatabase = verifyDurable(hub.label, dirs[index]!.dir, hub.accepted);
      const run: IngestRun = { ...resultOf(hub), groupCommit: mode, rowsInDatabase, meanBatch };
      runs.push(run);
      const verdict = run.perSecond >= INGEST_TARGET_PER_SECOND ? 'meets' : 'MISSES';
      console.log(
        `hub       GROUP_COMMIT=${mode.padEnd(3)} durable orders  ${perSecond(run.perSecond).padStart(10)}  p50 ${ms(run.latency.p50)}  p99 ${ms(run.latency.p99)}` +
          `  = ${(run.perSecond / baselineResult.perSecond).toFixed(3)} × baseline; ${verdict} the ${INGEST_TARGET_PER_SECOND.toLocaleString('en-US')}/s target`,
      );
      console.log(`          ${describeCpu(run.cpu)}`);
      if (run.meanBatch !== null) console.log(`          commands per commit (mean, warm-up included): ${run.meanBatch.toFixed(1)}`);
      console.log(`          ${run.accepted} orders answered 201, ${run.rowsInDatabase} in the database after SIGKILL: none lost`);
    }
    return { options, fsync, baseline: baselineResult, runs };
  } finally {
    for (const client of clients) client.close();
    await Promise.all(servers.map((server) => server.crash()));
    for (const dir of dirs) dir.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runOrderIngest().catch((error: unknown) => {
    console.error(`\norder-ingest FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
