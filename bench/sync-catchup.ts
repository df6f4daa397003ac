/**
 * Cloud sync after an outage: a hub takes 10,000 orders while it cannot reach the cloud, then pairs;
 * measured is the time from the pairing until the cloud's report rows hold every order, and the bytes
 * that crossed the wire per order (counted by a TCP relay between hub and cloud). Baselines from the
 * same run: the orders' stored Yjs updates (V2, one per order, before merging) and a plain Yjs V1
 * update of one order, the figure the issue starts from.
 */
import { once } from 'node:events';
import { createServer, connect, type Server } from 'node:net';
import { pathToFileURL } from 'node:url';
import { newId } from '@onemoment/shared/ids';
import { writeOrder } from '@onemoment/shared/sync/index';
import * as Y from 'yjs';
import { openPglite } from '../cloud-sync/src/db/database.ts';
import { startCloud } from '../cloud-sync/test/support/cloud-harness.ts';
import { startTestHub } from '../hub/test/harness.ts';

export interface SyncCatchupReport {
  orders: number;
  catchupSeconds: number;
  wireBytesPerOrder: number;
  storedBytesPerOrder: number;
  plainV1BytesPerOrder: number;
}

export const SYNC_TARGET_SECONDS = 10;
export const SYNC_TARGET_BYTES_PER_ORDER = 200;

/** A relay that counts the bytes it carries both ways. */
async function countingRelay(targetPort: number): Promise<{ port: number; bytes: () => number; server: Server }> {
  let bytes = 0;
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    client.on('data', (chunk) => (bytes += chunk.length));
    upstream.on('data', (chunk) => (bytes += chunk.length));
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, bytes: () => bytes, server };
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function runSyncCatchup(orders = 10_000): Promise<SyncCatchupReport> {
  const database = await openPglite(null);
  const cloud = await startCloud({ database });
  const relay = await countingRelay(Number(new URL(cloud.baseUrl).port));
  const hub = await startTestHub();
  try {
    const waiter = await hub.login('2222');
    const lines = [
      { menuItemId: 'classic-burger', quantity: 1, modifierIds: ['classic-burger--medium'] },
      { menuItemId: 'greek-salad', quantity: 1 },
      { menuItemId: 'lemonade', quantity: 2 },
    ];
    let sample: any = null;
    const concurrency = 32;
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < orders) {
          const n = next++;
          const placed = await hub.request('POST', '/api/orders', { id: newId(), tableId: `table-${(n % 12) + 1}`, items: lines }, waiter);
          if (placed.status !== 201) throw new Error(`order ${n} refused: ${placed.status} ${JSON.stringify(placed.body)}`);
          sample ??= placed.body;
        }
      }),
    );
    const stored = hub.hub.context.store.sqlite.prepare("SELECT COALESCE(SUM(LENGTH(\"update\")), 0) FROM sync_updates WHERE doc_name LIKE '%/day/%'").pluck().get() as number;

    const hq = await cloud.hqToken();
    const venue = await cloud.request('POST', '/api/hq/venues', { name: 'Bench Bistro', timezone: 'Europe/Berlin', currency: 'EUR' }, hq);
    const manager = await hub.login('1111');
    const started = performance.now();
    const paired = await hub.request('POST', '/api/sync/pair', { cloudUrl: `http://127.0.0.1:${relay.port}`, pairingCode: venue.body.pairingCode }, manager);
    if (paired.status !== 200) throw new Error(`pairing failed: ${paired.status} ${JSON.stringify(paired.body)}`);
    const today = new Date();
    const from = new Date(today.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(today.getTime() + 86_400_000).toISOString().slice(0, 10);
    await waitUntil(
      async () => {
        if (hub.hub.modules.sync!.status().pendingUpdates > 0) return false;
        const report = await cloud.request('GET', `/api/hq/reports/sales?venueId=${venue.body.id}&from=${from}&to=${to}`, undefined, hq);
        return report.body.orders === orders;
      },
      300_000,
      'the cloud report to hold every order',
    );
    const catchupSeconds = (performance.now() - started) / 1000;

    const plain = new Y.Doc();
    writeOrder(plain, sample);
    return {
      orders,
      catchupSeconds,
      wireBytesPerOrder: relay.bytes() / orders,
      storedBytesPerOrder: stored / orders,
      plainV1BytesPerOrder: Y.encodeStateAsUpdate(plain).length,
    };
  } finally {
    await hub.close();
    relay.server.close();
    await cloud.close();
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const orders = Number(process.env.BENCH_SYNC_ORDERS ?? 10_000);
  const report = await runSyncCatchup(orders);
  console.log(`${report.orders} offline orders reached the cloud's report rows ${report.catchupSeconds.toFixed(1)} s after pairing (target < ${SYNC_TARGET_SECONDS} s)`);
  console.log(`on the wire: ${report.wireBytesPerOrder.toFixed(0)} bytes/order (target < ${SYNC_TARGET_BYTES_PER_ORDER}); stored V2 updates ${report.storedBytesPerOrder.toFixed(0)} bytes/order; a plain V1 update of one order ${report.plainV1BytesPerOrder} bytes`);
}
