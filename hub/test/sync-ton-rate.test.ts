/**
 * HQ's TON rate, from the cloud's HQ API down to the hub: HQ writes it into the venue's config document
 * (a real cloud on PGlite, in this process), the hub paired with it applies it to its TON settings when
 * it is newer than the rate in force, and a new invoice is priced at it. TON checks go to a fake TON
 * API on 127.0.0.1.
 */
import { newId } from '@onemoment/shared/ids';
import type { TonSettingsView } from '@onemoment/shared/schemas/payments';
import { docNames, SETTINGS_ROOT } from '@onemoment/shared/sync/index';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../../cloud-sync/src/db/database.ts';
import { startCloud, type TestCloud } from '../../cloud-sync/test/support/cloud-harness.ts';
import { TestSyncClient } from '../../cloud-sync/test/support/sync-client.ts';
import { RATE, startTonTestHub, type TonTestHub } from '../src/payments/ton/test-support.ts';
import { waitFor } from './sync-fake-cloud.ts';

describe("HQ's TON rate reaches the hub", () => {
  let database: Database;
  let cloud: TestCloud;
  let hq: string;
  let h: TonTestHub | null = null;

  beforeAll(async () => {
    database = await openPglite(null);
    cloud = await startCloud({ database });
    hq = await cloud.hqToken();
  });
  afterAll(async () => {
    await cloud?.close();
    await database?.close();
  });
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  const createVenue = async (name: string) => {
    const created = await cloud.request('POST', '/api/hq/venues', { name, timezone: 'Europe/Berlin', currency: 'EUR' }, hq);
    expect(created.status).toBe(201);
    return created.body as { id: string; pairingCode: string };
  };
  const setRate = (venueId: string, nanotonsPerMinor: unknown, token = hq) =>
    cloud.request('PUT', `/api/hq/venues/${venueId}/ton-rate`, { nanotonsPerMinor }, token);
  const hubRate = async (hub: TonTestHub) => {
    const shown = await hub.request('GET', '/api/admin/payments/ton', undefined, hub.manager);
    expect(shown.status).toBe(200);
    return shown.body as TonSettingsView;
  };
  const pair = async (hub: TonTestHub, pairingCode: string) => {
    const paired = await hub.t.request('POST', '/api/sync/pair', { cloudUrl: cloud.baseUrl, pairingCode }, hub.manager);
    expect(paired.status, JSON.stringify(paired.body)).toBe(200);
  };
  /** Records each HQ rate the sync module hands to TON payments, once TON payments have decided. */
  const watchHqRates = (hub: TonTestHub) => {
    const decided: Array<{ nanotonsPerMinor: string; result: TonSettingsView | null }> = [];
    const apply = hub.ton.applyHqRate.bind(hub.ton);
    hub.ton.applyHqRate = async (nanotonsPerMinor, setAt) => {
      const result = await apply(nanotonsPerMinor, setAt);
      decided.push({ nanotonsPerMinor, result });
      return result;
    };
    return decided;
  };

  it("applies HQ's rate live on a paired hub (rateSource hq), and a new invoice is priced at it", async () => {
    h = await startTonTestHub();
    const hub = h;
    await hub.setUp();
    const venue = await createVenue('Rate bistro');
    await pair(hub, venue.pairingCode);
    const sync = hub.t.hub.modules.sync!;
    await waitFor('the first sync to finish', () => sync.status().connected && sync.status().pendingUpdates === 0, 30_000);
    expect(await hubRate(hub)).toMatchObject({ nanotonsPerMinor: String(RATE), rateSource: 'manager' });

    const set = await setRate(venue.id, '4100000');
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ venueId: venue.id, tonRate: { nanotonsPerMinor: '4100000', setAt: expect.any(String) } });
    await waitFor("HQ's rate to reach the hub", () => hub.ton.settings().rateSource === 'hq', 15_000);
    expect(await hubRate(hub)).toMatchObject({ nanotonsPerMinor: '4100000', rateSource: 'hq', rateSetAt: set.body.tonRate.setAt });
    expect((await cloud.request('GET', `/api/hq/venues/${venue.id}/ton-rate`, undefined, hq)).body).toEqual(set.body);

    const guest = await hub.guestWithBill('table-1');
    const made = await hub.request('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: 500 }, guest.token);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ amountMinor: 500, nanotonsPerMinor: '4100000', nanotons: String(500 * 4_100_000) });
  });

  it("keeps a manager's rate set after HQ's, and takes HQ's next rate", async () => {
    const venue = await createVenue('Manager bistro');
    const older = await setRate(venue.id, 2_000_000);
    expect(older.status).toBe(200);
    h = await startTonTestHub();
    const hub = h;
    const decided = watchHqRates(hub);
    await hub.setUp();
    const managerRate = await hubRate(hub);

    // Pairing brings HQ's older rate down: TON payments see it and keep the manager's.
    await pair(hub, venue.pairingCode);
    await waitFor("HQ's older rate to be decided on", () => decided.some((d) => d.nanotonsPerMinor === '2000000'), 30_000);
    expect(decided.find((d) => d.nanotonsPerMinor === '2000000')!.result).toMatchObject({ nanotonsPerMinor: String(RATE), rateSource: 'manager' });
    expect(await hubRate(hub)).toEqual(managerRate);

    const newer = await setRate(venue.id, '4500000');
    expect(newer.status).toBe(200);
    await waitFor("HQ's newer rate to reach the hub", () => hub.ton.settings().nanotonsPerMinor === '4500000', 15_000);
    expect(await hubRate(hub)).toMatchObject({ rateSource: 'hq', rateSetAt: newer.body.tonRate.setAt });

    // The manager changes it again on the hub: that stands, and the hub writes nothing of it to the cloud.
    await hub.setUp(3_900_000);
    expect(await hubRate(hub)).toMatchObject({ nanotonsPerMinor: '3900000', rateSource: 'manager' });
    const sync = hub.t.hub.modules.sync!;
    await waitFor('the hub to be in sync', () => sync.status().connected && sync.status().pendingUpdates === 0, 15_000);
    expect((await cloud.request('GET', `/api/hq/venues/${venue.id}/ton-rate`, undefined, hq)).body.tonRate).toEqual(newer.body.tonRate);
  });

  it('refuses a malformed rate from HQ or from a peer, and keeps the rate it has', async () => {
    const venue = await createVenue('Strict bistro');
    const good = await setRate(venue.id, '3300000');
    expect(good.status).toBe(200);

    for (const bad of ['0', '-5', '1.5', '3,300,000', '', 'abc', '1000000000000001', 0, -1, 1.5, true, null]) {
      const refused = await setRate(venue.id, bad);
      expect(refused.status, `${JSON.stringify(bad)}: ${JSON.stringify(refused.body)}`).toBe(400);
    }
    const tooBig = await setRate(venue.id, '1000000000000001');
    expect(tooBig.body).toMatchObject({ error: 'bad_ton_rate', message: expect.stringMatching(/from 1 to 10\^15/) });
    expect((await cloud.request('PUT', `/api/hq/venues/${venue.id}/ton-rate`, { nanotonsPerMinor: '1', extra: 1 }, hq)).status).toBe(400);
    expect((await cloud.request('PUT', `/api/hq/venues/${venue.id}/ton-rate`, {}, hq)).status).toBe(400);
    expect((await setRate(venue.id, '1', 'not-a-token')).status).toBe(401);
    expect((await cloud.request('PUT', `/api/hq/venues/${venue.id}/ton-rate`, { nanotonsPerMinor: '1' })).status).toBe(401);
    expect((await setRate('no-such-venue', '1')).status).toBe(404);

    // A hub (or anything holding its token) that writes a malformed rate into the document is refused.
    const paired = await cloud.request('POST', '/api/pair', { pairingCode: venue.pairingCode, hubName: 'Peer', currency: 'EUR', timezone: 'Europe/Berlin' });
    expect(paired.status).toBe(200);
    // Each from a fresh replica: an update after a refused one would wait for it, not be refused itself.
    const writes: Array<[string, unknown, RegExp]> = [
      ['tonRate', { nanotonsPerMinor: '0', setAt: new Date().toISOString() }, /does not fit the document's layout \(setting tonRate/],
      ['tonRate', { nanotonsPerMinor: '5', setAt: 'yesterday' }, /setting tonRate: needs/],
      ['wallet', 'EQ-something', /setting "wallet" is not allowed here/],
    ];
    for (const [key, value, reason] of writes) {
      const client = new TestSyncClient(TestSyncClient.wsUrl(cloud.baseUrl, docNames.config(venue.id)), paired.body.hubToken);
      try {
        await client.connect();
        await client.until(() => client.synced, 'the first sync');
        client.doc.getMap(SETTINGS_ROOT).set(key, value);
        await client.until(() => client.denials.length === 1, `the refusal of ${key}`);
        expect(client.denials[0]).toMatch(reason);
      } finally {
        await client.close();
      }
    }
    expect((await cloud.request('GET', `/api/hq/venues/${venue.id}/ton-rate`, undefined, hq)).body.tonRate).toEqual(good.body.tonRate);
  });
});
