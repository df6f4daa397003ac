import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { abandonments, busiestWindow, enqueue, jobRow, recordedOrders, startOutboxHub, waitFor, waitForState } from './outbox-helpers.ts';
import { FakeVendor } from './support/fake-vendor.ts';

/** Everything a test started, closed after it whatever happened. */
const cleanup: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

const isoPlus = (clock: ManualClock, ms: number) => new Date(clock.now().getTime() + ms).toISOString();

describe('writing jobs', () => {
  it('commits a job with its command, and writes none for a command that throws, in one group commit', async () => {
    const { t, vendor, outbox } = await startOutboxHub(cleanup);
    const sqlite = t.hub.context.store.sqlite;
    const [kept, refused] = await Promise.allSettled([
      t.hub.context.commands.run((tx) => outbox.enqueue(tx, { vendor: 'fake', kind: 'order', idempotencyKey: 'kept', payload: { item: 'eSIM 10 GB' } })),
      t.hub.context.commands.run((tx) => {
        outbox.enqueue(tx, { vendor: 'fake', kind: 'order', idempotencyKey: 'refused', payload: { item: 'eSIM 20 GB' } });
        throw new Error('the guest has no open visit');
      }),
    ]);
    expect(t.hub.context.commands.batchSize).toBeGreaterThanOrEqual(2);
    expect(refused.status).toBe('rejected');
    expect(kept).toMatchObject({ status: 'fulfilled', value: { created: true } });
    const id = (kept as PromiseFulfilledResult<{ id: string }>).value.id;

    expect(sqlite.prepare('SELECT idempotency_key FROM outbox_jobs').pluck().all()).toEqual(['kept']);
    const done = await waitForState(t, id, 'done');
    expect(done).toMatchObject({ attempts: 1, outcomeUnknown: 0, lastError: null });
    expect(JSON.parse(done.result!)).toEqual({ orderId: 'vendor-order-1', key: 'kept', payload: { item: 'eSIM 10 GB' } });
    expect(recordedOrders(t)).toEqual([{ job_id: id, order_id: 'vendor-order-1' }]);
    await outbox.idle();
    expect(vendor.posts().map((r) => r.key)).toEqual(['kept']);
  });

  it('keeps one job per vendor and idempotency key, whether written again in the same command or a later one', async () => {
    const { t, vendor, outbox } = await startOutboxHub(cleanup);
    const firstTwo = await t.hub.context.commands.run((tx) => [
      outbox.enqueue(tx, { vendor: 'fake', kind: 'order', idempotencyKey: 'order-17', payload: { item: 'first' } }),
      outbox.enqueue(tx, { vendor: 'fake', kind: 'order', idempotencyKey: 'order-17', payload: { item: 'second' } }),
    ]);
    const later = await enqueue(t, { idempotencyKey: 'order-17', payload: { item: 'third' } });
    const otherVendor = await enqueue(t, { vendor: 'airalo', idempotencyKey: 'order-17' });

    expect(firstTwo[0]!.created).toBe(true);
    expect(firstTwo[1]).toEqual({ id: firstTwo[0]!.id, created: false });
    expect(later).toEqual({ id: firstTwo[0]!.id, created: false });
    expect(otherVendor.created).toBe(true);
    await waitForState(t, firstTwo[0]!.id, 'done');
    await outbox.idle();
    expect(vendor.posts('order-17')).toHaveLength(1);
    expect(vendor.orders.get('order-17')!.payload).toEqual({ item: 'first' });
  });

  it('leaves the jobs of a vendor whose module is not loaded waiting, untouched', async () => {
    const { t, outbox } = await startOutboxHub(cleanup);
    const { id } = await enqueue(t, { vendor: 'mews', kind: 'booking', idempotencyKey: 'stay-1' });
    await enqueue(t, { idempotencyKey: 'sent' });
    await outbox.idle();
    expect(jobRow(t, id)).toMatchObject({ state: 'waiting', attempts: 0, sentAt: null, lastError: null });
    const [listed] = outbox.list({ vendor: 'mews' });
    expect(listed).toMatchObject({ vendorLabel: 'mews', description: 'booking for mews (waits until its module runs on this hub)' });
    expect(outbox.summary().byVendor).toEqual([{ vendor: 'mews', label: 'mews', state: 'waiting', count: 1 }]);
  });
});

