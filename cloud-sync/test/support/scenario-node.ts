import type { sql } from 'drizzle-orm';
import { beforeAll, afterAll } from 'vitest';
import { docNames } from '@onemoment/shared/sync/index';
import { rows } from '../../src/db/database.ts';
import type { Backend, TestCloud } from './cloud-harness.ts';
import { TestSyncClient } from './sync-client.ts';

/** What the report scenarios share: one cloud node on the backend, HQ's login, and the hub's side of a sync. */
export interface ScenarioNode {
  /** The backend (for a second node with other settings), the node and HQ's token, once the file's beforeAll has run. */
  started(): { backend: Backend; node: TestCloud; hq: string };
  /** A hub's connection to one document, synced once before it is returned (closed after the file). */
  client(docName: string, token: string): Promise<TestSyncClient>;
  dayClient(venueId: string, day: string, token: string): Promise<TestSyncClient>;
  /** Until the cloud has acknowledged every update the client sent. */
  settled(client: TestSyncClient): Promise<void>;
  /** A `SELECT COUNT(*) AS n …` on the node's database. */
  count(query: ReturnType<typeof sql>): Promise<number>;
}

/** Registers the file's beforeAll (the backend, a node, HQ's login) and afterAll (closing them and every client). */
export function useScenarioNode(openBackend: () => Promise<Backend>): ScenarioNode {
  let backend: Backend | undefined;
  let node: TestCloud | undefined;
  let hq: string | undefined;
  const clients: TestSyncClient[] = [];

  beforeAll(async () => {
    backend = await openBackend();
    node = await backend.node();
    hq = await node.hqToken();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await node?.close();
    await backend?.dispose();
  });

  const started = () => {
    if (!backend || !node || hq === undefined) throw new Error('the scenario node is not started yet (use it inside a test)');
    return { backend, node, hq };
  };
  const client = async (docName: string, token: string) => {
    const c = new TestSyncClient(TestSyncClient.wsUrl(started().node.baseUrl, docName), token);
    clients.push(c);
    await c.connect();
    await c.until(() => c.synced, `the first sync of ${docName}`);
    return c;
  };
  return {
    started,
    client,
    dayClient: (venueId, day, token) => client(docNames.day(venueId, day), token),
    settled: (c) => c.until(() => c.unacked.size === 0, 'every update acknowledged'),
    count: async (query) => Number((await rows<{ n: string | number }>(started().node.cloud.context.database.db, query))[0]!.n),
  };
}
