import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docNames, readMenuItems, readOrders, setMenuItem, writeOrder } from '@onemoment/shared/sync/index';
import { rows } from '../../src/db/database.ts';
import type { Backend, TestCloud } from './cloud-harness.ts';
import { endedOrder, makeOrder, readyOrder } from './orders.ts';
import { TestSyncClient } from './sync-client.ts';

interface ReportRow {
  order_id: string;
  number: number;
  status: string;
  total_minor: string | number;
  item_count: number;
  business_day: string;
}

async function reportRows(t: TestCloud, venueId: string): Promise<ReportRow[]> {
  return rows<ReportRow>(
    t.cloud.context.database.db,
    sql`SELECT order_id, number, status, total_minor, item_count, to_char(business_day, 'YYYY-MM-DD') AS business_day
        FROM report_orders WHERE venue_id = ${venueId} ORDER BY number, order_id`,
  );
}

async function itemRowCount(t: TestCloud, venueId: string): Promise<number> {
  const [row] = await rows<{ n: string | number }>(t.cloud.context.database.db, sql`SELECT count(*) AS n FROM report_order_items WHERE venue_id = ${venueId}`);
  return Number(row!.n);
}

/** The report rows must say exactly what the hub's document says: same orders, statuses, totals. */
function expectRowsEqualDoc(report: ReportRow[], doc: Y.Doc, businessDay: string): void {
  const expected = readOrders(doc).map((o) => ({
    order_id: o.id,
    number: o.number,
    status: o.status,
    total_minor: o.totalMinor,
    item_count: o.items.reduce((sum, item) => sum + item.quantity, 0),
    business_day: businessDay,
  }));
  expect(report.map((r) => ({ ...r, total_minor: Number(r.total_minor) }))).toEqual(expected);
}

async function connectClient(t: TestCloud, docName: string, token: string | null, options: { deflate?: boolean } = {}): Promise<TestSyncClient> {
  const client = new TestSyncClient(TestSyncClient.wsUrl(t.baseUrl, docName), token, undefined, options.deflate);
  await client.connect();
  return client;
}

