import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { startTestHub, type TestHub } from './harness.ts';
import { Listener } from './support/socket-listener.ts';

const MINUTE = 60_000;
const BURGER = { menuItemId: 'classic-burger', quantity: 2, modifierIds: ['classic-burger--medium'] };
const LEMONADE = { menuItemId: 'lemonade', quantity: 1 };

describe('how a visit ends, moves and is seen by its guests', () => {
  let t: TestHub;
  let clock: ManualClock;
  let manager: string;
  let waiter: string;
  let kitchen: string;

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-06-01T18:00:00Z'));
    t = await startTestHub({ clock });
    manager = await t.login('1111');
    waiter = await t.login('2222');
    kitchen = await t.login('3333');
  });
  afterAll(() => t.close());

  const join = (tableId: string) => t.request('POST', '/api/guest/visits', { tableCode: t.tableCode(tableId) });
  const place = async (token: string, items: unknown[]) => {
    const response = await t.request('POST', '/api/guest/orders', { id: newId(), items }, token);
    expect(response.status).toBe(201);
    return response.body;
  };
  const tableOf = async (tableId: string) => (await t.request('GET', '/api/tables', undefined, waiter)).body.tables.find((table: any) => table.id === tableId);
  const close = (visitId: string, body?: unknown) => t.request('POST', `/api/visits/${visitId}/close`, body, waiter);
  /** Pays what is due in cash, as a waiter does before closing a table. */
  const payInCash = async (visitId: string) => {
    const { dueMinor } = (await t.request('GET', `/api/visits/${visitId}/bill`, undefined, waiter)).body;
    expect((await t.request('POST', `/api/visits/${visitId}/payments`, { id: newId(), method: 'cash', amountMinor: dueMinor }, waiter)).status).toBe(201);
  };
  const grillTickets = async () => (await t.request('GET', '/api/kds/tickets?station=grill', undefined, kitchen)).body.tickets;

  it('refuses to close a visit with food still coming, listing it, and changes nothing', async () => {
    const joined = (await join('table-1')).body;
    const order = await place(joined.token, [BURGER, LEMONADE]);
    await t.request('POST', `/api/kds/items/${order.items[1].id}/bump`, undefined, kitchen);

    const refused = await close(joined.visitId);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('visit_has_open_items');
    expect(refused.body.message).toBe('Table 1 still has 3 items not served: cancel them, mark them served, or keep the visit open.');
    expect(refused.body.openItems).toEqual([
      { orderId: order.id, orderNumber: order.number, itemId: order.items[0].id, name: 'Classic burger', quantity: 2, status: 'pending' },
      { orderId: order.id, orderNumber: order.number, itemId: order.items[1].id, name: 'Homemade lemonade', quantity: 1, status: 'ready' },
    ]);
    expect((await tableOf('table-1')).state).toBe('waiting');
    expect((await t.request('GET', '/api/guest/visit', undefined, joined.token)).body.status).toBe('open');

    // Cancelling needs a reason; a choice it does not know is a 400.
    expect((await close(joined.visitId, { openItems: 'cancel' })).body.error).toBe('reason_required');
    expect((await close(joined.visitId, { openItems: 'keep' })).status).toBe(400);
    expect((await tableOf('table-1')).state).toBe('waiting');
  });

  it('cancels the open items when staff choose so: the kitchen drops the ticket and the guest is told, without the reason', async () => {
    const joined = (await join('table-2')).body;
    const order = await place(joined.token, [BURGER]);
    expect((await grillTickets()).some((ticket: any) => ticket.orderId === order.id)).toBe(true);
    const kds = new Listener(t.baseUrl, '/kds', { token: kitchen, station: 'grill' });
    const guest = new Listener(t.baseUrl, '/guest', { token: joined.token });
    try {
      await Promise.all([kds.ready(), guest.ready()]);
      const closed = await close(joined.visitId, { openItems: 'cancel', reason: 'Guests had to leave for the train', guestMessage: 'Nothing to pay for the burgers. Safe travels!' });
      expect(closed.status).toBe(200);
      expect(closed.body.visit.status).toBe('closed');

      const kitchenHears = await kds.orderEvent('order.updated', order.id);
      expect(kitchenHears.payload).toMatchObject({ status: 'cancelled', statusReason: 'Guests had to leave for the train' });
      const guestHears = await guest.orderEvent('order.updated', order.id);
      expect(guestHears.payload).toMatchObject({ status: 'cancelled', statusReason: null });
      expect(guestHears.payload.items[0]).toMatchObject({ status: 'cancelled', statusReason: null, guestMessage: 'Nothing to pay for the burgers. Safe travels!' });
    } finally {
      kds.close();
      guest.close();
    }
    expect((await grillTickets()).some((ticket: any) => ticket.orderId === order.id)).toBe(false);
    expect((await tableOf('table-2')).state).toBe('free');
  });

  it('marks the open items served when staff choose so', async () => {
    const joined = (await join('table-3')).body;
    const order = await place(joined.token, [LEMONADE]);
    await payInCash(joined.visitId);
    const closed = await close(joined.visitId, { openItems: 'serve' });
    expect(closed.status).toBe(200);
    const stored = t.hub.context.store.sqlite.prepare('SELECT status FROM orders WHERE id = ?').pluck().get(order.id);
    expect(stored).toBe('served');
  });

  it('tells a guest whose visit staff closed that it has ended, apart from a token that simply expired', async () => {
    const joined = (await join('table-4')).body;
    expect((await close(joined.visitId)).status).toBe(200);
    const ended = await t.request('GET', '/api/guest/visit', undefined, joined.token);
    expect(ended.status).toBe(401);
    expect(ended.body.error).toBe('visit_closed');
    const placing = await t.request('POST', '/api/guest/orders', { id: newId(), items: [LEMONADE] }, joined.token);
    expect(placing.status).toBe(401);
    expect(placing.body.error).toBe('visit_closed');
    // An unknown token is not told anything about visits.
    expect((await t.request('GET', '/api/guest/visit', undefined, 'not-a-token')).body.error).toBe('unauthorized');
  });

  it('does not reopen a table by a scan moments after staff closed it, and does after the grace time', async () => {
    const joined = (await join('table-5')).body;
    await place(joined.token, [LEMONADE]);
    await payInCash(joined.visitId);
    expect((await close(joined.visitId, { openItems: 'serve' })).status).toBe(200);

    clock.advance(9 * MINUTE);
    const again = await join('table-5');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'visit_recently_closed', message: 'Staff closed Table 5 a few minutes ago: ask a waiter to open it again for you.' });
    expect((await tableOf('table-5')).state).toBe('free');

    // A waiter can open it at once; guests then join that visit.
    const opened = await t.request('POST', '/api/tables/table-5/visits', undefined, waiter);
    expect(opened.status).toBe(201);
    expect((await join('table-5')).body.visitId).toBe(opened.body.visit.id);
    expect((await close(opened.body.visit.id)).status).toBe(200);

    clock.advance(10 * MINUTE);
    expect((await join('table-5')).status).toBe(201);
  });

  it('shows a table whose guests only opened the menu as browsing, and seats them in the same visit', async () => {
    const joined = (await join('table-6')).body;
    expect((await tableOf('table-6')).state).toBe('browsing');
    const seated = await t.request('POST', '/api/tables/table-6/visits', undefined, waiter);
    expect(seated.status).toBe(200);
    expect(seated.body.visit.id).toBe(joined.visitId);
    expect((await tableOf('table-6')).state).toBe('open');
    // The guests' phones keep working in the seated visit; a second seating is refused.
    expect((await t.request('GET', '/api/guest/visit', undefined, joined.token)).status).toBe(200);
    expect((await t.request('POST', '/api/tables/table-6/visits', undefined, waiter)).body.error).toBe('visit_already_open');
  });

  it('names the new table to the guest after a move, on reload and live', async () => {
    const joined = (await join('table-7')).body;
    const guest = new Listener(t.baseUrl, '/guest', { token: joined.token });
    try {
      await guest.ready();
      expect((await t.request('POST', `/api/visits/${joined.visitId}/move`, { tableId: 'table-8' }, waiter)).status).toBe(200);
      const moved = await guest.until((h) => h.kind === 'event' && h.event.type === 'visit.moved', 'visit.moved');
      expect(moved.kind === 'event' && moved.event.payload).toMatchObject({ tableId: 'table-8', tableName: 'Table 8', fromTableName: 'Table 7' });
    } finally {
      guest.close();
    }
    const visit = await t.request('GET', '/api/guest/visit', undefined, joined.token);
    expect(visit.body).toMatchObject({ visitId: joined.visitId, tableId: 'table-8', tableName: 'Table 8', status: 'open' });
  });

  it("lists a guest's calls and when staff saw them", async () => {
    const joined = (await join('table-9')).body;
    const call = await t.request('POST', '/api/guest/requests', { kind: 'waiter' }, joined.token);
    expect(call.status).toBe(201);
    expect((await t.request('GET', '/api/guest/requests', undefined, joined.token)).body.calls).toEqual([
      { id: call.body.id, kind: 'waiter', createdAt: call.body.createdAt, acknowledgedAt: null },
    ]);
    clock.advance(MINUTE);
    expect((await t.request('POST', `/api/requests/${call.body.id}/acknowledge`, undefined, waiter)).status).toBe(200);
    const bill = await t.request('POST', '/api/guest/requests', { kind: 'bill' }, joined.token);
    const calls = (await t.request('GET', '/api/guest/requests', undefined, joined.token)).body.calls;
    expect(calls.map((c: any) => [c.kind, c.acknowledgedAt])).toEqual([
      ['bill', null],
      ['waiter', new Date(Date.parse(call.body.createdAt) + MINUTE).toISOString()],
    ]);
    expect(calls[0].id).toBe(bill.body.id);
    // Another table's guest sees only their own calls; staff tokens are not guests.
    const other = (await join('table-10')).body;
    expect((await t.request('GET', '/api/guest/requests', undefined, other.token)).body.calls).toEqual([]);
    expect((await t.request('GET', '/api/guest/requests', undefined, manager)).status).toBe(401);
  });
});
