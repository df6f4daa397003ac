/**
 * The guest page when the world goes away: the Wi-Fi (a service worker keeps the page, the menu and
 * the cart, and queued orders go when the network is back) and the visit itself (staff close it: the
 * cart and the unsent order stay on the phone, and no reload on any phone reopens the table; only the
 * guest's confirmed "Start a new order" does, and a table closed minutes ago asks for a waiter).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { CuttableLink } from './support/cuttable-link.ts';
import { GuestPhones, WAIT, waitForApi } from './support/guest-phones.ts';

describe('guest page offline and after its visit ends', () => {
  let hub: TestHub;
  let browser: Browser;
  let managerToken: string;
  let waiterToken: string;
  let phones: GuestPhones;

  beforeAll(async () => {
    hub = await startTestHub();
    browser = await launchBrowser();
    managerToken = await hub.login('1111');
    waiterToken = await hub.login('2222');
    phones = new GuestPhones(hub, browser, { manager: managerToken, waiter: waiterToken });
  });

  afterAll(async () => {
    await phones?.close();
    await browser?.close();
    await hub?.close();
  });

  /** The worker has taken the page over and kept its menu: from here on a reload works with the network gone. */
  async function waitForWorker(page: Page) {
    await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, WAIT);
    await page.waitForFunction(
      async () => {
        for (const name of await caches.keys()) {
          const requests = await (await caches.open(name)).keys();
          if (requests.some((request) => new URL(request.url).pathname === '/api/guest/menu')) return true;
        }
        return false;
      },
      undefined,
      WAIT,
    );
  }

  const cartCount = (page: Page) => page.locator('.cart-bar__count').innerText();

  it('the guest page, loaded once, reloads with the network off and still shows the menu and the cart', async () => {
    const { context, page } = await phones.openGuest('table-1');
    await waitForWorker(page);
    await page.locator('[data-item-id="lemonade"] .item-card__add').click();
    await page.getByTestId('cart-bar').waitFor(WAIT);

    await context.setOffline(true);
    await page.reload();
    await page.locator('[data-item-id="lemonade"]').first().waitFor(WAIT);
    expect(await page.locator('[data-item-id="classic-burger"]').count()).toBeGreaterThan(0);
    expect(await cartCount(page)).toBe('1');
    await page.getByTestId('connection').and(page.locator('[data-state="offline"]')).waitFor(WAIT);
    await saveScreenshot(page, 'guest-offline-reload');
    await context.setOffline(false);
  });

  it('an order tapped offline survives an offline reload and goes once the network is back', async () => {
    // The phone reaches the hub through a link the test cuts: nothing gets through while it is down.
    const wifi = await CuttableLink.to(hub.baseUrl);
    try {
      const { page } = await phones.openGuest('table-2', { baseUrl: wifi.baseUrl });
      await waitForWorker(page);
      await page.locator('[data-item-id="espresso"] .item-card__add').click();
      await page.getByTestId('cart-bar').waitFor(WAIT);

      await wifi.cut();
      await page.getByTestId('cart-bar').click();
      await page.getByTestId('place-order').click();
      const sending = page.locator('.order-card[data-status="sending"]');
      await sending.waitFor(WAIT);
      const orderId = (await sending.getAttribute('data-order-id'))!;

      await page.reload();
      await page.locator(`.order-card[data-status="sending"][data-order-id="${orderId}"]`).waitFor(WAIT);
      expect(await phones.ordersOf('table-2')).toEqual([]);

      await wifi.restore();
      await page.locator(`.order-card[data-order-id="${orderId}"][data-status="placed"]`).waitFor(WAIT);
      const orders = await waitForApi(() => phones.ordersOf('table-2'), (list) => list.length > 0, 'the order reaching the hub');
      expect(orders.map((o) => o.id)).toEqual([orderId]);
    } finally {
      await wifi.close();
    }
  });

  it('never keeps an API answer that belongs to a visit', async () => {
    const { page } = await phones.openGuest('table-3');
    await waitForWorker(page);
    await page.locator('[data-item-id="lemonade"] .item-card__add').click();
    const kept = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(kept).toContain('/t/');
    expect(kept).toContain('/api/guest/menu');
    expect(kept.filter((path) => path.startsWith('/api/') && path !== '/api/guest/menu' && path !== '/api/venue')).toEqual([]);
  });

  it('a closed visit keeps the cart and the unsent order; no reload on any phone reopens the table; only a confirmed new order does', async () => {
    // This phone's order is held back by a route, which a service worker could let slip past: no worker here.
    const { page } = await phones.openGuest('table-4', { serviceWorkers: 'block' });
    const second = await phones.openGuest('table-4'); // a friend's phone at the same table
    await page.getByTestId('connection').and(page.locator('[data-state="live"]')).waitFor(WAIT);

    // An order that cannot reach the hub yet, and something more in the cart.
    const unreachable = (route: Route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue());
    await page.route('**/api/guest/orders', unreachable);
    await page.locator('[data-item-id="lemonade"] .item-card__add').click();
    await page.getByTestId('cart-bar').click();
    await page.getByTestId('place-order').click();
    const sending = page.locator('.order-card[data-status="sending"]');
    await sending.waitFor(WAIT);
    const orderId = (await sending.getAttribute('data-order-id'))!;
    await page.getByTestId('tab-menu').click();
    await page.locator('[data-item-id="espresso"] .item-card__add').click();
    await page.getByTestId('cart-bar').waitFor(WAIT);

    const visitId = (await phones.tableOf('table-4')).visit!.id;
    const closed = await hub.request('POST', `/api/visits/${visitId}/close`, {}, waiterToken);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor(WAIT);
    await page.unroute('**/api/guest/orders', unreachable);
    const kept = page.getByTestId('kept');
    expect(await kept.innerText()).toContain('Orders not sent, kept on this phone: 1');
    expect(await kept.innerText()).toContain('Items in your cart, kept on this phone: 1');
    await saveScreenshot(page, 'guest-visit-closed');

    // Reloads (this phone, and the friend's, which learns of it only now) never open a visit.
    await page.reload();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor(WAIT);
    await second.page.reload();
    await second.page.getByRole('heading', { name: 'Thank you!' }).waitFor(WAIT);
    expect((await phones.tableOf('table-4')).visit).toBeNull();
    expect(await phones.ordersOf('table-4')).toEqual([]);

    // "Start a new order", confirmed: staff closed this table minutes ago, so a waiter must open it.
    await page.getByTestId('start-again').click();
    expect((await phones.tableOf('table-4')).visit).toBeNull(); // the first tap only asks
    await page.getByText('Your order that was not sent then goes to the kitchen.').waitFor(WAIT);
    await page.getByTestId('confirm-start').click();
    await page.getByRole('heading', { name: 'This table was closed a moment ago' }).waitFor(WAIT);
    expect((await phones.tableOf('table-4')).visit).toBeNull();

    // The waiter opens the table; trying again joins it, and the kept order goes out, once, into the new visit.
    const opened = await hub.request<{ visit: { id: string } }>('POST', '/api/tables/table-4/visits', undefined, waiterToken);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    await page.getByTestId('start-again').click();
    await page.locator(`.order-card[data-order-id="${orderId}"][data-status="placed"]`).waitFor(WAIT);
    const orders = await waitForApi(() => phones.ordersOf('table-4'), (list) => list.length > 0, 'the kept order reaching the hub');
    expect(orders.map((o) => [o.id, o.visitId])).toEqual([[orderId, opened.body.visit.id]]);
    await page.getByTestId('tab-menu').click();
    expect(await cartCount(page)).toBe('1');
  });

  it('a phone opening the link fresh (a real scan) still joins by itself', async () => {
    const { page } = await phones.openGuest('table-5');
    expect((await phones.tableOf('table-5')).visit).not.toBeNull();
    expect(await page.locator('.top__table').innerText()).toBe('Table 5');
  });

  it('serves an icon to every page', async () => {
    const svg = await hub.request<string>('GET', '/favicon.svg');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const ico = await fetch(`${hub.baseUrl}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toContain('image/x-icon');
    const bytes = new Uint8Array(await ico.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO header
    for (const path of ['/t/abc', '/admin/', '/kds/']) {
      const html = await hub.request<string>('GET', path);
      expect(html.body, path).toContain('<link rel="icon" href="/favicon.svg"');
    }
  });
});
