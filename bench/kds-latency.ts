import { pathToFileURL } from 'node:url';
import { newId } from '@onemoment/shared/ids';
import { freshDataDir, spawnAll, spawnBaseline, spawnHub, type ChildServer } from './support/child-server.ts';
import { CpuMeter, describeCpu, type CpuShares } from './support/cpu-meter.ts';
import { createJsonClient, type JsonClient } from './support/http-client.ts';
import { startSocketHolders, type SocketHolders } from './support/socket-holders.ts';
import { SocketPool, type HubEventMessage } from './support/sockets.ts';
import { BenchFailure, ms, summarize, type Summary } from './support/stats.ts';
import { joinTables, orderBody, staffToken } from './support/venue-setup.ts';

/**
 * Order-to-KDS latency. The hub and the baseline (bare Fastify + socket.io, which emits each POSTed
 * order to all its sockets with no database work) run as child processes at once, each with 300 sockets
 * connected: 100 grill KDS sockets in this thread, and 100 staff and 100 guest sockets (guests spread
 * over the 12 tables) in a worker thread, so their traffic does not delay the measured arrivals. Orders
 * are POSTed open-loop at a fixed rate, each from a guest of a table, in one-second turns that alternate
 * between the two servers, so whatever else the machine does weighs on both alike.
 *
 * Latency runs from just before the POST is written to the moment `order.placed` arrives at each grill
 * KDS socket: it covers validation, the durable commit and the fan-out. Measuring from the 201 instead
 * would hide the commit, and is even negative, since the hub broadcasts right after its commit and
 * before it sends the reply; that figure is printed too. All times come from this process's one
 * monotonic clock. Every grill, staff and guest socket must get exactly the events it should, or the
 * run fails.
 */

export interface KdsOptions {
  ordersPerSecond: number;
  measureSeconds: number;
  warmupOrders: number;
  kdsSockets: number;
  staffSockets: number;
  guestSockets: number;
}

export const DEFAULT_KDS: KdsOptions = {
  ordersPerSecond: 20,
  measureSeconds: Number(process.env.BENCH_KDS_SECONDS ?? 20),
  warmupOrders: 20,
  kdsSockets: 100,
  staffSockets: 100,
  guestSockets: 100,
};

export const KDS_TARGET_P99_MS = 30;

export interface LatencyResult {
  orders: number;
  /** Send → 201. */
  http: Summary;
  /** Send → order.placed, one sample per (order, grill socket). */
  eachGrill: Summary;
  /** Send → order.placed on the last of the grill sockets, one sample per order. */
  allGrill: Summary;
  /** 201 → order.placed on the first grill socket (negative: the event came first). */
  after201: Summary;
  staffEvents: number;
  guestEvents: number;
  cpu: CpuShares;
}

export interface KdsReport {
  options: KdsOptions;
  baseline: LatencyResult;
  hub: LatencyResult;
}

interface Tracked {
  sentAt: number;
  httpAt: number | null;
  /** Arrival time at each grill socket, by socket index. */
  grill: Array<number | undefined>;
  grillCount: number;
  measured: boolean;
  done: boolean;
}

interface Target {
  label: string;
  server: ChildServer;
  client: JsonClient;
  kdsAuth: Record<string, unknown>;
  staffAuth: Record<string, unknown>;
  /** Guest sessions: sockets use the first `guestSockets`, orders rotate over all of them. */
  guests: Array<{ token: string; visitId: string }>;
  /** How many guest sockets an order from this visit reaches. */
  guestFanout: (visitId: string, socketVisits: string[]) => number;
}

const orderIdOf = (message: HubEventMessage): string | null => {
  const payload = message.payload as { id?: unknown } | null;
  return payload && typeof payload.id === 'string' ? payload.id : null;
};

const arrivals = (entry: Tracked) => entry.grill.filter((at): at is number => at !== undefined);

/** One server with its 300 sockets, the orders sent to it, and when each reached each grill socket. */
class Probe {
  private readonly tracked = new Map<string, Tracked>();
  private readonly pool: SocketPool;
  private holders: SocketHolders | null = null;
  private readonly meter: CpuMeter;
  private readonly expectedGuest = new Map<string, number>();
  private readonly duplicates: string[] = [];
  private readonly failures: string[] = [];
  private socketVisits: string[] = [];
  private sent = 0;
  private pending = 0;
  private onSettled: () => void = () => {};

  constructor(
    readonly target: Target,
    private readonly options: KdsOptions,
  ) {
    this.pool = new SocketPool(target.server.baseUrl);
    this.meter = new CpuMeter(target.server.pid);
  }

  async connect(): Promise<void> {
    const guestSockets = this.target.guests.slice(0, this.options.guestSockets);
    this.socketVisits = guestSockets.map((guest) => guest.visitId);
    this.holders = await startSocketHolders({
      baseUrl: this.target.server.baseUrl,
      staff: { count: this.options.staffSockets, auth: this.target.staffAuth },
      guests: guestSockets.map((guest) => ({ token: guest.token })),
    });
    await this.pool.openMany(this.options.kdsSockets, 25, (index) => this.pool.open('/kds', this.target.kdsAuth, (message) => this.onGrill(index, message)));
  }

