/**
 * eSIM sales on their way to HQ. The sync module records every `esim.sale_changed` in the day
 * document of the sale's business day, inside the command that changed the sale, never with its
 * install codes; a sale paid after the day turned moves to the day it was paid. Then the real flow:
 * guests buy eSIMs on a hub with a fake Airalo, pay their bills, one is refunded and one cancelled;
 * the hub pairs with the real cloud (PGlite, in this process) and HQ's eSIM report shows what sold.
 */
import { sql } from 'drizzle-orm';
import { newId } from '@onemoment/shared/ids';
import type { EsimSale } from '@onemoment/shared/schemas/esim';
import { readEsimSales } from '@onemoment/shared/sync/esim-sale-records';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPglite, rows, type Database } from '../../cloud-sync/src/db/database.ts';
import { startCloud, type TestCloud } from '../../cloud-sync/test/support/cloud-harness.ts';
import { ManualClock } from '../src/clock.ts';
import { startTestHub, type TestHub } from './harness.ts';
import { waitFor } from './outbox-helpers.ts';
import { startEsimHub, MANAGER_PIN, WAITER_PIN, type EsimHub } from './support/esim-setup.ts';

describe('eSIM sales in the day documents', () => {
  // Europe/Berlin in June is UTC+2 and the business day turns at 04:00 there (02:00 UTC).
  const DAY = '2026-06-01';
  const NEXT = '2026-06-02';
  let t: TestHub;
  beforeEach(async () => {
    t = await startTestHub({ clock: new ManualClock(new Date(`${NEXT}T12:00:00Z`)) });
  });
  afterEach(async () => {
    await t.close();
  });

  const sqlite = () => t.hub.context.store.sqlite;
  const rowCount = () => sqlite().prepare('SELECT COUNT(*) FROM sync_updates').pluck().get() as number;
  const dayDoc = (day: string) => t.hub.modules.sync!.documents.get(`venue/demo-bistro/day/${day}`);
  const publish = (sale: EsimSale) => t.hub.context.commands.run((tx) => void t.hub.context.events.publish(tx, 'esim.sale_changed', ['staff'], sale));
  const sale = (overrides: Partial<EsimSale> = {}): EsimSale => ({
    id: newId(), visitId: newId(), packageId: 'merhaba-7days-1gb', title: 'Merhaba-1 GB - 7 Days', status: 'awaiting_payment', priceMinor: 414, currency: 'EUR', costMinor: 331,
    businessDay: DAY, createdAt: `${DAY}T20:00:00.000Z`, paidAt: null, deliveredAt: null, refundedAt: null, updatedAt: `${DAY}T20:00:00.000Z`, ...overrides,
  });

  it('writes each change of a sale into the document of its business day, and nothing for a repeat', async () => {
    const onBill = sale();
    const before = rowCount();
    await publish(onBill);
    expect(rowCount()).toBe(before + 1);
    const paid = { ...onBill, status: 'paid' as const, paidAt: `${DAY}T20:30:00.000Z`, updatedAt: `${DAY}T20:30:00.000Z` };
    await publish(paid);
    await publish(paid); // the same payload again (a usage fetch publishes the sale unchanged)
    expect(rowCount()).toBe(before + 2);
    expect(readEsimSales(dayDoc(DAY))).toEqual([
      expect.objectContaining({ id: onBill.id, status: 'paid', priceMinor: 414, costMinor: 331, paidAt: paid.paidAt, createdAt: onBill.createdAt }),
    ]);
    expect(t.hub.modules.sync!.status().pendingUpdates).toBe(rowCount());
  });

  it('moves a sale paid after the day turned from the day it was put on the bill to the day it was paid', async () => {
    const onBill = sale();
    await publish(onBill);
    // Paid at 05:00 in Berlin: the eSIM module gives the sale the business day of its payment.
    const paid = { ...onBill, status: 'paid' as const, businessDay: NEXT, paidAt: `${NEXT}T03:00:00.000Z`, updatedAt: `${NEXT}T03:00:00.000Z` };
    await publish(paid);
    expect(readEsimSales(dayDoc(DAY))).toEqual([]);
    expect(readEsimSales(dayDoc(NEXT))).toEqual([expect.objectContaining({ id: onBill.id, status: 'paid', createdAt: onBill.createdAt })]);
    const names = sqlite().prepare('SELECT doc_name FROM sync_updates ORDER BY id DESC LIMIT 2').pluck().all() as string[];
    expect(names.sort()).toEqual([`venue/demo-bistro/day/${DAY}`, `venue/demo-bistro/day/${NEXT}`]);
    // Delivered later that day: only the payment day's document changes.
    const before = rowCount();
    await publish({ ...paid, status: 'delivered', deliveredAt: `${NEXT}T03:01:00.000Z`, updatedAt: `${NEXT}T03:01:00.000Z` });
    expect(rowCount()).toBe(before + 1);
    expect(readEsimSales(dayDoc(NEXT))[0]!.status).toBe('delivered');
  });

  it('writes nothing when the command that changed the sale fails', async () => {
    const before = rowCount();
    await expect(
      t.hub.context.commands.run((tx) => {
        t.hub.context.events.publish(tx, 'esim.sale_changed', ['staff'], sale());
        throw new Error('the sale was refused after all');
      }),
    ).rejects.toThrow('refused after all');
    expect(rowCount()).toBe(before);
    expect(readEsimSales(dayDoc(DAY))).toEqual([]);
  });
});

