import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '@onemoment/shared/ids';
import { docNames, readStayById, removeStay, setRoomTypes, writeBill, writeStay, type StayInput } from '@onemoment/shared/sync/index';
import { rows } from '../../src/db/database.ts';
import type { Backend, TestCloud } from './cloud-harness.ts';
import { useScenarioNode } from './scenario-node.ts';
import { makeBill } from './payments.ts';
import { TestSyncClient } from './sync-client.ts';

/**
 * The hotel at HQ, on every storage backend: bookings travel in the stays documents (by arrival
 * month) and room types in the config document, are projected into report tables, and come back as
 * per-night figures (REST, CSV, GraphQL) checked against figures worked out by hand; HQ books a stay,
 * which lands in the venue's stays document for its hub; hostile input changes nothing.
 */
export function hotelScenarios(openBackend: () => Promise<Backend>): void {
  const scenario = useScenarioNode(openBackend);
  const { client, settled } = scenario;
  let node: TestCloud;
  let hq: string;
  beforeAll(() => {
    ({ node, hq } = scenario.started());
  });

  const db = () => node.cloud.context.database.db;
  async function hotel(name: string, currency = 'EUR') {
    const created = await node.request('POST', '/api/hq/venues', { name, timezone: 'Europe/Berlin', currency }, hq);
    expect(created.status).toBe(201);
    const paired = await node.request('POST', '/api/pair', { pairingCode: created.body.pairingCode, hubName: 'front desk', currency, timezone: 'Europe/Berlin' });
    expect(paired.status).toBe(200);
    const venueId = created.body.id as string;
    const config = await client(docNames.config(venueId), paired.body.hubToken);
    setRoomTypes(config.doc, [
      { id: 'standard', name: 'Standard', rooms: 3 },
      { id: 'suite', name: 'Suite', rooms: 1 },
    ]);
    await settled(config);
    return { venueId, hubToken: paired.body.hubToken as string };
  }
  const stay = (overrides: Partial<StayInput>): StayInput => ({
    id: newId(),
    roomTypeId: 'standard',
    roomId: null,
    roomNumber: null,
    arrival: '2026-09-01',
    departure: '2026-09-02',
    status: 'confirmed',
    adults: 2,
    children: 0,
    totalMinor: 10_000,
    currency: 'EUR',
    source: 'hub',
    guestName: 'Guest A',
    statusAt: '2026-08-20T10:00:00.000Z',
    ...overrides,
  });
  const money = (roomsSold: number, roomRevenueMinor: number, adrMinor: number | null, revparMinor: number | null, roomServiceMinor = 0) => [
    { currency: 'EUR', roomsSold, roomRevenueMinor, adrMinor, revparMinor, roomServiceMinor },
  ];

  describe('the hotel report', () => {
    let venue: { venueId: string; hubToken: string };
    let september: TestSyncClient;
    const b1 = stay({ roomId: 'room-101', roomNumber: '101', departure: '2026-09-03', totalMinor: 20_001, guestName: 'Guest A' });
    const b2 = stay({ roomTypeId: 'suite', totalMinor: 30_000, status: 'checked_in', guestName: 'Guest B' });
    const b3 = stay({ arrival: '2026-09-02', departure: '2026-09-04', totalMinor: 16_000, status: 'tentative', guestName: 'Guest C' });
    const b4 = stay({ arrival: '2026-09-02', departure: '2026-09-03', totalMinor: 9_000, status: 'cancelled', guestName: 'Guest D' });
    const b5 = stay({ arrival: '2026-08-31', departure: '2026-09-02', totalMinor: 24_000, status: 'checked_out', source: 'cloudbeds', guestName: 'Guest E' });

    it('gives rooms, occupancy, ADR, RevPAR, arrivals, departures and room service per night, as worked out by hand', async () => {
      venue = await hotel('Harbour hotel');
      september = await client(docNames.stays(venue.venueId, '2026-09'), venue.hubToken);
      for (const s of [b1, b2, b3, b4]) writeStay(september.doc, s);
      const august = await client(docNames.stays(venue.venueId, '2026-08'), venue.hubToken);
      writeStay(august.doc, b5);
      const day = await client(docNames.day(venue.venueId, '2026-09-01'), venue.hubToken);
      writeBill(day.doc, { ...makeBill('visit-room-101', '2026-09-01T20:00:00.000Z', { subtotalMinor: 2_450, totalMinor: 2_450, paidMinor: 2_450 }), roomService: true });
      writeBill(day.doc, makeBill('visit-table-4', '2026-09-01T20:05:00.000Z', { subtotalMinor: 5_000, totalMinor: 5_000, paidMinor: 5_000 }));
      await Promise.all([settled(september), settled(august), settled(day)]);
      expect([...september.denials, ...august.denials, ...day.denials]).toEqual([]);

      const [row] = await rows<{ stay_month: string; source: string; guest_name: string; nights: number }>(
        db(),
        sql`SELECT stay_month, source, guest_name, nights FROM report_stays WHERE venue_id = ${venue.venueId} AND booking_id = ${b5.id}`,
      );
      expect(row).toEqual({ stay_month: '2026-08', source: 'cloudbeds', guest_name: 'Guest E', nights: 2 });

      // 1 Sep: B1 (10,001 of 20,001), B2 (30,000) and B5 (12,000 of 24,000) hold 3 of 4 rooms; B1 and B2 arrive.
      // 2 Sep: only B1 (10,000); B3 is tentative and B4 cancelled; B2 and B5 leave. 3 Sep: B1 leaves.
      const report = await node.request('GET', `/api/hq/reports/hotel?venueId=${venue.venueId}&from=2026-09-01&to=2026-09-03`, undefined, hq);
      expect(report.status).toBe(200);
      const night = (date: string, sold: number, occupancy: number, arrivals: number, departures: number, m: ReturnType<typeof money>) => ({
        night: date, venueId: venue.venueId, venueName: 'Harbour hotel', roomsAvailable: 4, roomsSold: sold, occupancyPercent: occupancy, arrivals, departures, money: m,
      });
      expect(report.body).toEqual({
        venueId: venue.venueId,
        from: '2026-09-01',
        to: '2026-09-03',
        byNight: [
          night('2026-09-01', 3, 75, 2, 0, money(3, 52_001, 17_334, 13_000, 2_450)),
          night('2026-09-02', 1, 25, 0, 2, money(1, 10_000, 10_000, 2_500)),
          night('2026-09-03', 0, 0, 0, 1, money(0, 0, null, 0)),
        ],
        totals: [{
          venueId: venue.venueId, venueName: 'Harbour hotel', roomNightsAvailable: 12, roomNightsSold: 4, occupancyPercent: 33.3, arrivals: 2, departures: 3,
          money: money(4, 62_001, 15_500, 5_167, 2_450),
        }],
      });

      const csv = await node.request('GET', `/api/hq/reports/hotel.csv?venueId=${venue.venueId}&from=2026-09-01&to=2026-09-03`, undefined, hq);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="hotel-${venue.venueId}-2026-09-01-2026-09-03.csv"`);
      expect(csv.body).toBe(
        [
          'night,venue_id,venue_name,currency,rooms_available,rooms_sold,occupancy_percent,arrivals,departures,room_revenue_minor,adr_minor,revpar_minor,room_service_minor',
          `2026-09-01,${venue.venueId},Harbour hotel,EUR,4,3,75,2,0,52001,17334,13000,2450`,
          `2026-09-02,${venue.venueId},Harbour hotel,EUR,4,1,25,0,2,10000,10000,2500,0`,
          `2026-09-03,${venue.venueId},Harbour hotel,EUR,4,0,0,0,1,0,,0,0`,
          `total,${venue.venueId},Harbour hotel,EUR,12,4,33.3,2,3,62001,15500,5167,2450`,
          '',
        ].join('\r\n'),
      );

      const graphql = await node.request(
        'POST',
        '/graphql',
        { query: `{ hotel(venueId: "${venue.venueId}", from: "2026-09-01", to: "2026-09-02") { byNight { night roomsSold occupancyPercent money { currency adrMinor revparMinor roomServiceMinor } } totals { roomNightsSold occupancyPercent } } }` },
        hq,
      );
      expect(graphql.status).toBe(200);
      expect(graphql.body.data.hotel).toEqual({
        byNight: [
          { night: '2026-09-01', roomsSold: 3, occupancyPercent: 75, money: [{ currency: 'EUR', adrMinor: 17_334, revparMinor: 13_000, roomServiceMinor: 2_450 }] },
          { night: '2026-09-02', roomsSold: 1, occupancyPercent: 25, money: [{ currency: 'EUR', adrMinor: 10_000, revparMinor: 2_500, roomServiceMinor: 0 }] },
        ],
        totals: [{ roomNightsSold: 4, occupancyPercent: 50 }],
      });
      const bad = await node.request('POST', '/graphql', { query: '{ hotel(from: "2026-09-03", to: "2026-09-01") { totals { venueId } } }' }, hq);
      expect(bad.body.errors[0].message).toBe('from must not be after to.');
    });

    it('moves a booking whose arrival moved to another month, whichever document arrives first', async () => {
      const october = await client(docNames.stays(venue.venueId, '2026-10'), venue.hubToken);
      // The new month's document is stored before the old one loses the booking.
      writeStay(october.doc, { ...b1, arrival: '2026-10-05', departure: '2026-10-07' });
      await settled(october);
      removeStay(september.doc, b1.id);
      await settled(september);
      const stays = await rows<{ stay_month: string; arrival: string }>(db(), sql`SELECT stay_month, to_char(arrival, 'YYYY-MM-DD') AS arrival FROM report_stays WHERE booking_id = ${b1.id}`);
      expect(stays).toEqual([{ stay_month: '2026-10', arrival: '2026-10-05' }]);
      const nights = await rows<{ night: string; revenue_minor: string | number }>(
        db(),
        sql`SELECT to_char(night, 'YYYY-MM-DD') AS night, revenue_minor FROM report_stay_nights WHERE booking_id = ${b1.id} ORDER BY night`,
      );
      expect(nights.map((n) => [n.night, Number(n.revenue_minor)])).toEqual([['2026-10-05', 10_001], ['2026-10-06', 10_000]]);
      const report = await node.request('GET', `/api/hq/reports/hotel?venueId=${venue.venueId}&from=2026-09-01&to=2026-09-01`, undefined, hq);
      expect(report.body.byNight[0]).toMatchObject({ roomsSold: 2, arrivals: 1, money: money(2, 42_000, 21_000, 10_500, 2_450) });
    });

    it('refuses stays that carry personal data or do not fit their month, and keeps the report as it was', async () => {
      const name = docNames.stays(venue.venueId, '2026-09');
      const foreign = (write: (doc: Y.Doc) => void) => {
        const doc = new Y.Doc();
        write(doc);
        return Y.encodeStateAsUpdateV2(doc);
      };
      const record = (s: StayInput, extra: Array<[string, unknown]>) => {
        const doc = new Y.Doc();
        writeStay(doc, s);
        const map = doc.getMap<Y.Map<unknown>>('bookings').get(s.id)!;
        for (const [key, value] of extra) map.set(key, value);
        return Y.encodeStateAsUpdateV2(doc);
      };
      const bad: Array<[number, Uint8Array, RegExp]> = [
        [3001, record(stay({}), [['email', 'guest@example.com']]), /"email" is not a field of a stay/],
        [3002, record(stay({}), [['phone', '+49 30 1234567']]), /"phone" is not a field of a stay/],
        [3003, record(stay({}), [['idPhoto', 'data:image/png;base64,AAAA']]), /"idPhoto" is not a field of a stay/],
        [3004, record(stay({ arrival: '2026-10-01', departure: '2026-10-02' }), []), /its arrival 2026-10-01 is not in 2026-09/],
        [3005, foreign((d) => d.getMap('guests').set('x', 1)), /"guests", which is not part of this document/],
      ];
      const before = Number((await rows<{ n: string }>(db(), sql`SELECT count(*) AS n FROM doc_updates WHERE doc_name = ${name}`))[0]!.n);
      for (const [id, update, reason] of bad) {
        const denials = september.denials.length;
        september.sendClientUpdate(id, update);
        await september.until(() => september.denials.length === denials + 1, `the refusal of update ${id}`);
        expect(september.denials.at(-1)).toMatch(reason);
      }
      expect(Number((await rows<{ n: string }>(db(), sql`SELECT count(*) AS n FROM doc_updates WHERE doc_name = ${name}`))[0]!.n)).toBe(before);
      expect(await rows(db(), sql`SELECT booking_id FROM report_stays WHERE venue_id = ${venue.venueId} AND guest_name = 'Guest A' AND stay_month = '2026-09'`)).toEqual([]);
    });
  });

  describe('HQ books a stay', () => {
    let venue: { venueId: string; hubToken: string };
    const path = () => `/api/hq/venues/${venue.venueId}/bookings`;
    const body = (overrides: Record<string, unknown> = {}) => ({
      id: newId(), roomTypeId: 'suite', arrival: '2026-11-10', departure: '2026-11-12', guest: { name: 'Guest F' }, adults: 2, totalMinor: 50_000, ...overrides,
    });

    it("writes the booking into the venue's stays document of its arrival month, for the hub, and reports it", async () => {
      venue = await hotel('Lake hotel');
      const hub = await client(docNames.stays(venue.venueId, '2026-11'), venue.hubToken);
      const booking = body();
      const created = await node.request('POST', path(), booking, hq);
      expect(created.status).toBe(202);
      expect(created.body).toEqual({
        venueId: venue.venueId, id: booking.id, roomTypeId: 'suite', roomId: null, roomNumber: null, arrival: '2026-11-10', departure: '2026-11-12', nights: 2,
        status: 'confirmed', adults: 2, children: 0, totalMinor: 50_000, currency: 'EUR', source: 'hq', guestName: 'Guest F',
      });
      // The hub's copy of the document gets it pushed.
      await hub.until(() => readStayById(hub.doc, booking.id) !== null, 'the booking pushed to the hub');
      expect(readStayById(hub.doc, booking.id)).toMatchObject({ source: 'hq', status: 'confirmed', guestName: 'Guest F' });
      const report = await node.request('GET', `/api/hq/reports/hotel?venueId=${venue.venueId}&from=2026-11-10&to=2026-11-10`, undefined, hq);
      expect(report.body.byNight[0]).toMatchObject({ roomsSold: 1, arrivals: 1, money: money(1, 25_000, 25_000, 6_250) });

      // The same booking again (a retried request) is the same booking; the same id with other details is not.
      const again = await node.request('POST', path(), booking, hq);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(booking.id);
      const changed = await node.request('POST', path(), { ...booking, adults: 1 }, hq);
      expect(changed).toMatchObject({ status: 409, body: { error: 'booking_exists' } });
      const moved = await node.request('POST', path(), { ...booking, arrival: '2026-12-10', departure: '2026-12-11' }, hq);
      expect(moved).toMatchObject({ status: 409, body: { error: 'booking_exists' } });
      const types = await node.request('GET', `/api/hq/venues/${venue.venueId}/room-types`, undefined, hq);
      expect(types.body).toEqual({ venueId: venue.venueId, roomTypes: [{ id: 'standard', name: 'Standard', rooms: 3 }, { id: 'suite', name: 'Suite', rooms: 1 }] });
    });

    it('refuses hostile and wrong input with a clear 4xx, and stores nothing', async () => {
      const stored = async () => Number((await rows<{ n: string }>(db(), sql`SELECT count(*) AS n FROM report_stays WHERE venue_id = ${venue.venueId}`))[0]!.n);
      const before = await stored();
      const cases: Array<[string, unknown, number, string]> = [
        ['an id that is no UUIDv7', body({ id: 'booking-1' }), 400, 'bad_request'],
        ['an email (never synced)', body({ guest: { name: 'Guest G', email: 'guest@example.com' } }), 400, 'bad_request'],
        ['a field HQ does not send', body({ roomId: 'room-101' }), 400, 'bad_request'],
        ['departure before arrival', body({ departure: '2026-11-09' }), 400, 'bad_dates'],
        ['a date that does not exist', body({ arrival: '2026-02-30', departure: '2026-03-02' }), 400, 'bad_dates'],
        ['a stay of two years', body({ departure: '2028-11-10' }), 400, 'bad_dates'],
        ['no adult', body({ adults: 0 }), 400, 'bad_request'],
        ['a control character in the name', body({ guest: { name: 'Guest\u0000G' } }), 400, 'bad_request'],
        ['a negative total', body({ totalMinor: -1 }), 400, 'bad_request'],
        ['another currency', body({ currency: 'USD' }), 400, 'wrong_currency'],
        ['a room type the hub never synced', body({ roomTypeId: 'penthouse' }), 404, 'unknown_room_type'],
        ['not JSON', '{"id":', 400, 'invalid_json'],
      ];
      for (const [what, payload, status, error] of cases) {
        const response = await node.request('POST', path(), payload, hq);
        expect({ what, status: response.status, error: response.body.error }).toEqual({ what, status, error });
        expect(response.body.message).toEqual(expect.any(String));
      }
      expect((await node.request('POST', path(), body())).status).toBe(401);
      expect((await node.request('POST', '/api/hq/venues/no-such-venue/bookings', body(), hq)).status).toBe(404);
      expect((await node.request('POST', '/api/hq/venues/..%2Fx/bookings', body(), hq)).status).toBe(400);
      expect(await stored()).toBe(before);
    });
  });
}