  private onGrill(socketIndex: number, message: HubEventMessage): void {
    if (message.type !== 'order.placed') return;
    const at = performance.now();
    const id = orderIdOf(message) ?? '';
    const entry = this.tracked.get(id);
    if (!entry) return;
    if (entry.grill[socketIndex] !== undefined) {
      this.duplicates.push(id);
      return;
    }
    entry.grill[socketIndex] = at;
    entry.grillCount += 1;
    this.settleIfDone(entry);
  }

  private settleIfDone(entry: Tracked): void {
    if (entry.done || entry.httpAt === null || entry.grillCount !== this.options.kdsSockets) return;
    entry.done = true;
    this.pending -= 1;
    this.onSettled();
  }

  /** A turn: `count` orders open-loop at the set rate (order i leaves at start + i·interval whatever the
   * earlier ones are doing), then a wait until each has its 201 and has reached every grill socket. */
  async turn(count: number, measured: boolean): Promise<void> {
    const interval = 1000 / this.options.ordersPerSecond;
    const start = performance.now();
    if (measured) this.meter.start();
    for (let index = 0; index < count && this.failures.length === 0; index += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + index * interval - performance.now())));
      this.send(measured);
    }
    await this.settled();
    if (measured) this.meter.stop();
    if (this.failures.length > 0) throw new BenchFailure(`${this.target.label}: an order POST failed; first: ${this.failures[0]}`);
  }

  private send(measured: boolean): void {
    const guest = this.target.guests[this.sent % this.target.guests.length]!;
    this.sent += 1;
    this.pending += 1;
    const id = newId();
    const entry: Tracked = { sentAt: performance.now(), httpAt: null, grill: [], grillCount: 0, measured, done: false };
    this.tracked.set(id, entry);
    this.expectedGuest.set(id, this.target.guestFanout(guest.visitId, this.socketVisits));
    this.target.client.post('/api/guest/orders', orderBody(id), guest.token).then(
      ({ status, text }) => {
        entry.httpAt = performance.now();
        if (status !== 201) {
          this.failures.push(`answered ${status}: ${text.slice(0, 300)}`);
          entry.done = true;
          this.pending -= 1;
          this.onSettled();
          return;
        }
        this.settleIfDone(entry);
      },
      (error: Error) => {
        this.failures.push(`request failed: ${error.message}`);
        entry.done = true;
        this.pending -= 1;
        this.onSettled();
      },
    );
  }

  /** Resolved by the arrivals themselves, bounded by a deadline. */
  private settled(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => {
        this.onSettled = () => {};
        reject(new BenchFailure(`${this.target.label}: ${this.pending} orders did not reach all ${this.options.kdsSockets} grill KDS sockets within 5 s`));
      }, 5_000);
      this.onSettled = () => {
        if (this.pending > 0) return;
        clearTimeout(deadline);
        this.onSettled = () => {};
        resolve();
      };
      this.onSettled();
    });
  }

  /** Checks that every socket got every event it should have, once, and summarizes the latencies. */
  async result(): Promise<LatencyResult> {
    const { options } = this;
    const expectedHeld = this.tracked.size * options.staffSockets + [...this.expectedGuest.values()].reduce((sum, count) => sum + count, 0);
    const counts = await this.holders!.counts(expectedHeld);
    const dropped = this.pool.disconnected() + counts.dropped;
    const label = this.target.label;
    if (dropped > 0) throw new BenchFailure(`${label}: ${dropped} sockets dropped during the run`);
    if (this.duplicates.length > 0) throw new BenchFailure(`${label}: ${this.duplicates.length} order.placed events reached a grill socket twice`);
    for (const id of this.tracked.keys()) {
      const staff = counts.staff[id] ?? 0;
      if (staff !== options.staffSockets) throw new BenchFailure(`${label}: order ${id} reached ${staff} of ${options.staffSockets} staff sockets`);
      const guests = counts.guest[id] ?? 0;
      if (guests !== this.expectedGuest.get(id)) {
        throw new BenchFailure(`${label}: order ${id} reached ${guests} guest sockets, expected ${this.expectedGuest.get(id)} (its visit's)`);
      }
    }
    const measured = [...this.tracked.values()].filter((entry) => entry.measured);
    return {
      orders: measured.length,
      http: summarize(measured.map((entry) => entry.httpAt! - entry.sentAt)),
      eachGrill: summarize(measured.flatMap((entry) => arrivals(entry).map((at) => at - entry.sentAt))),
      allGrill: summarize(measured.map((entry) => Math.max(...arrivals(entry)) - entry.sentAt)),
      after201: summarize(measured.map((entry) => Math.min(...arrivals(entry)) - entry.httpAt!)),
      staffEvents: Object.values(counts.staff).reduce((sum, count) => sum + count, 0),
      guestEvents: Object.values(counts.guest).reduce((sum, count) => sum + count, 0),
      cpu: this.meter.shares(),
    };
  }

  async close(): Promise<void> {
    this.pool.closeAll();
    await this.holders?.close();
  }
}

