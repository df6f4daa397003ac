import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '@onemoment/shared/ids';
import type { TestHub } from './harness.ts';
import { waitFor } from './outbox-helpers.ts';
import { FRONT_DESK_PIN, startEsimHub, WAITER_PIN, type EsimHub } from './support/esim-setup.ts';

/**
 * Every paid sale delivers exactly one eSIM or is shown to a person, whatever Airalo or the uplink do:
 * an hour offline, 500s, 429s, a package refused (422), a timeout after Airalo made the order.
 */
describe('eSIM orders when Airalo or the uplink misbehave', () => {
  const running: EsimHub[] = [];
  afterEach(async () => {
    for (const esim of running.splice(0)) await esim.close();
  });

  async function start(options: Parameters<typeof startEsimHub>[0] = {}): Promise<EsimHub> {
    const esim = await startEsimHub({ offer: ['merhaba-7days-1gb', 'bonjour-7days-unlimited'], ...options });
    running.push(esim);
    return esim;
  }

  /** A guest of `table` buys `packageId` and a waiter pays the bill in cash; returns the sale id. */
  async function sellAndPay(hub: TestHub, table: string, packageId = 'merhaba-7days-1gb'): Promise<string> {
    const [id] = await sellManyAndPay(hub, table, [packageId]);
    return id!;
  }

  /** A guest of `table` buys each package (one bill) and a waiter pays it in cash; returns the sale ids. */
  async function sellManyAndPay(hub: TestHub, table: string, packageIds: readonly string[]): Promise<string[]> {
    const guest = await hub.guestToken(table);
    const ids: string[] = [];
    for (const packageId of packageIds) {
      const id = newId();
      const bought = await hub.request('POST', '/api/guest/esim/purchases', { id, packageId }, guest);
      expect(bought.status).toBe(201);
      ids.push(id);
    }
    const bill = (await hub.request('GET', '/api/guest/bill', undefined, guest)).body;
    const waiter = await hub.login(WAITER_PIN);
    const paid = await hub.request('POST', `/api/visits/${bill.visitId}/payments`, { id: newId(), method: 'cash', amountMinor: bill.dueMinor }, waiter);
    expect(paid.status).toBe(201);
    return ids;
  }

  const statusOf = (esim: EsimHub, id: string) => esim.hub.hub.modules.esim!.store.purchase(id)?.status;
  const waitForStatus = (esim: EsimHub, id: string, status: string) =>
    waitFor(`sale ${id} to be ${status} (it is ${statusOf(esim, id)})`, () => (statusOf(esim, id) === status ? true : undefined));
  /** Each sale id appears as exactly one order's description at Airalo. */
  const ordersPerSale = (esim: EsimHub) => {
    const counts = new Map<string, number>();
    for (const order of esim.fake.orders) counts.set(order.description, (counts.get(order.description) ?? 0) + 1);
    return counts;
  };

  it('sells 20 eSIMs while the uplink is down, then delivers each exactly once when it is back', async () => {
    // Airalo's real budget (5 requests a second) would make the 40 requests of the recovery take 8 s; a
    // wider one keeps the test quick while the exactly-once guarantee is the same.
    const esim = await start({ outbox: { retry: { baseMs: 10, capMs: 40, maxAttempts: 10_000 }, budgets: { airalo: { windows: [{ limit: 200, intervalMs: 1_000 }], concurrency: 4 } } } });
    esim.fake.offline = true;
    const tables = ['table-1', 'table-2', 'table-3', 'table-4', 'table-5', 'table-6', 'table-7', 'table-8', 'table-9', 'table-10'];
    const sales: string[] = [];
    // Two travellers at each of ten tables, each table paying one bill for both.
    for (const table of tables) sales.push(...(await sellManyAndPay(esim.hub, table, ['merhaba-7days-1gb', 'bonjour-7days-unlimited'])));
    expect(sales).toHaveLength(20);
    // Every order has been tried and cut off at least twice while offline: nothing reached Airalo.
    await waitFor('each order to fail twice offline', () => (esim.fake.offlineCuts >= 40 ? true : undefined));
    for (const id of sales) expect(statusOf(esim, id)).toBe('paid');
    expect(esim.fake.orders).toHaveLength(0);

    esim.fake.offline = false;
    for (const id of sales) await waitForStatus(esim, id, 'delivered');
    const counts = ordersPerSale(esim);
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(new Set(esim.fake.sims.keys()).size).toBe(20);
  });

  it('tries again after a 500 and after a 429 with Retry-After, ordering once', async () => {
    const esim = await start();
    esim.fake.plan('orders:post', { status: 500 }, { status: 429, retryAfter: '0' });
    const id = await sellAndPay(esim.hub, 'table-1');
    await waitForStatus(esim, id, 'delivered');
    expect(esim.fake.count('orders:post')).toBe(3);
    expect(ordersPerSale(esim).get(id)).toBe(1);
  });

  it('finds the order Airalo made when its answer timed out, instead of ordering again', async () => {
    const esim = await start({ hubOptions: { esim: { requestTimeoutMs: 300 } } });
    esim.fake.plan('orders:post', { hold: true });
    const id = await sellAndPay(esim.hub, 'table-2');
    await waitForStatus(esim, id, 'delivered');
    esim.fake.releaseHeld();
    expect(esim.fake.count('orders:post')).toBe(1);
    expect(esim.fake.count('orders:get')).toBeGreaterThanOrEqual(1);
    expect(ordersPerSale(esim).get(id)).toBe(1);
    expect(esim.hub.hub.modules.esim!.store.purchase(id)?.iccid).toBe(esim.fake.orders[0]!.iccids[0]);
  });

  it('hands a refused package (422) to a person, who refunds it or swaps it for a live one', async () => {
    const esim = await start({ offer: ['merhaba-7days-1gb', 'bonjour-7days-unlimited', 'merhaba-30days-3gb'] });
    esim.fake.unavailable.add('merhaba-7days-1gb');
    const refunded = await sellAndPay(esim.hub, 'table-3');
    const swapped = await sellAndPay(esim.hub, 'table-4');
    await waitForStatus(esim, refunded, 'needs_person');
    await waitForStatus(esim, swapped, 'needs_person');
    const desk = await esim.hub.login(FRONT_DESK_PIN);
    const waiter = await esim.hub.login(WAITER_PIN);

    const listed = await esim.hub.request('GET', '/api/esim/purchases?status=needs_person', undefined, desk);
    expect(listed.body.map((sale: { id: string }) => sale.id).sort()).toEqual([refunded, swapped].sort());
    expect(listed.body[0].reason).toContain('not available');

    const act = (id: string, body: unknown, token = desk) => esim.hub.request('POST', `/api/esim/purchases/${id}/actions`, body, token);
    expect(await act(refunded, { action: 'refund' })).toMatchObject({ status: 400, body: { error: 'reason_required' } });
    expect(await act(refunded, { action: 'refund', reason: 'guest left' }, waiter)).toMatchObject({ status: 403 });
    expect(await act(refunded, { action: 'refund', reason: 'guest left' })).toMatchObject({ status: 200, body: { status: 'refunded' } });
    // The 3 GB package sells above what was paid: refused; the unlimited one is cheaper and goes.
    expect(await act(swapped, { action: 'swap', reason: 'package withdrawn', packageId: 'merhaba-30days-3gb' })).toMatchObject({ status: 409, body: { error: 'swap_costs_more' } });
    expect(await act(swapped, { action: 'swap', reason: 'package withdrawn', packageId: 'bonjour-7days-unlimited' })).toMatchObject({ status: 200, body: { status: 'paid' } });
    await waitForStatus(esim, swapped, 'delivered');
    const order = esim.fake.orders.find((candidate) => candidate.description === swapped);
    expect(order?.packageId).toBe('bonjour-7days-unlimited');
    expect(ordersPerSale(esim).get(refunded)).toBeUndefined();
    expect(statusOf(esim, refunded)).toBe('refunded');
  });

  it('after a person retries, looks for an order an earlier attempt made before sending again', async () => {
    const esim = await start();
    // A 422 ends the first attempt. A person's retry first asks Airalo for an order carrying the sale id
    // (an earlier attempt may have landed after all), and only then orders.
    esim.fake.unavailable.add('merhaba-7days-1gb');
    const id = await sellAndPay(esim.hub, 'table-5');
    await waitForStatus(esim, id, 'needs_person');
    esim.fake.unavailable.delete('merhaba-7days-1gb');
    const desk = await esim.hub.login(FRONT_DESK_PIN);
    const posted = esim.fake.count('orders:post');
    const looked = esim.fake.count('orders:get');
    expect((await esim.hub.request('POST', `/api/esim/purchases/${id}/actions`, { action: 'retry' }, desk)).status).toBe(200);
    await waitForStatus(esim, id, 'delivered');
    expect(esim.fake.count('orders:get')).toBe(looked + 1);
    expect(esim.fake.count('orders:post')).toBe(posted + 1);
    expect(ordersPerSale(esim).get(id)).toBe(1);
  });
});
