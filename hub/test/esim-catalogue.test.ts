import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '@onemoment/shared/ids';
import type { TestHub } from './harness.ts';
import { waitFor } from './outbox-helpers.ts';
import { demoAiraloCatalogue, startEsimHub, WAITER_PIN, type EsimHub } from './support/esim-setup.ts';

/** The manager's side: credentials, the dollar rate, offers and prices, and the catalogue's refreshes. */
describe('the eSIM catalogue and its settings', () => {
  const running: EsimHub[] = [];
  afterEach(async () => {
    for (const esim of running.splice(0)) await esim.close();
  });
  async function start(options: Parameters<typeof startEsimHub>[0] = {}): Promise<EsimHub> {
    const esim = await startEsimHub(options);
    running.push(esim);
    return esim;
  }
  const refresh = async (esim: EsimHub) => {
    const before = esim.fake.count('packages');
    const answer = await esim.hub.request('POST', '/api/admin/esim/catalogue/refresh', undefined, esim.managerToken);
    expect(answer).toMatchObject({ status: 202, body: { queued: true } });
    await waitFor('the refresh to be read and recorded', () => (esim.fake.count('packages') > before && esim.hub.hub.context.outbox.list({ vendor: 'airalo' }).every((job) => job.state === 'done') ? true : undefined));
  };

  it('keeps the secret on the hub: masked when read back, never in a log line, job or event', async () => {
    const log: string[] = [];
    const esim = await start({ unconfigured: true, hubOptions: { logStream: { write: (line: string) => void log.push(line) } }, env: { LOG_LEVEL: 'info' } });
    const settings = await esim.hub.request('GET', '/api/admin/integrations/airalo', undefined, esim.managerToken);
    expect(settings.body).toMatchObject({ configured: false, clientId: null, usdRate: null, currency: 'EUR', catalogue: { packages: 0 } });
    const saved = await esim.hub.request('PUT', '/api/admin/integrations/airalo', { clientId: esim.fake.clientId, clientSecret: esim.fake.clientSecret }, esim.managerToken);
    expect(saved.status).toBe(200);
    expect(saved.body.configured).toBe(true);
    expect(saved.body.clientId).toMatch(/^•+ient$/);
    expect(JSON.stringify(saved.body)).not.toContain(esim.fake.clientSecret);
    await waitFor('the catalogue', () => (esim.hub.hub.modules.esim!.store.counts().packages === 4 ? true : undefined));
    const sqlite = esim.hub.hub.context.store.sqlite;
    const elsewhere = [
      ...(sqlite.prepare('SELECT payload FROM outbox_jobs').pluck().all() as string[]),
      ...(sqlite.prepare('SELECT COALESCE(result, \'\') FROM outbox_jobs').pluck().all() as string[]),
      ...(sqlite.prepare('SELECT payload FROM events').pluck().all() as string[]),
      ...log,
    ].join('\n');
    expect(elsewhere).not.toContain(esim.fake.clientSecret);
    expect(elsewhere).not.toContain(esim.fake.clientId);
    // A waiter may not read or change them.
    const waiter = await esim.hub.login(WAITER_PIN);
    expect((await esim.hub.request('GET', '/api/admin/integrations/airalo', undefined, waiter)).status).toBe(403);
    expect((await esim.hub.request('PUT', '/api/admin/integrations/airalo', { clientId: 'x', clientSecret: 'y' }, waiter)).status).toBe(403);
    // Ugly input changes nothing.
    for (const body of [{ clientId: '', clientSecret: 'x' }, { clientId: 'has space', clientSecret: 'x' }, { clientId: 'a', clientSecret: 'b'.repeat(501) }, { clientId: 'a' }, 'nonsense']) {
      expect((await esim.hub.request('PUT', '/api/admin/integrations/airalo', body, esim.managerToken)).status).toBe(400);
    }
    for (const usdRate of ['0', '-1', 'abc', '1e3', '0.1234567', '']) {
      expect((await esim.hub.request('PUT', '/api/admin/esim/pricing', { usdRate }, esim.managerToken)).status, usdRate).toBe(400);
    }
    const after = await esim.hub.request('GET', '/api/admin/integrations/airalo', undefined, esim.managerToken);
    expect(after.body).toMatchObject({ configured: true, clientId: saved.body.clientId, usdRate: null });
  });

  it('asks for prices only once a dollar rate is set, and refuses a price below Airalo retail', async () => {
    const esim = await start({ unconfigured: true });
    await esim.hub.request('PUT', '/api/admin/integrations/airalo', { clientId: esim.fake.clientId, clientSecret: esim.fake.clientSecret }, esim.managerToken);
    await waitFor('the catalogue', () => (esim.hub.hub.modules.esim!.store.counts().packages === 4 ? true : undefined));
    const offer = (id: string, body: unknown) => esim.hub.request('PUT', `/api/admin/esim/packages/${id}`, body, esim.managerToken);
    expect(await offer('merhaba-7days-1gb', { offered: true })).toMatchObject({ status: 409, body: { error: 'rate_not_set' } });
    expect((await esim.hub.request('PUT', '/api/admin/esim/pricing', { usdRate: '0.92' }, esim.managerToken)).body.usdRate).toBe('0.92');
    const low = await offer('merhaba-7days-1gb', { offered: true, sellingMinor: 413 });
    expect(low).toMatchObject({ status: 409, body: { error: 'price_below_retail', floorMinor: 414 } });
    expect(low.body.message).toContain('€4.14');
    const set = await offer('merhaba-7days-1gb', { offered: true, sellingMinor: 599 });
    expect(set).toMatchObject({ status: 200, body: { offered: true, floorMinor: 414, sellingMinor: 599, retailUsdMinor: 450, netUsdMinor: 360, currency: 'EUR' } });
    expect((await offer('no-such-package', { offered: true })).status).toBe(404);
    expect((await offer('merhaba-7days-1gb', { offered: 'yes' })).status).toBe(400);
    expect((await offer('merhaba-7days-1gb', { offered: true, sellingMinor: 4.5 })).status).toBe(400);
    const page = await esim.hub.request('GET', '/api/admin/esim/catalogue?limit=2&offset=0', undefined, esim.managerToken);
    expect(page.body.total).toBe(4);
    expect(page.body.packages).toHaveLength(2);
    const offered = await esim.hub.request('GET', '/api/admin/esim/catalogue?offered=true', undefined, esim.managerToken);
    expect(offered.body.packages.map((pkg: { id: string }) => pkg.id)).toEqual(['merhaba-7days-1gb']);
  });

  it('takes a gone package off sale: an unpaid sale leaves the bill, a paid one goes to a person', async () => {
    // The paid sale's order meets a 503 and waits 5 s to try again: it is still "paid" when the package goes.
    const esim = await start({ offer: ['merhaba-7days-1gb', 'bonjour-7days-unlimited'], outbox: { retry: { baseMs: 5_000, capMs: 5_000, maxAttempts: 100 }, random: () => 0.99 } });
    esim.fake.plan('orders:post', ...Array.from({ length: 50 }, () => ({ status: 503 })));
    const unpaidGuest = await esim.hub.guestToken('table-1');
    const unpaid = newId();
    await esim.hub.request('POST', '/api/guest/esim/purchases', { id: unpaid, packageId: 'merhaba-7days-1gb' }, unpaidGuest);
    const paid = await sellAndPay(esim.hub, 'table-2', 'merhaba-7days-1gb');
    await waitFor('the first order attempt', () => (esim.fake.count('orders:post') > 0 ? true : undefined));
    esim.fake.unavailable.add('merhaba-7days-1gb');
    esim.fake.catalogue = demoAiraloCatalogue().map((entry) => ({ ...entry, packages: entry.packages.filter((pkg) => pkg.id !== 'merhaba-7days-1gb') }));
    await refresh(esim);
    const store = esim.hub.hub.modules.esim!.store;
    await waitFor('the paid sale to reach a person', () => (store.purchase(paid)?.status === 'needs_person' ? true : undefined));
    expect(store.purchase(paid)?.reason).toContain("left Airalo's catalogue");
    expect(store.purchase(unpaid)?.status).toBe('cancelled');
    expect((await esim.hub.request('GET', '/api/guest/bill', undefined, unpaidGuest)).body.dueMinor).toBe(0);
    const listed = await esim.hub.request('GET', '/api/guest/esim/packages', undefined, unpaidGuest);
    expect(listed.body.map((pkg: { id: string }) => pkg.id)).toEqual(['bonjour-7days-unlimited']);
    const gone = await esim.hub.request('POST', '/api/guest/esim/purchases', { id: newId(), packageId: 'merhaba-7days-1gb' }, unpaidGuest);
    expect(gone).toMatchObject({ status: 409, body: { error: 'package_gone' } });
    expect(esim.fake.orders.filter((order) => order.description === paid)).toHaveLength(0);
  });

  it('withdraws nothing when Airalo answers most of the catalogue missing, and says so', async () => {
    const esim = await start({ offer: ['merhaba-7days-1gb'] });
    esim.fake.catalogue = demoAiraloCatalogue().slice(0, 1).map((entry) => ({ ...entry, packages: entry.packages.slice(0, 1) }));
    await refresh(esim);
    const store = esim.hub.hub.modules.esim!.store;
    expect(store.counts().packages).toBe(4);
    const settings = await esim.hub.request('GET', '/api/admin/integrations/airalo', undefined, esim.managerToken);
    expect(settings.body.catalogue.problem).toContain('left out 3 of 4 packages');
    // A price change Airalo makes does reach the catalogue: the retail price rose, so the floor did.
    esim.fake.catalogue = demoAiraloCatalogue();
    esim.fake.catalogue[0]!.packages[0]!.price = '5.00';
    await refresh(esim);
    expect(store.package('merhaba-7days-1gb')?.retailUsdMinor).toBe(500);
    const guest = await esim.hub.guestToken('table-3');
    const stale = await esim.hub.request('POST', '/api/guest/esim/purchases', { id: newId(), packageId: 'merhaba-7days-1gb', priceMinor: 414 }, guest);
    expect(stale).toMatchObject({ status: 409, body: { error: 'price_changed', priceMinor: 460 } });
    expect((await esim.hub.request('GET', '/api/admin/integrations/airalo', undefined, esim.managerToken)).body.catalogue.problem).toBeNull();
  });

  it('keeps the token across a restart, and asks for a new one once when Airalo refuses it', async () => {
    const first = await start({ offer: ['merhaba-7days-1gb'] });
    expect(first.fake.count('token')).toBe(1);
    const dataDir = first.hub.dataDir;
    const fake = first.fake;
    // Keep the data folder and the fake: close only the hub.
    running.splice(running.indexOf(first), 1);
    const { rmSync } = await import('node:fs');
    await first.hub.hub.close();
    const second = await startEsimHub({ fake, dataDir, unconfigured: true });
    running.push(second);
    try {
      await refresh(second);
      expect(fake.count('token')).toBe(1);
      fake.revokeTokens();
      await refresh(second);
      expect(fake.count('token')).toBe(2);
    } finally {
      await second.close();
      running.splice(running.indexOf(second), 1);
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reads usage through the outbox on request, at most once a minute, for the buyer and the desk', async () => {
    const esim = await start({ offer: ['merhaba-7days-1gb'] });
    const guest = await esim.hub.guestToken('table-4');
    const id = newId();
    await esim.hub.request('POST', '/api/guest/esim/purchases', { id, packageId: 'merhaba-7days-1gb' }, guest);
    expect(await esim.hub.request('POST', `/api/guest/esim/purchases/${id}/usage`, undefined, guest)).toMatchObject({ status: 409, body: { error: 'not_delivered' } });
    await payBill(esim.hub, guest);
    await waitFor('delivery', () => (esim.hub.hub.modules.esim!.store.purchase(id)?.status === 'delivered' ? true : undefined));
    const asked = await esim.hub.request('POST', `/api/guest/esim/purchases/${id}/usage`, undefined, guest);
    expect(asked).toMatchObject({ status: 202, body: { queued: true } });
    await waitFor('the usage', () => (esim.hub.hub.modules.esim!.store.purchase(id)?.usage ? true : undefined));
    const seen = await esim.hub.request('GET', `/api/guest/esim/purchases/${id}`, undefined, guest);
    expect(seen.body.usage).toMatchObject({ remainingMb: expect.any(Number), totalMb: 1024, status: expect.any(String) });
    const tooSoon = await esim.hub.request('POST', `/api/guest/esim/purchases/${id}/usage`, undefined, guest);
    expect(tooSoon).toMatchObject({ status: 429, body: { error: 'too_soon', retryAfterMs: expect.any(Number) } });
    expect(esim.fake.count('usage')).toBe(1);
    const waiter = await esim.hub.login(WAITER_PIN);
    const desk = await esim.hub.request('GET', `/api/esim/purchases/${id}`, undefined, waiter);
    expect(desk.body.usage).toMatchObject({ totalMb: 1024 });
    expect(desk.body).not.toHaveProperty('lpa');
  });
});

async function payBill(hub: TestHub, guest: string): Promise<void> {
  const bill = (await hub.request('GET', '/api/guest/bill', undefined, guest)).body;
  const waiter = await hub.login(WAITER_PIN);
  const paid = await hub.request('POST', `/api/visits/${bill.visitId}/payments`, { id: newId(), method: 'cash', amountMinor: bill.dueMinor }, waiter);
  if (paid.status !== 201) throw new Error(`paying failed: ${paid.status} ${JSON.stringify(paid.body)}`);
}

async function sellAndPay(hub: TestHub, table: string, packageId: string): Promise<string> {
  const guest = await hub.guestToken(table);
  const id = newId();
  const bought = await hub.request('POST', '/api/guest/esim/purchases', { id, packageId }, guest);
  if (bought.status !== 201) throw new Error(`buying failed: ${bought.status} ${JSON.stringify(bought.body)}`);
  await payBill(hub, guest);
  return id;
}