describe('sending within the budget', () => {
  it('never puts more requests in any window than each window allows, nor more at once than the concurrency', async () => {
    const windows = [
      { limit: 4, intervalMs: 250 },
      { limit: 10, intervalMs: 1_000 },
    ];
    const { t, vendor, outbox } = await startOutboxHub(cleanup, { outbox: { budgets: { fake: { windows, concurrency: 3 } } } });
    vendor.answerDelayMs = 30;
    const ids: string[] = [];
    await t.hub.context.commands.run((tx) => {
      for (let i = 0; i < 24; i++) ids.push(outbox.enqueue(tx, { vendor: 'fake', kind: 'order', idempotencyKey: `k${i}`, payload: { item: `#${i}` } }).id);
    });
    for (const id of ids) await waitForState(t, id, 'done');

    const times = vendor.posts().map((r) => r.at);
    expect(times).toHaveLength(24);
    expect(busiestWindow(times, 250)).toBeLessThanOrEqual(4);
    expect(busiestWindow(times, 1_000)).toBeLessThanOrEqual(10);
    expect(vendor.concurrency).toBeLessThanOrEqual(3);
    // First come, first served.
    expect(vendor.posts().map((r) => r.key)).toEqual(ids.map((_, i) => `k${i}`));
  });

  it('counts each budget key on its own: one credential at its limit does not hold up another', async () => {
    const { t, vendor } = await startOutboxHub(cleanup, {
      outbox: { budgets: { fake: { windows: [{ limit: 1, intervalMs: 60_000 }], concurrency: 1 } } },
    });
    const a1 = await enqueue(t, { idempotencyKey: 'a1', budgetKey: 'key-a' });
    const a2 = await enqueue(t, { idempotencyKey: 'a2', budgetKey: 'key-a' });
    const b1 = await enqueue(t, { idempotencyKey: 'b1', budgetKey: 'key-b' });
    await waitForState(t, a1.id, 'done');
    await waitForState(t, b1.id, 'done');
    // a2 is picked (its key has a free send slot) but waits for key-a's minute: it is not sent.
    await waitFor('a2 to wait for its budget', () => (jobRow(t, a2.id).state === 'running' ? true : undefined));
    expect(vendor.posts().map((r) => r.key).sort()).toEqual(['a1', 'b1']);
  });
});

