import type { Clock } from '../src/clock.ts';
import type { NewOutboxJob, Outbox, OutboxOptions } from '../src/outbox/outbox.ts';
import type { JobRow } from '../src/outbox/job-store.ts';
import { startTestHub, type TestHub } from './harness.ts';
import { FakeVendor } from './support/fake-vendor.ts';
import { FakeVendorAdapter, type FakeAdapterOptions } from './support/fake-vendor-adapter.ts';

export interface OutboxHub {
  t: TestHub;
  vendor: FakeVendor;
  adapter: FakeVendorAdapter;
  outbox: Outbox;
  /** Closes the hub (once: the cleanup then does nothing more). */
  close(): Promise<void>;
}

/** Test outbox options: a fixed jitter draw and short backoffs, so a test never waits long. */
export const QUICK_RETRY: OutboxOptions = { random: () => 0.5, retry: { baseMs: 20, capMs: 200, maxAttempts: 5 } };

/**
 * A real hub (in-process, port 0) and a fake vendor on 127.0.0.1, with the test adapter registered. Both
 * are closed by the function given to `cleanup`.
 */
export async function startOutboxHub(
  cleanup: Array<() => Promise<unknown> | void>,
  options: {
    clock?: Clock;
    outbox?: OutboxOptions;
    adapter?: Partial<FakeAdapterOptions>;
    dataDir?: string;
    vendor?: FakeVendor;
    /** Collects the hub's log lines (warnings and worse) here. */
    log?: string[];
  } = {},
): Promise<OutboxHub> {
  const vendor = options.vendor ?? (await FakeVendor.start());
  if (!options.vendor) cleanup.push(() => vendor.close());
  const log = options.log;
  const t = await startTestHub({
    clock: options.clock,
    dataDir: options.dataDir,
    env: log ? { LOG_LEVEL: 'warn' } : {},
    hubOptions: { outbox: { ...QUICK_RETRY, ...options.outbox }, ...(log ? { logStream: { write: (line: string) => log.push(line) } } : {}) },
  });
  let closed: Promise<void> | null = null;
  const close = () => (closed ??= t.close());
  cleanup.push(close);
  const outbox = t.hub.context.outbox;
  const adapter = new FakeVendorAdapter({ baseUrl: vendor.url, sqlite: t.hub.context.store.sqlite, ...options.adapter });
  outbox.register(adapter);
  return { t, vendor, adapter, outbox, close };
}

/** Writes a job in a command of its own, as a module's command would. */
export function enqueue(t: TestHub, job: Partial<NewOutboxJob> & { idempotencyKey: string }): Promise<{ id: string; created: boolean }> {
  return t.hub.context.commands.run((tx) =>
    t.hub.context.outbox.enqueue(tx, { vendor: 'fake', kind: 'order', payload: { item: `item for ${job.idempotencyKey}` }, ...job }),
  );
}

export function jobRow(t: TestHub, id: string): JobRow {
  const row = t.hub.context.outbox.store.byId(id);
  if (!row) throw new Error(`no outbox job ${id}`);
  return row;
}

export function recordedOrders(t: TestHub): Array<{ job_id: string; order_id: string }> {
  return t.hub.context.store.sqlite.prepare('SELECT job_id, order_id FROM fake_vendor_records ORDER BY job_id').all() as Array<{ job_id: string; order_id: string }>;
}

export function abandonments(t: TestHub): Array<{ job_id: string; why: string }> {
  return t.hub.context.store.sqlite.prepare('SELECT job_id, why FROM fake_vendor_abandoned').all() as Array<{ job_id: string; why: string }>;
}

/**
 * Polls until `check` returns a value that is not undefined (a state in SQLite, a count at the vendor).
 * A deadline turns a hang into a failure that says what it was waiting for.
 */
export async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits until the job is in `state`, and returns its row. */
export function waitForState(t: TestHub, id: string, state: JobRow['state']): Promise<JobRow> {
  return waitFor(`job ${id} to be ${state} (it is ${t.hub.context.outbox.store.byId(id)?.state})`, () => {
    const row = jobRow(t, id);
    return row.state === state ? row : undefined;
  });
}

/** The most arrival times that fall in any window [t, t + intervalMs). */
export function busiestWindow(times: readonly number[], intervalMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let worst = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= intervalMs) start += 1;
    worst = Math.max(worst, end - start + 1);
  }
  return worst;
}
