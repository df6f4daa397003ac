/**
 * Printing as staff see it, in a real browser: a guest order prints at the grill's fake printer, the
 * admin page shows the printer with its live status and a preview, and the grill's kitchen display
 * warns when its printer runs out of paper and clears the warning when it is back.
 */
import { FakePrinter } from '@onemoment/printers';
import type { Browser, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';

// Upper bound for a busy 2-core CI box (the translator tests run Whisper beside these); passing waits end at once.
const WAIT = { timeout: 30_000 };

describe('printing, seen by staff', () => {
  let hub: TestHub;
  let browser: Browser;
  let printer: FakePrinter;
  let manager: string;
  let printerId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    manager = await hub.login('1111');
    printer = await FakePrinter.start({ state: 'online' });
    const added = await hub.request('POST', '/api/printers', { name: 'Grill printer', host: printer.host, port: printer.port, stations: ['grill'], receipts: false }, manager);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    printerId = added.body.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await printer?.close();
  });

  /** Asks the hub to check its printers now, instead of waiting for its next poll. */
  const refreshStatus = () => hub.request('GET', '/api/printers?refresh=1', undefined, manager);

  async function signIn(page: Page, path: string, pin: string): Promise<void> {
    await page.goto(`${hub.baseUrl}${path}`);
    await page.locator('.pin-pad').waitFor(WAIT);
    await page.keyboard.type(pin);
    await page.keyboard.press('Enter');
  }

  it('prints a guest order at the grill printer and shows the printer, its status and a preview to the manager', { timeout: 120_000 }, async () => {
    const guest = await hub.guestToken('table-4');
    const order = await hub.request('POST', '/api/guest/orders', { id: uuidv7(), items: [{ menuItemId: 'classic-burger', quantity: 1, modifierIds: ['classic-burger--medium'] }, { menuItemId: 'lemonade', quantity: 1 }] }, guest);
    expect(order.status).toBe(201);
    await printer.waitForJobs(1);
    const printed = printer.decoded().lines.join('\n');
    expect(printed).toContain(`#${order.body.number}`);
    expect(printed).toContain('Classic burger');
    expect(printed).not.toContain('lemonade'); // the bar has no printer: its item stays on the screen only

    const page = await (await browser.newContext({ viewport: { width: 1180, height: 900 } })).newPage();
    await signIn(page, '/admin/printers', '1111');
    const card = page.locator(`[data-printer-id="${printerId}"]`);
    await card.waitFor(WAIT);
    await refreshStatus();
    await page.locator(`[data-printer-id="${printerId}"][data-status="online"]`).waitFor(WAIT);
    await card.getByRole('button', { name: 'Preview' }).click();
    const preview = card.locator('.printer-preview img');
    await preview.waitFor(WAIT);
    await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await preview.elementHandle(), WAIT);
    await saveScreenshot(page, 'admin-printers');
  });

  it('warns the grill screen when its printer is out of paper, and clears the warning when it is back', { timeout: 120_000 }, async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signIn(page, '/kds/', '3333');
    await page.locator('.picker [data-station="grill"]').click(WAIT);
    await page.locator('[data-live="true"]').waitFor(WAIT);
    await expect(page.locator('[data-testid="printer-banner"]').count()).resolves.toBe(0);

    await printer.setState('paper_out');
    await refreshStatus();
    const banner = page.locator('[data-testid="printer-banner"]');
    await banner.waitFor(WAIT);
    expect(await banner.textContent()).toMatch(/Grill printer.*paper/i);
    await saveScreenshot(page, 'kds-printer-down');

    await printer.setState('online');
    await refreshStatus();
    await banner.waitFor({ state: 'detached', ...WAIT });
  });
});
