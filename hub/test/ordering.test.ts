import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubError } from '../src/errors.ts';
import { startTestHub, type TestHub } from './harness.ts';

const BURGER = { menuItemId: 'classic-burger', quantity: 2, modifierIds: ['classic-burger--medium', 'classic-burger--burger-fries'] };
const LEMONADE = { menuItemId: 'lemonade', quantity: 1 };

describe('ordering', () => {
  let t: TestHub;
  let manager: string;
  let waiter: string;
  let kitchen: string;
  let guest1: string;
  let guest2: string;

  beforeAll(async () => {
    t = await startTestHub();
    manager = await t.login('1111');
    waiter = await t.login('2222');
    kitchen = await t.login('3333');
    guest1 = await t.guestToken('table-1');
    guest2 = await t.guestToken('table-2');
  });
  afterAll(() => t.close());

  const sql = () => t.hub.context.store.sqlite;
  const rowsOf = (orderId: string) => ({
    orders: sql().prepare('SELECT COUNT(*) FROM orders WHERE id = ?').pluck().get(orderId),
    items: sql().prepare('SELECT COUNT(*) FROM order_items WHERE order_id = ?').pluck().get(orderId),
  });
  const totalRows = () => sql().prepare('SELECT (SELECT COUNT(*) FROM orders) || \'/\' || (SELECT COUNT(*) FROM order_items) || \'/\' || (SELECT COUNT(*) FROM visits)').pluck().get();
  const place = (token: string, items: unknown[], id = newId()) => t.request('POST', '/api/guest/orders', { id, items }, token);
  const setAvailable = async (itemId: string, available: boolean) => {
    const response = await t.request('PATCH', `/api/menu/items/${itemId}`, { available }, manager);
    expect(response.status).toBe(200);
  };

  describe('placing an order', () => {
    it('prices it from the menu, numbers it, and answers 201 with the whole order', async () => {
      const id = newId();
      const response = await place(guest1, [BURGER, LEMONADE], id);
      expect(response.status).toBe(201);
      const order = response.body;
      expect(order).toMatchObject({
        id,
        tableId: 'table-1',
        tableName: 'Table 1',
        status: 'placed',
        rush: false,
        placedBy: 'guest',
        currency: 'EUR',
        statusReason: null,
        guestMessage: null,
      });
      expect(order.number).toBeGreaterThanOrEqual(1);
      // Burger 14.50 + fries 3.50 = 18.00, twice; lemonade 4.50.
      expect(order.items.map((i: any) => [i.menuItemId, i.quantity, i.unitPriceMinor, i.totalMinor, i.station, i.status])).toEqual([
        ['classic-burger', 2, 1800, 3600, 'grill', 'pending'],
        ['lemonade', 1, 450, 450, 'bar', 'pending'],
      ]);
      expect(order.totalMinor).toBe(4050);
      expect(order.items[0]).toMatchObject({ name: 'Classic burger', names: { en: 'Classic burger', ru: 'Классический бургер' }, note: null, readyAt: null, statusReason: null, guestMessage: null, comped: false });
      expect(order.items[0].allergens).toEqual(['gluten', 'milk', 'mustard', 'sesame']);
      expect(order.items[0].modifiers).toEqual([
        { id: 'classic-burger--medium', name: 'Medium', names: { en: 'Medium', ru: 'Средняя' }, priceMinor: 0 },
        { id: 'classic-burger--burger-fries', name: 'Fries', names: { en: 'Fries', ru: 'Картофель фри' }, priceMinor: 350 },
      ]);
      expect(order.createdAt).toBe(order.updatedAt);
      expect(rowsOf(id)).toEqual({ orders: 1, items: 2 });
    });

    it('numbers the orders of a business day one after another', async () => {
      const first = await place(guest1, [LEMONADE]);
      const second = await place(guest2, [LEMONADE]);
      expect(second.body.number).toBe(first.body.number + 1);
    });

    it('answers a replay of the same id with 200 and the same order, writing nothing more', async () => {
      const id = newId();
      const first = await place(guest1, [BURGER], id);
      expect(first.status).toBe(201);
      const again = await place(guest1, [BURGER], id);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(rowsOf(id)).toEqual({ orders: 1, items: 1 });
    });

    it('answers the same id with a different body with the first order, unchanged', async () => {
      const id = newId();
      const first = await place(guest1, [LEMONADE], id);
      const other = await place(guest1, [{ menuItemId: 'espresso', quantity: 5 }, LEMONADE], id);
      expect(other.status).toBe(200);
      expect(other.body).toEqual(first.body);
      expect(rowsOf(id)).toEqual({ orders: 1, items: 1 });
    });

    it('places an order once when the same id arrives twice at the same moment', async () => {
      const id = newId();
      const [a, b] = await Promise.all([place(guest1, [LEMONADE], id), place(guest1, [LEMONADE], id)]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect(a.body).toEqual(b.body);
      expect(rowsOf(id)).toEqual({ orders: 1, items: 1 });
    });

    it("refuses an id that another visit's order has, without showing that order", async () => {
      const id = newId();
      expect((await place(guest1, [LEMONADE], id)).status).toBe(201);
      const stolen = await place(guest2, [LEMONADE], id);
      expect(stolen.status).toBe(409);
      expect(stolen.body.error).toBe('order_id_taken');
      expect(JSON.stringify(stolen.body)).not.toContain('lemonade');
      expect(JSON.stringify(stolen.body)).not.toContain('Table 1');
    });

    it("refuses an 86'd item by name and writes nothing", async () => {
      await setAvailable('greek-salad', false);
      try {
        const before = totalRows();
        const response = await place(guest1, [LEMONADE, { menuItemId: 'greek-salad', quantity: 1 }]);
        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({ error: 'item_unavailable', message: 'Greek salad is sold out right now.', menuItemId: 'greek-salad' });
        expect(totalRows()).toBe(before);
      } finally {
        await setAvailable('greek-salad', true);
      }
      expect((await place(guest1, [{ menuItemId: 'greek-salad', quantity: 1 }])).status).toBe(201);
    });

    it('refuses an item that is not on the menu', async () => {
      const response = await place(guest1, [{ menuItemId: 'unicorn-steak', quantity: 1 }]);
      expect(response.status).toBe(409);
      expect(response.body.error).toBe('item_unavailable');
    });

    it('refuses modifier choices the item does not allow, naming the item', async () => {
      const cases = [
        { menuItemId: 'classic-burger', quantity: 1 }, // doneness is required
        { menuItemId: 'classic-burger', quantity: 1, modifierIds: ['classic-burger--rare', 'classic-burger--medium'] }, // one doneness only
        { menuItemId: 'classic-burger', quantity: 1, modifierIds: ['classic-burger--rare', 'classic-burger--rare'] }, // twice
        { menuItemId: 'classic-burger', quantity: 1, modifierIds: ['classic-burger--rare', 'cappuccino--oat-milk'] }, // another item's
        { menuItemId: 'classic-burger', quantity: 1, modifierIds: ['classic-burger--rare', 'no-such-modifier'] },
      ];
      for (const line of cases) {
        const response = await place(guest1, [line]);
        expect(response.status, JSON.stringify(line)).toBe(400);
        expect(response.body.error).toBe('invalid_modifiers');
        expect(response.body.message).toContain('Classic burger');
      }
    });

    it('refuses prices from the client as unknown fields', async () => {
      const linePrice = await place(guest1, [{ ...LEMONADE, priceMinor: 1 }]);
      expect(linePrice.status).toBe(400);
      expect(linePrice.body).toMatchObject({ error: 'bad_request' });
      expect(linePrice.body.message).toContain('priceMinor');
      const total = await t.request('POST', '/api/guest/orders', { id: newId(), items: [LEMONADE], totalMinor: 1 }, guest1);
      expect(total.status).toBe(400);
      expect(total.body.message).toContain('totalMinor');
    });

    it('refuses quantities, line counts, notes and ids out of bounds', async () => {
      const bad: Array<[string, unknown]> = [
        ['quantity 0', { id: newId(), items: [{ ...LEMONADE, quantity: 0 }] }],
        ['quantity 10,000', { id: newId(), items: [{ ...LEMONADE, quantity: 10_000 }] }],
        ['quantity 1.5', { id: newId(), items: [{ ...LEMONADE, quantity: 1.5 }] }],
        ['quantity as text', { id: newId(), items: [{ ...LEMONADE, quantity: '2' }] }],
        ['no lines', { id: newId(), items: [] }],
        ['51 lines', { id: newId(), items: Array.from({ length: 51 }, () => LEMONADE) }],
        ['a 201-character note', { id: newId(), items: [{ ...LEMONADE, note: 'x'.repeat(201) }] }],
        ['a UUIDv4 id', { id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', items: [LEMONADE] }],
        ['no id', { items: [LEMONADE] }],
        ['modifiers as text', { id: newId(), items: [{ ...LEMONADE, modifierIds: 'classic-burger--rare' }] }],
      ];
      const before = totalRows();
      for (const [name, body] of bad) {
        const response = await t.request('POST', '/api/guest/orders', body, guest1);
        expect(response.status, name).toBe(400);
        expect(typeof response.body.message, name).toBe('string');
      }
      expect(totalRows()).toBe(before);
    });

    it('accepts 50 lines of 50', async () => {
      const response = await place(guest1, Array.from({ length: 50 }, () => ({ ...LEMONADE, quantity: 50 })));
      expect(response.status).toBe(201);
      expect(response.body.totalMinor).toBe(450 * 50 * 50);
    });

    it('refuses an order that costs more than one order may', async () => {
      const patched = await t.request('PATCH', '/api/menu/items/ribeye-steak', { priceMinor: 60_000_000 }, manager);
      expect(patched.status).toBe(200);
      try {
        const response = await place(guest1, [{ menuItemId: 'ribeye-steak', quantity: 2, modifierIds: ['ribeye-steak--rare'] }]);
        expect(response.status).toBe(400);
        expect(response.body.error).toBe('order_too_large');
      } finally {
        await t.request('PATCH', '/api/menu/items/ribeye-steak', { priceMinor: 2900 }, manager);
      }
    });

    it('keeps HTML, emoji and other scripts in a note as literal text, and drops control characters', async () => {
      const html = '<img src=x onerror=alert(1)>';
      const emoji = 'без лука 🌶️👩‍🍳 «ok»';
      const response = await place(guest1, [
        { ...LEMONADE, note: html },
        { ...LEMONADE, note: `  ${emoji}\n` },
        { ...LEMONADE, note: 'no\u0000 ice\u0007' },
        { ...LEMONADE, note: '   ' },
      ]);
      expect(response.status).toBe(201);
      expect(response.body.items.map((i: any) => i.note)).toEqual([html, emoji, 'no ice', null]);
      const stored = sql().prepare('SELECT note FROM order_items WHERE order_id = ? ORDER BY position').pluck().all(response.body.id);
      expect(stored).toEqual([html, emoji, 'no ice', null]);
      const read = await t.request('GET', `/api/guest/orders/${response.body.id}`, undefined, guest1);
      expect(read.body.items[0].note).toBe(html);
      expect(read.body.items[1].note).toBe(emoji);
    });

    it('counts placed orders in the metrics', async () => {
      await place(guest1, [LEMONADE]);
      const metrics = await t.request('GET', '/metrics');
      expect(metrics.body).toMatch(/hub_orders_placed_total\{source="guest"\} [1-9]\d*/);
    });

    it("runs other modules' order.placed handlers inside the order's transaction, and a refusing handler refuses the order", async () => {
      const seen: Array<{ id: string; inTransaction: boolean; rowVisible: boolean }> = [];
      const record = (_tx: unknown, order: { id: string }) => {
        seen.push({ id: order.id, inTransaction: sql().inTransaction, rowVisible: rowsOf(order.id).items === 1 });
      };
      const refuse = () => {
        throw new HubError(409, 'printer_jammed', 'The kitchen printer refuses.');
      };
      const events = t.hub.context.events;
      const stopRecording = events.on('order.placed', record);
      let stopRefusing: (() => void) | null = null;
      try {
        const placed = await place(guest1, [LEMONADE]);
        expect(seen).toEqual([{ id: placed.body.id, inTransaction: true, rowVisible: true }]);
        stopRefusing = events.on('order.placed', refuse);
        const before = totalRows();
        const refused = await place(guest1, [LEMONADE]);
        expect(refused.status).toBe(409);
        expect(refused.body.error).toBe('printer_jammed');
        expect(totalRows()).toBe(before);
      } finally {
        stopRecording();
        stopRefusing?.();
      }
    });

    it('refuses a guest without a valid token', async () => {
      expect((await place('not-a-real-token-at-all', [LEMONADE])).status).toBe(401);
      expect((await place(waiter, [LEMONADE])).status).toBe(401);
    });
  });

  describe('staff orders', () => {
    it('opens a visit at a free table and places the order in it', async () => {
      const id = newId();
      const response = await t.request('POST', '/api/orders', { id, tableId: 'table-7', items: [LEMONADE] }, waiter);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id, tableId: 'table-7', tableName: 'Table 7', placedBy: 'staff' });
      const visit = sql().prepare("SELECT id FROM visits WHERE table_id = 'table-7' AND status = 'open'").pluck().get();
      expect(response.body.visitId).toBe(visit);
      const again = await t.request('POST', '/api/orders', { id, tableId: 'table-7', items: [LEMONADE] }, waiter);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(response.body);
      const second = await t.request('POST', '/api/orders', { id: newId(), tableId: 'table-7', items: [LEMONADE] }, manager);
      expect(second.status).toBe(201);
      expect(second.body.visitId).toBe(visit);
    });

    it('orders into the visit guests already have at the table', async () => {
      const response = await t.request('POST', '/api/orders', { id: newId(), tableId: 'table-1', items: [LEMONADE] }, waiter);
      const mine = await t.request('GET', '/api/guest/orders', undefined, guest1);
      expect(mine.body.orders.map((o: any) => o.id)).toContain(response.body.id);
    });

    it('opens no visit when the order is refused', async () => {
      await setAvailable('lemonade', false);
      try {
        const response = await t.request('POST', '/api/orders', { id: newId(), tableId: 'table-8', items: [LEMONADE] }, waiter);
        expect(response.status).toBe(409);
        expect(sql().prepare("SELECT COUNT(*) FROM visits WHERE table_id = 'table-8'").pluck().get()).toBe(0);
      } finally {
        await setAvailable('lemonade', true);
      }
    });

    it('refuses an unknown table, an id taken at another table, and roles that do not take orders', async () => {
      expect((await t.request('POST', '/api/orders', { id: newId(), tableId: 'table-99', items: [LEMONADE] }, waiter)).status).toBe(404);
      const id = newId();
      await t.request('POST', '/api/orders', { id, tableId: 'table-9', items: [LEMONADE] }, waiter);
      const elsewhere = await t.request('POST', '/api/orders', { id, tableId: 'table-10', items: [LEMONADE] }, waiter);
      expect(elsewhere.status).toBe(409);
      expect(elsewhere.body.error).toBe('order_id_taken');
      const byCook = await t.request('POST', '/api/orders', { id: newId(), tableId: 'table-9', items: [LEMONADE] }, kitchen);
      expect(byCook.status).toBe(403);
      expect((await t.request('POST', '/api/orders', { id: newId(), tableId: 'table-9', items: [LEMONADE] }, guest1)).status).toBe(401);
    });
  });

  describe('reading orders', () => {
    it("gives a guest their visit's orders, newest first, with the event log's seq", async () => {
      const a = await place(guest2, [LEMONADE]);
      const b = await place(guest2, [BURGER]);
      const response = await t.request('GET', '/api/guest/orders', undefined, guest2);
      expect(response.status).toBe(200);
      const ids = response.body.orders.map((o: any) => o.id);
      expect(ids.indexOf(b.body.id)).toBeLessThan(ids.indexOf(a.body.id));
      expect(response.body.orders.every((o: any) => o.tableId === 'table-2')).toBe(true);
      expect(response.body.latestSeq).toBe(t.hub.context.events.latestSeq());
    });

    it("answers another visit's order as not found", async () => {
      const other = await place(guest1, [LEMONADE]);
      const response = await t.request('GET', `/api/guest/orders/${other.body.id}`, undefined, guest2);
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('not_found');
      expect((await t.request('GET', `/api/guest/orders/${newId()}`, undefined, guest2)).status).toBe(404);
    });

    it("lists today's orders for staff: open by default, all on request, newest first", async () => {
      const served = await place(guest1, [LEMONADE]);
      const item = served.body.items[0].id;
      expect((await t.request('POST', `/api/kds/items/${item}/bump`, {}, kitchen)).status).toBe(200);
      expect((await t.request('POST', `/api/orders/${served.body.id}/transition`, { to: 'served' }, waiter)).status).toBe(200);
      const open = await t.request('GET', '/api/orders', undefined, kitchen);
      expect(open.status).toBe(200);
      expect(open.body.orders.map((o: any) => o.id)).not.toContain(served.body.id);
      expect(open.body.orders.every((o: any) => !['served', 'cancelled', 'voided'].includes(o.status))).toBe(true);
      const all = await t.request('GET', '/api/orders?status=all', undefined, waiter);
      expect(all.body.orders.map((o: any) => o.id)).toContain(served.body.id);
      const numbers = all.body.orders.map((o: any) => o.number);
      expect(numbers).toEqual([...numbers].sort((x: number, y: number) => y - x));
      expect(typeof all.body.latestSeq).toBe('number');
      expect((await t.request('GET', '/api/orders?status=weird', undefined, waiter)).status).toBe(400);
      expect((await t.request('GET', '/api/orders', undefined, guest1)).status).toBe(401);
    });
  });

  describe('the lifecycle by hand', () => {
    const transition = (orderId: string, body: unknown, token: string) => t.request('POST', `/api/orders/${orderId}/transition`, body, token);

    it('accepts, then refuses to serve before the kitchen is done', async () => {
      const { body: order } = await place(guest1, [LEMONADE]);
      const byCook = await transition(order.id, { to: 'accepted' }, kitchen);
      expect(byCook.status).toBe(403);
      const accepted = await transition(order.id, { to: 'accepted' }, waiter);
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('accepted');
      expect(accepted.body.updatedAt >= order.updatedAt).toBe(true);
      const early = await transition(order.id, { to: 'served' }, waiter);
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ error: 'invalid_transition' });
      expect(early.body.message).toContain(`Order #${order.number}`);
    });

    it('cancels with a reason only, and cancels the items with it', async () => {
      const { body: order } = await place(guest1, [LEMONADE, BURGER]);
      const noReason = await transition(order.id, { to: 'cancelled' }, waiter);
      expect(noReason.status).toBe(400);
      expect(noReason.body.error).toBe('reason_required');
      expect((await transition(order.id, { to: 'cancelled', reason: '   ' }, waiter)).status).toBe(400);
      const cancelled = await transition(order.id, { to: 'cancelled', reason: ' Guest left <b>early</b> ' }, waiter);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'Guest left <b>early</b>' });
      expect(cancelled.body.items.map((i: any) => i.status)).toEqual(['cancelled', 'cancelled']);
      const again = await transition(order.id, { to: 'cancelled', reason: 'again' }, waiter);
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('invalid_transition');
    });

    it('voids for a manager with a reason only', async () => {
      const { body: order } = await place(guest1, [LEMONADE]);
      await transition(order.id, { to: 'accepted' }, waiter);
      const byWaiter = await transition(order.id, { to: 'voided', reason: 'mistake' }, waiter);
      expect(byWaiter.status).toBe(403);
      expect(byWaiter.body.error).toBe('forbidden');
      expect((await transition(order.id, { to: 'voided' }, manager)).status).toBe(400);
      const voided = await transition(order.id, { to: 'voided', reason: 'Entered twice' }, manager);
      expect(voided.status).toBe(200);
      expect(voided.body).toMatchObject({ status: 'voided', statusReason: 'Entered twice' });
      expect(voided.body.items.map((i: any) => i.status)).toEqual(['voided']);
      // A voided order's item cannot be bumped.
      const bump = await t.request('POST', `/api/kds/items/${voided.body.items[0].id}/bump`, {}, kitchen);
      expect(bump.status).toBe(409);
      expect(bump.body.error).toBe('order_closed');
    });

    it('serves a ready order and its items', async () => {
      const { body: order } = await place(guest1, [LEMONADE]);
      await t.request('POST', `/api/kds/items/${order.items[0].id}/bump`, {}, kitchen);
      const served = await transition(order.id, { to: 'served' }, waiter);
      expect(served.status).toBe(200);
      expect(served.body.status).toBe('served');
      expect(served.body.items[0].status).toBe('served');
      expect(served.body.items[0].readyAt).not.toBeNull();
      const voided = await transition(order.id, { to: 'voided', reason: 'Guest complained' }, manager);
      expect(voided.body.items[0].status).toBe('voided');
    });

    it('refuses unknown targets, unknown fields and unknown orders', async () => {
      const { body: order } = await place(guest1, [LEMONADE]);
      expect((await transition(order.id, { to: 'preparing' }, manager)).status).toBe(400);
      expect((await transition(order.id, { to: 'accepted', by: 'me' }, manager)).status).toBe(400);
      expect((await transition(order.id, { to: 'cancelled', reason: 'x'.repeat(201) }, manager)).status).toBe(400);
      const missing = await transition(newId(), { to: 'accepted' }, manager);
      expect(missing.status).toBe(404);
    });

    it('marks and unmarks a rush, and refuses it on a finished order', async () => {
      const { body: order } = await place(guest1, [LEMONADE]);
      const rushed = await t.request('POST', `/api/orders/${order.id}/rush`, { rush: true }, waiter);
      expect(rushed.status).toBe(200);
      expect(rushed.body.rush).toBe(true);
      const again = await t.request('POST', `/api/orders/${order.id}/rush`, { rush: true }, waiter);
      expect(again.body).toEqual(rushed.body);
      expect((await t.request('POST', `/api/orders/${order.id}/rush`, { rush: false }, kitchen)).body.rush).toBe(false);
      expect((await t.request('POST', `/api/orders/${order.id}/rush`, { rush: 'yes' }, waiter)).status).toBe(400);
      await transition(order.id, { to: 'cancelled', reason: 'changed their mind' }, waiter);
      const late = await t.request('POST', `/api/orders/${order.id}/rush`, { rush: true }, waiter);
      expect(late.status).toBe(409);
      expect(late.body.error).toBe('order_closed');
    });

    it('announces every change as order.updated with the whole order', async () => {
      const { body: order } = await place(guest1, [LEMONADE]);
      const before = t.hub.context.events.latestSeq();
      await transition(order.id, { to: 'accepted' }, waiter);
      const rows = sql().prepare('SELECT type, rooms, payload FROM events WHERE seq > ?').all(before) as Array<{ type: string; rooms: string; payload: string }>;
      expect(rows).toHaveLength(1);
      expect(rows[0]!.type).toBe('order.updated');
      expect(JSON.parse(rows[0]!.rooms)).toEqual(['staff', `visit:${order.visitId}`, 'kds:expo', 'kds:bar']);
      expect(JSON.parse(rows[0]!.payload)).toMatchObject({ id: order.id, status: 'accepted', items: [{ menuItemId: 'lemonade' }] });
    });
  });
});
