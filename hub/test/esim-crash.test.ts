import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@onemoment/shared/ids';
import { afterEach, describe, expect, it } from 'vitest';
import { demoAiraloCatalogue, MANAGER_PIN, USD_RATE, WAITER_PIN } from './support/esim-setup.ts';
import { FakeAiralo } from './support/fake-airalo.ts';
import { startHubProcess, type HubProcess } from './support/hub-process.ts';
import { call, until, login } from './support/process-http.ts';

const ENTRY = 'hub/test/support/plain-hub-entry.ts';

describe('a hub killed with SIGKILL while eSIMs are being sold', () => {
  const cleanup: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  });

  it('keeps every acknowledged sale, and finds the order Airalo made before the hub recorded it: one eSIM per sale', { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-esim-crash-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const fake = await FakeAiralo.start();
    cleanup.push(() => fake.close());
    fake.catalogue = demoAiraloCatalogue();
    const env = { AIRALO_API_URL: fake.url };

    let hub: HubProcess = await startHubProcess(dataDir, env, ENTRY);
    cleanup.push(() => hub.kill());
    const manager = await login(hub.baseUrl, MANAGER_PIN);
    expect((await call(hub.baseUrl, 'PUT', '/api/admin/esim/pricing', manager, { usdRate: USD_RATE })).status).toBe(200);
    expect((await call(hub.baseUrl, 'PUT', '/api/admin/integrations/airalo', manager, { clientId: fake.clientId, clientSecret: fake.clientSecret })).status).toBe(200);
    await fake.waitUntil(() => fake.count('packages') > 0);
    await until('the catalogue', async () => ((await call(hub.baseUrl, 'GET', '/api/admin/esim/catalogue', manager)).body.total === 4 ? true : undefined));
    expect((await call(hub.baseUrl, 'PUT', '/api/admin/esim/packages/merhaba-7days-1gb', manager, { offered: true })).status).toBe(200);

    // Two guests buy at one table; Airalo makes the first order, and the hub dies before its answer arrives.
    const join1 = await call(hub.baseUrl, 'POST', '/api/guest/visits', '', { tableCode: await tableCode(hub, manager, 'table-1') });
    const guest = join1.body.token as string;
    const sales = [newId(), newId()];
    for (const id of sales) expect((await call(hub.baseUrl, 'POST', '/api/guest/esim/purchases', guest, { id, packageId: 'merhaba-7days-1gb' })).status).toBe(201);
    const bill = (await call(hub.baseUrl, 'GET', '/api/guest/bill', guest)).body;
    fake.plan('orders:post', { hold: true }, { hold: true });
    const waiter = await login(hub.baseUrl, WAITER_PIN);
    expect((await call(hub.baseUrl, 'POST', `/api/visits/${bill.visitId}/payments`, waiter, { id: newId(), method: 'cash', amountMinor: bill.dueMinor })).status).toBe(201);
    await fake.waitUntil(() => fake.count('orders:post') >= 1);
    await hub.kill();
    fake.releaseHeld();
    const madeBeforeTheCrash = fake.orders.map((order) => order.description);
    expect(madeBeforeTheCrash.length).toBeGreaterThanOrEqual(1);

    hub = await startHubProcess(dataDir, env, ENTRY);
    for (const id of sales) {
      const delivered = await until(`sale ${id} to be delivered after the restart`, async () => {
        const sale = await call(hub.baseUrl, 'GET', `/api/guest/esim/purchases/${id}`, guest);
        return sale.body.status === 'delivered' ? sale.body : undefined;
      });
      expect(delivered.lpa).toMatch(/^LPA:1\$/);
    }
    // Each sale is one order at Airalo: the ones made before the crash were found, not made again.
    expect(fake.orders.map((order) => order.description).sort()).toEqual([...sales].sort());
    expect(fake.count('orders:get')).toBeGreaterThanOrEqual(madeBeforeTheCrash.length);
  });
});

/** A table's code as the manager's floor route shows it (the crash test has no SQLite handle of its own). */
async function tableCode(hub: HubProcess, manager: string, tableId: string): Promise<string> {
  const tables = (await call(hub.baseUrl, 'GET', '/api/tables', manager)).body.tables as Array<{ id: string; code: string }>;
  const table = tables.find((candidate) => candidate.id === tableId);
  if (!table) throw new Error(`no ${tableId} among ${tables.map((t) => t.id).join(', ')}`);
  return table.code;
}
