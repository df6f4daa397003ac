// The HQ page tests' fixture: a cloud on PGlite and a browser, started once per test file and closed
// after it, with the two steps every such test takes: pairing a new venue, and syncing as its hub.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { openPglite, type Database } from '../../cloud-sync/src/db/database.ts';
import { startCloud, type TestCloud } from '../../cloud-sync/test/support/cloud-harness.ts';
import { TestSyncClient } from '../../cloud-sync/test/support/sync-client.ts';
import { launchBrowser } from './browser.ts';

export interface HqCloud {
  readonly cloud: TestCloud;
  readonly browser: Browser;
  /** HQ creates a venue and a hub pairs with it: the HQ login, the venue's id and the hub's token. */
  pairVenue(venue: { name: string; timezone: string; currency: string }): Promise<{ hq: string; venueId: string; hubToken: string }>;
  /** A hub's connection to one document, synced once before it is returned (closed with the fixture). */
  hubClient(docName: string, hubToken: string): Promise<TestSyncClient>;
}

/** Registers the file's beforeAll and afterAll; the fields are there once beforeAll has run. */
export function useHqCloud(): HqCloud {
  let database: Database | undefined;
  let cloud: TestCloud | undefined;
  let browser: Browser | undefined;
  const clients: TestSyncClient[] = [];

  beforeAll(async () => {
    database = await openPglite(null);
    cloud = await startCloud({ database });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await browser?.close();
    await cloud?.close();
    await database?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the HQ fixture's ${what} is not started yet (use it inside a test)`);
    return value;
  };

  return {
    get cloud() {
      return started(cloud, 'cloud');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async pairVenue(venue) {
      const hq = await this.cloud.hqToken();
      const created = await this.cloud.request('POST', '/api/hq/venues', venue, hq);
      if (created.status !== 201) throw new Error(`creating ${venue.name} failed: ${created.status} ${JSON.stringify(created.body)}`);
      const paired = await this.cloud.request('POST', '/api/pair', { pairingCode: created.body.pairingCode, currency: venue.currency, timezone: venue.timezone });
      if (paired.status !== 200) throw new Error(`pairing ${venue.name} failed: ${paired.status} ${JSON.stringify(paired.body)}`);
      return { hq, venueId: created.body.id as string, hubToken: paired.body.hubToken as string };
    },
    async hubClient(docName, hubToken) {
      const client = new TestSyncClient(TestSyncClient.wsUrl(this.cloud.baseUrl, docName), hubToken);
      clients.push(client);
      await client.connect();
      await client.until(() => client.synced, `the first sync of ${docName}`);
      return client;
    },
  };
}
