import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { startTestHub, type TestHub } from './harness.ts';

const BURGER = { menuItemId: 'classic-burger', quantity: 2, modifierIds: ['classic-burger--rare'] };
const SALAD = { menuItemId: 'greek-salad', quantity: 1 };
const BEER = { menuItemId: 'craft-beer', quantity: 3 };

describe('the kitchen', () => {
  let t: TestHub;
  const clock = new ManualClock(new Date('2026-06-01T17:00:00Z'));
  let kitchen: string;
  let manager: string;
  let waiter: string;
  let guest: string;

  beforeAll(async () => {
    t = await startTestHub({ clock });
    kitchen = await t.login('3333');
    manager = await t.login('1111');
    waiter = await t.login('2222');
    guest = await t.guestToken('table-3');
  });
  afterAll(() => t.close());

  /** Each test starts from an empty pass: every open order of earlier tests is cancelled. */
  beforeEach(async () => {
    const open = await t.request('GET', '/api/orders?status=open', undefined, manager);
    for (const order of open.body.orders) {
      const to = ['placed', 'accepted'].includes(order.status) ? 'cancelled' : 'voided';
      await t.request('POST', `/api/orders/${order.id}/transition`, { to, reason: 'clean slate' }, manager);
    }
  });

  const place = async (items: unknown[]) => {
    clock.advance(1000); // orders a second apart, so "oldest first" has something to sort
    const response = await t.request('POST', '/api/guest/orders', { id: newId(), items }, guest);
    expect(response.status).toBe(201);
    return response.body;
  };
  const tickets = async (station: string, token = kitchen) => {
    const response = await t.request('GET', `/api/kds/tickets?station=${station}`, undefined, token);
    expect(response.status).toBe(200);
    return response.body;
  };
  const bump = (itemId: string, token = kitchen) => t.request('POST', `/api/kds/items/${itemId}/bump`, {}, token);
  const recall = (itemId: string, token = kitchen) => t.request('POST', `/api/kds/items/${itemId}/recall`, {}, token);

  it("shows each station only its own items, and expo everything", async () => {
    const order = await place([BURGER, SALAD, BEER]);
    const grill = await tickets('grill');
    expect(grill.tickets).toHaveLength(1);
    expect(grill.tickets[0]).toMatchObject({ orderId: order.id, number: order.number, tableName: 'Table 3', station: 'grill', rush: false, placedAt: order.createdAt });
    expect(grill.tickets[0].items.map((i: any) => i.menuItemId)).toEqual(['classic-burger']);
    expect(grill.tickets[0].items[0].modifiers.map((m: any) => m.name)).toEqual(['Rare']);
    expect((await tickets('cold')).tickets[0].items.map((i: any) => i.menuItemId)).toEqual(['greek-salad']);
    expect((await tickets('bar')).tickets[0].items.map((i: any) => i.menuItemId)).toEqual(['craft-beer']);
    const expo = await tickets('expo', waiter);
    expect(expo.tickets[0].items.map((i: any) => i.menuItemId)).toEqual(['classic-burger', 'greek-salad', 'craft-beer']);
    expect(grill.latestSeq).toBe(t.hub.context.events.latestSeq());
  });

  it('leaves a station without a ticket for an order with nothing for it', async () => {
    await place([BEER]);
    expect((await tickets('grill')).tickets).toEqual([]);
    expect((await tickets('bar')).tickets).toHaveLength(1);
  });

  it('lists rush tickets first, then the oldest', async () => {
    const first = await place([BURGER]);
    const second = await place([BURGER]);
    const third = await place([BURGER]);
    expect((await tickets('grill')).tickets.map((x: any) => x.orderId)).toEqual([first.id, second.id, third.id]);
    await t.request('POST', `/api/orders/${third.id}/rush`, { rush: true }, waiter);
    const grill = await tickets('grill');
    expect(grill.tickets.map((x: any) => x.orderId)).toEqual([third.id, first.id, second.id]);
    expect(grill.tickets[0].rush).toBe(true);
  });

  it('moves the order to preparing on the first bump, and to ready when every item is bumped', async () => {
    const order = await place([BURGER, SALAD]);
    const [burger, salad] = order.items;
    clock.advance(60_000);
    const first = await bump(burger.id);
    expect(first.status).toBe(200);
    expect(first.body.item).toMatchObject({ id: burger.id, status: 'ready', readyAt: clock.now().toISOString() });
    expect(first.body.order).toMatchObject({ id: order.id, status: 'preparing', updatedAt: clock.now().toISOString() });
    // The grill's ticket is done; the cold station still has the salad to make.
    expect((await tickets('grill')).tickets).toEqual([]);
    expect((await tickets('cold')).tickets).toHaveLength(1);
    const second = await bump(salad.id, manager);
    expect(second.status).toBe(200);
    expect(second.body.order.status).toBe('ready');
    expect(second.body.order.items.map((i: any) => i.status)).toEqual(['ready', 'ready']);
    expect((await tickets('expo')).tickets).toEqual([]);
  });

  it('refuses to bump a ready item, and to recall a pending one', async () => {
    const order = await place([BURGER, SALAD]);
    const [burger, salad] = order.items;
    await bump(burger.id);
    const twice = await bump(burger.id);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toBe('item_already_ready');
    expect(twice.body.message).toContain(`Classic burger on order #${order.number}`);
    const notBumped = await recall(salad.id);
    expect(notBumped.status).toBe(409);
    expect(notBumped.body.error).toBe('item_not_ready');
  });

  it('takes a ready order back to preparing on a recall', async () => {
    const order = await place([BURGER, SALAD]);
    await bump(order.items[0].id);
    expect((await bump(order.items[1].id)).body.order.status).toBe('ready');
    const recalled = await recall(order.items[1].id);
    expect(recalled.status).toBe(200);
    expect(recalled.body.item).toMatchObject({ status: 'pending', readyAt: null });
    expect(recalled.body.order.status).toBe('preparing');
    expect((await tickets('cold')).tickets.map((x: any) => x.orderId)).toEqual([order.id]);
  });

  it('refuses to bump or recall the items of a cancelled or served order', async () => {
    const cancelled = await place([BURGER]);
    await t.request('POST', `/api/orders/${cancelled.id}/transition`, { to: 'cancelled', reason: 'guest left' }, waiter);
    const bumpCancelled = await bump(cancelled.items[0].id);
    expect(bumpCancelled.status).toBe(409);
    expect(bumpCancelled.body).toMatchObject({ error: 'order_closed' });
    expect(bumpCancelled.body.message).toContain('cancelled');

    const served = await place([BEER]);
    await bump(served.items[0].id);
    await t.request('POST', `/api/orders/${served.id}/transition`, { to: 'served' }, waiter);
    expect((await recall(served.items[0].id)).status).toBe(409);
  });

  it('lets only the kitchen and managers bump, and answers unknown items with 404', async () => {
    const order = await place([BURGER]);
    expect((await bump(order.items[0].id, waiter)).status).toBe(403);
    expect((await bump(order.items[0].id, guest)).status).toBe(401);
    expect((await bump(newId())).status).toBe(404);
    expect((await recall('no-such-item')).status).toBe(404);
    expect((await t.request('GET', '/api/kds/tickets?station=grill', undefined, guest)).status).toBe(401);
  });

  it('refuses an unknown station or none at all', async () => {
    const unknown = await t.request('GET', '/api/kds/tickets?station=pastry', undefined, kitchen);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('unknown_station');
    expect((await t.request('GET', '/api/kds/tickets', undefined, kitchen)).status).toBe(400);
    expect((await t.request('GET', '/api/kds/all-day?station=%F0%9F%8D%94', undefined, kitchen)).status).toBe(400);
  });

  it('lists the recently bumped items of a station, newest first, for recall', async () => {
    const a = await place([BURGER, BEER]);
    const b = await place([BURGER]);
    clock.advance(1000);
    await bump(a.items[0].id);
    clock.advance(1000);
    await bump(b.items[0].id);
    clock.advance(1000);
    await bump(a.items[1].id); // the bar's, not the grill's
    const recent = await t.request('GET', '/api/kds/recent?station=grill', undefined, kitchen);
    expect(recent.status).toBe(200);
    const mine = recent.body.items.filter((i: any) => [a.id, b.id].includes(i.orderId));
    expect(mine.map((i: any) => i.id)).toEqual([b.items[0].id, a.items[0].id]);
    expect(mine[0]).toMatchObject({ orderId: b.id, orderNumber: b.number, tableName: 'Table 3', station: 'grill', status: 'ready', name: 'Classic burger' });
    expect(recent.body.items.every((i: any) => i.station === 'grill' && i.status === 'ready')).toBe(true);
    const expo = await t.request('GET', '/api/kds/recent?station=expo', undefined, kitchen);
    expect(expo.body.items[0].id).toBe(a.items[1].id);
    // A recalled item leaves the list.
    await recall(b.items[0].id);
    const after = await t.request('GET', '/api/kds/recent?station=grill', undefined, kitchen);
    expect(after.body.items.map((i: any) => i.id)).not.toContain(b.items[0].id);
  });

  it('keeps the recall list to the last 20', async () => {
    const order = await place(Array.from({ length: 25 }, () => ({ menuItemId: 'espresso', quantity: 1 })));
    for (const item of order.items) {
      clock.advance(1000);
      await bump(item.id);
    }
    const recent = await t.request('GET', '/api/kds/recent?station=bar', undefined, kitchen);
    expect(recent.body.items).toHaveLength(20);
    expect(recent.body.items[0].id).toBe(order.items[24].id);
  });

  it('counts what is still to make, all day, per dish', async () => {
    const a = await place([BURGER, BEER]);
    await place([{ ...BURGER, quantity: 1, modifierIds: ['classic-burger--well-done'] }, SALAD]);
    await bump(a.items[1].id); // the beers are poured
    const grill = await t.request('GET', '/api/kds/all-day?station=grill', undefined, kitchen);
    expect(grill.status).toBe(200);
    expect(grill.body.counts).toEqual([{ menuItemId: 'classic-burger', name: 'Classic burger', quantity: 3 }]);
    expect((await t.request('GET', '/api/kds/all-day?station=bar', undefined, kitchen)).body.counts).toEqual([]);
    const expo = await t.request('GET', '/api/kds/all-day?station=expo', undefined, waiter);
    expect(expo.body.counts).toEqual([
      { menuItemId: 'classic-burger', name: 'Classic burger', quantity: 3 },
      { menuItemId: 'greek-salad', name: 'Greek salad', quantity: 1 },
    ]);
  });
});
