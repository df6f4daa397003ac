import { newId } from '@onemoment/shared/ids';
import { readMenuItems } from '@onemoment/shared/sync/config-doc';
import { readOrders } from '@onemoment/shared/sync/order-records';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { createHub } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { startTestHub, type TestHub } from './harness.ts';
import { startBlackhole, startFakeCloud, waitFor, type FakeCloud } from './sync-fake-cloud.ts';

const BURGER = { menuItemId: 'classic-burger', quantity: 2, modifierIds: ['classic-burger--medium', 'classic-burger--burger-fries'] };
const SALAD = { menuItemId: 'greek-salad', quantity: 1, note: 'no onion <b>please</b>' };
const LEMONADE = { menuItemId: 'lemonade', quantity: 3 };

describe('cloud sync on the hub', () => {
  let t: TestHub;
  let cloud: FakeCloud;
  let manager: string;
  let waiter: string;
  let kitchen: string;
  let guest: string;

  beforeEach(async () => {
    t = await startTestHub();
    cloud = await startFakeCloud();
    [manager, waiter, kitchen] = [await t.login('1111'), await t.login('2222'), await t.login('3333')];
    guest = await t.guestToken('table-1');
  });
  afterEach(async () => {
    await t.close();
    await cloud.close();
  });

  const sync = () => t.hub.modules.sync!;
  const sql = () => t.hub.context.store.sqlite;
  const place = async (items: unknown[] = [BURGER, SALAD, LEMONADE], id = newId()) => {
    const response = await t.request('POST', '/api/guest/orders', { id, items }, guest);
    expect(response.status).toBe(201);
    return response.body;
  };
  const dayDocOf = (orderId: string) => `venue/demo-bistro/day/${sql().prepare('SELECT business_day FROM orders WHERE id = ?').pluck().get(orderId) as string}`;
  const cloudName = (local: string) => local.replace('venue/demo-bistro/', `venue/${cloud.venueId}/`);
  const hubOrders = (docName: string) => readOrders(sync().documents.get(docName));
  const rowCount = () => sql().prepare('SELECT COUNT(*) FROM sync_updates').pluck().get() as number;
  const pair = async (token = manager, body: unknown = { cloudUrl: cloud.url, pairingCode: cloud.pairingCode }) =>
    t.request('POST', '/api/sync/pair', body, token);
  const pairAndSettle = async () => {
    expect((await pair()).status).toBe(200);
    await waitFor('the first sync to finish', () => sync().status().connected && sync().status().pendingUpdates === 0);
  };
  const menuRow = (id: string) => sql().prepare('SELECT price_minor AS priceMinor, available FROM menu_items WHERE id = ?').get(id) as { priceMinor: number; available: number };

  it('records every change of an order in its business day document, also while unpaired', async () => {
    const order = await place();
    const name = dayDocOf(order.id);
    const statusInDoc = () => hubOrders(name).find((o) => o.id === order.id)!;
    expect(statusInDoc()).toMatchObject({ status: 'placed', totalMinor: order.totalMinor, number: order.number, tableName: 'Table 1' });
    expect(statusInDoc().items.find((i) => i.menuItemId === 'greek-salad')?.note).toBe('no onion <b>please</b>');

    expect((await t.request('POST', `/api/orders/${order.id}/transition`, { to: 'accepted' }, waiter)).status).toBe(200);
    expect(statusInDoc().status).toBe('accepted');
    expect((await t.request('POST', `/api/orders/${order.id}/rush`, { rush: true }, waiter)).status).toBe(200);
    expect(statusInDoc().rush).toBe(true);
    const [burger, salad, lemonade] = order.items as Array<{ id: string }>;
    expect((await t.request('POST', `/api/kds/items/${burger!.id}/bump`, {}, kitchen)).status).toBe(200);
    expect(statusInDoc().status).toBe('preparing');
    for (const item of [salad!, lemonade!]) expect((await t.request('POST', `/api/kds/items/${item.id}/bump`, {}, kitchen)).status).toBe(200);
    expect(statusInDoc().status).toBe('ready');
    expect((await t.request('POST', `/api/kds/items/${salad!.id}/recall`, {}, kitchen)).status).toBe(200);
    expect(statusInDoc()).toMatchObject({ status: 'preparing' });
    expect(statusInDoc().items.find((i) => i.id === salad!.id)?.status).toBe('pending');
    expect((await t.request('POST', `/api/kds/items/${salad!.id}/bump`, {}, kitchen)).status).toBe(200);
    const served = await t.request('POST', `/api/orders/${order.id}/transition`, { to: 'served' }, waiter);
    expect(served.status).toBe(200);
    expect(statusInDoc()).toMatchObject({ status: 'served', totalMinor: served.body.totalMinor });
    expect(statusInDoc().items.map((i) => i.status)).toEqual(served.body.items.map((i: { status: string }) => i.status));

    // Moving the visit rewrites the table of its orders.
    const moved = await t.request('POST', `/api/visits/${order.visitId}/move`, { tableId: 'table-5' }, waiter);
    expect(moved.status).toBe(200);
    expect(statusInDoc().tableName).toBe('Table 5');

    const status = (await t.request('GET', '/api/sync/status', undefined, kitchen)).body;
    expect(status).toMatchObject({ paired: false, connected: false, cloudUrl: null, lastSyncAt: null, documents: [] });
    expect(status.pendingUpdates).toBe(rowCount());
    expect(status.pendingBytes).toBeGreaterThan(0);
    expect(status.oldestPendingAgeMs).toBeGreaterThanOrEqual(0);
  });

  it('writes one Yjs transaction and one small row per order, and nothing for a retried order', async () => {
    const first = await place();
    const name = dayDocOf(first.id);
    let transactions = 0;
    sync().documents.get(name).on('afterTransaction', () => (transactions += 1));
    const rowsBefore = rowCount();
    const id = newId();
    const items = [{ menuItemId: 'tomato-soup', quantity: 1 }, { menuItemId: 'hummus', quantity: 2 }, LEMONADE];
    const order = await place(items, id);
    expect(transactions).toBe(1);
    expect(rowCount()).toBe(rowsBefore + 1);
    const update = sql().prepare('SELECT "update" FROM sync_updates ORDER BY id DESC LIMIT 1').pluck().get() as Buffer;
    // A V1 update of a three-item order is about 580 bytes or more (UUIDs, names in two languages); V2 is smaller.
    expect(update.length).toBeLessThan(580);
    expect(update.length).toBeLessThan(Y.convertUpdateFormatV2ToV1(update).length * 0.75);

    const retry = await t.request('POST', '/api/guest/orders', { id, items }, guest);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(order.id);
    expect(transactions).toBe(1);
    expect(rowCount()).toBe(rowsBefore + 1);
  });

  it('guards pairing: managers only, a known code, a reachable cloud, one pairing at a time', async () => {
    expect((await pair(waiter)).status).toBe(403);
    expect((await t.request('GET', '/api/sync/status', undefined, guest)).status).toBe(401);
    const unknownField = await pair(manager, { cloudUrl: cloud.url, pairingCode: cloud.pairingCode, venueId: 'x' });
    expect(unknownField.status).toBe(400);
    expect((await pair(manager, { cloudUrl: 'ftp://example.com', pairingCode: 'ABCD2345' })).status).toBe(400);
    const wrongCode = await pair(manager, { cloudUrl: cloud.url, pairingCode: 'WRONG234' });
    expect(wrongCode.status).toBe(409);
    expect(wrongCode.body.error).toBe('pairing_refused');
    expect(wrongCode.body.message).toContain('unknown or used');
    // A port nothing listens on: the closed cloud's own.
    const gone = await startFakeCloud();
    await gone.close();
    const unreachable = await pair(manager, { cloudUrl: gone.url, pairingCode: 'ABCD2345' });
    expect(unreachable.status).toBe(502);
    expect(unreachable.body.error).toBe('cloud_unreachable');
    expect(sync().status().paired).toBe(false);

    const paired = await pair();
    expect(paired.status).toBe(200);
    expect(paired.body).toMatchObject({ paired: true, cloudUrl: cloud.url, cloudVenueId: cloud.venueId });
    const again = await pair();
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already_paired');
  });

  it('after pairing sends everything recorded before, under the cloud venue id, and shows it in the status', async () => {
    const orders = [await place(), await place([LEMONADE])];
    const name = dayDocOf(orders[0].id);
    expect(sync().status().pendingUpdates).toBeGreaterThanOrEqual(3); // the menu, then two orders
    await pairAndSettle();
    const status = (await t.request('GET', '/api/sync/status', undefined, waiter)).body;
    expect(status).toMatchObject({ paired: true, connected: true, pendingUpdates: 0, pendingBytes: 0, oldestPendingAgeMs: 0, lastError: null });
    expect(Date.parse(status.lastSyncAt)).not.toBeNaN();
    expect(status.documents.map((d: { name: string }) => d.name)).toContain(name);
    expect(readOrders(cloud.doc(cloudName(name)))).toEqual(hubOrders(name));
    // The config document carries every menu item, so HQ edits items that already exist on both sides.
    const menu = readMenuItems(cloud.doc(`venue/${cloud.venueId}/config`));
    expect(menu.find((item) => item.id === 'greek-salad')).toMatchObject({ priceMinor: 850, available: true });
    expect(menu.length).toBe(sql().prepare('SELECT COUNT(*) FROM menu_items').pluck().get());
  });

  it('sends each change as it commits, and counts it pending until the cloud acks it', async () => {
    await pairAndSettle();
    cloud.holdAcks = true;
    const before = cloud.received.length;
    const order = await place();
    const rowId = sql().prepare('SELECT MAX(id) FROM sync_updates').pluck().get() as number;
    await waitFor('the order to reach the cloud', () => cloud.received.length > before);
    expect(cloud.received.slice(before).map((r) => r.clientUpdateId)).toEqual([rowId]);
    const waiting = sync().status();
    expect(waiting.pendingUpdates).toBe(1);
    expect(waiting.pendingBytes).toBeGreaterThan(0);
    expect(readOrders(cloud.doc(cloudName(dayDocOf(order.id)))).map((o) => o.id)).toContain(order.id);

    // The cloud goes away before acking: the update is sent again when it comes back, then acked.
    cloud.offline();
    await waitFor('the hub to notice', () => !sync().status().connected);
    cloud.holdAcks = false;
    cloud.online();
    sync().reconnectNow();
    await waitFor('the resent update to be acked', () => sync().status().pendingUpdates === 0 && sync().status().connected);
    expect(cloud.received.filter((r) => r.clientUpdateId === rowId)).toHaveLength(2);
  });

  it('resends exactly the unacked updates after an outage, merged into one frame per document', async () => {
    const first = await place();
    await pairAndSettle();
    cloud.offline();
    await waitFor('the hub to notice', () => !sync().status().connected);
    const offlineOrders = [await place(), await place([SALAD])];
    expect((await t.request('POST', `/api/orders/${first.id}/transition`, { to: 'accepted' }, waiter)).status).toBe(200);
    expect((await t.request('PATCH', '/api/menu/items/hummus', { available: false }, manager)).status).toBe(200);
    const unacked = sql().prepare('SELECT id, doc_name AS docName, "update" FROM sync_updates WHERE acked_at IS NULL ORDER BY id').all() as Array<{ id: number; docName: string; update: Buffer }>;
    expect(unacked).toHaveLength(4); // two orders, the acceptance, the menu change
    expect(sync().status().pendingUpdates).toBe(4);
    const before = cloud.received.length;
    const bytesBefore = cloud.bytesReceived();

    cloud.online();
    sync().reconnectNow();
    await waitFor('every unacked update to be acked', () => sync().status().pendingUpdates === 0 && sync().status().connected);
    const resent = cloud.received.slice(before);
    // Besides the updates, only the handshake: state vectors and empty step 2s, not the updates again.
    const handshake = cloud.bytesReceived() - bytesBefore - resent.reduce((sum, frame) => sum + frame.bytes, 0);
    expect(handshake).toBeLessThan(30 * sync().status().documents.length);
    const byDoc = new Map<string, typeof unacked>();
    for (const row of unacked) byDoc.set(row.docName, [...(byDoc.get(row.docName) ?? []), row]);
    expect(resent.map((r) => r.docName).sort()).toEqual([...byDoc.keys()].map(cloudName).sort());
    for (const frame of resent) {
      const rows = [...byDoc.entries()].find(([docName]) => cloudName(docName) === frame.docName)![1];
      expect(frame.clientUpdateId).toBe(rows[rows.length - 1]!.id);
      expect(Buffer.from(frame.update)).toEqual(Buffer.from(rows.length === 1 ? rows[0]!.update : Y.mergeUpdatesV2(rows.map((r) => r.update))));
    }
    const name = dayDocOf(offlineOrders[0].id);
    expect(readOrders(cloud.doc(cloudName(name)))).toEqual(hubOrders(name));
    expect(readOrders(cloud.doc(cloudName(name))).find((o) => o.id === first.id)?.status).toBe('accepted');
    expect(readMenuItems(cloud.doc(`venue/${cloud.venueId}/config`)).find((i) => i.id === 'hummus')?.available).toBe(false);
  });

  it('sends a document whole again when the cloud lost what it had acked', async () => {
    const order = await place();
    const name = dayDocOf(order.id);
    await pairAndSettle();
    cloud.offline();
    await waitFor('the hub to notice', () => !sync().status().connected);
    cloud.forget(cloudName(name));
    const before = cloud.received.length;
    cloud.online();
    sync().reconnectNow();
    await waitFor('the document to be whole again', () => readOrders(cloud.doc(cloudName(name))).length === 1);
    expect(readOrders(cloud.doc(cloudName(name)))).toEqual(hubOrders(name));
    // It came in the step 2: nothing was pending, so no client update was sent.
    expect(cloud.received.length).toBe(before);
  });

  it('applies an HQ price change to the menu and the guest page, without echoing it back', async () => {
    await pairAndSettle();
    const rowsBefore = rowCount();
    const seqBefore = t.hub.context.events.latestSeq();
    cloud.hqSetMenuItem('greek-salad', { priceMinor: 990, updatedAt: '2026-06-01T10:00:00.000Z' });
    cloud.hqSetMenuItem('hummus', { available: false, updatedAt: '2026-06-01T10:00:00.000Z' });
    await waitFor('the price to reach SQLite', () => menuRow('greek-salad').priceMinor === 990 && menuRow('hummus').available === 0);
    const guestMenu = (await t.request('GET', '/api/guest/menu', undefined, guest)).body;
    const items = guestMenu.categories.flatMap((c: { items: Array<{ id: string; priceMinor: number }> }) => c.items);
    expect(items.find((i: { id: string }) => i.id === 'greek-salad').priceMinor).toBe(990);
    expect(items.find((i: { id: string }) => i.id === 'hummus')).toBeUndefined();
    const announced = sql().prepare("SELECT payload FROM events WHERE seq > ? AND type = 'menu.changed' ORDER BY seq").pluck().all(seqBefore) as string[];
    expect(announced.map((p) => JSON.parse(p))).toEqual([
      { itemId: 'greek-salad', priceMinor: 990, available: true },
      { itemId: 'hummus', priceMinor: 700, available: false },
    ]);
    // Stored as acked rows; nothing of the hub's own went back to the cloud.
    expect(rowCount()).toBe(rowsBefore + 2);
    expect(sync().status().pendingUpdates).toBe(0);
    const order = await place([SALAD]);
    expect(order.totalMinor).toBe(990);
  });

  it('keeps both sides of changes made during an outage, and agrees on one price when both changed it', async () => {
    await pairAndSettle();
    cloud.offline();
    await waitFor('the hub to notice', () => !sync().status().connected);
    cloud.hqSetMenuItem('beef-tartare', { priceMinor: 1345 });
    expect((await t.request('PATCH', '/api/menu/items/beef-tartare', { available: false }, manager)).status).toBe(200);
    cloud.hqSetMenuItem('ribeye-steak', { priceMinor: 3100 });
    expect((await t.request('PATCH', '/api/menu/items/ribeye-steak', { priceMinor: 3300 }, manager)).status).toBe(200);

    cloud.online();
    sync().reconnectNow();
    await waitFor('both sides to converge', () => sync().status().pendingUpdates === 0 && menuRow('beef-tartare').priceMinor === 1345);
    const cloudMenu = new Map(readMenuItems(cloud.doc(`venue/${cloud.venueId}/config`)).map((item) => [item.id, item]));
    expect(menuRow('beef-tartare')).toEqual({ priceMinor: 1345, available: 0 });
    expect(cloudMenu.get('beef-tartare')).toMatchObject({ priceMinor: 1345, available: false });
    const agreed = cloudMenu.get('ribeye-steak')!.priceMinor;
    expect([3100, 3300]).toContain(agreed);
    await waitFor('the hub to project the agreed price', () => menuRow('ribeye-steak').priceMinor === agreed);
  });

  it('rebuilds its documents after a restart and still sends what was unacked', async () => {
    const order = await place();
    const name = dayDocOf(order.id);
    const before = hubOrders(name);
    const dataDir = t.dataDir;
    // Closed without deleting its folder; the restarted hub does not own the folder, so it is removed here.
    await t.hub.close();
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    t = await startTestHub({ dataDir });
    guest = await t.guestToken('table-2');
    manager = await t.login('1111');
    expect(hubOrders(name)).toEqual(before);
    await place([LEMONADE]);
    await pairAndSettle();
    expect(readOrders(cloud.doc(cloudName(name)))).toEqual(hubOrders(name));
    expect(readOrders(cloud.doc(cloudName(name)))).toHaveLength(2);
  });

  it('unpairs: the sockets close, and changes are still recorded for a later pairing', async () => {
    await pairAndSettle();
    expect(cloud.openSockets()).toBeGreaterThan(0);
    const unpaired = await t.request('POST', '/api/sync/unpair', {}, manager);
    expect(unpaired.status).toBe(200);
    expect(unpaired.body).toMatchObject({ paired: false, connected: false, cloudUrl: null, documents: [] });
    await waitFor('the cloud to see the sockets close', () => cloud.openSockets() === 0);
    await place();
    expect(sync().status().pendingUpdates).toBe(1);
    expect((await t.request('POST', '/api/sync/unpair', {}, waiter)).status).toBe(403);
  });

  it('reports a token the cloud refuses, and keeps the changes waiting', async () => {
    await pairAndSettle();
    cloud.hubToken = 'another-token-entirely-0000000000';
    cloud.offline();
    await waitFor('the hub to notice', () => !sync().status().connected);
    cloud.online();
    sync().reconnectNow();
    await waitFor('the refusal to show', () => (sync().status().lastError ?? '').includes('refused this hub'));
    await place();
    const status = sync().status();
    expect(status).toMatchObject({ paired: true, connected: false, pendingUpdates: 1 });
  });
});