/** The scenarios every storage backend must pass. */
export function syncScenarios(openBackend: () => Promise<Backend>): void {
  let backend: Backend;
  let node: TestCloud;
  let hq: string;
  const clients: TestSyncClient[] = [];
  const track = (client: TestSyncClient) => (clients.push(client), client);

  beforeAll(async () => {
    backend = await openBackend();
    node = await backend.node();
    hq = await node.hqToken();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await node?.close();
    await backend?.dispose();
  });

  describe('syncing a day document', () => {
    it('stores a hub\'s orders and projects report rows equal to them, with sales figures', async () => {
      const { venueId, hubToken } = await node.pairedVenue(hq);
      const day = '2026-06-01';
      // Offering permessage-deflate, as the hub's ws client does by default (the cloud declines it).
      const client = track(await connectClient(node, docNames.day(venueId, day), hubToken, { deflate: true }));
      await client.until(() => client.synced, 'the first sync');

      const placed = Array.from({ length: 12 }, (_, i) => makeOrder(i + 1, `2026-06-01T${String(10 + (i % 4)).padStart(2, '0')}:00:00.000Z`));
      for (const order of placed) writeOrder(client.doc, order);
      // Two orders ready after 5 and 10 minutes, one cancelled, one voided.
      writeOrder(client.doc, readyOrder(placed[0]!, '2026-06-01T10:05:00.000Z'));
      writeOrder(client.doc, readyOrder(placed[1]!, '2026-06-01T11:10:00.000Z'));
      writeOrder(client.doc, endedOrder(placed[2]!, 'cancelled', '2026-06-01T12:01:00.000Z'));
      writeOrder(client.doc, endedOrder(placed[3]!, 'voided', '2026-06-01T13:30:00.000Z'));
      await client.until(() => client.unacked.size === 0, 'every update acknowledged');
      expect(client.denials).toEqual([]);

      // The ack is sent after the commit that also wrote the report rows: no waiting needed.
      expectRowsEqualDoc(await reportRows(node, venueId), client.doc, day);
      expect(await itemRowCount(node, venueId)).toBe(12 * 3);

      const counted = placed.slice(0).filter((_, i) => i !== 2 && i !== 3);
      const gross = counted.reduce((sum, o) => sum + o.totalMinor, 0);
      const report = await node.request('GET', `/api/hq/reports/sales?venueId=${venueId}&from=2026-05-31&to=2026-06-02`, undefined, hq);
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ orders: 10, grossMinor: gross, currency: 'EUR', totals: [{ currency: 'EUR', orders: 10, grossMinor: gross }], avgTicketSeconds: 450 });
      expect(report.body.p90TicketSeconds).toBeGreaterThanOrEqual(540);
      expect(report.body.p90TicketSeconds).toBeLessThanOrEqual(600);
      expect(report.body.byDay).toEqual([
        { day: '2026-05-31', currency: 'EUR', orders: 0, grossMinor: 0 },
        { day: '2026-06-01', currency: 'EUR', orders: 10, grossMinor: gross },
        { day: '2026-06-02', currency: 'EUR', orders: 0, grossMinor: 0 },
      ]);
      // 10:00Z is 12:00 in Berlin (summer time): hours are the venue's.
      expect(report.body.byHour.map((h: { orders: number }) => h.orders).slice(12, 16)).toEqual([3, 3, 2, 2]);
      expect(report.body.byHour.reduce((sum: number, h: { orders: number }) => sum + h.orders, 0)).toBe(10);
      expect(report.body.topItems[0]).toEqual({ menuItemId: 'lemonade', name: 'Lemonade', currency: 'EUR', quantity: 20, grossMinor: 20 * 450 });

      const csv = await node.request('GET', `/api/hq/reports/sales.csv?venueId=${venueId}&from=2026-06-01&to=2026-06-01`, undefined, hq);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.body).toBe(`day,orders,gross_minor,currency\r\n2026-06-01,10,${gross},EUR\r\ntotal,10,${gross},EUR\r\n`);

      const graphql = await node.request(
        'POST',
        '/graphql',
        { query: `{ sales(venueId: "${venueId}", from: "2026-06-01", to: "2026-06-01") { orders grossMinor currency avgTicketSeconds topItems { menuItemId quantity } } }` },
        hq,
      );
      expect(graphql.status).toBe(200);
      expect(graphql.body.data.sales).toMatchObject({ orders: 10, grossMinor: gross, currency: 'EUR', avgTicketSeconds: 450 });
      expect(graphql.body.data.sales.topItems[0]).toEqual({ menuItemId: 'lemonade', quantity: 20 });

      // A second hub connection gets the same document from the cloud.
      const reader = track(await connectClient(node, docNames.day(venueId, day), hubToken));
      await reader.until(() => reader.synced, 'the reader\'s sync');
      expect(readOrders(reader.doc)).toEqual(readOrders(client.doc));
    });

    it('refuses an update that does not decode or does not fit the layout, and keeps the document as it was', async () => {
      const { venueId, hubToken } = await node.pairedVenue(hq);
      const docName = docNames.day(venueId, '2026-06-02');
      const client = track(await connectClient(node, docName, hubToken));
      await client.until(() => client.synced, 'the first sync');
      writeOrder(client.doc, makeOrder(1, '2026-06-02T10:00:00.000Z'));
      await client.until(() => client.unacked.size === 0, 'the first order acknowledged');
      const stored = async () => Number((await rows<{ n: string }>(node.cloud.context.database.db, sql`SELECT count(*) AS n FROM doc_updates WHERE doc_name = ${docName}`))[0]!.n);
      const before = await stored();

      const foreign = (write: (doc: Y.Doc) => void) => {
        const doc = new Y.Doc();
        write(doc);
        return Y.encodeStateAsUpdateV2(doc);
      };
      const bad: Array<[number, Uint8Array, RegExp]> = [
        [1001, new Uint8Array([1, 2, 3, 250, 255, 7]), /does not decode/],
        [1002, foreign((d) => d.getMap('evil').set('x', 1)), /"evil", which is not part of this document/],
        [1003, foreign((d) => d.getArray('orders').push([1])), /list content/],
        [1004, foreign((d) => d.getMap('orders').set('bad-order', 'not a map')), /does not fit the document's layout/],
        [1005, foreign((d) => d.getMap('orders').set('half', new Y.Map([['id', 'half']]))), /does not fit the document's layout/],
      ];
      for (const [id, update, reason] of bad) {
        client.sendClientUpdate(id, update);
        await client.until(() => client.denials.length === id - 1000, `the refusal of update ${id}`);
        expect(client.denials.at(-1)).toMatch(new RegExp(`^update ${id} was refused: `));
        expect(client.denials.at(-1)).toMatch(reason);
      }
      // A frame that is not even a message, and a plain y-websocket update that does not decode.
      client.sendRaw(new Uint8Array([0xff]));
      await client.until(() => client.denials.length === bad.length + 1, 'the refusal of a broken frame');
      client.sendSyncUpdate(new Uint8Array([9, 9, 9]));
      await client.until(() => client.denials.length === bad.length + 2, 'the refusal of a broken sync update');
      expect(client.acked.size).toBe(1);
      expect(await stored()).toBe(before);

      // Still healthy: a good update after the bad ones is stored, and a fresh copy has only the good data.
      writeOrder(client.doc, makeOrder(2, '2026-06-02T10:05:00.000Z'));
      await client.until(() => client.unacked.size === 0, 'the good order acknowledged');
      const reader = track(await connectClient(node, docName, hubToken));
      await reader.until(() => reader.synced, 'the reader\'s sync');
      expect([...reader.doc.share.keys()]).toEqual(['orders']);
      expect(readOrders(reader.doc).map((o) => o.number)).toEqual([1, 2]);
      expect([...reader.doc.getMap('orders').keys()].sort()).toEqual(readOrders(client.doc).map((o) => o.id).sort());
      expectRowsEqualDoc(await reportRows(node, venueId), client.doc, '2026-06-02');
    });

    it('closes with 4401 a token of another venue, an unknown token or none, and refuses a bad address', async () => {
      const first = await node.pairedVenue(hq);
      const second = await node.pairedVenue(hq);
      const docName = docNames.day(first.venueId, '2026-06-03');
      for (const token of [second.hubToken, 'not-a-token', null]) {
        const client = track(await connectClient(node, docName, token));
        await client.until(() => client.closed !== null, 'the socket to be closed');
        expect(client.closed!.code).toBe(4401);
        expect(client.synced).toBe(false);
      }
      // ?token= works for browsers, and only for the token's own venue.
      const viaQuery = track(new TestSyncClient(`${TestSyncClient.wsUrl(node.baseUrl, docName)}?token=${first.hubToken}`, null));
      await viaQuery.connect();
      await viaQuery.until(() => viaQuery.synced, 'a sync with the token in the query');
      const badName = new TestSyncClient(`${node.baseUrl.replace('http', 'ws')}/sync/${encodeURIComponent(`venue/${first.venueId}/day/2026-02-30`)}`, first.hubToken);
      await expect(badName.connect()).rejects.toThrow(/HTTP 400/);
      // Plain y-websocket clients put the room name in the path as it is: accepted too.
      const slashes = track(new TestSyncClient(`${node.baseUrl.replace('http', 'ws')}/sync/venue/${first.venueId}/config`, first.hubToken));
      await slashes.connect();
      await slashes.until(() => slashes.synced, 'a sync with an unencoded name');
      const elsewhere = new TestSyncClient(`${node.baseUrl.replace('http', 'ws')}/other/${encodeURIComponent(docName)}`, first.hubToken);
      await expect(elsewhere.connect()).rejects.toThrow(/HTTP 404/);
    });
  });

  describe('crashes and several nodes', () => {
    it('loses nothing and doubles nothing when the cloud is killed in the middle of a sync', async () => {
      const store = await backend.ownStore();
      let cloud = await store.open({ COMPACT_AFTER_UPDATES: '5', SYNC_BATCH_MAX: '7' });
      try {
        const token = await cloud.hqToken();
        const { venueId, hubToken } = await cloud.pairedVenue(token);
        const day = '2026-06-04';
        const docName = docNames.day(venueId, day);
        const client = track(await connectClient(cloud, docName, hubToken));
        await client.until(() => client.synced, 'the first sync');
        const orders = Array.from({ length: 150 }, (_, i) => makeOrder(i + 1, '2026-06-04T18:00:00.000Z', [1 + (i % 3), i % 2, 1]));
        for (const order of orders.slice(0, 100)) writeOrder(client.doc, order);
        await client.until(() => client.acked.size >= 30, 'the first 30 acknowledgements');
        // The last 50 leave the client in the same turn as the kill: the cloud never gets to read them.
        for (const order of orders.slice(100)) writeOrder(client.doc, order);
        await cloud.kill();
        await client.until(() => client.closed !== null, 'the socket to drop');
        expect(client.unacked.size).toBeGreaterThanOrEqual(50);

        cloud = await store.open({ COMPACT_AFTER_UPDATES: '5', SYNC_BATCH_MAX: '7' });
        // Everything acknowledged before the crash is there before the hub even reconnects.
        const survived = new Set((await reportRows(cloud, venueId)).map((r) => r.number));
        for (const id of client.acked) expect(survived.has(id)).toBe(true); // update n carried order n
        // The hub reconnects and resends what was not acknowledged (some of it may have been stored).
        client.retarget(TestSyncClient.wsUrl(cloud.baseUrl, docName));
        await client.connect();
        await client.until(() => client.unacked.size === 0 && client.synced, 'every resent update acknowledged');
        const report = await reportRows(cloud, venueId);
        expect(report).toHaveLength(150);
        expectRowsEqualDoc(report, client.doc, day);
        expect(await itemRowCount(cloud, venueId)).toBe(orders.reduce((n, o) => n + o.items.length, 0));
        const [snapshot] = await rows<{ n: string }>(cloud.cloud.context.database.db, sql`SELECT count(*) AS n FROM doc_snapshots WHERE doc_name = ${docName}`);
        expect(Number(snapshot!.n)).toBe(1); // compaction ran

        const reader = track(await connectClient(cloud, docName, hubToken));
        await reader.until(() => reader.synced, 'a fresh copy');
        expect(readOrders(reader.doc)).toEqual(readOrders(client.doc));

        // A hub that lost its acknowledgements sends everything again: acknowledged, stored once.
        const storedRows = async () => Number((await rows<{ n: string }>(cloud.cloud.context.database.db, sql`SELECT count(*) AS n FROM doc_updates WHERE doc_name = ${docName}`))[0]!.n);
        const rowsBefore = await storedRows();
        const everything = Y.encodeStateAsUpdateV2(client.doc);
        client.sendClientUpdate(5000, everything);
        await client.until(() => client.acked.has(5000), 'the acknowledgement of the full resend');
        expect(await storedRows()).toBe(rowsBefore);
        expectRowsEqualDoc(await reportRows(cloud, venueId), client.doc, day);
      } finally {
        await cloud.close();
        await store.dispose();
      }
    });

    it('pushes an HQ price edit made through node B to a hub connected to node A', async () => {
      const nodeA = node;
      const nodeB = await backend.node();
      try {
        const { venueId, hubToken } = await nodeA.pairedVenue(hq);
        const client = track(await connectClient(nodeA, docNames.config(venueId), hubToken));
        await client.until(() => client.synced, 'the first sync');
        setMenuItem(client.doc, 'burger', { priceMinor: 1450, available: true, updatedAt: '2026-06-05T09:00:00.000Z' });
        setMenuItem(client.doc, 'salad', { priceMinor: 990, available: true, updatedAt: '2026-06-05T09:00:00.000Z' });
        await client.until(() => client.unacked.size === 0, 'the menu acknowledged');

        const hqB = await nodeB.hqToken();
        const edit = await nodeB.request('PATCH', `/api/hq/venues/${venueId}/menu/items/burger`, { priceMinor: 1600 }, hqB);
        expect(edit.status).toBe(200);
        expect(edit.body).toMatchObject({ id: 'burger', priceMinor: 1600, available: true });
        await client.until(() => readMenuItems(client.doc).find((i) => i.id === 'burger')?.priceMinor === 1600, 'the new price at the hub on node A');

        // And the other way round: the hub's change reaches node B's view.
        setMenuItem(client.doc, 'salad', { available: false, updatedAt: '2026-06-05T09:05:00.000Z' });
        await client.until(() => client.unacked.size === 0, 'the hub change acknowledged');
        const list = await nodeB.request('GET', `/api/hq/venues/${venueId}/menu/items`, undefined, hqB);
        expect(list.body.items).toEqual([
          expect.objectContaining({ id: 'burger', priceMinor: 1600, available: true }),
          expect.objectContaining({ id: 'salad', priceMinor: 990, available: false }),
        ]);

        const refusals = [
          [`/api/hq/venues/${venueId}/menu/items/pizza`, { priceMinor: 1 }, 404, 'not_synced'],
          ['/api/hq/venues/nope/menu/items/burger', { priceMinor: 1 }, 404, 'not_found'],
          [`/api/hq/venues/${venueId}/menu/items/burger`, {}, 400, 'bad_request'],
          [`/api/hq/venues/${venueId}/menu/items/burger`, { priceMinor: -1 }, 400, 'bad_request'],
          [`/api/hq/venues/${venueId}/menu/items/burger`, { priceMinor: '12' }, 400, 'bad_request'],
          [`/api/hq/venues/${venueId}/menu/items/burger`, { price: 12 }, 400, 'bad_request'],
        ] as const;
        for (const [path, body, status, error] of refusals) {
          const response = await nodeB.request('PATCH', path, body, hqB);
          expect({ path, body, status: response.status, error: response.body.error }).toEqual({ path, body, status, error });
        }
      } finally {
        await nodeB.close();
      }
    });
  });

  describe('HQ', () => {
    it('needs a login for every HQ route and GraphQL', async () => {
      const wrong = await node.request('POST', '/api/hq/login', { email: 'hq@onemoment.local', password: 'wrong' });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ error: 'unauthorized', message: 'The email or password is wrong.' });
      const unknown = await node.request('POST', '/api/hq/login', { email: 'who@nowhere', password: 'onemoment-demo' });
      expect(unknown.status).toBe(401);
      for (const token of [undefined, 'forged-token']) {
        for (const [method, path, body] of [
          ['GET', '/api/hq/venues', undefined],
          ['POST', '/api/hq/venues', { name: 'x', timezone: 'UTC', currency: 'EUR' }],
          ['GET', '/api/hq/reports/sales?from=2026-06-01&to=2026-06-01', undefined],
          ['GET', '/api/hq/reports/sales.csv?from=2026-06-01&to=2026-06-01', undefined],
          ['PATCH', '/api/hq/venues/v1/menu/items/burger', { priceMinor: 1 }],
          ['POST', '/graphql', { query: '{ sales(from: "2026-06-01", to: "2026-06-01") { orders } }' }],
        ] as const) {
          const response = await node.request(method, path, body, token);
          expect({ path, status: response.status }).toEqual({ path, status: 401 });
        }
      }
    });

    it('lists venues with their sync state, hands out single-use pairing codes and checks input', async () => {
      const created = await node.request('POST', '/api/hq/venues', { name: 'Harbour café', timezone: 'Europe/Lisbon', currency: 'EUR' }, hq);
      expect(created.status).toBe(201);
      expect(created.body.pairingCode).toMatch(/^[3469ACDEFGHJKMNPQRTUVWXY]{8}$/);
      const typed = `${created.body.pairingCode.slice(0, 4).toLowerCase()}-${created.body.pairingCode.slice(4)}`;
      const paired = await node.request('POST', '/api/pair', { pairingCode: typed, hubName: 'Kitchen box' });
      expect(paired.status).toBe(200);
      expect(paired.body).toEqual({ venueId: created.body.id, hubToken: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), currency: 'EUR', timezone: 'Europe/Lisbon' });
      const again = await node.request('POST', '/api/pair', { pairingCode: created.body.pairingCode });
      expect(again.status).toBe(400);
      expect(again.body.error).toBe('invalid_pairing_code');

      const client = track(await connectClient(node, docNames.day(created.body.id, '2026-06-06'), paired.body.hubToken));
      await client.until(() => client.synced, 'the first sync');
      writeOrder(client.doc, makeOrder(1, '2026-06-06T10:00:00.000Z'));
      await client.until(() => client.unacked.size === 0, 'the order acknowledged');
      const venues = await node.request('GET', '/api/hq/venues', undefined, hq);
      const venue = venues.body.venues.find((v: { id: string }) => v.id === created.body.id);
      expect(venue).toMatchObject({ name: 'Harbour café', timezone: 'Europe/Lisbon', currency: 'EUR', hubs: 1, connectedHubs: 1 });
      expect(venue.lagMs).toBeGreaterThanOrEqual(0);
      expect(venue.lagMs).toBeLessThan(60_000);
      expect(venue.lastSeenAt).not.toBeNull();

      for (const body of [
        { name: 'x', timezone: 'Mars/Olympus', currency: 'EUR' },
        { name: 'x', timezone: 'UTC', currency: 'eur' },
        { name: '', timezone: 'UTC', currency: 'EUR' },
        { name: 'x', timezone: 'UTC', currency: 'EUR', extra: 1 },
      ]) {
        const response = await node.request('POST', '/api/hq/venues', body, hq);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
      }
      for (const query of ['from=2026-06-01', 'from=2026-02-30&to=2026-03-01', 'from=2026-06-02&to=2026-06-01', 'from=2024-01-01&to=2026-01-01', 'from=2026-06-01&to=2026-06-01&venueId=a%20b']) {
        const response = await node.request('GET', `/api/hq/reports/sales?${query}`, undefined, hq);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
      }
      const missing = await node.request('GET', '/api/hq/reports/sales?venueId=nope&from=2026-06-01&to=2026-06-01', undefined, hq);
      expect(missing.status).toBe(404);
    });
  });
}
