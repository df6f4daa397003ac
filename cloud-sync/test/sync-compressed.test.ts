import { deflateRawSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docNames, readOrders, writeOrder } from '@onemoment/shared/sync/index';
import { openPglite, rows, type Database } from '../src/db/database.ts';
import { startCloud, type TestCloud } from './support/cloud-harness.ts';
import { makeOrder } from './support/orders.ts';
import { TestSyncClient } from './support/sync-client.ts';

/**
 * Compressed hub updates (message 102): inflated off the event loop, never past
 * SYNC_MAX_MESSAGE_BYTES, and handled in the order the frames came.
 */

const MAX_BYTES = 4 * 1024 * 1024;

let database: Database;
let cloud: TestCloud;
let hq: string;
const clients: TestSyncClient[] = [];

beforeAll(async () => {
  database = await openPglite(null);
  cloud = await startCloud({ database, env: { SYNC_MAX_MESSAGE_BYTES: String(MAX_BYTES) } });
  hq = await cloud.hqToken();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await cloud?.close();
  await database?.close();
});

function compressedFrame(clientUpdateId: number, deflated: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 102);
  encoding.writeVarUint(encoder, clientUpdateId);
  encoding.writeVarUint8Array(encoder, deflated);
  return encoding.toUint8Array(encoder);
}

/** Orders written into a document of their own: an update as the hub would resend it. */
function ordersUpdate(from: number, count: number, day: string): Uint8Array {
  const doc = new Y.Doc();
  for (let i = from; i < from + count; i++) writeOrder(doc, makeOrder(i, `${day}T12:00:00.000Z`));
  return Y.encodeStateAsUpdateV2(doc);
}

async function storedUpdates(docName: string): Promise<number> {
  const [row] = await rows<{ n: string | number }>(database.db, sql`SELECT count(*) AS n FROM doc_updates WHERE doc_name = ${docName}`);
  return Number(row!.n);
}

/** A hub of a new venue, synced on the venue's document of `day`. */
async function connectHub(day: string): Promise<{ hub: TestSyncClient; docName: string; connectAnother(): Promise<TestSyncClient> }> {
  const { venueId, hubToken } = await cloud.pairedVenue(hq);
  const docName = docNames.day(venueId, day);
  const connectAnother = async () => {
    const client = new TestSyncClient(TestSyncClient.wsUrl(cloud.baseUrl, docName), hubToken);
    clients.push(client);
    await client.connect();
    await client.until(() => client.synced, 'the first sync');
    return client;
  };
  return { hub: await connectAnother(), docName, connectAnother };
}

describe('compressed updates (102)', () => {
  it('refuses frames that would inflate past SYNC_MAX_MESSAGE_BYTES, stores nothing of them, and keeps answering HTTP meanwhile', async () => {
    const day = '2026-07-01';
    const { hub, docName } = await connectHub(day);
    const before = await storedUpdates(docName);

    // 64 KB on the wire, 64 MB inflated: 16 times the limit.
    const bomb = deflateRawSync(Buffer.alloc(16 * MAX_BYTES), { level: 9 });
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const frames = 6;
    for (let id = 1; id <= frames; id++) hub.sendRaw(compressedFrame(id, bomb));

    // Ask for /api/health, one request after the other, until every frame is answered: the cloud
    // must answer some of them while it is still busy with the frames.
    const answeredWhileBusy: number[] = [];
    let slowest = 0;
    while (hub.denials.length < frames) {
      const started = performance.now();
      const health = await cloud.request('GET', '/api/health');
      slowest = Math.max(slowest, performance.now() - started);
      expect(health.status).toBe(200);
      if (hub.denials.length < frames) answeredWhileBusy.push(hub.denials.length);
      if (answeredWhileBusy.length > 10_000) throw new Error(`the frames were never answered: ${hub.denials.length} denials`);
    }
    expect(answeredWhileBusy.length).toBeGreaterThan(0);
    // Inflated on the event loop, as before the fix, /api/health waited 4.9 s behind these frames; off
    // the loop it answers in milliseconds. The bound leaves a busy 2-core CI box a wide margin.
    expect(slowest).toBeLessThan(2_000);

    expect(hub.denials).toHaveLength(frames);
    hub.denials.forEach((reason, i) => {
      expect(reason).toBe(`update ${i + 1} was refused: it inflates to more than ${MAX_BYTES} bytes, the largest update the cloud takes (SYNC_MAX_MESSAGE_BYTES)`);
    });
    expect(hub.acked.size).toBe(0);
    expect(await storedUpdates(docName)).toBe(before);

    // A frame that does not inflate at all is refused too; the socket stays usable.
    hub.sendRaw(compressedFrame(50, new Uint8Array([0xff, 0xfe, 0xfd, 0x00])));
    await hub.until(() => hub.denials.length === frames + 1, 'the refusal of a broken compressed frame');
    expect(hub.denials.at(-1)).toMatch(/^update 50 was refused: its compressed update does not inflate/);
    const good = ordersUpdate(1, 3, day);
    hub.sendRaw(compressedFrame(51, deflateRawSync(good)));
    await hub.until(() => hub.acked.has(51), 'a good compressed update acknowledged');
    expect(await storedUpdates(docName)).toBe(before + 1);
  });

  it('handles the frames of one socket in the order they came, a compressed one included', async () => {
    const day = '2026-07-02';
    const { hub, connectAnother } = await connectHub(day);
    // A large compressed update (slow to inflate), then small plain ones right behind it.
    const large = ordersUpdate(1, 200, day);
    hub.sendRaw(compressedFrame(1, deflateRawSync(large)));
    hub.sendClientUpdate(2, ordersUpdate(201, 1, day));
    hub.sendRaw(compressedFrame(3, deflateRawSync(ordersUpdate(202, 1, day))));
    hub.sendClientUpdate(4, ordersUpdate(203, 1, day));
    await hub.until(() => hub.acked.size === 4, 'four acknowledgements');
    expect([...hub.acked]).toEqual([1, 2, 3, 4]);
    expect(hub.denials).toEqual([]);

    const reader = await connectAnother();
    expect(readOrders(reader.doc)).toHaveLength(203);
  });
});
