import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.ts';

interface HubEvent {
  seq: number;
  type: string;
  payload: any;
  at: string;
}

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

describe('guest requests: calling the waiter and asking for the bill', () => {
  let t: TestHub;
  let waiter: string;
  let kitchen: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestHub();
    [waiter, kitchen] = await Promise.all([t.login('2222'), t.login('3333')]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => t.close());

  const tables = async () => (await t.request('GET', '/api/tables', undefined, waiter)).body.tables as any[];
  const tableOf = async (tableId: string) => (await tables()).find((table) => table.id === tableId);

  it('rings staff once per kind: a repeat returns the pending call with 200', async () => {
    const guest = await t.guestToken('table-1');
    const { socket } = await connect(t, '/staff', waiter);
    sockets.push(socket);
    const announced = nextEvent(socket, 'request.created');

    const first = await t.request('POST', '/api/guest/requests', { kind: 'waiter' }, guest);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), kind: 'waiter', createdAt: expect.any(String) });
    expect((await announced).payload).toMatchObject({ id: first.body.id, kind: 'waiter', tableId: 'table-1', tableName: 'Table 1', acknowledgedAt: null });

    const repeat = await t.request('POST', '/api/guest/requests', { kind: 'waiter' }, guest);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    // Another phone at the same table shares the visit, so its call is the same pending one.
    const otherPhone = await t.guestToken('table-1');
    expect((await t.request('POST', '/api/guest/requests', { kind: 'waiter' }, otherPhone)).body.id).toBe(first.body.id);

    const table = await tableOf('table-1');
    expect(table.pendingRequests).toEqual([first.body]);
    // Guests who only opened the menu and called someone are still browsing: nobody seated them.
    expect(table.state).toBe('browsing');
  });

  it('shows a bill request on the floor plan, and acknowledging clears it', async () => {
    const guest = await t.guestToken('table-2');
    const bill = await t.request('POST', '/api/guest/requests', { kind: 'bill' }, guest);
    expect(bill.status).toBe(201);
    const call = await t.request('POST', '/api/guest/requests', { kind: 'waiter' }, guest);
    expect(call.status).toBe(201);
    expect(call.body.id).not.toBe(bill.body.id);
    let table = await tableOf('table-2');
    expect(table.state).toBe('bill');
    expect(table.pendingRequests.map((r: { kind: string }) => r.kind).sort()).toEqual(['bill', 'waiter']);

    const guestFeed = await connect(t, '/guest', guest);
    sockets.push(guestFeed.socket);
    const seen = nextEvent(guestFeed.socket, 'request.acknowledged');
    const acknowledged = await t.request('POST', `/api/requests/${bill.body.id}/acknowledge`, undefined, waiter);
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toEqual({
      ...bill.body,
      acknowledgedAt: expect.any(String),
      visitId: expect.any(String),
      tableId: 'table-2',
      tableName: 'Table 2',
    });
    expect((await seen).payload).toEqual(acknowledged.body);

    table = await tableOf('table-2');
    expect(table.state).toBe('browsing');
    expect(table.pendingRequests).toEqual([call.body]);

    // Acknowledging again (a second waiter, a retried tap) is answered, not refused, and not re-announced.
    const again = await t.request('POST', `/api/requests/${bill.body.id}/acknowledge`, undefined, waiter);
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);
    const announcements = t.hub.context.store.sqlite
      .prepare("SELECT COUNT(*) FROM events WHERE type = 'request.acknowledged' AND payload LIKE ?")
      .pluck()
      .get(`%${bill.body.id}%`);
    expect(announcements).toBe(1);

    // With the first call answered, the guest can ask again.
    const newBill = await t.request('POST', '/api/guest/requests', { kind: 'bill' }, guest);
    expect(newBill.status).toBe(201);
    expect(newBill.body.id).not.toBe(bill.body.id);
  });

  it('keeps acknowledging to waiters and managers, and names unknown requests', async () => {
    const guest = await t.guestToken('table-3');
    const call = await t.request('POST', '/api/guest/requests', { kind: 'waiter' }, guest);
    expect((await t.request('POST', `/api/requests/${call.body.id}/acknowledge`, undefined, kitchen)).status).toBe(403);
    expect((await t.request('POST', `/api/requests/${call.body.id}/acknowledge`, undefined, guest)).status).toBe(401);
    expect((await t.request('POST', `/api/requests/${call.body.id}/acknowledge`)).status).toBe(401);
    const missing = await t.request('POST', '/api/requests/01960000-0000-7000-8000-000000000000/acknowledge', undefined, waiter);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not_found');
    expect((await t.request('POST', '/api/requests/<script>/acknowledge', undefined, waiter)).status).toBe(400);
    expect((await tableOf('table-3')).pendingRequests).toHaveLength(1);
  });

  it('refuses malformed calls and calls without a live guest token', async () => {
    const guest = await t.guestToken('table-4');
    for (const body of [{}, { kind: 'dessert' }, { kind: 1 }, { kind: 'waiter', note: '<b>now</b>' }, { kind: ['bill'] }]) {
      const response = await t.request('POST', '/api/guest/requests', body, guest);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toBe('bad_request');
    }
    expect((await t.request('POST', '/api/guest/requests', { kind: 'waiter' })).status).toBe(401);
    expect((await t.request('POST', '/api/guest/requests', { kind: 'waiter' }, waiter)).status).toBe(401);
    expect((await tableOf('table-4')).pendingRequests).toEqual([]);
  });

  it('ends calls with the visit: a closed visit shows none and its guests cannot call', async () => {
    const joined = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-5') });
    const { token, visitId } = joined.body;
    await t.request('POST', '/api/guest/requests', { kind: 'bill' }, token);
    expect((await tableOf('table-5')).state).toBe('bill');

    await t.request('POST', `/api/visits/${visitId}/close`, undefined, waiter);
    const table = await tableOf('table-5');
    expect(table).toMatchObject({ state: 'free', visit: null, pendingRequests: [] });
    const late = await t.request('POST', '/api/guest/requests', { kind: 'waiter' }, token);
    expect(late.status).toBe(401);
  });

  it("moves a party's pending calls with it to its new table", async () => {
    const joined = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-6') });
    const call = await t.request('POST', '/api/guest/requests', { kind: 'waiter' }, joined.body.token);
    await t.request('POST', `/api/visits/${joined.body.visitId}/move`, { tableId: 'table-7' }, waiter);
    expect((await tableOf('table-6')).pendingRequests).toEqual([]);
    expect((await tableOf('table-7')).pendingRequests).toEqual([call.body]);
    const acknowledged = await t.request('POST', `/api/requests/${call.body.id}/acknowledge`, undefined, waiter);
    expect(acknowledged.body).toMatchObject({ tableId: 'table-7', tableName: 'Table 7' });
  });
});
