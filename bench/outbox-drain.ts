/**
 * Outbox figures.
 *
 * (a) Drain: 10,000 jobs are written while the vendor is down (connection refused), tried and backed
 *     off; then the vendor comes back and they drain. The vendor runs in its own process and stamps each
 *     request's arrival by its own clock: the busiest 1-second window it saw must not exceed the budget,
 *     no idempotency key may arrive twice, and every job must arrive. The drain rate is set beside the
 *     budget (the ceiling).
 * (b) Overhead: durable orders per second through the real HTTP API with one outbox job written in each
 *     order's transaction, beside the same hub without (the baseline), loaded in alternating turns as the
 *     order-ingest benchmark does. Each round runs both hubs back to back; the overhead is one minus the
 *     median of the rounds' ratios (the all-turns ratio is printed too). After a SIGKILL, every order
 *     answered 201 must be on disk with exactly its one job.
 */
import { pathToFileURL } from 'node:url';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { vendorErrorForStatus } from '../hub/src/outbox/retry-rules.ts';
import type { OutboxJob, SendContext, VendorAdapter, VendorBudget } from '../hub/src/outbox/vendor-adapter.ts';
import { contender, DEFAULT_INGEST, resultOf, turn, verifyDurable, type IngestOptions, type LoadResult } from './order-ingest.ts';
import { freePort, freshDataDir, spawnAll, spawnServer, type ChildServer } from './support/child-server.ts';
import { describeCpu } from './support/cpu-meter.ts';
import { createJsonClient, type JsonClient } from './support/http-client.ts';
import { BenchFailure, ms, perSecond } from './support/stats.ts';
import { joinTables, openReadOnly } from './support/venue-setup.ts';

export const DRAIN_JOBS = 10_000;
export const DRAIN_BUDGET_PER_SECOND = 200;
export const OVERHEAD_TARGET = 0.1;

export interface DrainReport {
  jobs: number;
  budgetPerSecond: number;
  /** Requests per second at the vendor, from its first to its last arrival after it came back. */
  vendorRate: number;
  /** From the vendor coming back to the last job done, as the hub saw it. */
  drainSeconds: number;
  busiestSecond: number;
  /** Sends tried while the vendor was down (refused connections). */
  attemptsWhileDown: number;
  duplicateKeys: number;
}

export interface OverheadReport {
  withOutbox: LoadResult;
  withoutOutbox: LoadResult;
  /** with/without in each round (the two turns of a round run back to back). */
  roundRatios: number[];
  /** 1 − the median round ratio: the share of throughput the job costs. */
  overhead: number;
}

export interface OutboxBenchReport {
  drain: DrainReport;
  overhead: OverheadReport;
}

const VENDOR = 'bench-vendor';