describe("HQ's eSIM report from a hub that sells them", () => {
  let database: Database;
  let cloud: TestCloud;
  let hq: string;
  let esim: EsimHub;

  beforeAll(async () => {
    database = await openPglite(null);
    cloud = await startCloud({ database });
    hq = await cloud.hqToken();
    esim = await startEsimHub({ offer: ['merhaba-7days-1gb', 'bonjour-7days-unlimited', 'eurolink-30days-5gb'] });
  });
  afterAll(async () => {
    await esim?.close();
    await cloud?.close();
    await database?.close();
  });

  it('reports what sold per package, with its cost and margin, once the hub has synced; a refund leaves it', async () => {
    const t = esim.hub;
    const [waiter, manager] = [await t.login(WAITER_PIN), await t.login(MANAGER_PIN)];
    const store = () => t.hub.modules.esim!.store;
    async function buy(guest: string, packageId: string): Promise<string> {
      const id = newId();
      const created = await t.request('POST', '/api/guest/esim/purchases', { id, packageId }, guest);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return id;
    }
    async function payBill(guest: string): Promise<void> {
      const bill = (await t.request('GET', '/api/guest/bill', undefined, guest)).body;
      const paid = await t.request('POST', `/api/visits/${bill.visitId}/payments`, { id: newId(), method: 'cash', amountMinor: bill.dueMinor }, waiter);
      expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    }
    const delivered = (ids: string[]) => waitFor('the eSIMs delivered', () => (ids.every((id) => store().purchase(id)?.status === 'delivered') ? true : undefined));

    // Table 2 buys two Merhaba (€4.14 each, Airalo's $3.60 net is €3.31); table 3 two Eurolink
    // (€17.48, net $13.30 is €12.24); table 4 cancels a Bonjour and leaves another unpaid.
    const table2 = await t.guestToken('table-2');
    const merhaba = [await buy(table2, 'merhaba-7days-1gb'), await buy(table2, 'merhaba-7days-1gb')];
    await payBill(table2);
    const table3 = await t.guestToken('table-3');
    const eurolink = [await buy(table3, 'eurolink-30days-5gb'), await buy(table3, 'eurolink-30days-5gb')];
    await payBill(table3);
    const table4 = await t.guestToken('table-4');
    const cancelled = await buy(table4, 'bonjour-7days-unlimited');
    expect((await t.request('POST', `/api/guest/esim/purchases/${cancelled}/cancel`, undefined, table4)).status).toBe(200);
    await buy(table4, 'bonjour-7days-unlimited');
    await delivered([...merhaba, ...eurolink]);
    const day = store().purchase(merhaba[0]!)!.businessDay;
    const codes = [...merhaba, ...eurolink].flatMap((id) => [store().purchase(id)!.iccid!, store().purchase(id)!.activationCode!]);

    // Paired after the sales: everything the hub recorded goes to the new venue.
    const created = await cloud.request('POST', '/api/hq/venues', { name: 'Demo bistro', timezone: 'Europe/Berlin', currency: 'EUR' }, hq);
    const paired = await t.request('POST', '/api/sync/pair', { cloudUrl: cloud.baseUrl, pairingCode: created.body.pairingCode }, manager);
    expect(paired.status, JSON.stringify(paired.body)).toBe(200);
    const venueId = created.body.id as string;
    const sync = t.hub.modules.sync!;
    const synced = (what: string) => waitFor(what, () => (sync.status().connected && sync.status().pendingUpdates === 0 ? true : undefined));
    await synced('the sales at the cloud');
    const report = () => cloud.request('GET', `/api/hq/reports/esim?venueId=${venueId}&from=${day}&to=${day}`, undefined, hq);
    const row = (packageId: string, title: string, count: number, revenueMinor: number, costMinor: number) => ({
      day, venueId, venueName: 'Demo bistro', packageId, title, currency: 'EUR', count, revenueMinor, costMinor, marginMinor: revenueMinor - costMinor,
    });
    expect((await report()).body).toEqual({
      venueId,
      from: day,
      to: day,
      byDay: [row('eurolink-30days-5gb', 'Eurolink-5 GB - 30 Days', 2, 3_496, 2_448), row('merhaba-7days-1gb', 'Merhaba-1 GB - 7 Days', 2, 828, 662)],
      totals: [{ currency: 'EUR', count: 4, revenueMinor: 4_324, costMinor: 3_110, marginMinor: 1_214 }],
    });

    // A manager refunds a delivered Eurolink that would not install: it leaves HQ's figures.
    const refunded = await t.request('POST', `/api/esim/purchases/${eurolink[0]}/actions`, { action: 'refund', reason: 'It would not install on the guest’s phone' }, manager);
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    await synced('the refund at the cloud');
    await expect.poll(async () => (await report()).body.totals).toEqual([{ currency: 'EUR', count: 3, revenueMinor: 2_576, costMinor: 1_886, marginMinor: 690 }]);

    // No install code ever left the hub: not in its sync rows, not in the cloud's.
    const hubRows = t.hub.context.store.sqlite.prepare('SELECT "update" FROM sync_updates').pluck().all() as Buffer[];
    const hubWire = Buffer.concat(hubRows).toString('latin1');
    const cloudRows = await rows<{ bytes: Uint8Array }>(database.db, sql`SELECT "update" AS bytes FROM doc_updates UNION ALL SELECT state FROM doc_snapshots`);
    const cloudWire = Buffer.concat(cloudRows.map((r) => Buffer.from(r.bytes))).toString('latin1');
    expect(codes.length).toBe(8);
    for (const code of codes) {
      expect(hubWire).not.toContain(code);
      expect(cloudWire).not.toContain(code);
    }
    expect(cloudWire).toContain('eurolink-30days-5gb');
  });
});
