/**
 * The manager pairs the hub with the cloud from the admin page, with the code HQ got, and the page
 * then shows it connected with nothing waiting; HQ's report counts the hub's orders.
 */
import type { Browser } from 'playwright-core';
import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../cloud-sync/src/db/database.ts';
import { startCloud, type TestCloud } from '../cloud-sync/test/support/cloud-harness.ts';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';

// Each wait is generous (a busy CI box runs PGlite, two hubs' worth of tests and a browser at once).
const WAIT = { timeout: 45_000 };

describe('pairing from the admin page', () => {
  let database: Database;
  let cloud: TestCloud;
  let hub: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    database = await openPglite(null);
    cloud = await startCloud({ database });
    hub = await startTestHub();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await cloud?.close();
    await database?.close();
  });

  it('pairs with the code HQ shows, then shows the hub connected with nothing waiting', { timeout: 180_000 }, async () => {
    const waiter = await hub.login('2222');
    const order = await hub.request('POST', '/api/orders', { id: newId(), tableId: 'table-3', items: [{ menuItemId: 'greek-salad', quantity: 2 }] }, waiter);
    expect(order.status).toBe(201);
    const hq = await cloud.hqToken();
    const venue = await cloud.request('POST', '/api/hq/venues', { name: 'Demo Bistro', timezone: 'Europe/Berlin', currency: 'EUR' }, hq);
    expect(venue.status).toBe(201);

    const page = await (await browser.newContext({ viewport: { width: 1180, height: 820 } })).newPage();
    await page.goto(`${hub.baseUrl}/admin/cloud`);
    await page.locator('.pin-pad').waitFor(WAIT);
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    const form = page.locator('form[aria-label="Pair with the cloud"]');
    await form.waitFor(WAIT);
    await form.locator('input[name="cloudUrl"]').fill(cloud.baseUrl);
    await form.locator('input[name="pairingCode"]').fill(venue.body.pairingCode);
    await form.getByRole('button', { name: 'Pair' }).click();
    await page.locator('section[aria-label="Sync status"][data-connected="true"][data-pending="0"]').waitFor(WAIT);
    await saveScreenshot(page, 'admin-cloud');

    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const report = await cloud.request('GET', `/api/hq/reports/sales?venueId=${venue.body.id}&from=${from}&to=${today}`, undefined, hq);
    expect(report.status).toBe(200);
    expect({ orders: report.body.orders, grossMinor: report.body.grossMinor }).toEqual({ orders: 1, grossMinor: order.body.totalMinor });
  });
});
