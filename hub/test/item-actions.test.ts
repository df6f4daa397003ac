import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.ts';
import { Listener } from './support/socket-listener.ts';

const BURGER = { menuItemId: 'classic-burger', quantity: 1, modifierIds: ['classic-burger--medium'] };
const LEMONADE = { menuItemId: 'lemonade', quantity: 2 };
const ESPRESSO = { menuItemId: 'espresso', quantity: 1 };

describe('actions on single items', () => {
  let t: TestHub;
  let manager: string;
  let waiter: string;
  let kitchen: string;

  beforeAll(async () => {
    t = await startTestHub();
    manager = await t.login('1111');
    waiter = await t.login('2222');
    kitchen = await t.login('3333');
  });
  afterAll(() => t.close());

  const sql = () => t.hub.context.store.sqlite;
  const place = async (token: string, items: unknown[]) => {
    const response = await t.request('POST', '/api/guest/orders', { id: newId(), items }, token);
    expect(response.status).toBe(201);
    return response.body;
  };
  const itemAction = (orderId: string, itemId: string, body: unknown, token = manager) =>
    t.request('POST', `/api/orders/${orderId}/items/${itemId}/transition`, body, token);
  const bump = async (itemId: string) => expect((await t.request('POST', `/api/kds/items/${itemId}/bump`, undefined, kitchen)).status).toBe(200);
  const itemRow = (id: string) => sql().prepare("SELECT status || ':' || COALESCE(status_reason, '-') || ':' || comped FROM order_items WHERE id = ?").pluck().get(id);
  const rowCounts = () => sql().prepare("SELECT status || ':' || COALESCE(status_reason, '-') || ':' || comped FROM order_items ORDER BY id").pluck().all();

  it('serves the ready drinks while the food is still cooking, and the order waits for the food', async () => {
    const guest = await t.guestToken('table-1');
    const order = await place(guest, [BURGER, LEMONADE]);
    const [burger, lemonade] = order.items;
    await bump(lemonade.id);

    const served = await itemAction(order.id, lemonade.id, { to: 'served' }, waiter);
    expect(served.status).toBe(200);
    expect(served.body.items.map((i: any) => i.status)).toEqual(['pending', 'served']);
    expect(served.body.status).toBe('preparing');

    // The burger is bumped and served too: now the whole order is served.
    await bump(burger.id);
    const done = await itemAction(order.id, burger.id, { to: 'served' }, waiter);
    expect(done.body.status).toBe('served');
    expect(done.body.items.map((i: any) => i.status)).toEqual(['served', 'served']);
  });

  it('voids one item of a served order: the other items keep their state, and a served dish is comped', async () => {
    const guest = await t.guestToken('table-2');
    const order = await place(guest, [BURGER, LEMONADE]);
    for (const item of order.items) await bump(item.id);
    expect((await t.request('POST', `/api/orders/${order.id}/transition`, { to: 'served' }, waiter)).status).toBe(200);

    const voided = await itemAction(order.id, order.items[0].id, { to: 'voided', reason: 'Cold burger, comped by manager', guestMessage: 'Sorry about the cold burger: it is on us.' });
    expect(voided.status).toBe(200);
    expect(voided.body.status).toBe('served');
    expect(voided.body.items[0]).toMatchObject({ status: 'voided', comped: true, statusReason: 'Cold burger, comped by manager', guestMessage: 'Sorry about the cold burger: it is on us.' });
    expect(voided.body.items[1]).toMatchObject({ status: 'served', comped: false, statusReason: null });

    // The guest sees the comp and the message, never the staff's reason.
    const seen = await t.request('GET', `/api/guest/orders/${order.id}`, undefined, guest);
    expect(seen.status).toBe(200);
    expect(seen.body.items[0]).toMatchObject({ status: 'voided', comped: true, statusReason: null, guestMessage: 'Sorry about the cold burger: it is on us.' });
    expect(JSON.stringify(seen.body)).not.toContain('comped by manager');
    const list = await t.request('GET', '/api/guest/orders', undefined, guest);
    expect(JSON.stringify(list.body)).not.toContain('comped by manager');

    // The table's total no longer counts the comped burger (18.00 - 14.50 = 9.00 of lemonade).
    const tables = await t.request('GET', '/api/tables', undefined, waiter);
    expect(tables.body.tables.find((table: any) => table.id === 'table-2').visit.totalMinor).toBe(900);
  });

  it('voids a dish that was never served as taken off, not comped, unless the manager says so', async () => {
    const guest = await t.guestToken('table-3');
    const order = await place(guest, [BURGER, LEMONADE]);
    const off = await itemAction(order.id, order.items[0].id, { to: 'voided', reason: 'Entered twice' });
    expect(off.body.items[0]).toMatchObject({ status: 'voided', comped: false });
    const comped = await itemAction(order.id, order.items[1].id, { to: 'voided', reason: 'Birthday', comped: true });
    expect(comped.body.items[1]).toMatchObject({ status: 'voided', comped: true });
    // Nothing is owed any more: the order is voided as a whole.
    expect(comped.body.status).toBe('voided');
  });

  it('cancels one item before the kitchen starts; cancelling every item cancels the order', async () => {
    const guest = await t.guestToken('table-4');
    const order = await place(guest, [BURGER, LEMONADE]);
    const first = await itemAction(order.id, order.items[1].id, { to: 'cancelled', reason: 'Guest changed their mind' }, waiter);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('placed');
    expect(first.body.items.map((i: any) => i.status)).toEqual(['pending', 'cancelled']);
    const second = await itemAction(order.id, order.items[0].id, { to: 'cancelled', reason: 'Guest left' }, waiter);
    expect(second.body.status).toBe('cancelled');
  });

  it('refuses what the lifecycle table does not allow, and changes nothing', async () => {
    const guest = await t.guestToken('table-5');
    const order = await place(guest, [BURGER, LEMONADE]);
    const [burger, lemonade] = order.items;
    const before = rowCounts();

    const notReady = await itemAction(order.id, burger.id, { to: 'served' }, waiter);
    expect(notReady.status).toBe(409);
    expect(notReady.body).toMatchObject({ error: 'invalid_transition' });
    expect(notReady.body.message).toContain('bump it on the kitchen screen first');

    const waiterVoid = await itemAction(order.id, burger.id, { to: 'voided', reason: 'x' }, waiter);
    expect(waiterVoid.status).toBe(403);
    expect((await itemAction(order.id, burger.id, { to: 'voided' })).body.error).toBe('reason_required');
    expect((await itemAction(order.id, burger.id, { to: 'cancelled', reason: '   ' }, waiter)).body.error).toBe('reason_required');
    expect((await itemAction(order.id, burger.id, { to: 'cancelled', reason: 'x', comped: true }, waiter)).body.error).toBe('comped_needs_void');
    expect((await itemAction(order.id, burger.id, { to: 'cancelled', reason: 'x' }, kitchen)).status).toBe(403);

    // An item of another order, or no item at all, reads as not found.
    const other = await place(guest, [ESPRESSO]);
    expect((await itemAction(order.id, other.items[0].id, { to: 'voided', reason: 'x' })).status).toBe(404);
    expect((await itemAction(newId(), burger.id, { to: 'voided', reason: 'x' })).status).toBe(404);

    // Ugly bodies: wrong types, unknown targets and fields, a huge reason.
    for (const body of [{ to: 'ready' }, { to: 'served', reason: 42 }, { to: 'voided', reason: 'x', extra: 1 }, { to: 'voided', reason: 'x'.repeat(201) }, {}, 'served']) {
      expect((await itemAction(order.id, lemonade.id, body)).status).toBe(400);
    }
    // Once the kitchen has started (an item bumped), cancelling is a manager's void.
    await bump(lemonade.id);
    const started = await itemAction(order.id, burger.id, { to: 'cancelled', reason: 'Too slow' }, waiter);
    expect(started.status).toBe(409);
    expect(started.body.message).toContain('a manager voids it instead');
    // Only the bump changed a row: the lemonade is ready, the rest as it was.
    const after = rowCounts();
    expect(after.length).toBe(before.length + 1); // the espresso order
    expect(itemRow(burger.id)).toBe('pending:-:0');
    expect(itemRow(lemonade.id)).toBe('ready:-:0');
  });

  it('keeps HTML in a reason and a guest message as literal text', async () => {
    const guest = await t.guestToken('table-6');
    const order = await place(guest, [LEMONADE]);
    const response = await itemAction(order.id, order.items[0].id, { to: 'voided', reason: '<b>spilt</b>', guestMessage: 'Sorry <script>alert(1)</script> 🍋' });
    expect(response.body.items[0]).toMatchObject({ statusReason: '<b>spilt</b>', guestMessage: 'Sorry <script>alert(1)</script> 🍋' });
  });

  it("sends guests the order's changes without the staff's reasons, on the socket too", async () => {
    const guest = await t.guestToken('table-7');
    const order = await place(guest, [BURGER, LEMONADE]);
    const guestSocket = new Listener(t.baseUrl, '/guest', { token: guest, lastSeq: 0 });
    const staffSocket = new Listener(t.baseUrl, '/staff', { token: manager });
    try {
      await Promise.all([guestSocket.ready(), staffSocket.ready()]);
      await itemAction(order.id, order.items[0].id, { to: 'voided', reason: 'Kitchen burnt it', guestMessage: 'Your burger is on its way again.' });
      const staffSees = await staffSocket.orderEvent('order.updated', order.id);
      expect(staffSees.payload.items[0].statusReason).toBe('Kitchen burnt it');
      const guestSees = await guestSocket.orderEvent('order.updated', order.id);
      expect(guestSees.payload.items[0]).toMatchObject({ status: 'voided', statusReason: null, guestMessage: 'Your burger is on its way again.' });
      expect(JSON.stringify(guestSocket.events())).not.toContain('Kitchen burnt it');
    } finally {
      guestSocket.close();
      staffSocket.close();
    }
    // A phone reconnecting from an old position hears the replay, cleaned the same way.
    const replaying = new Listener(t.baseUrl, '/guest', { token: guest, lastSeq: 0 });
    try {
      await replaying.ready();
      const replayed = replaying.events().filter((event) => event.type === 'order.updated' && event.payload.id === order.id);
      expect(replayed.length).toBeGreaterThan(0);
      expect(JSON.stringify(replaying.events())).not.toContain('Kitchen burnt it');
    } finally {
      replaying.close();
    }
  });

  it('keeps an order-level reason from guests, and the guest message it came with', async () => {
    const guest = await t.guestToken('table-8');
    const order = await place(guest, [LEMONADE]);
    const cancelled = await t.request('POST', `/api/orders/${order.id}/transition`, { to: 'cancelled', reason: 'Guest was rude', guestMessage: 'We are out of lemons, sorry.' }, waiter);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'Guest was rude', guestMessage: 'We are out of lemons, sorry.' });
    const seen = await t.request('GET', `/api/guest/orders/${order.id}`, undefined, guest);
    expect(seen.body).toMatchObject({ status: 'cancelled', statusReason: null, guestMessage: 'We are out of lemons, sorry.' });
  });

  it("places a waiter's own order as accepted: its tickets are on the KDS already", async () => {
    const response = await t.request('POST', '/api/orders', { id: newId(), tableId: 'table-9', items: [ESPRESSO] }, waiter);
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('accepted');
    const tickets = await t.request('GET', '/api/kds/tickets?station=bar', undefined, kitchen);
    expect(tickets.body.tickets.some((ticket: any) => ticket.orderId === response.body.id)).toBe(true);
  });
});
