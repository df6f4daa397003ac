import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from './harness.ts';
import { enqueue, startOutboxHub, waitForState, type OutboxHub } from './outbox-helpers.ts';

describe('the outbox routes', () => {
  const cleanup: Array<() => Promise<unknown> | void> = [];
  let hub: OutboxHub;
  let t: TestHub;
  let manager: string;
  let waiter: string;
  let kitchen: string;
  let guest: string;
  const ids = { done: '', stuck: '', later: '', orphan: '' };

  beforeAll(async () => {
    hub = await startOutboxHub(cleanup);
    t = hub.t;
    [manager, waiter, kitchen, guest] = await Promise.all([t.login('1111'), t.login('2222'), t.login('3333'), t.guestToken('table-1')]);
    // One job in each state a person meets: done, waiting for a person, waiting for later, and one whose module is not loaded.
    ids.done = (await enqueue(t, { idempotencyKey: 'done' })).id;
    await waitForState(t, ids.done, 'done');
    hub.vendor.plan({ status: 403, message: 'This API key may not buy eSIMs' });
    ids.stuck = (await enqueue(t, { idempotencyKey: 'stuck', payload: { item: 'eSIM Japan 5 GB' } })).id;
    await waitForState(t, ids.stuck, 'needs_person');
    ids.later = (await enqueue(t, { idempotencyKey: 'later', notBefore: new Date(Date.now() + 3_600_000) })).id;
    ids.orphan = (await enqueue(t, { vendor: 'mews', kind: 'booking', idempotencyKey: 'stay-3' })).id;
    await hub.outbox.idle();
  });
  afterAll(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  });

  const paths = () => [
    ['GET', '/api/outbox/jobs'],
    ['GET', `/api/outbox/jobs/${ids.later}`],
    ['POST', `/api/outbox/jobs/${ids.later}/retry`],
    ['POST', `/api/outbox/jobs/${ids.later}/cancel`],
    ['GET', '/api/outbox/summary'],
  ] as const;

  it('refuses requests without a staff login with 401, guests included', async () => {
    for (const [method, path] of paths()) {
      const body = method === 'POST' && path.endsWith('cancel') ? { reason: 'test' } : undefined;
      for (const token of [undefined, guest, 'not-a-token']) {
        const response = await t.request(method, path, body, token);
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(response.body.error).toBe('unauthorized');
      }
    }
    expect(hub.outbox.job(ids.later)!.state).toBe('waiting');
  });

  it('lets only managers list, retry and cancel (403 for a waiter), and any staff login read the summary', async () => {
    for (const [method, path] of paths().filter(([, path]) => path !== '/api/outbox/summary')) {
      const body = path.endsWith('cancel') ? { reason: 'test' } : undefined;
      const response = await t.request(method, path, body, waiter);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body).toMatchObject({ error: 'forbidden', message: 'This needs a manager login; you are logged in as waiter.' });
    }
    expect(hub.outbox.job(ids.later)!.state).toBe('waiting');
    for (const token of [waiter, kitchen, manager]) expect((await t.request('GET', '/api/outbox/summary', undefined, token)).status).toBe(200);
  });

  it('lists jobs newest first with what staff need to judge them, filtered by state and vendor', async () => {
    const all = await t.request('GET', '/api/outbox/jobs', undefined, manager);
    expect(all.status).toBe(200);
    expect(all.body.jobs.map((job: { id: string }) => job.id)).toEqual([ids.orphan, ids.later, ids.stuck, ids.done]);
    const stuck = all.body.jobs.find((job: { id: string }) => job.id === ids.stuck);
    expect(stuck).toEqual({
      id: ids.stuck,
      vendor: 'fake',
      vendorLabel: 'Fake Vendor',
      kind: 'order',
      description: 'Order eSIM Japan 5 GB from Fake Vendor',
      state: 'needs_person',
      attempts: 1,
      ageSeconds: expect.any(Number),
      createdAt: expect.any(String),
      nextAttemptAt: null,
      lastError: 'Fake Vendor refused the order: This API key may not buy eSIMs (403)',
      lastStatus: 403,
      cancelReason: null,
      outcomeUnknown: false,
    });
    expect(all.body.jobs.find((job: { id: string }) => job.id === ids.later).nextAttemptAt).toEqual(expect.any(String));

    const needsPerson = await t.request('GET', '/api/outbox/jobs?state=needs_person', undefined, manager);
    expect(needsPerson.body.jobs.map((job: { id: string }) => job.id)).toEqual([ids.stuck]);
    const unloaded = await t.request('GET', '/api/outbox/jobs?vendor=mews&state=waiting', undefined, manager);
    expect(unloaded.body.jobs.map((job: { id: string }) => job.id)).toEqual([ids.orphan]);
    const two = await t.request('GET', '/api/outbox/jobs?limit=2', undefined, manager);
    expect(two.body.jobs).toHaveLength(2);
  });

  it('summarises what is owed to the internet, by vendor, with the oldest waiting job', async () => {
    const summary = await t.request('GET', '/api/outbox/summary', undefined, waiter);
    expect(summary.body).toEqual({
      waiting: 2,
      running: 0,
      needsPerson: 1,
      oldestWaitingAt: hub.outbox.job(ids.later)!.createdAt,
      byVendor: [
        { vendor: 'fake', label: 'Fake Vendor', state: 'needs_person', count: 1 },
        { vendor: 'fake', label: 'Fake Vendor', state: 'waiting', count: 1 },
        { vendor: 'mews', label: 'mews', state: 'waiting', count: 1 },
      ],
    });
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const bad: Array<[string, string, unknown, number]> = [
      ['GET', '/api/outbox/jobs?state=lost', undefined, 400],
      ['GET', '/api/outbox/jobs?limit=0', undefined, 400],
      ['GET', '/api/outbox/jobs?limit=501', undefined, 400],
      ['GET', '/api/outbox/jobs?limit=ten', undefined, 400],
      ['GET', '/api/outbox/jobs?vendor=%3Cscript%3E', undefined, 400],
      ['GET', '/api/outbox/jobs?sort=age', undefined, 400],
      ['GET', '/api/outbox/jobs/no-such-job', undefined, 404],
      ['POST', '/api/outbox/jobs/no-such-job/retry', undefined, 404],
      ['POST', '/api/outbox/jobs/no-such-job/cancel', { reason: 'gone' }, 404],
      ['POST', `/api/outbox/jobs/${ids.later}/cancel`, undefined, 400],
      ['POST', `/api/outbox/jobs/${ids.later}/cancel`, {}, 400],
      ['POST', `/api/outbox/jobs/${ids.later}/cancel`, { reason: '' }, 400],
      ['POST', `/api/outbox/jobs/${ids.later}/cancel`, { reason: '   ' }, 400],
      ['POST', `/api/outbox/jobs/${ids.later}/cancel`, { reason: 'x'.repeat(301) }, 400],
      ['POST', `/api/outbox/jobs/${ids.later}/cancel`, { reason: 42 }, 400],
      ['POST', `/api/outbox/jobs/${ids.later}/cancel`, { reason: 'ok', force: true }, 400],
      ['POST', `/api/outbox/jobs/${ids.later}/cancel`, '{"reason": ', 400],
      ['POST', `/api/outbox/jobs/${ids.done}/retry`, undefined, 409],
      ['POST', `/api/outbox/jobs/${ids.done}/cancel`, { reason: 'Too late' }, 409],
    ];
    const before = hub.outbox.store.list({ limit: 500 });
    for (const [method, path, body, status] of bad) {
      const response = await t.request(method, path, body, manager);
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect(response.body, `${method} ${path}`).toEqual({ error: expect.any(String), message: expect.any(String) });
    }
    expect(hub.outbox.store.list({ limit: 500 })).toEqual(before);
    const done = await t.request('POST', `/api/outbox/jobs/${ids.done}/retry`, undefined, manager);
    expect(done.body).toEqual({ error: 'outbox_job_done', message: 'Order item for done from Fake Vendor: this is done, so there is nothing to retry.' });
  });

  it('retries a job that waits for a person, and cancels one with its reason', async () => {
    hub.vendor.plan({ status: 200 });
    const retried = await t.request('POST', `/api/outbox/jobs/${ids.stuck}/retry`, undefined, manager);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: ids.stuck, state: 'waiting', attempts: 0 });
    await waitForState(t, ids.stuck, 'done');

    const cancelled = await t.request('POST', `/api/outbox/jobs/${ids.later}/cancel`, { reason: '  The guest left  ' }, manager);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: ids.later, state: 'cancelled', cancelReason: 'The guest left', nextAttemptAt: null });
    const again = await t.request('POST', `/api/outbox/jobs/${ids.later}/retry`, undefined, manager);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('outbox_job_cancelled');
    expect((await t.request('GET', `/api/outbox/jobs/${ids.later}`, undefined, manager)).body.state).toBe('cancelled');
  });
});
