import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docNames, readBills, readPayments, writeBill, writeOrder, writePayment } from '@onemoment/shared/sync/index';
import type { BillSettled, Payment } from '@onemoment/shared/schemas/payments';
import { rows } from '../../src/db/database.ts';
import type { Backend, TestCloud } from './cloud-harness.ts';
import { useScenarioNode } from './scenario-node.ts';
import { makeOrder } from './orders.ts';
import { makeBill, makePayment } from './payments.ts';
import { TestSyncClient } from './sync-client.ts';

/**
 * Money at HQ, on every storage backend: payments and settled bills travel in the day documents, are
 * projected into report tables exactly once, and come back as takings (REST, CSV, GraphQL) with every
 * amount in its own currency; a chain in several currencies gets a total per currency; pairing
 * reconciles the hub's currency and time zone with the venue HQ created. Each test uses business days
 * of its own, so the reports over all venues see only its data.
 */
export function moneyScenarios(openBackend: () => Promise<Backend>): void {
  const scenario = useScenarioNode(openBackend);
  const { dayClient, settled, count } = scenario;
  let backend: Backend;
  let node: TestCloud;
  let hq: string;
  beforeAll(() => {
    ({ backend, node, hq } = scenario.started());
  });

  const db = () => node.cloud.context.database.db;

  /** A venue created by HQ and paired the way a hub that does not say its currency pairs. */
  async function venue(currency: string, timezone = 'Europe/Berlin', name = `Venue in ${currency}`) {
    const created = await node.request('POST', '/api/hq/venues', { name, timezone, currency }, hq);
    expect(created.status).toBe(201);
    const paired = await node.request('POST', '/api/pair', { pairingCode: created.body.pairingCode, hubName: 'old hub' });
    expect(paired.status).toBe(200);
    return { venueId: created.body.id as string, hubToken: paired.body.hubToken as string };
  }

  describe('takings', () => {
    // One evening of a EUR venue: four payments on 1 July (one bill paid in two card parts, one in TON
    // partly written off), and one card payment on 2 July.
    const day1 = '2026-07-01';
    const day2 = '2026-07-02';
    const at = (day: string, time: string) => `${day}T${time}:00.000Z`;
    const [visitA, visitB, visitC] = ['visit-a', 'visit-b', 'visit-c'];
    const payments: Payment[] = [
      makePayment('cash', 4_250, 0, at(day1, '19:10'), { visitId: visitA }),
      makePayment('card', 3_000, 300, at(day1, '19:40'), { visitId: visitB, partId: 'part-1' }),
      makePayment('card', 1_500, 200, at(day1, '19:41'), { visitId: visitB, partId: 'part-2' }),
      makePayment('ton', 2_000, 0, at(day1, '20:05'), { visitId: visitC }),
    ];
    const bills: BillSettled[] = [
      makeBill(visitA, at(day1, '19:10'), {
        subtotalMinor: 4_500, discountMinor: 250, taxMinor: 614, totalMinor: 4_250, paidMinor: 4_250,
        taxLines: [{ rateBp: 2000, netMinor: 2_500, taxMinor: 500 }, { rateBp: 1000, netMinor: 1_136, taxMinor: 114 }],
      }),
      makeBill(visitB, at(day1, '19:41'), {
        subtotalMinor: 4_050, serviceChargeMinor: 450, taxMinor: 736, totalMinor: 4_500, paidMinor: 4_500, tipsMinor: 500,
        taxLines: [{ rateBp: 2000, netMinor: 3_000, taxMinor: 600 }, { rateBp: 1000, netMinor: 1_364, taxMinor: 136 }],
      }),
      makeBill(visitC, at(day1, '20:05'), {
        subtotalMinor: 2_500, taxMinor: 417, totalMinor: 2_500, paidMinor: 2_000, writtenOffMinor: 500,
        taxLines: [{ rateBp: 2000, netMinor: 2_083, taxMinor: 417 }],
      }),
    ];
    const later = makePayment('card', 1_000, 100, at(day2, '12:00'));
    // A lunch charged to a hotel room: listed by its tender, but no money in until the folio is paid.
    const toRoom = makePayment('room', 700, 0, at(day2, '12:30'), { visitId: 'visit-room' });
    let shop: { venueId: string; hubToken: string };
    let evening: TestSyncClient;

    type Tender = [count: number, amountMinor: number, tipMinor: number];
    const tenders = (cash: Tender, card: Tender, ton: Tender, room: Tender = [0, 0, 0]) =>
      ([['cash', cash], ['card', card], ['ton', ton], ['room', room]] as const).map(([method, [count, amountMinor, tipMinor]]) => ({ method, count, amountMinor, tipMinor }));

    it('projects payments and settled bills, and reports takings by tender, tips, discounts, service, taxes by rate and written off', async () => {
      shop = await venue('EUR', 'Europe/Berlin', 'Takings bistro');
      evening = await dayClient(shop.venueId, day1, shop.hubToken);
      writeOrder(evening.doc, makeOrder(1, at(day1, '18:30')));
      for (const payment of payments) writePayment(evening.doc, payment);
      for (const bill of bills) writeBill(evening.doc, bill);
      const noon = await dayClient(shop.venueId, day2, shop.hubToken);
      writePayment(noon.doc, later);
      writePayment(noon.doc, toRoom);
      await Promise.all([settled(evening), settled(noon)]);
      expect([...evening.denials, ...noon.denials]).toEqual([]);

      // The rows say what the documents say (acks come after the commit that wrote them).
      const paymentRows = await rows<{ payment_id: string; method: string; amount_minor: string; tip_minor: string; currency: string; part_id: string | null }>(
        db(),
        sql`SELECT payment_id, method, amount_minor, tip_minor, currency, part_id FROM report_payments WHERE venue_id = ${shop.venueId} AND business_day = ${day1}::date ORDER BY created_at`,
      );
      expect(paymentRows.map((r) => ({ id: r.payment_id, method: r.method, amountMinor: Number(r.amount_minor), tipMinor: Number(r.tip_minor), currency: r.currency, partId: r.part_id }))).toEqual(
        readPayments(evening.doc).map((p) => ({ id: p.id, method: p.method, amountMinor: p.amountMinor, tipMinor: p.tipMinor, currency: p.currency, partId: p.partId })),
      );
      expect(await count(sql`SELECT count(*) AS n FROM report_bills WHERE venue_id = ${shop.venueId}`)).toBe(readBills(evening.doc).length);
      expect(await count(sql`SELECT count(*) AS n FROM report_bill_taxes WHERE venue_id = ${shop.venueId}`)).toBe(5);

      const expectedDay1 = {
        day: day1, venueId: shop.venueId, venueName: 'Takings bistro', currency: 'EUR',
        payments: 4, takingsMinor: 10_750, tipsMinor: 500,
        byTender: tenders([1, 4_250, 0], [2, 4_500, 500], [1, 2_000, 0]),
        settledBills: 3, discountMinor: 250, serviceChargeMinor: 450, taxMinor: 1_767,
        taxLines: [{ rateBp: 1000, netMinor: 2_500, taxMinor: 250 }, { rateBp: 2000, netMinor: 7_583, taxMinor: 1_517 }],
        writtenOffMinor: 500,
      };
      const expectedDay2 = {
        day: day2, venueId: shop.venueId, venueName: 'Takings bistro', currency: 'EUR',
        payments: 2, takingsMinor: 1_000, tipsMinor: 100, byTender: tenders([0, 0, 0], [1, 1_000, 100], [0, 0, 0], [1, 700, 0]),
        settledBills: 0, discountMinor: 0, serviceChargeMinor: 0, taxMinor: 0, taxLines: [], writtenOffMinor: 0,
      };
      const report = await node.request('GET', `/api/hq/reports/takings?venueId=${shop.venueId}&from=${day1}&to=2026-07-03`, undefined, hq);
      expect(report.status).toBe(200);
      expect(report.body).toEqual({
        venueId: shop.venueId,
        from: day1,
        to: '2026-07-03',
        byDay: [expectedDay1, expectedDay2],
        totals: [{
          currency: 'EUR', payments: 6, takingsMinor: 11_750, tipsMinor: 600,
          byTender: tenders([1, 4_250, 0], [3, 5_500, 600], [1, 2_000, 0], [1, 700, 0]),
          settledBills: 3, discountMinor: 250, serviceChargeMinor: 450, taxMinor: 1_767, taxLines: expectedDay1.taxLines, writtenOffMinor: 500,
        }],
      });

      const csv = await node.request('GET', `/api/hq/reports/takings.csv?venueId=${shop.venueId}&from=${day1}&to=2026-07-03`, undefined, hq);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="takings-${shop.venueId}-${day1}-2026-07-03.csv"`);
      expect(csv.body).toBe(
        [
          'day,venue_id,venue_name,currency,payments,takings_minor,tips_minor,cash_count,cash_minor,cash_tips_minor,card_count,card_minor,card_tips_minor,ton_count,ton_minor,ton_tips_minor,room_count,room_minor,room_tips_minor,settled_bills,discount_minor,service_charge_minor,tax_minor,net_minor_at_1000bp,tax_minor_at_1000bp,net_minor_at_2000bp,tax_minor_at_2000bp,written_off_minor',
          `${day1},${shop.venueId},Takings bistro,EUR,4,10750,500,1,4250,0,2,4500,500,1,2000,0,0,0,0,3,250,450,1767,2500,250,7583,1517,500`,
          `${day2},${shop.venueId},Takings bistro,EUR,2,1000,100,0,0,0,1,1000,100,0,0,0,1,700,0,0,0,0,0,0,0,0,0,0`,
          'total,,,EUR,6,11750,600,1,4250,0,3,5500,600,1,2000,0,1,700,0,3,250,450,1767,2500,250,7583,1517,500',
          '',
        ].join('\r\n'),
      );

      const graphql = await node.request(
        'POST',
        '/graphql',
        { query: `{ takings(venueId: "${shop.venueId}", from: "${day1}", to: "${day1}") { totals { currency takingsMinor byTender { method count amountMinor tipMinor } taxLines { rateBp taxMinor } writtenOffMinor } byDay { day currency payments } } }` },
        hq,
      );
      expect(graphql.status).toBe(200);
      expect(graphql.body.data.takings).toEqual({
        totals: [{
          currency: 'EUR', takingsMinor: 10_750, byTender: expectedDay1.byTender,
          taxLines: [{ rateBp: 1000, taxMinor: 250 }, { rateBp: 2000, taxMinor: 1_517 }], writtenOffMinor: 500,
        }],
        byDay: [{ day: day1, currency: 'EUR', payments: 4 }],
      });
    });

    it('stays exact under replays, and a bill settled again replaces its figures and tax lines', async () => {
      const query = `/api/hq/reports/takings?venueId=${shop.venueId}&from=${day1}&to=${day1}`;
      const before = (await node.request('GET', query, undefined, hq)).body;
      const stored = () => count(sql`SELECT count(*) AS n FROM doc_updates WHERE doc_name = ${docNames.day(shop.venueId, day1)}`);
      const updatesBefore = await stored();
      // A hub that lost its acknowledgements sends the whole day again: stored once, counted once.
      evening.sendClientUpdate(9_000, Y.encodeStateAsUpdateV2(evening.doc));
      await evening.until(() => evening.acked.has(9_000), 'the acknowledgement of the full resend');
      expect(await stored()).toBe(updatesBefore);
      expect((await node.request('GET', query, undefined, hq)).body).toEqual(before);

      // Visit B reopened (a dish voided) and settled again: one rate left, less service, a new total.
      writeBill(evening.doc, {
        ...bills[1]!,
        serviceChargeMinor: 400,
        taxMinor: 700,
        taxLines: [{ rateBp: 2000, netMinor: 3_500, taxMinor: 700 }],
        totalMinor: 4_200,
        paidMinor: 4_200,
        settledAt: at(day1, '21:00'),
      });
      await settled(evening);
      const after = (await node.request('GET', query, undefined, hq)).body;
      expect(after.byDay[0]).toMatchObject({
        settledBills: 3,
        serviceChargeMinor: 400,
        taxMinor: 614 + 700 + 417,
        taxLines: [{ rateBp: 1000, netMinor: 1_136, taxMinor: 114 }, { rateBp: 2000, netMinor: 2_500 + 3_500 + 2_083, taxMinor: 500 + 700 + 417 }],
      });
      expect(await count(sql`SELECT count(*) AS n FROM report_bill_taxes WHERE venue_id = ${shop.venueId} AND visit_id = ${visitB}`)).toBe(1);
      // It still counts on the day it was first settled, in the document it lives in.
      const [bill] = await rows<{ settled_at: Date | string }>(db(), sql`SELECT settled_at FROM report_bills WHERE venue_id = ${shop.venueId} AND visit_id = ${visitB}`);
      expect(new Date(bill!.settled_at).toISOString()).toBe(at(day1, '19:41'));
    });

    it('refuses payments and bills that do not fit the layout, card details above all, and keeps the report as it was', async () => {
      const client = await dayClient(shop.venueId, '2026-07-03', shop.hubToken);
      const foreign = (write: (doc: Y.Doc) => void) => {
        const doc = new Y.Doc();
        write(doc);
        return Y.encodeStateAsUpdateV2(doc);
      };
      const payment = (extra: Array<[string, unknown]>) =>
        new Y.Map<unknown>([['m', 'card'], ['a', 1_000], ['c', 'EUR'], ['v', 'visit-x'], ['at', '2026-07-03T10:00:00.000Z'], ...extra]);
      const bad: Array<[number, Uint8Array, RegExp]> = [
        [2001, foreign((d) => d.getMap('payments').set('p-card', payment([['last4', '4242']]))), /payment p-card: "last4" is not a field of a payment/],
        [2002, foreign((d) => d.getMap('payments').set('p-staff', payment([['staffId', 'staff-waiter-1']]))), /"staffId" is not a field of a payment/],
        [2003, foreign((d) => d.getMap('payments').set('p-cheque', payment([['m', 'cheque']]))), /method is not one of cash, card, ton/],
        [2004, foreign((d) => d.getMap('payments').set('p-text', payment([['a', '1000']]))), /a is not a whole number/],
        [2005, foreign((d) => d.getMap('bills').set('v-bad', new Y.Map<unknown>([['c', 'EUR'], ['tl', '[[']]))), /bill v-bad: /],
        [2006, foreign((d) => d.getArray('payments').push([1])), /list content/],
        [2007, foreign((d) => d.getMap('takings').set('x', 1)), /"takings", which is not part of this document/],
      ];
      for (const [id, update, reason] of bad) {
        const denials = client.denials.length;
        client.sendClientUpdate(id, update);
        await client.until(() => client.denials.length === denials + 1, `the refusal of update ${id}`);
        expect(client.denials.at(-1)).toMatch(new RegExp(`^update ${id} was refused: `));
        expect(client.denials.at(-1)).toMatch(reason);
      }
      expect(await count(sql`SELECT count(*) AS n FROM doc_updates WHERE doc_name = ${docNames.day(shop.venueId, '2026-07-03')}`)).toBe(0);
      expect(await count(sql`SELECT count(*) AS n FROM report_payments WHERE venue_id = ${shop.venueId} AND business_day = '2026-07-03'::date`)).toBe(0);
      // The same payment as the hub writes it (the card slip left out) is stored.
      writePayment(client.doc, makePayment('card', 1_000, 0, '2026-07-03T10:00:00.000Z'));
      await settled(client);
      expect(await count(sql`SELECT count(*) AS n FROM report_payments WHERE venue_id = ${shop.venueId} AND business_day = '2026-07-03'::date`)).toBe(1);
    });
  });

  describe('currencies', () => {
    it("reports each amount in its own currency, and a chain in several currencies gets a total per currency", async () => {
      const day = '2026-08-01';
      const berlin = await venue('EUR', 'Europe/Berlin', 'Berlin');
      const moscow = await venue('RUB', 'Europe/Moscow', 'Moscow');
      // The venue: created by HQ as RUB on Tokyo time, paired by a hub too old to say it sells in euros.
      const mislabelled = await venue('RUB', 'Asia/Tokyo', 'Tokyo typo');
      const rub = <T extends { currency: string }>(value: T): T => ({ ...value, currency: 'RUB' });
      const write = async (target: { venueId: string; hubToken: string }, change: (doc: Y.Doc) => void) => {
        const client = await dayClient(target.venueId, day, target.hubToken);
        change(client.doc);
        await settled(client);
      };
      const eurOrder = makeOrder(1, `${day}T12:00:00.000Z`);
      const rubOrder = rub(makeOrder(1, `${day}T12:00:00.000Z`, [0, 0, 100]));
      await write(berlin, (doc) => {
        writeOrder(doc, eurOrder);
        writePayment(doc, makePayment('card', 4_000, 400, `${day}T13:00:00.000Z`));
      });
      await write(moscow, (doc) => {
        writeOrder(doc, rubOrder);
        writePayment(doc, rub(makePayment('cash', 450_000, 0, `${day}T13:00:00.000Z`)));
        writeBill(doc, rub(makeBill('visit-m', `${day}T13:00:00.000Z`, { subtotalMinor: 450_000, totalMinor: 450_000, paidMinor: 450_000, taxMinor: 75_000, taxLines: [{ rateBp: 2000, netMinor: 375_000, taxMinor: 75_000 }] })));
      });
      await write(mislabelled, (doc) => {
        writeOrder(doc, eurOrder);
        writePayment(doc, makePayment('card', 2_500, 0, `${day}T14:00:00.000Z`));
      });

      const takings = await node.request('GET', `/api/hq/reports/takings?from=${day}&to=${day}`, undefined, hq);
      expect(takings.status).toBe(200);
      expect(takings.body.totals.map((t: { currency: string; payments: number; takingsMinor: number; taxMinor: number }) => [t.currency, t.payments, t.takingsMinor, t.taxMinor])).toEqual([
        ['EUR', 2, 6_500, 0],
        ['RUB', 1, 450_000, 75_000],
      ]);
      expect(takings.body.byDay.map((d: { venueName: string; currency: string; takingsMinor: number }) => [d.venueName, d.currency, d.takingsMinor])).toEqual([
        ['Berlin', 'EUR', 4_000],
        ['Moscow', 'RUB', 450_000],
        ['Tokyo typo', 'EUR', 2_500],
      ]);
      const csv = await node.request('GET', `/api/hq/reports/takings.csv?from=${day}&to=${day}`, undefined, hq);
      expect(csv.body.split('\r\n').filter((line: string) => line.startsWith('total,'))).toEqual([
        'total,,,EUR,2,6500,400,0,0,0,2,6500,400,0,0,0,0,0,0,0,0,0,0,0,0,0',
        'total,,,RUB,1,450000,0,1,450000,0,0,0,0,0,0,0,0,0,0,1,0,0,75000,375000,75000,0',
      ]);

      const sales = await node.request('GET', `/api/hq/reports/sales?from=${day}&to=${day}`, undefined, hq);
      expect(sales.status).toBe(200);
      expect(sales.body).toMatchObject({
        orders: 3,
        grossMinor: null,
        currency: null,
        totals: [
          { currency: 'EUR', orders: 2, grossMinor: 2 * eurOrder.totalMinor },
          { currency: 'RUB', orders: 1, grossMinor: rubOrder.totalMinor },
        ],
        byDay: [
          { day, currency: 'EUR', orders: 2, grossMinor: 2 * eurOrder.totalMinor },
          { day, currency: 'RUB', orders: 1, grossMinor: rubOrder.totalMinor },
        ],
      });
      expect(sales.body.topItems.filter((i: { menuItemId: string }) => i.menuItemId === 'lemonade').map((i: { currency: string }) => i.currency).sort()).toEqual(['EUR', 'RUB']);
      const salesCsv = await node.request('GET', `/api/hq/reports/sales.csv?from=${day}&to=${day}`, undefined, hq);
      expect(salesCsv.body).toBe(
        `day,orders,gross_minor,currency\r\n${day},2,${2 * eurOrder.totalMinor},EUR\r\n${day},1,${rubOrder.totalMinor},RUB\r\n` +
          `total,2,${2 * eurOrder.totalMinor},EUR\r\ntotal,1,${rubOrder.totalMinor},RUB\r\n`,
      );
      // The venue created as RUB reports the euros its hub took, as euros.
      const tokyo = await node.request('GET', `/api/hq/reports/sales?venueId=${mislabelled.venueId}&from=${day}&to=${day}`, undefined, hq);
      expect(tokyo.body).toMatchObject({ currency: 'EUR', grossMinor: eurOrder.totalMinor, totals: [{ currency: 'EUR', orders: 1 }] });
      const graphql = await node.request(
        'POST',
        '/graphql',
        { query: `{ sales(from: "${day}", to: "${day}") { currency grossMinor totals { currency grossMinor } } takings(from: "${day}", to: "${day}") { totals { currency takingsMinor } } }` },
        hq,
      );
      expect(graphql.status).toBe(200);
      expect(graphql.body.data).toEqual({
        sales: { currency: null, grossMinor: null, totals: [{ currency: 'EUR', grossMinor: 2 * eurOrder.totalMinor }, { currency: 'RUB', grossMinor: rubOrder.totalMinor }] },
        takings: { totals: [{ currency: 'EUR', takingsMinor: 6_500 }, { currency: 'RUB', takingsMinor: 450_000 }] },
      });
      // A venue with nothing yet reports zero in the venue's currency.
      const empty = await node.request('GET', `/api/hq/reports/sales?venueId=${moscow.venueId}&from=2026-08-02&to=2026-08-02`, undefined, hq);
      expect(empty.body).toMatchObject({ orders: 0, grossMinor: 0, currency: 'RUB', byDay: [{ day: '2026-08-02', currency: 'RUB', orders: 0, grossMinor: 0 }] });
      const none = await node.request('GET', `/api/hq/reports/takings?venueId=${moscow.venueId}&from=2026-08-02&to=2026-08-02`, undefined, hq);
      expect(none.body).toEqual({ venueId: moscow.venueId, from: '2026-08-02', to: '2026-08-02', totals: [], byDay: [] });
      expect((await node.request('GET', '/api/hq/reports/takings?venueId=nope&from=2026-08-02&to=2026-08-02', undefined, hq)).status).toBe(404);
      expect((await node.request('GET', '/api/hq/reports/takings?from=2026-08-03&to=2026-08-02', undefined, hq)).status).toBe(400);
    });
  });

  describe('pairing a hub that says its currency and time zone', () => {
    const createVenue = async (currency: string, timezone: string, name: string) => {
      const created = await node.request('POST', '/api/hq/venues', { name, timezone, currency }, hq);
      expect(created.status).toBe(201);
      return created.body as { id: string; pairingCode: string };
    };
    const venueRecord = async (id: string) => (await node.request('GET', '/api/hq/venues', undefined, hq)).body.venues.find((v: { id: string }) => v.id === id);
    const eurHub = (pairingCode: string) => ({ pairingCode, hubName: 'Demo Bistro', currency: 'EUR', timezone: 'Europe/Berlin' });

    it("gives a fresh venue created as RUB on Tokyo time the EUR hub's currency and time zone", async () => {
      const created = await createVenue('RUB', 'Asia/Tokyo', 'Tokyo bistro');
      const paired = await node.request('POST', '/api/pair', eurHub(created.pairingCode));
      expect(paired.status).toBe(200);
      expect(paired.body).toEqual({ venueId: created.id, hubToken: expect.any(String), currency: 'EUR', timezone: 'Europe/Berlin' });
      expect(await venueRecord(created.id)).toMatchObject({ currency: 'EUR', timezone: 'Europe/Berlin', hubs: 1 });
    });

    it('refuses a EUR hub at a RUB venue that already has a hub, naming both, and keeps the code for the right hub', async () => {
      const created = await createVenue('RUB', 'Asia/Tokyo', 'Tokyo sushi');
      const first = await node.request('POST', '/api/pair', { pairingCode: created.pairingCode, currency: 'RUB', timezone: 'asia/tokyo' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ currency: 'RUB', timezone: 'Asia/Tokyo' });
      const code = (await node.request('POST', `/api/hq/venues/${created.id}/pairing-codes`, undefined, hq)).body.pairingCode as string;

      const refused = await node.request('POST', '/api/pair', eurHub(code));
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({
        error: 'venue_mismatch',
        message: expect.stringMatching(/^This hub sells in EUR on Europe\/Berlin time, but HQ's venue "Tokyo sushi" is set to RUB on Asia\/Tokyo time .*currency and time zone cannot change/),
        hub: { currency: 'EUR', timezone: 'Europe/Berlin' },
        venue: { currency: 'RUB', timezone: 'Asia/Tokyo' },
      });
      expect(await venueRecord(created.id)).toMatchObject({ currency: 'RUB', timezone: 'Asia/Tokyo', hubs: 1 });
      // Only the time zone differs: refused too, and the message says so.
      const zone = await node.request('POST', '/api/pair', { pairingCode: code, currency: 'RUB', timezone: 'Europe/Moscow' });
      expect(zone.status).toBe(409);
      expect(zone.body.message).toMatch(/its time zone cannot change/);
      // The code was not spent: the venue's own kind of hub pairs with it.
      const second = await node.request('POST', '/api/pair', { pairingCode: code, hubName: 'Bar', currency: 'RUB', timezone: 'Asia/Tokyo' });
      expect(second.status).toBe(200);
      expect(await venueRecord(created.id)).toMatchObject({ hubs: 2 });
    });

    it('refuses another currency at a venue whose hub (one too old to say) already sent data', async () => {
      const old = await venue('RUB', 'Asia/Tokyo', 'Tokyo ramen');
      const client = await dayClient(old.venueId, '2026-08-10', old.hubToken);
      writeOrder(client.doc, { ...makeOrder(1, '2026-08-10T03:00:00.000Z'), currency: 'RUB' });
      await settled(client);
      const code = (await node.request('POST', `/api/hq/venues/${old.venueId}/pairing-codes`, undefined, hq)).body.pairingCode as string;
      const refused = await node.request('POST', '/api/pair', eurHub(code));
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('EUR');
      expect(refused.body.message).toContain('RUB');
    });

    it('lets two hubs racing for one fresh venue set its currency only once', async () => {
      const created = await createVenue('USD', 'America/New_York', 'Race');
      const other = (await node.request('POST', `/api/hq/venues/${created.id}/pairing-codes`, undefined, hq)).body.pairingCode as string;
      const [a, b] = await Promise.all([
        node.request('POST', '/api/pair', eurHub(created.pairingCode)),
        node.request('POST', '/api/pair', { pairingCode: other, currency: 'GBP', timezone: 'Europe/London' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? a.body : b.body;
      expect(await venueRecord(created.id)).toMatchObject({ currency: winner.currency, timezone: winner.timezone, hubs: 1 });
    });

    it('checks what the hub says, and does not count a refused venue as a wrong guess', async () => {
      const created = await createVenue('EUR', 'Europe/Berlin', 'Checks');
      for (const body of [
        { pairingCode: created.pairingCode, currency: 'EUR' },
        { pairingCode: created.pairingCode, timezone: 'Europe/Berlin' },
        { pairingCode: created.pairingCode, currency: 'eur', timezone: 'Europe/Berlin' },
        { pairingCode: created.pairingCode, currency: 'EUR', timezone: 'Mars/Olympus' },
      ]) {
        const response = await node.request('POST', '/api/pair', body);
        expect({ body, status: response.status, error: response.body.error }).toEqual({ body, status: 400, error: 'bad_request' });
      }
      const strict = await backend.node({ PAIRING_MAX_FAILURES: '1' });
      try {
        const paired = await strict.request('POST', '/api/pair', { pairingCode: created.pairingCode, currency: 'EUR', timezone: 'Europe/Berlin' });
        expect(paired.status).toBe(200);
        const code = (await strict.request('POST', `/api/hq/venues/${created.id}/pairing-codes`, undefined, hq)).body.pairingCode as string;
        const from = '127.0.0.61';
        for (let i = 0; i < 3; i++) {
          const refused = await strict.requestFrom(from, 'POST', '/api/pair', { pairingCode: code, currency: 'GBP', timezone: 'Europe/London' });
          expect(refused.status).toBe(409);
        }
        expect((await strict.requestFrom(from, 'POST', '/api/pair', { pairingCode: 'WRONG234' })).status).toBe(400);
        expect((await strict.requestFrom(from, 'POST', '/api/pair', { pairingCode: code, currency: 'EUR', timezone: 'Europe/Berlin' })).status).toBe(429);
      } finally {
        await strict.close();
      }
    });
  });
}
