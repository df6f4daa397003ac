import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '@onemoment/shared/ids';
import type { EsimSale } from '@onemoment/shared/schemas/esim';
import { docNames, ESIM_SALES_ROOT, removeEsimSale, writeEsimSale } from '@onemoment/shared/sync/index';
import { rows } from '../../src/db/database.ts';
import type { Backend, TestCloud } from './cloud-harness.ts';
import { useScenarioNode } from './scenario-node.ts';
import { TestSyncClient } from './sync-client.ts';

/**
 * eSIM sales at HQ, on every storage backend: the hub writes each sale into the day document of its
 * business day on every change; the cloud projects it into report_esim_sales, one row per sale that a
 * resend or a later status rewrites; the report (REST, CSV, GraphQL) counts paid, delivered and
 * needs_person sales per day, venue and package, checked against figures worked out by hand, with
 * totals per currency; a sale that carries an install code is refused and nothing of it is stored.
 */
export function esimScenarios(openBackend: () => Promise<Backend>): void {
  const scenario = useScenarioNode(openBackend);
  const { dayClient, settled, count } = scenario;
  let node: TestCloud;
  let hq: string;
  beforeAll(() => {
    ({ node, hq } = scenario.started());
  });

  const db = () => node.cloud.context.database.db;
  async function venue(name: string, currency: string) {
    const created = await node.request('POST', '/api/hq/venues', { name, timezone: 'Europe/Istanbul', currency }, hq);
    expect(created.status).toBe(201);
    const paired = await node.request('POST', '/api/pair', { pairingCode: created.body.pairingCode, hubName: 'front desk', currency, timezone: 'Europe/Istanbul' });
    expect(paired.status).toBe(200);
    return { venueId: created.body.id as string, hubToken: paired.body.hubToken as string };
  }

  const day1 = '2026-07-01';
  const day2 = '2026-07-02';
  const at = (day: string, time: string) => `${day}T${time}:00.000Z`;
  const MERHABA = { packageId: 'merhaba-7days-1gb', title: 'Merhaba 1 GB, 7 days' };
  const EUROLINK = { packageId: 'eurolink-30days-10gb', title: 'Eurolink 10 GB, 30 days' };
  /** A sale as `esim.sale_changed` carries it, in the state `status` (times filled in from `time` on `day`). */
  function sale(day: string, time: string, pkg: { packageId: string; title: string }, status: EsimSale['status'], money: { priceMinor: number; costMinor: number; currency?: string }, id: string = newId()): EsimSale {
    const created = at(day, time);
    const later = (minutes: number) => new Date(Date.parse(created) + minutes * 60_000).toISOString();
    const wasPaid = !['awaiting_payment', 'cancelled'].includes(status);
    return {
      id,
      visitId: `visit-${id.slice(-6)}`,
      ...pkg,
      status,
      priceMinor: money.priceMinor,
      costMinor: money.costMinor,
      currency: money.currency ?? 'EUR',
      businessDay: day,
      createdAt: created,
      paidAt: wasPaid ? later(5) : null,
      deliveredAt: status === 'delivered' || status === 'refunded' ? later(6) : null,
      refundedAt: status === 'refunded' ? later(60) : null,
      updatedAt: later(status === 'refunded' ? 60 : 6),
    };
  }
  const merhaba = { priceMinor: 650, costMinor: 414 };
  const eurolink = { priceMinor: 2_900, costMinor: 1_840 };

  describe('the eSIM report', () => {
    let harbour: { venueId: string; hubToken: string };
    let londonVenue: { venueId: string; hubToken: string };
    let july1: TestSyncClient;
    const refundedId = newId();
    const repeatedId = newId();

    it('counts paid, delivered and needs_person sales per day, venue and package, as worked out by hand', async () => {
      harbour = await venue('Harbour hotel', 'EUR');
      londonVenue = await venue('Bridge café', 'GBP');
      july1 = await dayClient(harbour.venueId, day1, harbour.hubToken);
      const july2 = await dayClient(harbour.venueId, day2, harbour.hubToken);
      const london = await dayClient(londonVenue.venueId, day1, londonVenue.hubToken);

      // 1 July at the harbour: Merhaba delivered twice and paid once (3 × 6.50, cost 3 × 4.14), Eurolink
      // waiting for a person (29.00, cost 18.40) and delivered then refunded; one Merhaba still awaiting
      // payment and one cancelled. 2 July: one Eurolink delivered. The café sells in pounds.
      for (const s of [
        sale(day1, '09:00', MERHABA, 'delivered', merhaba, repeatedId),
        sale(day1, '10:00', MERHABA, 'delivered', merhaba),
        sale(day1, '11:00', MERHABA, 'paid', merhaba),
        sale(day1, '12:00', EUROLINK, 'needs_person', eurolink),
        sale(day1, '13:00', EUROLINK, 'delivered', eurolink, refundedId),
        sale(day1, '14:00', MERHABA, 'awaiting_payment', merhaba),
        sale(day1, '15:00', MERHABA, 'cancelled', merhaba),
      ]) {
        writeEsimSale(july1.doc, s);
      }
      writeEsimSale(july2.doc, sale(day2, '09:30', EUROLINK, 'delivered', eurolink));
      writeEsimSale(london.doc, sale(day1, '16:00', MERHABA, 'delivered', { priceMinor: 560, costMinor: 352, currency: 'GBP' }));
      await Promise.all([settled(july1), settled(july2), settled(london)]);
      expect([...july1.denials, ...july2.denials, ...london.denials]).toEqual([]);
      expect(await count(sql`SELECT count(*) AS n FROM report_esim_sales WHERE venue_id = ${harbour.venueId}`)).toBe(8);

      // Before the refund: Eurolink on 1 July counts twice.
      const before = await node.request('GET', `/api/hq/reports/esim?venueId=${harbour.venueId}&from=${day1}&to=${day1}`, undefined, hq);
      expect(before.body.byDay.find((d: { packageId: string }) => d.packageId === EUROLINK.packageId)).toMatchObject({ count: 2, revenueMinor: 5_800 });

      // The delivered Eurolink is refunded: its row changes status and it leaves the report.
      writeEsimSale(july1.doc, sale(day1, '13:00', EUROLINK, 'refunded', eurolink, refundedId));
      await settled(july1);
      const [refunded] = await rows<{ status: string; refunded: boolean }>(
        db(),
        sql`SELECT status, refunded_at IS NOT NULL AS refunded FROM report_esim_sales WHERE venue_id = ${harbour.venueId} AND sale_id = ${refundedId}`,
      );
      expect(refunded).toEqual({ status: 'refunded', refunded: true });

      const report = await node.request('GET', `/api/hq/reports/esim?venueId=${harbour.venueId}&from=${day1}&to=${day2}`, undefined, hq);
      expect(report.status).toBe(200);
      const row = (day: string, pkg: typeof MERHABA, count: number, revenueMinor: number, costMinor: number) => ({
        day, venueId: harbour.venueId, venueName: 'Harbour hotel', ...pkg, currency: 'EUR', count, revenueMinor, costMinor, marginMinor: revenueMinor - costMinor,
      });
      expect(report.body).toEqual({
        venueId: harbour.venueId,
        from: day1,
        to: day2,
        // By day, then package title.
        byDay: [row(day1, EUROLINK, 1, 2_900, 1_840), row(day1, MERHABA, 3, 1_950, 1_242), row(day2, EUROLINK, 1, 2_900, 1_840)],
        totals: [{ currency: 'EUR', count: 5, revenueMinor: 7_750, costMinor: 4_922, marginMinor: 2_828 }],
      });

      // All venues: a total per currency, never a sum across them.
      const chain = await node.request('GET', `/api/hq/reports/esim?from=${day1}&to=${day1}`, undefined, hq);
      expect(chain.body.totals).toEqual([
        { currency: 'EUR', count: 4, revenueMinor: 4_850, costMinor: 3_082, marginMinor: 1_768 },
        { currency: 'GBP', count: 1, revenueMinor: 560, costMinor: 352, marginMinor: 208 },
      ]);
      expect(chain.body.byDay.map((d: { venueName: string; title: string }) => `${d.venueName}: ${d.title}`)).toEqual([
        'Bridge café: Merhaba 1 GB, 7 days',
        'Harbour hotel: Eurolink 10 GB, 30 days',
        'Harbour hotel: Merhaba 1 GB, 7 days',
      ]);

      const csv = await node.request('GET', `/api/hq/reports/esim.csv?venueId=${harbour.venueId}&from=${day1}&to=${day2}`, undefined, hq);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="esim-${harbour.venueId}-${day1}-${day2}.csv"`);
      expect(csv.body).toBe(
        [
          'day,venue_id,venue_name,package_id,package_title,currency,sold,revenue_minor,cost_minor,margin_minor',
          `${day1},${harbour.venueId},Harbour hotel,eurolink-30days-10gb,"Eurolink 10 GB, 30 days",EUR,1,2900,1840,1060`,
          `${day1},${harbour.venueId},Harbour hotel,merhaba-7days-1gb,"Merhaba 1 GB, 7 days",EUR,3,1950,1242,708`,
          `${day2},${harbour.venueId},Harbour hotel,eurolink-30days-10gb,"Eurolink 10 GB, 30 days",EUR,1,2900,1840,1060`,
          'total,,,,,EUR,5,7750,4922,2828',
          '',
        ].join('\r\n'),
      );

      const graphql = await node.request(
        'POST',
        '/graphql',
        { query: `{ esim(venueId: "${harbour.venueId}", from: "${day2}", to: "${day2}") { byDay { day packageId title count revenueMinor costMinor marginMinor currency } totals { currency count marginMinor } } }` },
        hq,
      );
      expect(graphql.status).toBe(200);
      expect(graphql.body.data.esim).toEqual({
        byDay: [{ day: day2, ...EUROLINK, count: 1, revenueMinor: 2_900, costMinor: 1_840, marginMinor: 1_060, currency: 'EUR' }],
        totals: [{ currency: 'EUR', count: 1, marginMinor: 1_060 }],
      });
    });

    it('keeps one row per sale when the hub sends the same update again', async () => {
      const update = Y.encodeStateAsUpdateV2(july1.doc);
      const stored = await count(sql`SELECT count(*) AS n FROM doc_updates WHERE doc_name = ${docNames.day(harbour.venueId, day1)}`);
      july1.sendClientUpdate(9001, update);
      await july1.until(() => july1.acked.has(9001), 'the resent update acknowledged');
      expect(await count(sql`SELECT count(*) AS n FROM report_esim_sales WHERE venue_id = ${harbour.venueId} AND sale_id = ${repeatedId}`)).toBe(1);
      expect(await count(sql`SELECT count(*) AS n FROM doc_updates WHERE doc_name = ${docNames.day(harbour.venueId, day1)}`)).toBe(stored);
      // The same sale written again by the hub (a repeated event) sends nothing at all.
      const sent = july1.bytesSent;
      writeEsimSale(july1.doc, sale(day1, '09:00', MERHABA, 'delivered', merhaba, repeatedId));
      expect(july1.bytesSent).toBe(sent);
      const report = await node.request('GET', `/api/hq/reports/esim?venueId=${harbour.venueId}&from=${day1}&to=${day1}`, undefined, hq);
      expect(report.body.totals).toEqual([{ currency: 'EUR', count: 4, revenueMinor: 4_850, costMinor: 3_082, marginMinor: 1_768 }]);
    });

    it('moves a sale paid after its day turned to the day it was paid, whichever document arrives first', async () => {
      const [day3, day4] = ['2026-07-03', '2026-07-04'];
      const created = await dayClient(harbour.venueId, day3, harbour.hubToken);
      const paidDay = await dayClient(harbour.venueId, day4, harbour.hubToken);
      const where = async (id: string) => rows<{ day: string; status: string }>(db(), sql`SELECT to_char(business_day, 'YYYY-MM-DD') AS day, status FROM report_esim_sales WHERE sale_id = ${id}`);
      // Put on the bill late on 3 July, paid after the day turned: as the hub writes it.
      const onBill = (id: string) => sale(day3, '23:00', MERHABA, 'awaiting_payment', merhaba, id);
      const paidNextDay = (id: string) => ({ ...onBill(id), status: 'paid' as const, businessDay: day4, paidAt: at(day4, '01:30'), updatedAt: at(day4, '01:30') });

      // In order: the first day's copy, then the paid one, then the first day losing it.
      const inOrder = newId();
      writeEsimSale(created.doc, onBill(inOrder));
      await settled(created);
      expect(await where(inOrder)).toEqual([{ day: day3, status: 'awaiting_payment' }]);
      writeEsimSale(paidDay.doc, paidNextDay(inOrder));
      await settled(paidDay);
      expect(await where(inOrder)).toEqual([{ day: day4, status: 'paid' }]);
      removeEsimSale(created.doc, inOrder);
      await settled(created);
      expect(await where(inOrder)).toEqual([{ day: day4, status: 'paid' }]);

      // Out of order (a hub back online sends its documents in any order): the paid copy first.
      const outOfOrder = newId();
      writeEsimSale(paidDay.doc, paidNextDay(outOfOrder));
      await settled(paidDay);
      const elsewhere = new Y.Doc();
      Y.applyUpdateV2(elsewhere, Y.encodeStateAsUpdateV2(created.doc));
      const before = Y.encodeStateVector(elsewhere);
      writeEsimSale(elsewhere, onBill(outOfOrder));
      created.sendClientUpdate(9201, Y.encodeStateAsUpdateV2(elsewhere, before));
      await created.until(() => created.acked.has(9201), 'the first day’s late copy acknowledged');
      expect(await where(outOfOrder)).toEqual([{ day: day4, status: 'paid' }]);
      const beforeRemoval = Y.encodeStateVector(elsewhere);
      removeEsimSale(elsewhere, outOfOrder);
      created.sendClientUpdate(9202, Y.encodeStateAsUpdateV2(elsewhere, beforeRemoval));
      await created.until(() => created.acked.has(9202), 'the removal acknowledged');
      expect(await where(outOfOrder)).toEqual([{ day: day4, status: 'paid' }]);

      const report = await node.request('GET', `/api/hq/reports/esim?venueId=${harbour.venueId}&from=${day3}&to=${day4}`, undefined, hq);
      expect(report.body.byDay.map((d: { day: string; count: number }) => [d.day, d.count])).toEqual([[day4, 2]]);
    });

    it('refuses a sale that carries an install code, and stores nothing of it', async () => {
      const name = docNames.day(harbour.venueId, day1);
      const withCode = (key: string, value: string) => {
        const doc = new Y.Doc();
        const s = sale(day1, '17:00', MERHABA, 'delivered', merhaba);
        writeEsimSale(doc, s);
        doc.getMap<Y.Map<unknown>>(ESIM_SALES_ROOT).get(s.id)!.set(key, value);
        return { id: s.id, update: Y.encodeStateAsUpdateV2(doc) };
      };
      const stored = await count(sql`SELECT count(*) AS n FROM doc_updates WHERE doc_name = ${name}`);
      const cases: Array<[number, { id: string; update: Uint8Array }, RegExp]> = [
        [9101, withCode('lpa', 'LPA:1$smdp.example.com$SECRET-MATCHING-ID'), /eSIM sale .*: "lpa" is not a field of a sale/],
        [9102, withCode('iccid', '8944465400000000001'), /"iccid" is not a field of a sale/],
      ];
      for (const [clientId, { id, update }, reason] of cases) {
        const denials = july1.denials.length;
        july1.sendClientUpdate(clientId, update);
        await july1.until(() => july1.denials.length === denials + 1, `the refusal of update ${clientId}`);
        expect(july1.denials.at(-1)).toMatch(reason);
        expect(await count(sql`SELECT count(*) AS n FROM report_esim_sales WHERE sale_id = ${id}`)).toBe(0);
      }
      expect(await count(sql`SELECT count(*) AS n FROM doc_updates WHERE doc_name = ${name}`)).toBe(stored);
      const everything = await rows<{ t: string }>(db(), sql`SELECT string_agg(encode("update", 'escape'), '') AS t FROM doc_updates WHERE doc_name = ${name}`);
      expect(everything[0]!.t).not.toContain('SECRET-MATCHING-ID');
    });

    it('answers bad ranges and unknown venues as the other reports do', async () => {
      const cases: Array<[string, number, string]> = [
        [`?from=${day2}&to=${day1}`, 400, 'from must not be after to.'],
        ['?from=2026-02-30&to=2026-03-01', 400, 'from and to must be real dates written YYYY-MM-DD.'],
        ['?from=2025-01-01&to=2026-07-01', 400, 'Ask for at most 367 days at a time.'],
        [`?from=${day1}`, 400, ''],
        [`?venueId=..%2Fx&from=${day1}&to=${day1}`, 400, ''],
        [`?from=${day1}&to=${day1}&extra=1`, 400, ''],
        [`?venueId=no-such-venue&from=${day1}&to=${day1}`, 404, ''],
      ];
      for (const [query, status, message] of cases) {
        for (const path of ['/api/hq/reports/esim', '/api/hq/reports/esim.csv']) {
          const response = await node.request('GET', path + query, undefined, hq);
          expect({ path, query, status: response.status }).toEqual({ path, query, status });
          expect(response.body).toMatchObject({ error: expect.any(String), message: message || expect.any(String) });
        }
      }
      expect((await node.request('GET', `/api/hq/reports/esim?from=${day1}&to=${day1}`)).status).toBe(401);
      const bad = await node.request('POST', '/graphql', { query: `{ esim(from: "${day2}", to: "${day1}") { totals { currency } } }` }, hq);
      expect(bad.body.errors[0]).toMatchObject({ message: 'from must not be after to.', extensions: { code: 'bad_request' } });
      const unknown = await node.request('POST', '/graphql', { query: `{ esim(venueId: "no-such-venue", from: "${day1}", to: "${day1}") { totals { currency } } }` }, hq);
      expect(unknown.body.errors[0].extensions.code).toBe('not_found');
    });
  });
}
