/**
 * The order card acts on single items, and closing a table asks what to do with food still coming:
 * a waiter serves the ready drinks while the food cooks and cancels one dish with a reason and a word
 * for the guest; a manager voids one served dessert as comped while the rest of the order stays served;
 * a visit with open items closes only once someone chose to serve them, cancel them or keep the visit.
 * Also: the admin shows times on the venue's clock, and toasts never cover the header's live dot.
 *
 * Real hub, real Chromium; every step waits for a state (a data attribute, the API polled until it
 * agrees), never for a fixed time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { newId } from '@onemoment/shared/ids';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { typePin } from './support/admin-pages.ts';

const WAIT = 30_000;
const POLL = { timeout: WAIT, interval: 100 };
const PINS = { manager: '1111', waiter: '2222', kitchen: '3333' } as const;
type Role = keyof typeof PINS;

interface ApiItem {
  id: string;
  menuItemId: string;
  status: string;
  statusReason: string | null;
  guestMessage: string | null;
  comped: boolean;
}
interface ApiOrder {
  id: string;
  visitId: string;
  status: string;
  createdAt: string;
  items: ApiItem[];
}

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const tokens: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function token(role: Role): Promise<string> {
  tokens[role] ??= await hub.login(PINS[role]);
  return tokens[role];
}

async function signIn(role: 'manager' | 'waiter', options: { viewport?: { width: number; height: number }; timezoneId?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1180, height: 820 }, timezoneId: options.timezoneId });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${hub.baseUrl}/admin/tables`);
  await typePin(page, PINS[role]);
  await page.locator('.conn[data-state="live"]').waitFor({ timeout: WAIT });
  await page.locator('.table-card').first().waitFor({ timeout: WAIT });
  return page;
}

async function openOrders(page: Page, view: 'Active' | 'All today' = 'Active'): Promise<void> {
  await page.locator('nav.tabs').getByRole('link', { name: /^Orders/ }).click();
  await page.locator('h1', { hasText: 'Orders' }).waitFor({ timeout: WAIT });
  if (view === 'All today') await page.getByRole('button', { name: 'All today' }).click();
}

async function guestOrder(tableId: string, items: Array<{ menuItemId: string; quantity: number }>): Promise<ApiOrder> {
  const response = await hub.request<ApiOrder>('POST', '/api/guest/orders', { id: newId(), items }, await hub.guestToken(tableId));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function staff(method: string, path: string, body: unknown, role: Role): Promise<void> {
  const response = await hub.request(method, path, body, await token(role));
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(200);
}

async function apiOrder(orderId: string): Promise<ApiOrder | undefined> {
  const response = await hub.request<{ orders: ApiOrder[] }>('GET', '/api/orders?status=all', undefined, await token('manager'));
  return response.body.orders.find((order) => order.id === orderId);
}

async function apiItem(orderId: string, itemId: string): Promise<ApiItem | undefined> {
  return (await apiOrder(orderId))?.items.find((item) => item.id === itemId);
}

async function tableState(tableId: string): Promise<string | undefined> {
  const response = await hub.request<{ tables: Array<{ id: string; state: string }> }>('GET', '/api/tables', undefined, await token('waiter'));
  return response.body.tables.find((table) => table.id === tableId)?.state;
}

const itemRow = (page: Page, orderId: string, itemId: string, status?: string): Locator =>
  page.locator(`.order-card[data-order-id="${orderId}"] .order-item[data-item-id="${itemId}"]${status ? `[data-item-status="${status}"]` : ''}`);

describe('actions on single items', { timeout: 120_000 }, () => {
  it('lets a waiter cancel one dish with a reason and a word for the guest, and serve the ready drink while the food cooks', async () => {
    const order = await guestOrder('table-2', [
      { menuItemId: 'tomato-soup', quantity: 1 },
      { menuItemId: 'lemonade', quantity: 1 },
      { menuItemId: 'greek-salad', quantity: 1 },
    ]);
    const [soup, lemonade, salad] = order.items as [ApiItem, ApiItem, ApiItem];
    await staff('POST', `/api/orders/${order.id}/transition`, { to: 'accepted' }, 'waiter');

    const page = await signIn('waiter');
    await openOrders(page);
    const saladRow = itemRow(page, order.id, salad.id, 'pending');
    await saladRow.waitFor({ timeout: WAIT });
    // A waiter cancels; voiding is a manager's.
    expect(await saladRow.getByRole('button', { name: /^Void/ }).count()).toBe(0);
    await saladRow.getByRole('button', { name: /^Cancel 1× / }).click();
    const form = saladRow.locator('form.item-form');
    await form.waitFor({ timeout: WAIT });
    expect(await form.locator('button[type="submit"]').isDisabled()).toBe(true);
    await form.locator('input[name="reason"]').fill('Out of feta');
    await form.locator('input[name="guestMessage"]').fill('Sorry, no salad today');
    expect(await form.locator('input[name="comped"]').count()).toBe(0);
    await form.getByRole('button', { name: 'Cancel item' }).click();

    const cancelled = itemRow(page, order.id, salad.id, 'cancelled');
    await cancelled.waitFor({ timeout: WAIT });
    await cancelled.getByTestId('item-reason').filter({ hasText: 'Out of feta' }).waitFor({ timeout: WAIT });
    await cancelled.getByTestId('item-guest-message').filter({ hasText: 'Sorry, no salad today' }).waitFor({ timeout: WAIT });
    await expect.poll(async () => apiItem(order.id, salad.id), POLL).toMatchObject({ status: 'cancelled', statusReason: 'Out of feta', guestMessage: 'Sorry, no salad today' });
    // The rest of the order keeps going.
    expect((await apiItem(order.id, soup.id))?.status).toBe('pending');

    // The kitchen bumps the lemonade: the waiter serves it alone.
    const bumped = await hub.request('POST', `/api/kds/items/${lemonade.id}/bump`, {}, await token('kitchen'));
    expect(bumped.status, JSON.stringify(bumped.body)).toBe(200);
    const ready = itemRow(page, order.id, lemonade.id, 'ready');
    await ready.waitFor({ timeout: WAIT });
    await ready.getByRole('button', { name: /^Serve 1× / }).click();
    await itemRow(page, order.id, lemonade.id, 'served').waitFor({ timeout: WAIT });
    await expect.poll(async () => (await apiItem(order.id, lemonade.id))?.status, POLL).toBe('served');
    const after = await apiOrder(order.id);
    expect(after?.status).not.toBe('served');
    expect(after?.items.find((item) => item.id === soup.id)?.status).toBe('pending');
    await saveScreenshot(page, 'admin-item-actions');
  });

  it('lets a manager void one served dessert as comped (ticked by default) while the rest stays served', async () => {
    const order = await guestOrder('table-3', [
      { menuItemId: 'espresso', quantity: 1 },
      { menuItemId: 'apple-strudel', quantity: 1 },
    ]);
    const [espresso, strudel] = order.items as [ApiItem, ApiItem];
    await staff('POST', `/api/orders/${order.id}/transition`, { to: 'accepted' }, 'waiter');
    for (const item of order.items) await staff('POST', `/api/kds/items/${item.id}/bump`, {}, 'kitchen');
    await staff('POST', `/api/orders/${order.id}/transition`, { to: 'served' }, 'waiter');

    const page = await signIn('manager');
    await openOrders(page, 'All today');
    const row = itemRow(page, order.id, strudel.id, 'served');
    await row.waitFor({ timeout: WAIT });
    await row.getByRole('button', { name: /^Void 1× / }).click();
    const form = row.locator('form.item-form');
    const comped = form.locator('input[name="comped"]');
    await comped.waitFor({ timeout: WAIT });
    expect(await comped.isChecked()).toBe(true);
    await form.locator('input[name="reason"]').fill('Arrived cold');
    await form.getByRole('button', { name: 'Void item' }).click();

    const voided = page.locator(`.order-card[data-order-id="${order.id}"] .order-item[data-item-id="${strudel.id}"][data-item-status="voided"][data-comped="true"]`);
    await voided.waitFor({ timeout: WAIT });
    await voided.getByTestId('comped').filter({ hasText: 'Comped' }).waitFor({ timeout: WAIT });
    await expect.poll(async () => apiItem(order.id, strudel.id), POLL).toMatchObject({ status: 'voided', comped: true, statusReason: 'Arrived cold' });
    const after = await apiOrder(order.id);
    expect(after?.status).toBe('served');
    expect(after?.items.find((item) => item.id === espresso.id)?.status).toBe('served');
  });
});

describe('closing a visit with food still coming', { timeout: 120_000 }, () => {
  async function askToClose(page: Page, tableId: string): Promise<Locator> {
    const panel = page.locator(`.panel[data-panel-table="${tableId}"]`);
    // Tapping the selected table again closes its panel: tap only when it is not open.
    if ((await panel.count()) === 0) await page.locator(`.table-card[data-table-id="${tableId}"]`).click();
    await panel.getByRole('button', { name: 'Close visit…' }).click();
    await panel.getByRole('button', { name: 'Close visit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /^Food still coming at / });
    await dialog.waitFor({ timeout: WAIT });
    return dialog;
  }

  it('lists the open items and keeps the visit open when asked to; then cancels them with a reason and closes', async () => {
    const order = await guestOrder('table-7', [
      { menuItemId: 'tomato-soup', quantity: 2 },
      { menuItemId: 'lemonade', quantity: 1 },
    ]);
    const page = await signIn('waiter');
    await page.locator('.table-card[data-table-id="table-7"][data-state="waiting"]').waitFor({ timeout: WAIT });

    let dialog = await askToClose(page, 'table-7');
    for (const item of order.items) await dialog.locator(`.owed-item[data-item-id="${item.id}"]`).waitFor({ timeout: WAIT });
    await saveScreenshot(page, 'admin-close-visit-open-items');
    await dialog.getByRole('button', { name: 'Keep the visit open' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT });
    expect(await tableState('table-7')).toBe('waiting');
    expect((await apiOrder(order.id))?.items.map((item) => item.status)).toEqual(['pending', 'pending']);

    dialog = await askToClose(page, 'table-7');
    await dialog.getByRole('button', { name: 'Cancel them…' }).click();
    const submit = dialog.getByRole('button', { name: 'Cancel them and close' });
    await submit.waitFor({ timeout: WAIT });
    expect(await submit.isDisabled()).toBe(true);
    await dialog.locator('input[name="reason"]').fill('Guests had to leave');
    await dialog.locator('input[name="guestMessage"]').fill('Nothing to pay for the soup');
    await submit.click();

    await dialog.waitFor({ state: 'detached', timeout: WAIT });
    await page.locator('.table-card[data-table-id="table-7"][data-state="free"]').waitFor({ timeout: WAIT });
    await expect.poll(async () => (await apiOrder(order.id))?.items.map((item) => [item.status, item.statusReason]), POLL).toEqual([
      ['cancelled', 'Guests had to leave'],
      ['cancelled', 'Guests had to leave'],
    ]);
  });

  it('marks the open items served and closes', async () => {
    const order = await guestOrder('table-8', [{ menuItemId: 'lemonade', quantity: 2 }]);
    // The guests paid at the counter: only the food still coming stands between the table and its close.
    expect((await hub.request('POST', `/api/visits/${order.visitId}/payments`, { id: newId(), method: 'cash', amountMinor: 900 }, await token('waiter'))).status).toBe(201);
    const page = await signIn('waiter');
    await page.locator('.table-card[data-table-id="table-8"][data-state="waiting"]').waitFor({ timeout: WAIT });
    const dialog = await askToClose(page, 'table-8');
    await dialog.getByRole('button', { name: 'Mark served' }).click();
    await page.locator('.table-card[data-table-id="table-8"][data-state="free"]').waitFor({ timeout: WAIT });
    await expect.poll(async () => (await apiOrder(order.id))?.items.map((item) => item.status), POLL).toEqual(['served']);
  });
});

describe('the admin around the orders', { timeout: 120_000 }, () => {
  it("shows times on the venue's clock, not the tablet's", async () => {
    const order = await guestOrder('table-9', [{ menuItemId: 'espresso', quantity: 1 }]);
    // The demo venue is in Berlin; this tablet thinks it is in Los Angeles.
    const page = await signIn('waiter', { timezoneId: 'America/Los_Angeles' });
    await openOrders(page);
    const meta = page.locator(`.order-card[data-order-id="${order.id}"] .order-meta`);
    await meta.waitFor({ timeout: WAIT });
    const at = (timeZone: string) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(order.createdAt));
    await meta.filter({ hasText: at('Europe/Berlin') }).waitFor({ timeout: WAIT });
    expect(await meta.textContent()).not.toContain(at('America/Los_Angeles'));
    // The browser really is in the other zone: the difference comes from the page, not the machine.
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/Los_Angeles');
  });

  it('shows a table where a guest only opened the menu as "Browsing", unlike a seated table', async () => {
    const page = await signIn('waiter');
    await hub.guestToken('table-11');
    const browsing = page.locator('.table-card[data-table-id="table-11"][data-state="browsing"]');
    await browsing.waitFor({ timeout: WAIT });
    expect(await browsing.locator('.table-state').textContent()).toBe('Browsing the menu');
    const opened = await hub.request('POST', '/api/tables/table-12/visits', {}, await token('waiter'));
    expect(opened.status, JSON.stringify(opened.body)).toBeLessThan(300);
    const seated = page.locator('.table-card[data-table-id="table-12"][data-state="open"]');
    await seated.waitFor({ timeout: WAIT });
    const look = (card: Locator) => card.evaluate((el) => [getComputedStyle(el).borderStyle, getComputedStyle(el).backgroundColor].join(' '));
    expect(await look(browsing)).not.toBe(await look(seated));
  });

  for (const [name, viewport] of [
    ['a tablet', { width: 1180, height: 820 }],
    ['a phone', { width: 360, height: 640 }],
  ] as const) {
    it(`keeps toasts clear of the header and its live dot on ${name}`, async () => {
      const order = await guestOrder('table-10', [{ menuItemId: 'espresso', quantity: 1 }]);
      const page = await signIn('waiter', { viewport });
      // Every rush toggle fails with a long sentence: four error toasts at once, the most there are.
      await page.route(
        (url) => url.pathname === `/api/orders/${order.id}/rush`,
        (route) =>
          route.fulfill({
            status: 409,
            contentType: 'application/json',
            body: JSON.stringify({ error: 'test', message: 'The hub refused this change for a reason that takes a long sentence to explain to a person.' }),
          }),
      );
      await openOrders(page);
      const rush = page.locator(`.order-card[data-order-id="${order.id}"]`).getByRole('button', { name: 'Rush', exact: true });
      for (let i = 1; i <= 4; i++) {
        await rush.click();
        await page.locator('.toast').nth(i - 1).waitFor({ timeout: WAIT });
      }
      // The toasts' area clips what does not fit (the oldest), so nothing of a toast shows outside it.
      const [header, area, dot] = await Promise.all([
        page.locator('header.topbar').boundingBox(),
        page.locator('.toasts').boundingBox(),
        page.locator('.conn-dot').boundingBox(),
      ]);
      expect(header && area && dot).toBeTruthy();
      expect(area!.height).toBeGreaterThan(0);
      expect(await page.locator('.toasts').evaluate((el) => getComputedStyle(el).overflow)).toBe('hidden');
      expect(area!.y).toBeGreaterThanOrEqual(header!.y + header!.height);
      const overlaps = (a: typeof dot, b: typeof dot) => !!a && !!b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlaps(area, dot)).toBe(false);
      await saveScreenshot(page, `admin-toasts-${viewport.width}`);
    });
  }
});
