import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTonApi, testWallet, type FakeTonApi } from '../../../test/support/fake-ton-api.ts';
import { sendContext, vendorError } from '../../../test/support/vendor-calls.ts';
import { ToncenterClient } from './toncenter-client.ts';

const venue = testWallet('client venue');

describe('the toncenter client', () => {
  let api: FakeTonApi;
  let client: ToncenterClient;
  const all = { address: venue.nonBounceable, stopAtLt: null, stopBeforeUtime: 0 };

  beforeAll(async () => {
    api = await startFakeTonApi();
    // Generous: a busy test machine must not turn a slow answer into a failure. The timeout has its own test.
    client = new ToncenterClient({ baseUrl: api.baseUrl, apiKey: null, timeoutMs: 15_000 });
    for (let i = 0; i < 250; i++) {
      if (i % 50 === 0) api.outgoing(venue.raw);
      api.transfer({ to: venue.raw, nanotons: 1000 + i, comment: `tx ${i}` });
    }
  });
  afterAll(() => api.close());
  afterEach(() => {
    api.requireKey = null;
  });

  it('pages back past the first page by lt and hash, reading the repeated boundary transaction once', async () => {
    const before = api.requests.length;
    const context = sendContext();
    const read = await client.transactionsSince(all, context);
    expect(read.complete).toBe(true);
    expect(read.transactions).toHaveLength(255);
    expect(new Set(read.transactions.map((t) => t.hash)).size).toBe(255);
    // Newest first, strictly older each time.
    for (let i = 1; i < read.transactions.length; i++) expect(BigInt(read.transactions[i]!.lt)).toBeLessThan(BigInt(read.transactions[i - 1]!.lt));
    expect(read.transactions[0]).toMatchObject({ comment: 'tx 249', nanotons: '1249', destination: venue.bounceable });
    // 255 transactions at 100 a page, each page after the first repeating its boundary: 3 pages.
    const requests = api.requests.slice(before);
    expect(read.pages).toBe(3);
    expect(context.taken).toBe(3);
    expect(requests.map((r) => [r.query.limit, r.query.lt === undefined, r.query.hash === undefined])).toEqual([
      ['100', true, true],
      ['100', false, false],
      ['100', false, false],
    ]);
    expect(requests[1]!.query).toMatchObject({ lt: read.transactions[99]!.lt, hash: read.transactions[99]!.hash, address: venue.nonBounceable });
  });

  it('stops at the cursor, and at the oldest time asked for', async () => {
    const newest = await client.transactionsSince(all, sendContext());
    const cursor = newest.transactions[40]!;
    const sinceCursor = await client.transactionsSince({ ...all, stopAtLt: cursor.lt }, sendContext());
    expect(sinceCursor.transactions.map((t) => t.hash)).toEqual(newest.transactions.slice(0, 40).map((t) => t.hash));
    expect(sinceCursor).toMatchObject({ pages: 1, complete: true });

    const late = api.transfer({ to: venue.raw, nanotons: 5, comment: 'late', utime: Math.floor(Date.now() / 1000) + 3600 });
    const recent = await client.transactionsSince({ ...all, stopBeforeUtime: Math.floor(Date.now() / 1000) + 1800 }, sendContext());
    expect(recent.transactions.map((t) => t.hash)).toEqual([late.hash]);
  });

  it('reads a transaction one page left out on the next read', async () => {
    const first = await client.transactionsSince(all, sendContext());
    const dropped = first.transactions[150]!;
    api.dropOnce(dropped.hash);
    const missing = await client.transactionsSince(all, sendContext());
    expect(missing.transactions.map((t) => t.hash)).not.toContain(dropped.hash);
    expect(missing.transactions).toHaveLength(first.transactions.length - 1);
    const again = await client.transactionsSince(all, sendContext());
    expect(again.transactions.map((t) => t.hash)).toContain(dropped.hash);
  });

  it('turns a 429 into rate_limited with its Retry-After, and a 500 into a retry', async () => {
    api.failNext({ status: 429, retryAfterSeconds: 7 }, { status: 429 }, { status: 500 });
    const limited = await vendorError(client.transactionsSince(all, sendContext()));
    expect(limited).toMatchObject({ kind: 'rate_limited', options: { status: 429, retryAfterMs: 7000 } });
    const bare = await vendorError(client.transactionsSince(all, sendContext()));
    expect(bare.kind).toBe('rate_limited');
    expect(bare.options.retryAfterMs).toBeUndefined();
    const failed = await vendorError(client.transactionsSince(all, sendContext()));
    expect(failed).toMatchObject({ kind: 'retry', options: { status: 500 } });
    expect(failed.message).toContain('LITE_SERVER_NETWORK timeout');
  });

  it('gives up on an answer that does not come in time, as a retry', async () => {
    api.failNext({ slow: true });
    // The fake holds this answer until released, so a short timeout is certain to run out first.
    const impatient = new ToncenterClient({ baseUrl: api.baseUrl, apiKey: null, timeoutMs: 300 });
    const slow = await vendorError(impatient.transactionsSince(all, sendContext()));
    expect(slow.kind).toBe('retry');
    expect(slow.message).toMatch(/did not answer within/);
    api.releaseSlow();
  });

  it('sends the API key, and waits for a person when it is refused', async () => {
    api.requireKey = 'a-good-key-123';
    const refused = await vendorError(client.transactionsSince(all, sendContext()));
    expect(refused).toMatchObject({ kind: 'permanent', options: { status: 401 } });
    expect(refused.message).toMatch(/TON_API_KEY/);
    const keyed = new ToncenterClient({ baseUrl: `${api.baseUrl}/`, apiKey: 'a-good-key-123' });
    expect((await keyed.transactionsSince(all, sendContext())).complete).toBe(true);
    expect(api.requests.at(-1)).toMatchObject({ status: 200, apiKey: 'a-good-key-123' });
  });

  it('refuses an unknown address as the API does, and stops when the hub closes', async () => {
    const wrong = await vendorError(client.transactionsSince({ ...all, address: 'not-an-address' }, sendContext()));
    expect(wrong).toMatchObject({ kind: 'permanent', options: { status: 416 } });
    api.failNext({ slow: true });
    const context = sendContext();
    const pending = vendorError(client.transactionsSince(all, context));
    await api.waitForRequests(api.requests.length + 1);
    context.abort();
    expect((await pending).message).toMatch(/hub is closing/);
    api.releaseSlow();
  });

  it('reports an API that cannot be reached as a retry', async () => {
    const nowhere = new ToncenterClient({ baseUrl: 'http://127.0.0.1:9/api/v2', apiKey: null });
    expect((await vendorError(nowhere.transactionsSince(all, sendContext()))).kind).toBe('retry');
  });
});
