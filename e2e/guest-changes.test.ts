/**
 * The guest sees what changed, on a phone-sized page against a real hub: each item's own state (a
 * comped dish "On the house", staff's message but never staff's reason), a new price of something in
 * the cart, a call for the waiter that stays on the page until staff are on their way, the party moved
 * to another table (live and after a reload), and the 50-per-line limit said where it bites.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { GuestPhones, WAIT, waitForApi } from './support/guest-phones.ts';

describe('guest page: what changed', () => {
  let hub: TestHub;
  let browser: Browser;
  let managerToken: string;
  let waiterToken: string;
  let kitchenToken: string;
  let phones: GuestPhones;

  beforeAll(async () => {
    hub = await startTestHub();
    browser = await launchBrowser();
    managerToken = await hub.login('1111');
    waiterToken = await hub.login('2222');
    kitchenToken = await hub.login('3333');
    phones = new GuestPhones(hub, browser, { manager: managerToken, waiter: waiterToken });
  });

  afterAll(async () => {
    await phones?.close();
    await browser?.close();
    await hub?.close();
  });

  async function staff(path: string, body: unknown, token: string) {
    const response = await hub.request('POST', path, body, token);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
  }

  const itemRow = (page: Page, name: string) => page.locator('.order-item', { hasText: name });

  it('shows each item’s own state: cancelled with staff’s message, a served then voided dish on the house, and never staff’s reason', async () => {
    const { page } = await phones.openGuest('table-1');
    await page.locator('[data-item-id="lemonade"] .item-card__add').click();
    await page.locator('[data-item-id="espresso"] .item-card__add').click();
    await page.getByTestId('cart-bar').click();
    await page.getByTestId('place-order').click();
    const [order] = await waitForApi(() => phones.ordersOf('table-1'), (list) => list.length === 1, 'the order');
    const lemonade = order!.items.find((item) => item.menuItemId === 'lemonade')!;
    const espresso = order!.items.find((item) => item.menuItemId === 'espresso')!;

    await staff(
      `/api/orders/${order!.id}/items/${lemonade.id}/transition`,
      { to: 'cancelled', reason: 'out of lemons, chef forgot', guestMessage: 'Sorry, we ran out of lemons.' },
      waiterToken,
    );
    await itemRow(page, 'Homemade lemonade').and(page.locator('[data-item-status="cancelled"]')).waitFor(WAIT);
    expect(await itemRow(page, 'Homemade lemonade').innerText()).toContain('Sorry, we ran out of lemons.');
    expect(await itemRow(page, 'Espresso').getByTestId('item-status').innerText()).toBe('In the kitchen');

    expect((await hub.request('POST', `/api/kds/items/${espresso.id}/bump`, undefined, kitchenToken)).status).toBe(200);
    await staff(`/api/orders/${order!.id}/items/${espresso.id}/transition`, { to: 'served' }, waiterToken);
    await itemRow(page, 'Espresso').and(page.locator('[data-item-status="served"]')).waitFor(WAIT);
    expect(await itemRow(page, 'Espresso').getByTestId('item-status').innerText()).toBe('Served');

    await staff(`/api/orders/${order!.id}/items/${espresso.id}/transition`, { to: 'voided', reason: 'comped by manager', comped: true }, managerToken);
    await itemRow(page, 'Espresso').and(page.locator('[data-item-status="voided"]')).waitFor(WAIT);
    expect(await itemRow(page, 'Espresso').getByTestId('item-status').innerText()).toBe('On the house');
    // Nothing is left to pay, and the order reads as given free, not as cancelled.
    const card = page.locator(`.order-card[data-order-id="${order!.id}"]`);
    expect(await card.getByTestId('order-status').innerText()).toBe('On the house');
    expect(await card.getByTestId('order-total').innerText()).toMatch(/€0\.00$/);
    const text = await page.locator('.orders').innerText();
    expect(text).not.toContain('comped by manager');
    expect(text).not.toContain('chef forgot');
    await saveScreenshot(page, 'guest-item-states');
  });

  it('a new price of something in the cart is said, with the new total', async () => {
    const { page } = await phones.openGuest('table-2');
    await page.locator('[data-item-id="lemonade"] .item-card__add').click();
    await page.locator('[data-item-id="lemonade"] .item-card__add').click();
    await page.getByTestId('cart-bar-total').and(page.getByText('€9.00')).waitFor(WAIT);
    try {
      const patched = await hub.request('PATCH', '/api/menu/items/lemonade', { priceMinor: 500 }, managerToken);
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      await page.locator('.notice', { hasText: 'The price of Homemade lemonade changed from €4.50 to €5.00. Your order total is now €10.00.' }).waitFor(WAIT);
      await page.getByTestId('cart-bar-total').and(page.getByText('€10.00')).waitFor(WAIT);
      await saveScreenshot(page, 'guest-price-changed');
      // The cart now knows the new price: a reload says nothing more.
      await page.reload();
      await page.getByTestId('cart-bar-total').and(page.getByText('€10.00')).waitFor(WAIT);
      expect(await page.locator('.notice', { hasText: 'The price of' }).count()).toBe(0);
    } finally {
      await hub.request('PATCH', '/api/menu/items/lemonade', { priceMinor: 450 }, managerToken);
    }
  });

  it('a call for the waiter stays on the page, and turns into "on the way" when staff acknowledge it, also after a reload', async () => {
    const { page } = await phones.openGuest('table-3');
    await page.getByTestId('call-waiter').click();
    await page.getByTestId('confirm-request').click();
    const trace = page.getByTestId('call-trace-waiter');
    await trace.and(page.locator('[data-seen="false"]')).waitFor(WAIT);
    expect(await trace.innerText()).toMatch(/^Waiter called at \d\d:\d\d$/);

    const table = await waitForApi(() => phones.tableOf('table-3'), (t) => t.pendingRequests.length > 0, 'the call');
    await staff(`/api/requests/${table.pendingRequests[0]!.id}/acknowledge`, undefined, waiterToken);
    await trace.and(page.locator('[data-seen="true"]')).waitFor(WAIT);
    expect(await trace.innerText()).toBe('A waiter is on the way');

    await page.reload();
    await trace.and(page.locator('[data-seen="true"]', { hasText: 'A waiter is on the way' })).waitFor(WAIT);
  });

  it('a moved party’s page names the new table at once, and after a reload, even on a phone that slept through the move', async () => {
    const { page } = await phones.openGuest('table-4');
    const sleeper = await phones.openGuest('table-4');
    await sleeper.page.close();
    await page.getByTestId('connection').and(page.locator('[data-state="live"]')).waitFor(WAIT);

    const visitId = (await phones.tableOf('table-4')).visit!.id;
    await staff(`/api/visits/${visitId}/move`, { tableId: 'table-11' }, waiterToken);
    await page.locator('.top__table', { hasText: 'Table 11' }).waitFor(WAIT);
    await page.locator('.notice', { hasText: 'Your party is now at Table 11.' }).waitFor(WAIT);
    await page.reload();
    await page.locator('.top__table', { hasText: 'Table 11' }).waitFor(WAIT);

    // The other phone still has "Table 4" stored: the hub's answer wins.
    const woken = await sleeper.context.newPage();
    await woken.goto(`${hub.baseUrl}/t/${hub.tableCode('table-4')}`);
    await woken.locator('.top__table', { hasText: 'Table 11' }).waitFor(WAIT);
  });

  it('stops at 50 per line and says so where it stops, and a quick add past it says it was not added', async () => {
    const { page } = await phones.openGuest('table-5');
    await page.locator('[data-item-id="lemonade"] .item-card__main').click();
    const sheet = page.getByRole('dialog');
    const more = sheet.getByTestId('more');
    for (let n = 1; n < 50; n += 1) await more.click();
    expect(await sheet.locator('.stepper__value').innerText()).toBe('50');
    expect(await more.isDisabled()).toBe(true);
    expect(await sheet.getByTestId('quantity-limit').innerText()).toBe('50 is the most per order line.');
    expect(await more.getAttribute('aria-describedby')).toBe('quantity-limit');
    await sheet.getByRole('button', { name: /Add to order/ }).click();
    await sheet.waitFor({ state: 'detached', ...WAIT });
    expect(await page.locator('.cart-bar__count').innerText()).toBe('50');

    // The same choice again: nothing fits, and the sheet says why before the guest tries.
    await page.locator('[data-item-id="lemonade"] .item-card__main').click();
    await sheet.getByTestId('quantity-limit').waitFor(WAIT);
    expect(await sheet.getByTestId('quantity-limit').innerText()).toBe('You already have 50 of these in your order: that is the most for one order line.');
    expect(await sheet.getByRole('button', { name: /Add to order/ }).isDisabled()).toBe(true);
    await sheet.getByRole('button', { name: 'Close' }).first().click();
    await sheet.waitFor({ state: 'detached', ...WAIT });

    await page.locator('[data-item-id="lemonade"] .item-card__add').click();
    await page.locator('.notice', { hasText: 'Not added: you already have 50 × Homemade lemonade in your order' }).waitFor(WAIT);
    expect(await page.locator('.cart-bar__count').innerText()).toBe('50');

    await page.getByTestId('cart-bar').click();
    await page.getByRole('dialog').locator('.limit-hint', { hasText: '50 is the most per order line.' }).waitFor(WAIT);
    await saveScreenshot(page, 'guest-quantity-limit');
  });
});