/** The adapter a module would write, reduced to one POST with the job's idempotency key. */
class DrainAdapter implements VendorAdapter<{ n: number }, { ok: boolean }> {
  readonly vendor = VENDOR;
  readonly label = 'Bench vendor';
  readonly resendSafety = 'idempotency_key' as const;
  constructor(private readonly url: string) {}
  budget(): VendorBudget {
    return { windows: [{ limit: DRAIN_BUDGET_PER_SECOND, intervalMs: 1_000 }], concurrency: 16 };
  }
  describe(job: OutboxJob<{ n: number }>): string {
    return `Bench job ${job.payload.n}`;
  }
  async send(job: OutboxJob<{ n: number }>, context: SendContext): Promise<{ ok: boolean }> {
    await context.takeRequest();
    const response = await fetch(`${this.url}/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': job.idempotencyKey },
      body: JSON.stringify(job.payload),
      signal: context.signal,
    });
    if (!response.ok) throw vendorErrorForStatus(response.status, `Bench vendor answered ${response.status}`, response.headers.get('retry-after'), new Date());
    return (await response.json()) as { ok: boolean };
  }
  record(): void {}
}

/** The most arrival times inside any window [t, t + intervalMs). */
function busiestWindow(sorted: readonly number[], intervalMs: number): number {
  let worst = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= intervalMs) start += 1;
    worst = Math.max(worst, end - start + 1);
  }
  return worst;
}

async function waitUntil(what: string, check: () => boolean, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new BenchFailure(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export async function runDrain(jobs = DRAIN_JOBS, downMs = 2_000): Promise<DrainReport> {
  console.log(`\n== outbox drain: ${jobs.toLocaleString('en-US')} jobs written while the vendor is down, budget ${DRAIN_BUDGET_PER_SECOND}/s ==`);
  const vendorPort = await freePort();
  const vendor = await spawnServer({ name: 'fake vendor', script: 'bench/support/fake-vendor-server.ts', env: { VENDOR_PORT: String(vendorPort) } });
  let hub: TestHub | null = null;
  try {
    hub = await startTestHub({ hubOptions: { outbox: { retry: { baseMs: 250, capMs: 1_000, maxAttempts: 100_000 } } } });
    const { outbox, commands, store } = hub.hub.context;
    outbox.register(new DrainAdapter(`http://127.0.0.1:${vendorPort}`));
    const count = (state: string) => store.sqlite.prepare('SELECT COUNT(*) FROM outbox_jobs WHERE state = ?').pluck().get(state) as number;
    const attempts = () => store.sqlite.prepare('SELECT COALESCE(SUM(attempts), 0) FROM outbox_jobs').pluck().get() as number;

    const written = performance.now();
    for (let start = 0; start < jobs; start += 500) {
      await commands.run((tx) => {
        for (let n = start; n < Math.min(start + 500, jobs); n++) outbox.enqueue(tx, { vendor: VENDOR, kind: 'check', idempotencyKey: `job-${n}`, payload: { n } });
      });
    }
    console.log(`written   ${jobs.toLocaleString('en-US')} jobs in ${ms(performance.now() - written)}; the vendor stays down for ${downMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    const attemptsWhileDown = attempts();

    const upResponse = await fetch(`${vendor.baseUrl}/up`, { method: 'POST' });
    await upResponse.json();
    const upAt = performance.now();
    await waitUntil('every job to be done', () => count('done') === jobs, 30_000 + (jobs / DRAIN_BUDGET_PER_SECOND) * 3_000);
    const drainSeconds = (performance.now() - upAt) / 1000;

    const stats = (await (await fetch(`${vendor.baseUrl}/stats`)).json()) as { arrivals: number[]; duplicateKeys: string[]; distinctKeys: number };
    const arrivals = [...stats.arrivals].sort((a, b) => a - b);
    const busiestSecond = busiestWindow(arrivals, 1_000);
    const vendorRate = ((arrivals.length - 1) / (arrivals[arrivals.length - 1]! - arrivals[0]!)) * 1000;
    const report: DrainReport = {
      jobs,
      budgetPerSecond: DRAIN_BUDGET_PER_SECOND,
      vendorRate,
      drainSeconds,
      busiestSecond,
      attemptsWhileDown,
      duplicateKeys: stats.duplicateKeys.length,
    };
    console.log(`down      ${attemptsWhileDown.toLocaleString('en-US')} sends refused while the vendor was down (each backed off, none lost)`);
    console.log(
      `drain     ${jobs.toLocaleString('en-US')} jobs in ${drainSeconds.toFixed(1)} s after the vendor came back; at the vendor ${perSecond(vendorRate)}` +
        ` = ${((vendorRate / DRAIN_BUDGET_PER_SECOND) * 100).toFixed(1)} % of the ${DRAIN_BUDGET_PER_SECOND}/s budget`,
    );
    console.log(`window    busiest 1-second window at the vendor: ${busiestSecond} requests (budget ${DRAIN_BUDGET_PER_SECOND})`);
    console.log(`keys      ${stats.distinctKeys.toLocaleString('en-US')} distinct idempotency keys arrived, ${stats.duplicateKeys.length} more than once`);

    if (busiestSecond > DRAIN_BUDGET_PER_SECOND) throw new BenchFailure(`the vendor saw ${busiestSecond} requests in one second, over its budget of ${DRAIN_BUDGET_PER_SECOND}`);
    if (stats.duplicateKeys.length > 0) throw new BenchFailure(`${stats.duplicateKeys.length} idempotency key(s) arrived twice (first: ${stats.duplicateKeys[0]})`);
    if (stats.distinctKeys !== jobs || arrivals.length !== jobs) {
      throw new BenchFailure(`the vendor got ${arrivals.length} requests for ${stats.distinctKeys} keys; ${jobs} jobs were written`);
    }
    if (count('needs_person') + count('waiting') + count('running') > 0) throw new BenchFailure('jobs were left undone');
    return report;
  } finally {
    await hub?.close();
    await vendor.crash();
  }
}

/** The order-ingest benchmark's load, with more rounds: the overhead is a ratio of two noisy rates. */
export type OverheadOptions = IngestOptions;

export const DEFAULT_OVERHEAD: OverheadOptions = { ...DEFAULT_INGEST, rounds: 8 };

/** Every order answered 201 has exactly one job, keyed by the order's id (or none in the run without). */
function verifyJobs(label: string, dataDir: string, accepted: string[], expectJobs: boolean): void {
  const db = openReadOnly(dataDir);
  try {
    const keys = db.prepare('SELECT idempotency_key FROM outbox_jobs').pluck().all() as string[];
    if (!expectJobs) {
      if (keys.length > 0) throw new BenchFailure(`${label}: ${keys.length} outbox jobs were written without the subscriber`);
      return;
    }
    const have = new Set(keys);
    const missing = accepted.filter((id) => !have.has(id));
    if (missing.length > 0 || keys.length !== accepted.length) {
      throw new BenchFailure(`${label}: ${keys.length} outbox jobs for ${accepted.length} orders answered 201 (${missing.length} orders without a job)`);
    }
  } finally {
    db.close();
  }
}

export async function runOverhead(options: OverheadOptions = DEFAULT_OVERHEAD): Promise<OverheadReport> {
  const measured = (options.rounds * (options.turnMs - options.rampMs)) / 1000;
  console.log(`\n== outbox overhead: durable orders with an outbox job in each order's transaction, vs without; ${measured} s measured each ==`);
  const modes = ['on', 'off'] as const;
  const dirs = modes.map((mode) => freshDataDir(`outbox-${mode}`));
  const clients: JsonClient[] = [];
  let servers: ChildServer[] = [];
  try {
    servers = await spawnAll(
      modes.map((mode, index) =>
        spawnServer({
          name: `hub (outbox job per order ${mode})`,
          script: 'bench/support/outbox-order-hub.ts',
          env: { DATA_DIR: dirs[index]!.dir, LOG_LEVEL: 'silent', SEED_DEMO: 'on', VISIT_POLICY: 'auto', GROUP_COMMIT: 'on', OUTBOX_JOB_PER_ORDER: mode },
        }),
      ),
    );
    const contenders = await Promise.all(
      modes.map(async (mode, index) => {
        const client = createJsonClient(servers[index]!.baseUrl, options.connections);
        clients.push(client);
        const guests = await joinTables(client, dirs[index]!.dir, options.tokensPerTable);
        return contender(`hub outbox job ${mode}`, servers[index]!, client, guests.map((guest) => guest.token));
      }),
    );
    for (const target of contenders) await turn(target, options.warmupMs, false, 0);
    // Whatever else the machine does drifts over seconds: each round's two turns run back to back (who
    // goes first alternates), and the figure is the median of the rounds' ratios.
    const roundRatios: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const counted = contenders.map((target) => target.latencies.length);
      for (let offset = 0; offset < contenders.length; offset += 1) await turn(contenders[(round + offset) % contenders.length]!, options.turnMs, true, options.rampMs);
      const [withCount, withoutCount] = contenders.map((target, index) => target.latencies.length - counted[index]!) as [number, number];
      roundRatios.push(withCount / withoutCount);
    }
    const [withOutbox, withoutOutbox] = contenders.map(resultOf) as [LoadResult, LoadResult];
    for (const [index, mode] of modes.entries()) {
      const target = contenders[index]!;
      await target.server.crash();
      verifyDurable(target.label, dirs[index]!.dir, target.accepted);
      verifyJobs(target.label, dirs[index]!.dir, target.accepted, mode === 'on');
    }
    const sortedRatios = [...roundRatios].sort((a, b) => a - b);
    const medianRatio = (sortedRatios[Math.floor((sortedRatios.length - 1) / 2)]! + sortedRatios[Math.ceil((sortedRatios.length - 1) / 2)]!) / 2;
    const overhead = 1 - medianRatio;
    console.log(`without   durable orders ${perSecond(withoutOutbox.perSecond).padStart(8)}  p50 ${ms(withoutOutbox.latency.p50)}  p99 ${ms(withoutOutbox.latency.p99)}`);
    console.log(`          ${describeCpu(withoutOutbox.cpu)}`);
    console.log(`with job  durable orders ${perSecond(withOutbox.perSecond).padStart(8)}  p50 ${ms(withOutbox.latency.p50)}  p99 ${ms(withOutbox.latency.p99)}`);
    console.log(`          ${describeCpu(withOutbox.cpu)}`);
    console.log(`rounds    with/without per round: ${roundRatios.map((ratio) => ratio.toFixed(2)).join(' ')}`);
    console.log(
      `overhead  ${(overhead * 100).toFixed(1)} % of throughput (median round ${medianRatio.toFixed(3)}×, all turns ${(withOutbox.perSecond / withoutOutbox.perSecond).toFixed(3)}×); ` +
        `target under ${OVERHEAD_TARGET * 100} %: ${overhead < OVERHEAD_TARGET ? 'met' : 'MISSED'}; ${withOutbox.accepted} orders and their jobs on disk after SIGKILL`,
    );
    return { withOutbox, withoutOutbox, roundRatios, overhead };
  } finally {
    for (const client of clients) client.close();
    await Promise.all(servers.map((server) => server.crash()));
    for (const dir of dirs) dir.remove();
  }
}

export async function runOutboxBench(): Promise<OutboxBenchReport> {
  const drain = await runDrain();
  const overhead = await runOverhead();
  return { drain, overhead };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runOutboxBench().catch((error: unknown) => {
    console.error(`\noutbox-drain FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