async function hubTarget(server: ChildServer, dataDir: string, options: KdsOptions): Promise<Target> {
  const client = createJsonClient(server.baseUrl, 16);
  const kitchen = await staffToken(client, '3333');
  const waiter = await staffToken(client, '2222');
  // Nine phones per table: 108 guests; the first 100 hold sockets, and all of them order.
  const guests = await joinTables(client, dataDir, Math.ceil(options.guestSockets / 12));
  return {
    label: 'hub',
    server,
    client,
    kdsAuth: { token: kitchen, station: 'grill' },
    staffAuth: { token: waiter },
    guests,
    guestFanout: (visitId, socketVisits) => socketVisits.filter((visit) => visit === visitId).length,
  };
}

function baselineTarget(server: ChildServer, options: KdsOptions): Target {
  return {
    label: 'baseline',
    server,
    client: createJsonClient(server.baseUrl, 16),
    kdsAuth: { token: 'kds', station: 'grill' },
    staffAuth: { token: 'staff' },
    guests: Array.from({ length: options.guestSockets }, (_, index) => ({ token: `guest-${index}`, visitId: `visit-${index % 12}` })),
    // The baseline emits each order to every socket.
    guestFanout: () => options.guestSockets,
  };
}

function describe(label: string, result: LatencyResult): void {
  const line = (what: string, summary: Summary) =>
    console.log(`  ${what.padEnd(44)} p50 ${ms(summary.p50).padStart(9)}  p99 ${ms(summary.p99).padStart(9)}  max ${ms(summary.max).padStart(9)}`);
  console.log(`${label} (${result.orders} orders measured)`);
  line('send → 201', result.http);
  line('send → order.placed at a grill KDS socket', result.eachGrill);
  line('send → order.placed at all grill KDS sockets', result.allGrill);
  line('201 → order.placed at the first grill socket', result.after201);
  console.log(`  ${describeCpu(result.cpu)}`);
}

export async function runKdsLatency(options: KdsOptions = DEFAULT_KDS): Promise<KdsReport> {
  const sockets = options.kdsSockets + options.staffSockets + options.guestSockets;
  console.log(
    `\n== KDS latency: ${options.ordersPerSecond} orders/s, ${options.measureSeconds} s each for baseline and hub in alternating 1 s turns ` +
      `(after ${options.warmupOrders} warm-up orders each); ${sockets} sockets per server ` +
      `(${options.kdsSockets} /kds grill, ${options.staffSockets} /staff, ${options.guestSockets} /guest) ==`,
  );
  const data = freshDataDir('kds');
  const servers: ChildServer[] = [];
  const probes: Probe[] = [];
  try {
    const [baselineServer, hubServer] = await spawnAll([spawnBaseline('baseline (bare Fastify + socket.io)', true), spawnHub('hub', data.dir)]);
    servers.push(baselineServer!, hubServer!);
    probes.push(new Probe(baselineTarget(baselineServer!, options), options));
    probes.push(new Probe(await hubTarget(hubServer!, data.dir, options), options));
    for (const probe of probes) await probe.connect();

    for (const probe of probes) await probe.turn(options.warmupOrders, false);
    // Turns of one second alternate between the servers, so whatever else the machine does weighs on both.
    const perTurn = options.ordersPerSecond;
    const turns = Math.ceil((options.ordersPerSecond * options.measureSeconds) / perTurn);
    for (let round = 0; round < turns; round += 1) {
      for (let offset = 0; offset < probes.length; offset += 1) await probes[(round + offset) % probes.length]!.turn(perTurn, true);
    }

    const baseline = await probes[0]!.result();
    describe('baseline: bare Fastify + socket.io, emit to all 300 sockets, no DB', baseline);
    const hub = await probes[1]!.result();
    describe('hub: validate, commit (group commit on), publish', hub);
    const ratio = hub.eachGrill.p99 / baseline.eachGrill.p99;
    const verdict = hub.eachGrill.p99 < KDS_TARGET_P99_MS ? 'meets' : 'MISSES';
    console.log(
      `  hub p99 send → grill KDS = ${ratio.toFixed(2)} × baseline; ${verdict} the p99 < ${KDS_TARGET_P99_MS} ms target` +
        ` (all ${options.kdsSockets} grill sockets: p99 ${ms(hub.allGrill.p99)})`,
    );
    console.log(
      `  checked: each grill and staff socket got each order.placed once (${hub.staffEvents} on /staff);` +
        ` each guest socket its own visit's (${hub.guestEvents} on /guest)`,
    );
    return { options, baseline, hub };
  } finally {
    for (const probe of probes) {
      await probe.close();
      probe.target.client.close();
    }
    await Promise.all(servers.map((server) => server.stop()));
    data.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runKdsLatency().catch((error: unknown) => {
    console.error(`\nkds-latency FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
