/**
 * The guest page in a phone-sized browser against a real hub: ordering with modifier rules and a note,
 * "Sending…" then the live status, an order tapped while offline that arrives exactly once (even when
 * the hub's answer is lost), an 86'd item leaving the open page, Russian and Arabic (RTL, no overflow
 * at 360 px), the waiter and bill buttons, and the thank-you screen when the visit is closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { waitForApi } from './support/guest-phones.ts';
import { launchBrowser, saveScreenshot, watchDialogs } from './support/browser.ts';

// Upper bounds for a busy 2-core CI box (the translator tests run Whisper beside these); passing waits end at once.
const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 360, height: 740 };

interface ApiOrder {
  id: string;
  number: number;
  tableId: string;
  status: string;
  items: Array<{ id: string; menuItemId: string; status: string; note: string | null; quantity: number; modifiers: Array<{ id: string }> }>;
}

interface ApiTable {
  id: string;
  visit: null | { id: string };
  pendingRequests: Array<{ id: string; kind: string }>;
}

describe('guest page', () => {
  let hub: TestHub;
  let browser: Browser;
  let managerToken: string;
  let kitchenToken: string;
  let waiterToken: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    browser = await launchBrowser();
    managerToken = await hub.login('1111');
    waiterToken = await hub.login('2222');
    kitchenToken = await hub.login('3333');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await hub?.close();
  });

  async function openGuest(tableId: string, options: { locale?: string; viewport?: { width: number; height: number } } = {}) {
    // Reduced motion: sheets appear at once, so screenshots never catch them half-way. No service
    // worker: these tests hold and drop requests with routes, which a worker's fetches can slip past
    // (the worker has its own tests in guest-offline.test.ts).
    const context = await browser.newContext({
      viewport: options.viewport ?? PHONE,
      locale: options.locale ?? 'en-GB',
      hasTouch: true,
      isMobile: true,
      reducedMotion: 'reduce',
      serviceWorkers: 'block',
    });
    contexts.push(context);
    const page = await context.newPage();
    const dialogs = watchDialogs(page);
    await page.goto(`${hub.baseUrl}/t/${hub.tableCode(tableId)}`);
    await page.locator('[data-item-id="classic-burger"]').first().waitFor(WAIT);
    return { context, page, dialogs };
  }

  async function ordersOf(tableId: string): Promise<ApiOrder[]> {
    const response = await hub.request<{ orders: ApiOrder[] }>('GET', '/api/orders?status=all', undefined, managerToken);
    expect(response.status).toBe(200);
    return response.body.orders.filter((order) => order.tableId === tableId);
  }


  async function tableOf(tableId: string): Promise<ApiTable> {
    const response = await hub.request<{ tables: ApiTable[] }>('GET', '/api/tables', undefined, waiterToken);
    expect(response.status).toBe(200);
    const table = response.body.tables.find((t) => t.id === tableId);
    if (!table) throw new Error(`no ${tableId}`);
    return table;
  }

  async function openItem(page: Page, itemId: string) {
    await page.locator(`[data-item-id="${itemId}"] .item-card__main`).click();
    const sheet = page.getByRole('dialog');
    await sheet.waitFor(WAIT);
    return sheet;
  }

  async function placeOrderFromCart(page: Page) {
    await page.getByTestId('cart-bar').click();
    await page.getByTestId('place-order').click();
  }

  const cardOf = (page: Page, orderId: string) => page.locator(`.order-card[data-order-id="${orderId}"]`);

  it('orders a burger with required choices and a drink with a note, sees Sending… then the status, and ready without a reload', async () => {
    const { page, dialogs } = await openGuest('table-1');
    await saveScreenshot(page, 'guest-menu');

    // The required doneness must be chosen before the burger can be added.
    const sheet = await openItem(page, 'classic-burger');
    await sheet.getByRole('button', { name: /Add to order/ }).click();
    await sheet.locator('.group__problem').first().waitFor(WAIT);
    expect(await sheet.locator('.group--problem').count()).toBe(1);
    await sheet.getByRole('radio', { name: 'Medium' }).check();
    await sheet.getByRole('radio', { name: /Fries/ }).check();
    await sheet.locator('.group--problem').waitFor({ state: 'detached', ...WAIT });
    await saveScreenshot(page, 'guest-item-sheet');
    await sheet.getByRole('button', { name: /Add to order/ }).click();
    await sheet.waitFor({ state: 'detached', ...WAIT });

    const drink = await openItem(page, 'lemonade');
    const note = 'No ice <img src=x onerror=alert(1)>';
    await drink.locator('textarea').fill(note);
    await drink.getByRole('button', { name: /Add to order/ }).click();
    await drink.waitFor({ state: 'detached', ...WAIT });

    // Hold the order request at the network edge, so "Sending…" is seen for certain, then let it through.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hold = async (route: Route) => {
      if (route.request().method() === 'POST') await gate;
      await route.continue();
    };
    await page.route('**/api/guest/orders', hold);
    await placeOrderFromCart(page);
    const sending = page.locator('.order-card[data-status="sending"]');
    await sending.waitFor(WAIT);
    expect(await sending.innerText()).toContain('Sending…');
    const orderId = await sending.getAttribute('data-order-id');
    expect(orderId).toBeTruthy();
    release();
    await cardOf(page, orderId!).and(page.locator('[data-status="placed"]')).waitFor(WAIT);
    await page.unroute('**/api/guest/orders', hold);

    const [order] = await waitForApi(() => ordersOf('table-1'), (orders) => orders.length === 1, 'the order reaching the hub');
    expect(order!.id).toBe(orderId);
    const burger = order!.items.find((item) => item.menuItemId === 'classic-burger')!;
    expect(burger.modifiers.map((m) => m.id).sort()).toEqual(['classic-burger--burger-fries', 'classic-burger--medium']);
    expect(order!.items.find((item) => item.menuItemId === 'lemonade')!.note).toBe(note);
    expect(await cardOf(page, orderId!).innerText()).toContain(note); // markup stays text

    // The kitchen bumps every item; the open page turns ready over the socket.
    for (const item of order!.items) {
      const bumped = await hub.request('POST', `/api/kds/items/${item.id}/bump`, undefined, kitchenToken);
      expect(bumped.status, JSON.stringify(bumped.body)).toBe(200);
    }
    await cardOf(page, orderId!).and(page.locator('[data-status="ready"]')).waitFor(WAIT);
    expect(await cardOf(page, orderId!).locator('[data-testid="order-status"]').innerText()).toContain('Ready');
    expect(await page.locator('[data-item-status="ready"]').count()).toBe(2);
    await saveScreenshot(page, 'guest-order-status');
    expect(dialogs).toEqual([]);
  });

  it('an order tapped offline is sent when back online, exactly once, even when the hub’s first answer is lost', async () => {
    const { context, page } = await openGuest('table-2');
    await page.locator('[data-item-id="lemonade"] .item-card__add').click();
    await page.getByTestId('cart-bar').waitFor(WAIT);

    await context.setOffline(true);
    await placeOrderFromCart(page);
    const sending = page.locator('.order-card[data-status="sending"]');
    await sending.waitFor(WAIT);
    expect(await sending.innerText()).toContain('Sending…');
    const orderId = (await sending.getAttribute('data-order-id'))!;
    // Still pending after a reload-proof write: the outbox keeps it in localStorage.
    const stored = await page.evaluate<string>(`JSON.stringify(Object.keys(localStorage).filter((k) => k.startsWith('om.guest.pending.')).map((k) => localStorage.getItem(k)))`);
    expect(stored).toContain(orderId);

    // Back online: the first attempt reaches the hub but its answer is lost; later attempts wait.
    let attempts = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const loseFirstAnswer = async (route: Route) => {
      if (route.request().method() !== 'POST') return route.continue();
      attempts += 1;
      if (attempts === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      await gate;
      return route.continue();
    };
    await page.route('**/api/guest/orders', loseFirstAnswer);
    await context.setOffline(false);

    const [placed] = await waitForApi(() => ordersOf('table-2'), (orders) => orders.length === 1, 'the order reaching the hub');
    expect(placed!.id).toBe(orderId);
    // Meanwhile the bar makes the drink: the page must end up showing this, its true status.
    for (const item of placed!.items) {
      expect((await hub.request('POST', `/api/kds/items/${item.id}/bump`, undefined, kitchenToken)).status).toBe(200);
    }
    await waitForApi(() => ordersOf('table-2'), (orders) => orders[0]?.status === 'ready', 'the order becoming ready');
    release();

    // The retry (same id) gets the existing order back and the outbox empties; the card shows "ready".
    await cardOf(page, orderId).and(page.locator('[data-status="ready"]')).waitFor(WAIT);
    await page.waitForFunction(
      () =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith('om.guest.pending.'))
          .every((k) => localStorage.getItem(k) === '[]'),
      undefined,
      WAIT,
    );
    await page.locator('.order-card[data-status="sending"]').waitFor({ state: 'detached', ...WAIT });
    expect(attempts).toBeGreaterThanOrEqual(2);
    const orders = await ordersOf('table-2');
    expect(orders.map((o) => o.id)).toEqual([orderId]);
    await page.unroute('**/api/guest/orders', loseFirstAnswer);
    expect(await page.locator('.order-card').count()).toBe(1);
  });

  it('an order still being sent survives a reload and goes out once afterwards', async () => {
    const { context, page } = await openGuest('table-8');
    await page.locator('[data-item-id="espresso"] .item-card__add').click();
    await page.getByTestId('cart-bar').waitFor(WAIT);
    // The hub cannot be reached for orders (the page itself still loads).
    const unreachable = (route: Route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue());
    await page.route('**/api/guest/orders', unreachable);
    await placeOrderFromCart(page);
    const sending = page.locator('.order-card[data-status="sending"]');
    await sending.waitFor(WAIT);
    const orderId = (await sending.getAttribute('data-order-id'))!;

    await page.reload();
    await page.locator(`.order-card[data-status="sending"][data-order-id="${orderId}"]`).waitFor(WAIT);
    expect(await ordersOf('table-8')).toEqual([]);

    await page.unroute('**/api/guest/orders', unreachable);
    // The Wi-Fi "comes back": the online event sends at once instead of waiting out the backoff.
    await context.setOffline(true);
    await context.setOffline(false);
    await cardOf(page, orderId).and(page.locator('[data-status="placed"]')).waitFor(WAIT);
    const orders = await waitForApi(() => ordersOf('table-8'), (list) => list.length > 0, 'the order reaching the hub');
    expect(orders.map((o) => o.id)).toEqual([orderId]);
  });

  it('an item the manager 86es disappears from the open page and from the cart, with a note', async () => {
    const { page } = await openGuest('table-3');
    await page.locator('[data-item-id="greek-salad"] .item-card__add').click();
    await page.getByTestId('cart-bar').waitFor(WAIT);
    try {
      const patched = await hub.request('PATCH', '/api/menu/items/greek-salad', { available: false }, managerToken);
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      await page.locator('[data-item-id="greek-salad"]').waitFor({ state: 'detached', ...WAIT });
      await page.getByTestId('cart-bar').waitFor({ state: 'detached', ...WAIT });
      await page.locator('.notice', { hasText: 'no longer available' }).waitFor(WAIT);
      expect(await page.locator('[data-item-id="caesar-salad"]').count()).toBe(1);
    } finally {
      await hub.request('PATCH', '/api/menu/items/greek-salad', { available: true }, managerToken);
    }
    await page.locator('[data-item-id="greek-salad"]').waitFor(WAIT);
  });

  it('a Russian browser gets the page and the menu in Russian', async () => {
    const { page } = await openGuest('table-4', { locale: 'ru-RU' });
    await page.getByTestId('tab-menu').and(page.getByText('Меню')).waitFor(WAIT);
    expect(await page.locator('[data-item-id="classic-burger"] .item-card__name').innerText()).toBe('Классический бургер');
    expect(await page.getByTestId('call-waiter').innerText()).toContain('Позвать официанта');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('ru');

    // The switch changes it back without a reload.
    await page.locator('.lang select').selectOption('en');
    await page.locator('[data-item-id="classic-burger"] .item-card__name', { hasText: 'Classic burger' }).waitFor(WAIT);
  });

  it('an Arabic browser lays the page out right to left with nothing wider than a 360 px phone', async () => {
    const { page } = await openGuest('table-5', { locale: 'ar-EG', viewport: SMALL_PHONE });
    expect(await page.evaluate<string>('document.documentElement.dir')).toBe('rtl');
    expect(await page.getByTestId('tab-menu').innerText()).toBe('القائمة');
    const widest = 'document.documentElement.scrollWidth';
    expect(await page.evaluate<number>(widest)).toBeLessThanOrEqual(360);
    // The add button sits at the inline end, which in RTL is the left.
    const card = await page.locator('[data-item-id="lemonade"]').boundingBox();
    const add = await page.locator('[data-item-id="lemonade"] .item-card__add').boundingBox();
    expect(add!.x).toBeLessThan(card!.x + card!.width / 2);

    const sheet = await openItem(page, 'classic-burger');
    await sheet.getByRole('radio').first().check();
    expect(await page.evaluate<number>(widest)).toBeLessThanOrEqual(360);
    await saveScreenshot(page, 'guest-item-sheet-ar');
    await sheet.locator('.sheet__foot button[type="submit"]').click();
    await sheet.waitFor({ state: 'detached', ...WAIT });
    await page.getByTestId('cart-bar').click();
    await page.getByRole('dialog').waitFor(WAIT);
    expect(await page.evaluate<number>(widest)).toBeLessThanOrEqual(360);
    await saveScreenshot(page, 'guest-cart-ar');
  });

  it('"Call waiter" and "Ask for the bill" reach the staff, after a confirmation', async () => {
    const { page } = await openGuest('table-6');
    await page.getByTestId('call-waiter').click();
    await page.getByTestId('confirm-request').click();
    await page.locator('.notice', { hasText: 'The staff have your call.' }).waitFor(WAIT);
    await waitForApi(() => tableOf('table-6'), (t) => t.pendingRequests.some((r) => r.kind === 'waiter'), 'the waiter request');

    // Cancelling the confirmation sends nothing.
    await page.getByTestId('ask-bill').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', ...WAIT });
    expect((await tableOf('table-6')).pendingRequests.some((r) => r.kind === 'bill')).toBe(false);

    await page.getByTestId('ask-bill').click();
    await page.getByTestId('confirm-request').click();
    await page.locator('.notice', { hasText: 'The staff have your request for the bill.' }).waitFor(WAIT);
    const table = await waitForApi(() => tableOf('table-6'), (t) => t.pendingRequests.some((r) => r.kind === 'bill'), 'the bill request');
    expect(table.pendingRequests.filter((r) => r.kind === 'waiter')).toHaveLength(1);
  });

  it('shows a thank-you screen when the waiter closes the visit', async () => {
    const { page } = await openGuest('table-7');
    await page.getByTestId('connection').and(page.locator('[data-state="live"]')).waitFor(WAIT);
    const table = await tableOf('table-7');
    expect(table.visit).not.toBeNull();
    const closed = await hub.request('POST', `/api/visits/${table.visit!.id}/close`, undefined, waiterToken);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor(WAIT);
  });

  it('when only staff open tables, asks for a waiter and carries on by itself once the table is opened', async () => {
    // This policy is a boot option, so it needs its own hub; it is closed before the test ends.
    const staffHub = await startTestHub({ env: { VISIT_POLICY: 'staff' } });
    const context = await browser.newContext({ viewport: SMALL_PHONE, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.goto(`${staffHub.baseUrl}/t/${staffHub.tableCode('table-1')}`);
      await page.getByRole('heading', { name: 'Your table is not open yet' }).waitFor(WAIT);
      const opened = await staffHub.request('POST', '/api/tables/table-1/visits', undefined, await staffHub.login('2222'));
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      // The page polls the join every 5 s.
      await page.locator('[data-item-id="classic-burger"]').waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
      await staffHub.close();
    }
  });

  it('a QR code that matches no table says so', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/t/not-a-real-code`);
    await page.getByRole('heading', { name: 'This QR code is no longer valid' }).waitFor(WAIT);
  });
});
