import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@onemoment/shared/ids';
import { ManualClock } from '../src/clock.ts';
import { startTestHub, type TestHub } from './harness.ts';

interface HubEvent {
  seq: number;
  type: string;
  payload: any;
  at: string;
}

const HOUR = 3_600_000;

/** Opens a socket and resolves once the hub has joined it to its rooms (its `ready`). */
async function connect(t: TestHub, namespace: '/staff' | '/guest', token: string): Promise<{ socket: Socket; events: HubEvent[] }> {
  const socket = io(t.baseUrl + namespace, { path: '/socket.io', auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  const events: HubEvent[] = [];
  socket.on('event', (event: HubEvent) => events.push(event));
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, events };
}

function nextEvent(socket: Socket, type: string): Promise<HubEvent> {
  return new Promise((resolve) => {
    const listener = (event: HubEvent) => {
      if (event.type !== type) return;
      socket.off('event', listener);
      resolve(event);
    };
    socket.on('event', listener);
  });
}

const tableOf = (body: any, tableId: string) => body.tables.find((table: { id: string }) => table.id === tableId);

describe('tables, visits and guest tokens (visit policy auto)', () => {
  let t: TestHub;
  let clock: ManualClock;
  let waiter: string;
  let manager: string;
  let kitchen: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
    t = await startTestHub({ clock });
    [waiter, manager, kitchen] = await Promise.all([t.login('2222'), t.login('1111'), t.login('3333')]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => t.close());

  it('lists the twelve demo tables, free, with the event log position to open the socket from', async () => {
    const response = await t.request('GET', '/api/tables', undefined, kitchen);
    expect(response.status).toBe(200);
    expect(response.body.tables).toHaveLength(12);
    expect(response.body.tables[0]).toEqual({
      id: 'table-1',
      name: 'Table 1',
      code: t.tableCode('table-1'),
      seats: 2,
      state: 'free',
      visit: null,
      pendingRequests: [],
    });
    expect(response.body.latestSeq).toBe(t.hub.context.events.latestSeq());
  });

  it('refuses the floor plan without a staff token, and to a guest token', async () => {
    expect((await t.request('GET', '/api/tables')).status).toBe(401);
    const guest = await t.guestToken('table-12');
    expect((await t.request('GET', '/api/tables', undefined, guest)).status).toBe(401);
  });

  it('opens a visit on the first scan and lets the next phone at the table join the same visit', async () => {
    const first = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-2') });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      token: expect.any(String),
      visitId: expect.any(String),
      tableId: 'table-2',
      tableName: 'Table 2',
      expiresAt: new Date(clock.now().getTime() + 4 * HOUR).toISOString(),
    });
    const second = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-2') });
    expect(second.status).toBe(201);
    expect(second.body.visitId).toBe(first.body.visitId);
    expect(second.body.token).not.toBe(first.body.token);

    // Only the hash of a token is stored.
    const stored = t.hub.context.store.sqlite.prepare('SELECT token_hash FROM guest_sessions').pluck().all() as string[];
    expect(stored).not.toContain(first.body.token);

    const visit = await t.request('GET', '/api/guest/visit', undefined, first.body.token);
    expect(visit.body).toEqual({ visitId: first.body.visitId, tableId: 'table-2', tableName: 'Table 2', status: 'open' });
    const table = tableOf((await t.request('GET', '/api/tables', undefined, waiter)).body, 'table-2');
    // Opening the menu by the QR code is browsing, not being seated.
    expect(table).toMatchObject({ state: 'browsing', visit: { id: first.body.visitId, ordersCount: 0, totalMinor: 0 } });
  });

  it('answers an unknown table code with table_not_found, in words a guest understands', async () => {
    const response = await t.request('POST', '/api/guest/visits', { tableCode: 'no-such-code' });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'table_not_found', message: 'This QR code is no longer valid: ask a waiter for a new one.' });
  });

  it('treats unicode, HTML and SQL in a table code as an unknown code, never a 500', async () => {
    for (const tableCode of ['☃️🍔', '<script>alert(1)</script>', "x' OR '1'='1", 'ünïcödé\u0000', '../../etc']) {
      const response = await t.request('POST', '/api/guest/visits', { tableCode });
      expect(response.status, tableCode).toBe(404);
      expect(response.body.error).toBe('table_not_found');
    }
  });

  it('refuses malformed join requests with 400', async () => {
    const code = t.tableCode('table-3');
    for (const body of [{}, { tableCode: '' }, { tableCode: 'x'.repeat(41) }, { tableCode: 42 }, { tableCode: code, extra: true }]) {
      const response = await t.request('POST', '/api/guest/visits', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toBe('bad_request');
    }
    expect((await t.request('POST', '/api/guest/visits', '{"tableCode": ')).status).toBe(400);
  });

  it('lets a waiter seat a party, and refuses a second visit at the same table', async () => {
    const { socket, events } = await connect(t, '/staff', waiter);
    sockets.push(socket);
    const opened = nextEvent(socket, 'visit.opened');
    const response = await t.request('POST', '/api/tables/table-4/visits', undefined, waiter);
    expect(response.status).toBe(201);
    expect(response.body.visit).toEqual({
      id: expect.any(String),
      tableId: 'table-4',
      tableName: 'Table 4',
      status: 'open',
      openedAt: clock.now().toISOString(),
      closedAt: null,
    });
    expect((await opened).payload).toEqual(response.body.visit);

    const again = await t.request('POST', '/api/tables/table-4/visits', undefined, manager);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: 'visit_already_open', message: 'Table 4 already has an open visit.' });
    // A guest scanning the table joins the visit the waiter opened.
    const joined = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-4') });
    expect(joined.body.visitId).toBe(response.body.visit.id);
    expect(events.filter((event) => event.type === 'visit.opened')).toHaveLength(1);
  });

  it('keeps visit actions to waiters and managers, and names unknown tables and visits', async () => {
    expect((await t.request('POST', '/api/tables/table-5/visits', undefined, kitchen)).status).toBe(403);
    expect((await t.request('POST', '/api/tables/table-5/visits')).status).toBe(401);
    const missing = await t.request('POST', '/api/tables/table-99/visits', undefined, waiter);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not_found');
    expect((await t.request('POST', '/api/visits/nope/close', undefined, waiter)).status).toBe(404);
    expect((await t.request('POST', '/api/tables/<b>/visits', undefined, waiter)).status).toBe(400);
    const guest = await t.guestToken('table-5');
    expect((await t.request('POST', '/api/tables/table-6/visits', undefined, guest)).status).toBe(401);
  });

  it('closes a visit: its guest tokens stop working and the guest page is told', async () => {
    const joined = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-6') });
    const { token, visitId } = joined.body;
    const { socket } = await connect(t, '/guest', token);
    sockets.push(socket);
    const closedEvent = nextEvent(socket, 'visit.closed');

    const closed = await t.request('POST', `/api/visits/${visitId}/close`, undefined, waiter);
    expect(closed.status).toBe(200);
    expect(closed.body.visit).toMatchObject({ id: visitId, tableId: 'table-6', status: 'closed', closedAt: clock.now().toISOString() });
    expect((await closedEvent).payload).toMatchObject({ id: visitId, status: 'closed' });

    const after = await t.request('GET', '/api/guest/visit', undefined, token);
    expect(after.status).toBe(401);
    const live = t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM guest_sessions WHERE visit_id = ? AND revoked_at IS NULL');
    expect(live.pluck().get(visitId)).toBe(0);
    // The page learns the visit is over (not that the token went bad), so it says thank you and asks nothing.
    expect(after.body.error).toBe('visit_closed');
    expect(tableOf((await t.request('GET', '/api/tables', undefined, waiter)).body, 'table-6')).toMatchObject({ state: 'free', visit: null });

    // A retried close changes nothing; a scan right after the close asks for a waiter, a later one starts a new visit.
    const retried = await t.request('POST', `/api/visits/${visitId}/close`, undefined, waiter);
    expect(retried.status).toBe(200);
    expect(retried.body.visit.closedAt).toBe(closed.body.visit.closedAt);
    expect((await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-6') })).body.error).toBe('visit_recently_closed');
    clock.advance(10 * 60_000);
    const rejoined = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-6') });
    expect(rejoined.status).toBe(201);
    expect(rejoined.body.visitId).not.toBe(visitId);
  });

  it('gives a guest token only its own visit', async () => {
    const atTable7 = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-7') });
    const atTable8 = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-8') });
    const seen = await t.request('GET', '/api/guest/visit', undefined, atTable7.body.token);
    expect(seen.body).toMatchObject({ visitId: atTable7.body.visitId, tableId: 'table-7' });
    expect(seen.body.visitId).not.toBe(atTable8.body.visitId);
    // Its socket joins its own visit's room only: table 8's visit closing never reaches it.
    const { socket, events } = await connect(t, '/guest', atTable7.body.token);
    sockets.push(socket);
    await t.request('POST', `/api/visits/${atTable8.body.visitId}/close`, undefined, waiter);
    const ownClose = nextEvent(socket, 'visit.closed');
    await t.request('POST', `/api/visits/${atTable7.body.visitId}/close`, undefined, waiter);
    expect((await ownClose).payload.id).toBe(atTable7.body.visitId);
    expect(events.filter((event) => event.type === 'visit.closed').map((event) => event.payload.id)).toEqual([atTable7.body.visitId]);
  });

  it('rotates a table code: the old QR stops working, seated guests stay', async () => {
    const oldCode = t.tableCode('table-10');
    const seated = await t.request('POST', '/api/guest/visits', { tableCode: oldCode });
    expect((await t.request('POST', '/api/tables/table-10/rotate-code', undefined, waiter)).status).toBe(403);

    const { socket } = await connect(t, '/staff', manager);
    sockets.push(socket);
    const changed = nextEvent(socket, 'table.changed');
    const rotated = await t.request('POST', '/api/tables/table-10/rotate-code', undefined, manager);
    expect(rotated.status).toBe(200);
    expect(rotated.body.code).toMatch(/^[a-z0-9]{10}$/);
    expect(rotated.body.code).not.toBe(oldCode);
    expect((await changed).payload).toEqual({ tableId: 'table-10', tableName: 'Table 10', code: rotated.body.code });

    const withOld = await t.request('POST', '/api/guest/visits', { tableCode: oldCode });
    expect(withOld.status).toBe(404);
    expect(withOld.body.error).toBe('table_not_found');
    const withNew = await t.request('POST', '/api/guest/visits', { tableCode: rotated.body.code });
    expect(withNew.status).toBe(201);
    expect(withNew.body.visitId).toBe(seated.body.visitId);
    expect((await t.request('GET', '/api/guest/visit', undefined, seated.body.token)).status).toBe(200);
    expect((await t.request('POST', '/api/tables/table-99/rotate-code', undefined, manager)).status).toBe(404);
  });

  it('moves a party to a free table, and refuses an occupied one', async () => {
    const party = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-11') });
    const placed = await t.request('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId: 'lemonade', quantity: 1 }] }, party.body.token);
    expect(placed.status).toBe(201);
    const occupant = await t.guestToken('table-12');
    expect(occupant).toBeTruthy();

    const occupied = await t.request('POST', `/api/visits/${party.body.visitId}/move`, { tableId: 'table-12' }, waiter);
    expect(occupied.status).toBe(409);
    expect(occupied.body.error).toBe('table_occupied');
    expect(occupied.body.message).toContain('Table 12');

    const free = tableOf((await t.request('GET', '/api/tables', undefined, waiter)).body, 'table-3');
    expect(free.state).toBe('free');
    const { socket } = await connect(t, '/staff', waiter);
    sockets.push(socket);
    const movedEvent = nextEvent(socket, 'visit.moved');
    const orderEvent = nextEvent(socket, 'order.updated');
    const moved = await t.request('POST', `/api/visits/${party.body.visitId}/move`, { tableId: 'table-3' }, waiter);
    expect(moved.status).toBe(200);
    expect(moved.body.visit).toMatchObject({ id: party.body.visitId, tableId: 'table-3', tableName: 'Table 3', status: 'open' });
    expect((await movedEvent).payload).toMatchObject({ id: party.body.visitId, tableId: 'table-3', fromTableId: 'table-11', fromTableName: 'Table 11' });

    const tables = (await t.request('GET', '/api/tables', undefined, waiter)).body;
    expect(tableOf(tables, 'table-3').visit.id).toBe(party.body.visitId);
    expect(tableOf(tables, 'table-11')).toMatchObject({ state: 'free', visit: null });
    // The guests' phones and the party's orders follow it; the kitchen is told the order's new table.
    expect((await t.request('GET', '/api/guest/visit', undefined, party.body.token)).body.tableName).toBe('Table 3');
    expect((await orderEvent).payload).toMatchObject({ id: placed.body.id, tableId: 'table-3', tableName: 'Table 3' });
    const orders = await t.request('GET', '/api/guest/orders', undefined, party.body.token);
    expect(orders.body.orders.map((order: { tableName: string }) => order.tableName)).toEqual(['Table 3']);

    expect((await t.request('POST', `/api/visits/${party.body.visitId}/move`, { tableId: 'table-99' }, waiter)).status).toBe(404);
    expect((await t.request('POST', `/api/visits/${party.body.visitId}/move`, { tableId: 'table-1', seats: 4 }, waiter)).status).toBe(400);
    expect((await t.request('POST', `/api/visits/${party.body.visitId}/move`, { tableId: 3 }, waiter)).status).toBe(400);
    await t.request('POST', `/api/visits/${party.body.visitId}/close`, { openItems: 'cancel', reason: 'Left before the lemonade' }, waiter);
    const closedMove = await t.request('POST', `/api/visits/${party.body.visitId}/move`, { tableId: 'table-11' }, waiter);
    expect(closedMove.status).toBe(409);
    expect(closedMove.body.error).toBe('visit_not_open');
  });

  it("counts a visit's orders and total without cancelled or voided ones, and shows the kitchen state", async () => {
    const guest = await t.guestToken('table-1');
    const order = async (menuItemId: string, quantity: number) => {
      const placed = await t.request('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId, quantity }] }, guest);
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
      return placed.body as { id: string; totalMinor: number; items: Array<{ id: string }> };
    };
    const transition = async (orderId: string, to: string, token: string, reason?: string) => {
      const response = await t.request('POST', `/api/orders/${orderId}/transition`, { to, ...(reason ? { reason } : {}) }, token);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    };
    const table = async () => tableOf((await t.request('GET', '/api/tables', undefined, waiter)).body, 'table-1');

    const soup = await order('tomato-soup', 2);
    expect(await table()).toMatchObject({ state: 'waiting', visit: { ordersCount: 1, totalMinor: soup.totalMinor } });
    await transition(soup.id, 'accepted', waiter);
    for (const item of soup.items) expect((await t.request('POST', `/api/kds/items/${item.id}/bump`, undefined, kitchen)).status).toBe(200);
    await transition(soup.id, 'served', waiter);
    const lemonade = await order('lemonade', 1);
    await transition(lemonade.id, 'cancelled', waiter, 'Ordered twice by mistake');
    const espresso = await order('espresso', 1);
    await transition(espresso.id, 'accepted', waiter);
    await transition(espresso.id, 'voided', manager, 'Spilled');
    expect(await table()).toMatchObject({ state: 'ordering', visit: { ordersCount: 1, totalMinor: soup.totalMinor } });

    const salad = await order('greek-salad', 1);
    expect(await table()).toMatchObject({ state: 'waiting', visit: { ordersCount: 2, totalMinor: soup.totalMinor + salad.totalMinor } });
  });
});

describe('visits under VISIT_POLICY=staff', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { VISIT_POLICY: 'staff' } });
  });
  afterAll(() => t.close());

  it('does not open a visit from a scan: a waiter opens it, then guests join', async () => {
    const refused = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-1') });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('visit_not_open');
    expect(refused.body.message).toContain('ask a waiter');
    expect(t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM visits WHERE table_id = ?').pluck().get('table-1')).toBe(0);

    const waiter = await t.login('2222');
    const opened = await t.request('POST', '/api/tables/table-1/visits', undefined, waiter);
    expect(opened.status).toBe(201);
    const joined = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-1') });
    expect(joined.status).toBe(201);
    expect(joined.body.visitId).toBe(opened.body.visit.id);
  });
});