describe('a cloud that stops answering', () => {
  it('is dropped by the heartbeat and reconnected once the line is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-hub-test-'));
    const hub = await createHub(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', MDNS: 'off' }), {
      sync: { heartbeatMs: 250, minBackoffMs: 50, maxBackoffMs: 200 },
    });
    const cloud = await startFakeCloud();
    const line = await startBlackhole(cloud.url);
    try {
      const login = await hub.app.inject({ method: 'POST', url: '/api/staff/login', payload: { pin: '1111' } });
      const manager = login.json<{ token: string }>().token;
      const paired = await hub.app.inject({
        method: 'POST',
        url: '/api/sync/pair',
        payload: { cloudUrl: line.url, pairingCode: cloud.pairingCode },
        headers: { authorization: `Bearer ${manager}` },
      });
      expect(paired.statusCode).toBe(200);
      const sync = hub.modules.sync!;
      await waitFor('the first sync', () => sync.status().connected && sync.status().pendingUpdates === 0);

      line.cut();
      await waitFor('the heartbeat to drop the silent socket', () => !sync.status().connected, 10_000);
      expect(sync.status().lastError).toContain('stopped answering');
      line.restore();
      await waitFor('the reconnect after backoff', () => sync.status().connected, 10_000);
    } finally {
      await hub.close();
      await line.close();
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
