import { newId } from '@onemoment/shared/ids';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.ts';
import { Listener } from './support/socket-listener.ts';

const GRILL_LINE = { menuItemId: 'grilled-salmon', quantity: 1 };
const BAR_LINE = { menuItemId: 'espresso', quantity: 1 };

describe('realtime delivery and replay', () => {
  let t: TestHub;
  let kitchen: string;
  let guestA: string;
  let guestB: string;
  const listeners: Listener[] = [];
  const listen = (namespace: string, auth: Record<string, unknown>, hub = t) => {
    const listener = new Listener(hub.baseUrl, namespace, auth);
    listeners.push(listener);
    return listener;
  };

  beforeAll(async () => {
    t = await startTestHub();
    kitchen = await t.login('3333');
    guestA = await t.guestToken('table-4');
    guestB = await t.guestToken('table-5');
  });
  afterEach(() => {
    for (const listener of listeners.splice(0)) listener.close();
  });
  afterAll(() => t.close());

  const place = async (token: string, items: unknown[], hub = t) => {
    const response = await hub.request('POST', '/api/guest/orders', { id: newId(), items }, token);
    expect(response.status).toBe(201);
    return response.body;
  };

  it('delivers order.placed to the grill screen once the order is committed', async () => {
    const grill = listen('/kds', { token: kitchen, station: 'grill' });
    await grill.ready();
    const placing = place(guestA, [GRILL_LINE, BAR_LINE]);
    const event = await grill.orderEvent('order.placed', (await placing).id);
    // When the screen hears of the order, the database already holds it.
    expect(t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM orders WHERE id = ?').pluck().get(event.payload.id)).toBe(1);
    expect(event.seq).toBeLessThanOrEqual(t.hub.context.events.latestSeq());
    expect(event.payload.items.map((i: any) => i.menuItemId)).toEqual(['grilled-salmon', 'espresso']);
    expect(event.payload.tableName).toBe('Table 4');
    expect(Date.parse(event.at)).not.toBeNaN();
  });

  it('replays exactly the missed events of its station, in order, before ready', async () => {
    const first = listen('/kds', { token: kitchen, station: 'grill' });
    await first.ready();
    const seen = await place(guestA, [GRILL_LINE]);
    const lastSeq = (await first.orderEvent('order.placed', seen.id)).seq;
    first.close();

    const missed = [];
    missed.push(await place(guestA, [GRILL_LINE]));
    await place(guestB, [BAR_LINE]); // the bar's: not for the grill
    missed.push(await place(guestB, [GRILL_LINE, BAR_LINE]));
    missed.push(await place(guestA, [{ ...GRILL_LINE, quantity: 2 }]));

    const again = listen('/kds', { token: kitchen, station: 'grill', lastSeq });
    const ready = await again.ready();
    const replayed = again.heard.slice(0, again.heard.indexOf(ready));
    expect(replayed.map((h) => h.kind)).toEqual(['event', 'event', 'event']);
    const events = again.events();
    expect(events.map((e) => e.payload.id)).toEqual(missed.map((o) => o.id));
    expect(events.every((e) => e.type === 'order.placed' && e.seq > lastSeq)).toBe(true);
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(ready).toEqual({ kind: 'ready', latestSeq: t.hub.context.events.latestSeq() });

    // Live again: a bump arrives as order.updated after the replay.
    const bump = await t.request('POST', `/api/kds/items/${missed[0].items[0].id}/bump`, {}, kitchen);
    expect(bump.status).toBe(200);
    const updated = await again.orderEvent('order.updated', missed[0].id);
    expect(updated.payload.status).toBe('ready');
  });

  it("never sends a guest another visit's order events", async () => {
    const a = listen('/guest', { token: guestA });
    const b = listen('/guest', { token: guestB });
    await Promise.all([a.ready(), b.ready()]);
    const theirs = await place(guestB, [BAR_LINE]);
    const mine = await place(guestA, [BAR_LINE]);
    await b.orderEvent('order.placed', theirs.id);
    // Events reach a socket in seq order: had B's order reached A, it would be there before A's own.
    await a.orderEvent('order.placed', mine.id);
    expect(a.events().map((e) => e.payload.id)).toEqual([mine.id]);
    expect(b.events().map((e) => e.payload.id)).toEqual([theirs.id]);
    expect(a.events()[0]!.payload.visitId).not.toBe(theirs.visitId);
  });

  it("replays to a guest only their own visit's events", async () => {
    const lastSeq = t.hub.context.events.latestSeq();
    const theirs = await place(guestB, [BAR_LINE]);
    const mine = await place(guestA, [BAR_LINE]);
    const a = listen('/guest', { token: guestA, lastSeq });
    await a.ready();
    expect(a.events().map((e) => e.payload.id)).toEqual([mine.id]);
    expect(a.events().map((e) => e.payload.id)).not.toContain(theirs.id);
  });

  it('refuses a bad token, a guest token on the kitchen namespace and an unknown station', async () => {
    const cases = [
      listen('/kds', { token: 'not-a-real-token-at-all', station: 'grill' }),
      listen('/kds', { token: guestA, station: 'grill' }),
      listen('/kds', { token: kitchen, station: 'pastry' }),
      listen('/staff', { token: guestA }),
      listen('/guest', { token: kitchen }),
      listen('/guest', {}),
    ];
    for (const listener of cases) {
      const heard = await listener.until((h) => h.kind === 'connect_error', 'connect_error');
      expect(heard).toEqual({ kind: 'connect_error', message: 'unauthorized' });
    }
  });

  describe('with a short replay limit', () => {
    let small: TestHub;
    beforeAll(async () => {
      small = await startTestHub({ env: { EVENT_REPLAY_LIMIT: '10' } });
    });
    afterAll(() => small.close());

    it('tells a client too far behind to resync instead of replaying', async () => {
      const cook = await small.login('3333');
      const guest = await small.guestToken('table-1');
      const lastSeq = small.hub.context.events.latestSeq();
      for (let i = 0; i < 11; i++) await place(guest, [GRILL_LINE], small);
      const behind = listen('/kds', { token: cook, station: 'grill', lastSeq }, small);
      const ready = await behind.ready();
      expect(behind.heard.map((h) => h.kind)).toEqual(['resync', 'ready']);
      expect(behind.heard[0]).toEqual({ kind: 'resync', latestSeq: small.hub.context.events.latestSeq() });
      expect(ready).toEqual({ kind: 'ready', latestSeq: small.hub.context.events.latestSeq() });

      // Within the limit, the same hub replays.
      const recent = small.hub.context.events.latestSeq();
      const order = await place(guest, [GRILL_LINE], small);
      const close = listen('/kds', { token: cook, station: 'grill', lastSeq: recent }, small);
      await close.ready();
      expect(close.events().map((e) => e.payload.id)).toEqual([order.id]);
    });
  });
});