describe('failures', () => {
  it('honours a 429’s Retry-After for the job and for its whole budget, then sends', async () => {
    const clock = new ManualClock();
    const { t, vendor, outbox } = await startOutboxHub(cleanup, { clock, outbox: { random: () => 0.5, retry: { baseMs: 100, capMs: 1_000, maxAttempts: 5 } } });
    vendor.plan({ status: 429, message: 'Too many requests', headers: { 'retry-after': '2' } });
    const first = await enqueue(t, { idempotencyKey: 'first' });
    await outbox.idle();
    expect(jobRow(t, first.id)).toMatchObject({
      state: 'waiting',
      attempts: 1,
      lastStatus: 429,
      lastError: 'Fake Vendor failed the order: Too many requests (429)',
      nextAttemptAt: isoPlus(clock, 2_000), // the backoff alone would have been 50 ms
      outcomeUnknown: 0, // a 429 was not done
    });

    // Another job of the same budget is due now, but the vendor asked the budget to wait.
    const second = await enqueue(t, { idempotencyKey: 'second' });
    await outbox.idle();
    clock.advance(1_999);
    outbox.wake();
    await outbox.idle();
    expect(vendor.posts()).toHaveLength(1);
    expect(jobRow(t, second.id)).toMatchObject({ state: 'waiting', attempts: 0 });

    clock.advance(1);
    outbox.wake();
    await outbox.idle();
    expect(jobRow(t, first.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect(jobRow(t, second.id)).toMatchObject({ state: 'done', attempts: 1 });
    // Due first, sent first: the second fell due when it was written, the first only now.
    expect(vendor.posts().map((r) => r.key)).toEqual(['first', 'second', 'first']);
  });

  it('retries a 500 and a 503 with growing backoff, then records the answer exactly once', async () => {
    const clock = new ManualClock();
    const { t, vendor, outbox } = await startOutboxHub(cleanup, { clock, outbox: { random: () => 0.5, retry: { baseMs: 100, capMs: 10_000, maxAttempts: 5 } } });
    vendor.plan({ status: 500, message: 'Internal error' }, { status: 503, message: 'Maintenance' });
    const { id } = await enqueue(t, { idempotencyKey: 'esim-1' });
    await outbox.idle();
    // Half of the first step (100 ms), from the seeded jitter.
    expect(jobRow(t, id)).toMatchObject({ state: 'waiting', attempts: 1, lastStatus: 500, nextAttemptAt: isoPlus(clock, 50), outcomeUnknown: 1 });

    clock.advance(49);
    outbox.wake();
    await outbox.idle();
    expect(vendor.posts()).toHaveLength(1);

    clock.advance(1);
    outbox.wake();
    await outbox.idle();
    expect(jobRow(t, id)).toMatchObject({ state: 'waiting', attempts: 2, lastStatus: 503, lastError: 'Fake Vendor failed the order: Maintenance (503)', nextAttemptAt: isoPlus(clock, 100) });

    clock.advance(100);
    outbox.wake();
    await outbox.idle();
    expect(jobRow(t, id)).toMatchObject({ state: 'done', attempts: 3, outcomeUnknown: 0 });
    expect(vendor.posts('esim-1')).toHaveLength(3);
    expect(vendor.orders.size).toBe(1);
    expect(recordedOrders(t)).toEqual([{ job_id: id, order_id: 'vendor-order-1' }]);

    const metrics = (await t.request<string>('GET', '/metrics')).body;
    expect(metrics).toContain('hub_outbox_sends_total{vendor="fake",outcome="retry"} 2');
    expect(metrics).toContain('hub_outbox_sends_total{vendor="fake",outcome="done"} 1');
    expect(metrics).toContain('hub_outbox_jobs{vendor="fake",state="done"} 1');
    expect(metrics).toContain('hub_outbox_oldest_waiting_seconds 0');
  });

  it('hands a permanent refusal to a person at once, in the vendor’s words, and tells the adapter', async () => {
    const { t, vendor, outbox } = await startOutboxHub(cleanup);
    vendor.plan({ status: 400, message: "Unknown package 'moon-10gb'" });
    const { id } = await enqueue(t, { idempotencyKey: 'moon' });
    const row = await waitForState(t, id, 'needs_person');
    const message = "Fake Vendor refused the order: Unknown package 'moon-10gb' (400)";
    expect(row).toMatchObject({ attempts: 1, lastStatus: 400, lastError: message, result: null });
    expect(abandonments(t)).toEqual([{ job_id: id, why: message }]);
    outbox.wake();
    await outbox.idle();
    expect(vendor.posts()).toHaveLength(1);
    expect(outbox.summary()).toMatchObject({ waiting: 0, needsPerson: 1, byVendor: [{ vendor: 'fake', label: 'Fake Vendor', state: 'needs_person', count: 1 }] });
  });

  it('hands a job to a person after its last attempt, saying how often it tried and what the vendor said', async () => {
    const { t, vendor } = await startOutboxHub(cleanup, { outbox: { retry: { baseMs: 5, capMs: 20, maxAttempts: 3 } } });
    vendor.plan({ status: 503, message: 'Down' }, { status: 502, message: 'Bad gateway' }, { status: 503, message: 'Still down' }, { status: 200 });
    const { id } = await enqueue(t, { idempotencyKey: 'three-tries' });
    const row = await waitForState(t, id, 'needs_person');
    expect(row).toMatchObject({ attempts: 3, lastStatus: 503, lastError: 'Tried 3 times without success. The last answer: Fake Vendor failed the order: Still down (503)' });
    expect(vendor.posts()).toHaveLength(3);
    expect(abandonments(t)).toHaveLength(1);
  });

  it('counts an error that is not a VendorError (the vendor unreachable) as worth another try', async () => {
    const gone = await FakeVendor.start();
    await gone.close();
    const { t } = await startOutboxHub(cleanup, { adapter: { baseUrl: gone.url }, outbox: { retry: { baseMs: 60_000, capMs: 60_000 } } });
    const { id } = await enqueue(t, { idempotencyKey: 'offline' });
    const row = await waitFor('the failed send', () => {
      const r = jobRow(t, id);
      return r.state === 'waiting' && r.attempts === 1 ? r : undefined;
    });
    expect(row).toMatchObject({ lastStatus: null, lastError: 'Could not reach Fake Vendor: fetch failed', outcomeUnknown: 1 });
  });
});

describe('recording the answer', () => {
  it('records the answer and marks the job done in one transaction: a failing record leaves neither, and keeps the answer', async () => {
    const { t, vendor, adapter, outbox } = await startOutboxHub(cleanup);
    adapter.failRecord = true;
    const { id } = await enqueue(t, { idempotencyKey: 'kept-answer' });
    const row = await waitForState(t, id, 'needs_person');
    // The record's own insert was rolled back with it.
    expect(recordedOrders(t)).toEqual([]);
    expect(row.doneAt).toBeNull();
    expect(JSON.parse(row.result!)).toMatchObject({ orderId: 'vendor-order-1', key: 'kept-answer' });
    expect(row.lastError).toContain('Fake Vendor answered, but the hub could not record the answer: the order register is full');
    expect(abandonments(t)).toHaveLength(1);

    // Fixed; a person retries: the kept answer is recorded without asking the vendor again.
    adapter.failRecord = false;
    await outbox.retryNow(id, 'staff-manager');
    const done = await waitForState(t, id, 'done');
    expect(done).toMatchObject({ attempts: 1, actedBy: 'staff-manager' });
    expect(recordedOrders(t)).toEqual([{ job_id: id, order_id: 'vendor-order-1' }]);
    await outbox.idle();
    expect(vendor.posts()).toHaveLength(1);
  });
});

describe('staff actions', () => {
  it('retries a job that waits for a person, with a fresh round of tries, and one waiting for later at once', async () => {
    const { t, vendor, outbox } = await startOutboxHub(cleanup);
    vendor.plan({ status: 401, message: 'API key revoked' });
    const stuck = await enqueue(t, { idempotencyKey: 'stuck' });
    await waitForState(t, stuck.id, 'needs_person');
    const later = await enqueue(t, { idempotencyKey: 'later', notBefore: new Date(Date.now() + 3_600_000) });
    await outbox.idle();
    expect(jobRow(t, later.id).state).toBe('waiting');

    const retried = await outbox.retryNow(stuck.id, 'staff-manager');
    expect(retried).toMatchObject({ state: 'waiting', attempts: 0, lastError: 'Fake Vendor refused the order: API key revoked (401)' });
    await outbox.retryNow(later.id, 'staff-manager');
    await waitForState(t, stuck.id, 'done');
    await waitForState(t, later.id, 'done');
    expect(jobRow(t, stuck.id)).toMatchObject({ attempts: 1, actedBy: 'staff-manager' });
    await expect(outbox.retryNow(stuck.id, 'staff-manager')).rejects.toMatchObject({ statusCode: 409, code: 'outbox_job_done' });
  });

  it('cancels a job with the reason, tells the adapter, and never sends it', async () => {
    const { t, vendor, outbox } = await startOutboxHub(cleanup);
    const { id } = await enqueue(t, { idempotencyKey: 'cancel-me', notBefore: new Date(Date.now() + 3_600_000) });
    const cancelled = await outbox.cancel(id, 'The guest paid in cash instead', 'staff-manager');
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: 'The guest paid in cash instead', nextAttemptAt: null });
    expect(jobRow(t, id)).toMatchObject({ actedBy: 'staff-manager' });
    expect(abandonments(t)).toEqual([{ job_id: id, why: 'Cancelled by staff: The guest paid in cash instead' }]);
    await expect(outbox.retryNow(id, 'staff-manager')).rejects.toMatchObject({ statusCode: 409, code: 'outbox_job_cancelled' });
    await expect(outbox.cancel(id, 'again', 'staff-manager')).rejects.toMatchObject({ statusCode: 409 });
    outbox.wake();
    await outbox.idle();
    expect(vendor.requests).toEqual([]);
  });

  it('cancels a job while it is being sent: the send is aborted and the job stays cancelled', async () => {
    const { t, vendor, outbox } = await startOutboxHub(cleanup);
    vendor.plan({ hold: true });
    const { id } = await enqueue(t, { idempotencyKey: 'in-flight' });
    await vendor.waitForPosts(1);
    expect(jobRow(t, id).state).toBe('running');
    await outbox.cancel(id, 'Wrong room', 'staff-manager');
    await outbox.idle();
    expect(jobRow(t, id)).toMatchObject({ state: 'cancelled', attempts: 1, cancelReason: 'Wrong room' });
    expect(abandonments(t)).toHaveLength(1);
    expect(recordedOrders(t)).toEqual([]);
  });
});

describe('keeping the table small', () => {
  it('prunes finished jobs after the retention time, and keeps what waits or needs a person', async () => {
    const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
    const { t, vendor, outbox } = await startOutboxHub(cleanup, { clock });
    const done = await enqueue(t, { idempotencyKey: 'done' });
    await waitForState(t, done.id, 'done');
    vendor.plan({ status: 400, message: 'Unknown package' });
    const refused = await enqueue(t, { idempotencyKey: 'refused' });
    await waitForState(t, refused.id, 'needs_person');
    const parked = await enqueue(t, { vendor: 'mews', idempotencyKey: 'parked' });
    clock.advance(29 * 24 * 3_600_000);
    expect(outbox.prune(30 * 24 * 3_600_000)).toBe(0);
    clock.advance(2 * 24 * 3_600_000);
    expect(outbox.prune(30 * 24 * 3_600_000)).toBe(1);
    const left = t.hub.context.store.sqlite.prepare('SELECT idempotency_key FROM outbox_jobs ORDER BY idempotency_key').pluck().all();
    expect(left).toEqual(['parked', 'refused']);
    expect(parked.created).toBe(true);
  });
});
