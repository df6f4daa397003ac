import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Order } from '@onemoment/shared/schemas/orders';
import { writeOrder } from '@onemoment/shared/sync/day-doc';
import { readOrders } from '@onemoment/shared/sync/order-records';
import { ManualClock } from '../clock.ts';
import { CommandRunner } from '../db/command-runner.ts';
import { openStore, type Store } from '../db/connection.ts';
import { LOCAL_ORIGIN, SyncDocuments } from './sync-documents.ts';

const DOC = 'venue/demo-bistro/day/2026-06-01';

function order(id: string, number: number, status: Order['status'] = 'placed'): Order {
  const at = '2026-06-01T12:00:00.000Z';
  return {
    id,
    number,
    businessDay: '2026-06-01',
    visitId: 'visit-1',
    tableId: 'table-1',
    tableName: 'Table 1',
    status,
    rush: false,
    placedBy: 'guest',
    totalMinor: 1300,
    currency: 'EUR',
    createdAt: at,
    updatedAt: at,
    statusReason: null,
    guestMessage: null,
    items: [
      {
        id: `${id}-a`,
        menuItemId: 'tomato-soup',
        name: 'Tomato soup',
        names: { en: 'Tomato soup' },
        quantity: 2,
        unitPriceMinor: 650,
        totalMinor: 1300,
        modifiers: [],
        note: null,
        station: 'grill',
        allergens: [],
        status: 'pending',
        readyAt: null,
        statusReason: null,
        guestMessage: null,
        comped: false,
      },
    ],
  };
}

describe('SyncDocuments', () => {
  let dir: string;
  let store: Store;
  let documents: SyncDocuments;
  let commands: CommandRunner;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onemoment-sync-docs-'));
    store = openStore(dir);
    documents = new SyncDocuments(store.sqlite, new ManualClock(new Date('2026-06-01T12:00:00Z')));
    commands = new CommandRunner(store.sqlite, { groupCommit: true });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (o: Order) => commands.run((tx) => documents.write(tx, DOC, (doc) => writeOrder(doc, o, LOCAL_ORIGIN)));
  const rows = () => store.sqlite.prepare('SELECT id, doc_name AS docName, length("update") AS bytes, acked_at AS ackedAt FROM sync_updates ORDER BY id').all();

  it('stores one unacked row per change, none for a write that changes nothing', async () => {
    const first = await write(order('o1', 1));
    const again = await write(order('o1', 1));
    const accepted = await write({ ...order('o1', 1, 'accepted'), updatedAt: '2026-06-01T12:01:00.000Z' });
    expect(first?.id).toBeGreaterThan(0);
    expect(again).toBeNull();
    expect(accepted!.id).toBeGreaterThan(first!.id);
    expect(rows()).toEqual([
      { id: first!.id, docName: DOC, bytes: first!.update.byteLength, ackedAt: null },
      { id: accepted!.id, docName: DOC, bytes: accepted!.update.byteLength, ackedAt: null },
    ]);
  });

  it('rebuilds a document from its rows equal to the live one', async () => {
    await write(order('o1', 1));
    await write(order('o2', 2));
    await write({ ...order('o1', 1, 'cancelled'), statusReason: 'Guest left', updatedAt: '2026-06-01T12:05:00.000Z' });
    const live = documents.get(DOC);
    const rebuilt = new Y.Doc();
    for (const row of store.sqlite.prepare('SELECT "update" FROM sync_updates ORDER BY id').pluck().all() as Buffer[]) Y.applyUpdateV2(rebuilt, row);
    expect(readOrders(rebuilt)).toEqual(readOrders(live));
    expect(readOrders(rebuilt).map((o) => [o.id, o.status, o.totalMinor])).toEqual([
      ['o1', 'cancelled', 1300],
      ['o2', 'placed', 1300],
    ]);
    // And through the registry: unloaded, then loaded again from SQLite.
    documents.unload(DOC);
    expect(readOrders(documents.get(DOC))).toEqual(readOrders(rebuilt));
  });

  it('drops a change from memory when its command rolls back, keeping what committed before it in the batch', async () => {
    const kept = write(order('o1', 1));
    const refused = commands.run((tx) => {
      documents.write(tx, DOC, (doc) => writeOrder(doc, order('o2', 2), LOCAL_ORIGIN));
      expect(readOrders(documents.get(DOC)).map((o) => o.id)).toEqual(['o1', 'o2']);
      throw new Error('refused after writing');
    });
    const after = commands.run(() => readOrders(documents.get(DOC)).map((o) => o.id));
    await kept;
    await expect(refused).rejects.toThrow('refused after writing');
    expect(await after).toEqual(['o1']);
    expect(readOrders(documents.get(DOC)).map((o) => o.id)).toEqual(['o1']);
    expect(rows()).toHaveLength(1);
  });

  it('skips a damaged row when rebuilding, and says which', async () => {
    const unreadable: Array<[string, number]> = [];
    documents = new SyncDocuments(store.sqlite, new ManualClock(), (doc, rowId) => unreadable.push([doc, rowId]));
    await write(order('o1', 1));
    const damaged = store.sqlite.prepare('INSERT INTO sync_updates (doc_name, "update", created_at) VALUES (?, ?, ?) RETURNING id').pluck().get(DOC, Buffer.from([1, 2, 3, 250, 250]), 'x') as number;
    await write(order('o2', 2));
    documents.unload(DOC);
    expect(readOrders(documents.get(DOC)).map((o) => o.id)).toEqual(['o1', 'o2']);
    expect(unreadable).toEqual([[DOC, damaged]]);
  });

  it('applies a cloud update as an acked row, and stores nothing for an echo', async () => {
    const cloud = new Y.Doc();
    writeOrder(cloud, order('remote', 7));
    const update = Y.encodeStateAsUpdate(cloud);
    const stored = await commands.run((tx) => documents.applyRemote(tx, DOC, update));
    const echo = await commands.run((tx) => documents.applyRemote(tx, DOC, update));
    expect(stored).not.toBeNull();
    expect(echo).toBeNull();
    expect(rows()).toEqual([{ id: stored!.id, docName: DOC, bytes: stored!.update.byteLength, ackedAt: '2026-06-01T12:00:00.000Z' }]);
    expect(documents.pendingRows(DOC)).toEqual([]);
    expect(readOrders(documents.get(DOC)).map((o) => o.id)).toEqual(['remote']);
  });

  it('acks exactly the rows of one document in a range', async () => {
    const a = await write(order('o1', 1));
    const other = await commands.run((tx) => documents.write(tx, 'venue/demo-bistro/day/2026-06-02', (doc) => writeOrder(doc, order('x', 1), LOCAL_ORIGIN)));
    const b = await write(order('o2', 2));
    const c = await write(order('o3', 3));
    expect(documents.ack(DOC, a!.id, b!.id)).toBe(2);
    expect(documents.pendingRows(DOC).map((row) => row.id)).toEqual([c!.id]);
    expect(documents.pendingDocNames().sort()).toEqual([DOC, other!.docName].sort());
    expect(documents.pendingSummary().updates).toBe(2);
  });
});
