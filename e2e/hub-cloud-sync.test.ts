/**
 * The hub and the cloud together, both real: a hub takes 500 orders over two business days before it is
 * paired, pairs with the code HQ got, and the cloud's report rows then equal the hub's exactly; an HQ
 * price change reaches the hub's guest menu; the cloud goes away while orders keep coming, returns on
 * the same address and database, and nothing is lost or counted twice.
 */
import { createServer } from 'node:net';
import { once } from 'node:events';
import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../cloud-sync/src/db/database.ts';
import { startCloud, type TestCloud } from '../cloud-sync/test/support/cloud-harness.ts';
import { ManualClock } from '../hub/src/clock.ts';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';

const DAY_MS = 24 * 3_600_000;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  return typeof address === 'object' && address ? address.port : 0;
}

/** Polls a condition that another process makes true; fails with what it was waiting for. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('a hub paired with the cloud', () => {
  const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
  let database: Database;
  let cloud: TestCloud;
  let cloudPort: number;
  let hub: TestHub;
  let hq: string;
  let venueId: string;
  let waiter: string;

  beforeAll(async () => {
    database = await openPglite(null);
    cloudPort = await freePort();
    cloud = await startCloud({ database, env: { PORT: String(cloudPort) } });
    hub = await startTestHub({ clock });
    hq = await cloud.hqToken();
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    await cloud?.close();
    await database?.close();
  });

  const placeOrders = async (count: number, lines = [{ menuItemId: 'classic-burger', quantity: 1, modifierIds: ['classic-burger--medium'] }, { menuItemId: 'lemonade', quantity: 2 }]) => {
    const placed: Array<{ id: string; totalMinor: number }> = [];
    for (let i = 0; i < count; i++) {
      const response = await hub.request('POST', '/api/orders', { id: newId(), tableId: `table-${(i % 12) + 1}`, items: lines }, waiter);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      placed.push(response.body);
    }
    return placed;
  };

  /** The hub's own figures per business day (and currency, as the cloud reports them), straight from its SQLite. */
  const hubDays = () =>
    hub.hub.context.store.sqlite
      .prepare(
        `SELECT business_day AS day, currency, COUNT(*) AS orders, SUM(total_minor) AS grossMinor FROM orders
          WHERE status NOT IN ('cancelled', 'voided') GROUP BY business_day, currency ORDER BY business_day, currency`,
      )
      .all() as Array<{ day: string; currency: string; orders: number; grossMinor: number }>;

  const cloudDays = async () => {
    const response = await cloud.request('GET', `/api/hq/reports/sales?venueId=${venueId}&from=2026-06-01&to=2026-06-03`, undefined, hq);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return (response.body.byDay as Array<{ day: string; currency: string; orders: number; grossMinor: number }>).filter((day) => day.orders > 0);
  };

  const settled = () => {
    const status = hub.hub.modules.sync!.status();
    return status.connected && status.pendingUpdates === 0;
  };

  it('sends everything recorded before pairing, and the report rows equal the hub, day by day', { timeout: 150_000 }, async () => {
    waiter = await hub.login('2222');
    const firstDay = await placeOrders(260);
    clock.advance(DAY_MS);
    waiter = await hub.login('2222');
    await placeOrders(240);
    const manager = await hub.login('1111');
    const cancelled = await hub.request('POST', `/api/orders/${firstDay[0]!.id}/transition`, { to: 'cancelled', reason: 'guest left' }, manager);
    expect(cancelled.status).toBe(200);

    const venue = await cloud.request('POST', '/api/hq/venues', { name: 'Demo Bistro', timezone: 'Europe/Berlin', currency: 'EUR' }, hq);
    expect(venue.status).toBe(201);
    venueId = venue.body.id;
    const paired = await hub.request('POST', '/api/sync/pair', { cloudUrl: cloud.baseUrl, pairingCode: venue.body.pairingCode }, manager);
    expect(paired.status, JSON.stringify(paired.body)).toBe(200);

    await waitFor('the hub to sync everything', settled);
    expect(hubDays()).toHaveLength(2);
    expect(await cloudDays()).toEqual(hubDays());
  });

  it("brings an HQ price change to the hub's guest menu", { timeout: 90_000 }, async () => {
    const changed = await cloud.request('PATCH', `/api/hq/venues/${venueId}/menu/items/lemonade`, { priceMinor: 495 }, hq);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const guest = await hub.guestToken('table-12');
    await waitFor('the new lemonade price on the guest menu', async () => {
      const menu = await hub.request('GET', '/api/guest/menu', undefined, guest);
      const lemonade = menu.body.categories.flatMap((c: { items: Array<{ id: string; priceMinor: number }> }) => c.items).find((item: { id: string }) => item.id === 'lemonade');
      return lemonade?.priceMinor === 495;
    });
  });

  it('loses nothing and counts nothing twice when the cloud goes away and comes back', async () => {
    await cloud.kill();
    await placeOrders(15);
    await waitFor('the hub to notice the cloud is gone', () => hub.hub.modules.sync!.status().pendingUpdates > 0 && !hub.hub.modules.sync!.status().connected);
    cloud = await startCloud({ database, env: { PORT: String(cloudPort) } });
    hq = await cloud.hqToken();
    await waitFor('the hub to reconnect and sync what waited', settled, 90_000);
    expect(await cloudDays()).toEqual(hubDays());
  }, 150_000);
});
