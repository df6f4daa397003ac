import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub } from './harness.ts';
import { enqueue, recordedOrders, startOutboxHub, waitForState } from './outbox-helpers.ts';
import { FakeVendor } from './support/fake-vendor.ts';
import { startHubProcess } from './support/hub-process.ts';

const cleanup: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'onemoment-outbox-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startVendor(): Promise<FakeVendor> {
  const vendor = await FakeVendor.start();
  cleanup.push(() => vendor.close());
  return vendor;
}

/** Reads a job's row straight from the database file, as another process would. */
function rowOnDisk(dataDir: string, id: string): Record<string, unknown> {
  const db = new Database(join(dataDir, 'hub.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT state, attempts, outcome_unknown AS outcomeUnknown FROM outbox_jobs WHERE id = ?').get(id) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

/**
 * A job left `running` in the database, as a process killed mid-send leaves it: written by a hub with no
 * adapter for its vendor (so it stays waiting), then marked running with one attempt, as the sender marks it.
 */
async function jobLeftRunning(dataDir: string, key: string): Promise<string> {
  const t = await startTestHub({ dataDir });
  const { id } = await enqueue(t, { idempotencyKey: key });
  await t.close();
  const db = new Database(join(dataDir, 'hub.sqlite'));
  db.prepare(`UPDATE outbox_jobs SET state = 'running', attempts = 1, sent_at = created_at WHERE id = ?`).run(id);
  db.close();
  return id;
}

describe('a hub that stopped in the middle of a send', () => {
  it('after SIGKILL, looks the job up at the vendor and records it there, without sending it twice', { timeout: 120_000 }, async () => {
    const dataDir = freshDataDir();
    const vendor = await startVendor();
    // The vendor does the order and the hub dies before the answer arrives.
    vendor.plan({ hold: true });
    const child = await startHubProcess(dataDir, { FAKE_VENDOR_URL: vendor.url, FAKE_VENDOR_RESEND: 'lookup' }, 'hub/test/support/outbox-hub-entry.ts');
    cleanup.push(() => child.kill());
    const response = await fetch(`${child.baseUrl}/test/outbox/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'esim-42', item: 'eSIM Europe 10 GB' }),
    });
    const { id } = (await response.json()) as { id: string };
    await vendor.waitForPosts(1);
    expect(rowOnDisk(dataDir, id)).toEqual({ state: 'running', attempts: 1, outcomeUnknown: 0 });
    await child.kill();
    vendor.dropHeld();

    const log: string[] = [];
    const { t } = await startOutboxHub(cleanup, { dataDir, vendor, adapter: { resendSafety: 'lookup' }, log });
    expect(log.join('\n')).toMatch(/"jobs":1,.*outbox jobs were being sent when the hub stopped/);
    const done = await waitForState(t, id, 'done');
    expect(done).toMatchObject({ attempts: 2, outcomeUnknown: 0 });
    expect(JSON.parse(done.result!)).toMatchObject({ orderId: 'vendor-order-1', key: 'esim-42' });
    expect(vendor.posts('esim-42')).toHaveLength(1);
    expect(vendor.lookups('esim-42')).toHaveLength(1);
    expect(recordedOrders(t)).toEqual([{ job_id: id, order_id: 'vendor-order-1' }]);
    expect((await t.request<string>('GET', '/metrics')).body).toContain('hub_outbox_sends_total{vendor="fake",outcome="found"} 1');
  });

  it('sends a lookup job once when the lookup finds the vendor never got it', async () => {
    const dataDir = freshDataDir();
    const id = await jobLeftRunning(dataDir, 'never-arrived');
    const { t, vendor } = await startOutboxHub(cleanup, { dataDir, adapter: { resendSafety: 'lookup' } });
    await waitForState(t, id, 'done');
    expect(vendor.requests.map((r) => `${r.method} ${r.key}`)).toEqual(['GET never-arrived', 'POST never-arrived']);
    expect(recordedOrders(t)).toHaveLength(1);
  });

  it('simply resends a read-only job, without a lookup', async () => {
    const dataDir = freshDataDir();
    const id = await jobLeftRunning(dataDir, 'poll-1');
    const vendor = await startVendor();
    vendor.orders.set('poll-1', { orderId: 'vendor-order-7', key: 'poll-1', payload: null });
    const { t } = await startOutboxHub(cleanup, { dataDir, vendor, adapter: { resendSafety: 'read_only' } });
    await waitForState(t, id, 'done');
    expect(vendor.requests.map((r) => `${r.method} ${r.key}`)).toEqual(['POST poll-1']);
  });

  it('resends an idempotency-key job with the same key, and records what the vendor did the first time', async () => {
    const dataDir = freshDataDir();
    const id = await jobLeftRunning(dataDir, 'booking-9');
    const vendor = await startVendor();
    vendor.orders.set('booking-9', { orderId: 'vendor-order-3', key: 'booking-9', payload: null });
    const { t } = await startOutboxHub(cleanup, { dataDir, vendor, adapter: { resendSafety: 'idempotency_key' } });
    await waitForState(t, id, 'done');
    expect(vendor.posts('booking-9')).toHaveLength(1);
    expect(vendor.orders.size).toBe(1);
    expect(recordedOrders(t)).toEqual([{ job_id: id, order_id: 'vendor-order-3' }]);
  });

  it('on close, aborts the sends in flight: one whose request went out waits with its outcome unknown, one that never sent waits untouched', async () => {
    const dataDir = freshDataDir();
    const vendor = await startVendor();
    vendor.plan({ hold: true });
    const budget = { windows: [{ limit: 1, intervalMs: 60_000 }], concurrency: 2 };
    const first = await startOutboxHub(cleanup, { dataDir, vendor, outbox: { budgets: { fake: budget } } });
    const sent = await enqueue(first.t, { idempotencyKey: 'went-out' });
    const queued = await enqueue(first.t, { idempotencyKey: 'waited-for-budget' });
    await vendor.waitForPosts(1);
    // Both are picked (concurrency 2); the second waits for the budget's minute.
    await waitForState(first.t, queued.id, 'running');
    await first.close();
    expect(rowOnDisk(dataDir, sent.id)).toEqual({ state: 'waiting', attempts: 1, outcomeUnknown: 1 });
    expect(rowOnDisk(dataDir, queued.id)).toEqual({ state: 'waiting', attempts: 0, outcomeUnknown: 0 });
    vendor.dropHeld();

    // The next start looks the first one up (the vendor did it) and sends the second.
    const { t } = await startOutboxHub(cleanup, { dataDir, vendor, adapter: { resendSafety: 'lookup' } });
    await waitForState(t, sent.id, 'done');
    await waitForState(t, queued.id, 'done');
    expect(vendor.posts().map((r) => r.key)).toEqual(['went-out', 'waited-for-budget']);
    expect(vendor.lookups().map((r) => r.key)).toEqual(['went-out']);
  });
});