describe('table QR codes', () => {
  let t: TestHub;
  let kitchen: string;
  beforeAll(async () => {
    t = await startTestHub({ env: { PUBLIC_URL: 'http://192.168.1.20:8080' } });
    kitchen = await t.login('3333');
  });
  afterAll(() => t.close());

  it('serves a PNG that decodes to the table link', async () => {
    const response = await fetch(`${t.baseUrl}/api/tables/table-5/qr.png`, { headers: { authorization: `Bearer ${kitchen}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(`http://192.168.1.20:8080/t/${t.tableCode('table-5')}`);
  });

  it('serves an SVG of the same link, and follows a rotated code', async () => {
    const svg = await t.request('GET', '/api/tables/table-5/qr.svg', undefined, kitchen);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.body).toMatch(/^<svg[^>]+viewBox/);

    const manager = await t.login('1111');
    await t.request('POST', '/api/tables/table-5/rotate-code', undefined, manager);
    const response = await fetch(`${t.baseUrl}/api/tables/table-5/qr.png`, { headers: { authorization: `Bearer ${kitchen}` } });
    const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`http://192.168.1.20:8080/t/${t.tableCode('table-5')}`);
  });

  it('refuses QR codes without a staff token, and for unknown tables', async () => {
    expect((await t.request('GET', '/api/tables/table-5/qr.png')).status).toBe(401);
    expect((await t.request('GET', '/api/tables/table-5/qr.svg', undefined, 'not-a-real-token')).status).toBe(401);
    const missing = await t.request('GET', '/api/tables/table-404/qr.svg', undefined, kitchen);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not_found');
    expect((await t.request('GET', '/api/tables/%E2%98%83/qr.png', undefined, kitchen)).status).toBe(400);
  });

  it('prints every table on an A4 sheet, with names escaped', async () => {
    t.hub.context.store.sqlite.prepare('UPDATE dining_tables SET name = ? WHERE id = ?').run('<img src=x onerror=alert(1)> & Co', 'table-12');
    const sheet = await t.request('GET', '/api/tables/qr-sheet', undefined, kitchen);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = sheet.body as string;
    expect(html.match(/<svg /g)).toHaveLength(12);
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('>Table 1<');
    expect(html).toContain(`href="http://192.168.1.20:8080/t/${t.tableCode('table-7')}"`);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(html).not.toContain('<img');
    expect((await t.request('GET', '/api/tables/qr-sheet')).status).toBe(401);
  });
});

describe('guest tokens over time', () => {
  let t: TestHub;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock();
    t = await startTestHub({ clock });
  });
  afterAll(() => t.close());

  it('makes a client that tries many unknown codes wait, even with a real code, until its minute is over', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await t.request('POST', '/api/guest/visits', { tableCode: `guess-${i}` })).status).toBe(404);
    }
    const locked = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-1') });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe('too_many_attempts');
    expect(locked.headers.get('retry-after')).toBe('60');
    clock.advance(60_000);
    expect((await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-1') })).status).toBe(201);
  });

  it('expires a guest token after the idle window, counting from its last use', async () => {
    const joined = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-9') });
    expect(joined.status).toBe(201);
    const { token } = joined.body;
    clock.advance(3 * HOUR);
    expect((await t.request('GET', '/api/guest/visit', undefined, token)).status).toBe(200);
    clock.advance(3 * HOUR); // six hours since joining, three since last use
    expect((await t.request('GET', '/api/guest/visit', undefined, token)).status).toBe(200);
    clock.advance(4 * HOUR + 1);
    const expired = await t.request('GET', '/api/guest/visit', undefined, token);
    expect(expired.status).toBe(401);
    // The visit itself is still open: scanning again gives a fresh token for it.
    const again = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-9') });
    expect(again.body.visitId).toBe(joined.body.visitId);
    expect((await t.request('GET', '/api/guest/visit', undefined, again.body.token)).status).toBe(200);
  });
});
