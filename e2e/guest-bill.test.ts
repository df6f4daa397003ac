/**
 * The bill on the guest's phone against a real hub: the bill with its total and the VAT it contains
 * (from the tab, and after asking for the bill), a split made from the phone (equally, by amounts with
 * what is left to assign, by dishes with a shared one) with a part the staff take showing as paid live,
 * TON not offered once the hub says the venue has not set it up (cash or card go through the waiter),
 * the e-receipt once a waiter's payment closes the visit (and after a reload), and the last bill kept,
 * read-only with its time, while the Wi-Fi is down. Paying with TON is in guest-bill-ton.test.ts.
 */
import { newId } from '@onemoment/shared/ids';
import type { BillView } from '@onemoment/shared/schemas/payments';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { CuttableLink } from './support/cuttable-link.ts';
import { GuestPhones, WAIT, waitForApi } from './support/guest-phones.ts';

describe('guest page: the bill', () => {
  let hub: TestHub;
  let browser: import('playwright-core').Browser;
  let waiterToken: string;
  let kitchenToken: string;
  let phones: GuestPhones;

  beforeAll(async () => {
    hub = await startTestHub();
    browser = await launchBrowser();
    const managerToken = await hub.login('1111');
    waiterToken = await hub.login('2222');
    kitchenToken = await hub.login('3333');
    phones = new GuestPhones(hub, browser, { manager: managerToken, waiter: waiterToken });
  });

  afterAll(async () => {
    await phones?.close();
    await browser?.close();
    await hub?.close();
  });

  /** Orders these dishes (one tap each on "+") and waits for the order to reach the hub. */
  async function order(page: Page, tableId: string, itemIds: string[]) {
    for (const itemId of itemIds) await page.locator(`[data-item-id="${itemId}"] .item-card__add`).click();
    await page.getByTestId('cart-bar').click();
    await page.getByTestId('place-order').click();
    const [placed] = await waitForApi(() => phones.ordersOf(tableId), (orders) => orders.length === 1, 'the order');
    return placed!;
  }

  const visitOf = async (tableId: string) => (await phones.tableOf(tableId)).visit!.id;
  const staffBill = async (visitId: string) => (await hub.request<BillView>('GET', `/api/visits/${visitId}/bill`, undefined, waiterToken)).body;
  const texts = async (page: Page, testId: string) => (await page.getByTestId(testId).allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  const widest = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
  /** Toasts leave by themselves: a screenshot waits for the screen under them. */
  const noNotices = (page: Page) => page.locator('.notice').first().waitFor({ state: 'detached', ...WAIT });

  it('shows the bill with its lines, total and the VAT it contains, from the tab and after asking for the bill', async () => {
    const { page } = await phones.openGuest('table-1');
    await order(page, 'table-1', ['greek-salad', 'lemonade']);

    // "Ask for the bill" still calls the waiter, and then shows the bill.
    await page.getByTestId('ask-bill').click();
    await page.getByTestId('confirm-request').click();
    await page.getByTestId('bill-view').waitFor(WAIT);
    await waitForApi(() => phones.tableOf('table-1'), (table) => table.pendingRequests.some((r) => r.kind === 'bill'), 'the bill request');
    await page.getByTestId('bill-total').filter({ hasText: '€13.00' }).waitFor(WAIT);
    expect(await texts(page, 'bill-total')).toEqual(['Total €13.00']);
    // 850 × 7/107 and 450 × 19/119, each rounded once.
    expect(await texts(page, 'bill-tax')).toEqual(['incl. VAT 7% €0.56', 'incl. VAT 19% €0.72']);
    const lines = await page.locator('.bill-line').allInnerTexts();
    expect(lines.map((line) => line.replace(/\s+/g, ' '))).toEqual(['1× Greek salad €8.50', '1× Homemade lemonade €4.50']);
    expect(await page.getByTestId('pay-ton').innerText()).toContain('€13.00');
    expect(await page.getByTestId('bill-view').getAttribute('data-status')).toBe('open');
    await noNotices(page);
    await saveScreenshot(page, 'guest-bill');

    // The tab shows the same bill, and nothing is wider than a 360 px phone, in Russian too.
    await page.getByTestId('tab-menu').click();
    await page.getByTestId('tab-bill').click();
    await page.getByTestId('bill-total').filter({ hasText: '€13.00' }).waitFor(WAIT);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await widest(page)).toBeLessThanOrEqual(360);
    await page.locator('.lang select').selectOption('ru');
    await page.getByTestId('bill-total').filter({ hasText: 'Итого' }).waitFor(WAIT);
    expect((await texts(page, 'bill-tax'))[0]).toMatch(/^в т\. ч\. НДС 7\s?% 0,56\s?€$/);
    expect(await widest(page)).toBeLessThanOrEqual(360);
  });

  it('splits equally by 2 from the phone, and the part the staff take shows as paid at once', async () => {
    const { page } = await phones.openGuest('table-2');
    await order(page, 'table-2', ['greek-salad', 'lemonade']);
    const visitId = await visitOf('table-2');
    await page.getByTestId('tab-bill').click();
    await page.getByTestId('bill-total').filter({ hasText: '€13.00' }).waitFor(WAIT);

    await page.getByTestId('split-bill').click();
    const sheet = page.getByRole('dialog');
    await sheet.getByTestId('split-preview').waitFor(WAIT);
    expect((await sheet.getByTestId('split-preview').innerText()).replace(/\s+/g, ' ')).toBe('Guest 1 €6.50 Guest 2 €6.50');
    await sheet.getByTestId('confirm-split').click();
    await sheet.waitFor({ state: 'detached', ...WAIT });

    const split = (await waitForApi(() => staffBill(visitId), (bill) => bill.split?.parts.length === 2, 'the split')).split!;
    expect(split.kind).toBe('equal');
    expect(split.parts.map((part) => part.amountMinor)).toEqual([650, 650]);
    const parts = page.getByTestId('bill-part');
    await parts.nth(1).waitFor(WAIT);
    expect(await parts.count()).toBe(2);

    // This phone is the second guest: its TON button pays that part.
    await parts.nth(1).getByTestId('pick-part').click();
    await parts.nth(1).getByTestId('pick-part').and(page.locator('[aria-pressed="true"]')).waitFor(WAIT);
    expect(await page.getByTestId('pay-ton-part').innerText()).toContain('€6.50');

    // The first guest pays their part by card to the waiter.
    const paid = await hub.request('POST', `/api/visits/${visitId}/payments`, { id: newId(), method: 'card', amountMinor: 650, partId: split.parts[0]!.id }, waiterToken);
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const first = page.locator(`[data-testid="bill-part"][data-part-id="${split.parts[0]!.id}"]`);
    await first.and(page.locator('[data-paid="true"]')).waitFor(WAIT);
    expect(await first.getByTestId('part-state').innerText()).toContain('Paid');
    await page.locator('.notice', { hasText: 'Payment received: €6.50. Thank you!' }).waitFor(WAIT);
    await page.getByTestId('bill-due').filter({ hasText: '€6.50' }).waitFor(WAIT);
    expect(await texts(page, 'bill-paid')).toEqual(['Paid €6.50']);
    expect(await page.getByTestId('bill-payments').innerText()).toContain('Card');
    // The second guest's part is still theirs to pay.
    expect(await parts.nth(1).getAttribute('data-paid')).toBe('false');
    await noNotices(page);
    await saveScreenshot(page, 'guest-bill-split');
  });

  it('splits by amounts with what is left to assign said live, then by dishes with a shared one', async () => {
    const { page } = await phones.openGuest('table-3');
    await order(page, 'table-3', ['greek-salad', 'lemonade']);
    const visitId = await visitOf('table-3');
    await page.getByTestId('tab-bill').click();
    await page.getByTestId('bill-total').filter({ hasText: '€13.00' }).waitFor(WAIT);
    await page.getByTestId('split-bill').click();
    const sheet = page.getByRole('dialog');

    await sheet.getByTestId('split-mode-amounts').click();
    const amounts = sheet.getByTestId('split-amount');
    const left = sheet.getByTestId('split-left');
    await amounts.first().fill('5');
    await left.filter({ hasText: 'Left to assign: €8.00' }).waitFor(WAIT);
    await amounts.nth(1).fill('9');
    await left.filter({ hasText: '€1.00 too much' }).waitFor(WAIT);
    expect(await sheet.getByTestId('confirm-split').isDisabled()).toBe(true);
    await amounts.nth(1).fill('');
    await sheet.locator('.split-amount').nth(1).getByRole('button', { name: 'The rest' }).click();
    await left.filter({ hasText: 'It adds up' }).waitFor(WAIT);
    expect(await amounts.nth(1).inputValue()).toBe('8.00');
    expect(await sheet.getByTestId('confirm-split').isDisabled()).toBe(false);

    // By dishes: guest 1 had the lemonade, the salad was shared by both.
    await sheet.getByTestId('split-mode-items').click();
    const pickers = sheet.getByTestId('split-picker');
    const dish = (name: string) => sheet.getByTestId('split-item').filter({ hasText: name });
    await pickers.first().click();
    await dish('Homemade lemonade').click();
    await dish('Greek salad').click();
    await left.filter({ hasText: 'Guest 2 has no dishes yet' }).waitFor(WAIT);
    await pickers.nth(1).click();
    await dish('Greek salad').click();
    await dish('Greek salad').filter({ hasText: 'Shared: Guest 1 + Guest 2' }).waitFor(WAIT);
    await left.filter({ hasText: 'It adds up' }).waitFor(WAIT);
    expect((await pickers.allInnerTexts()).map((text) => text.replace(/\s+/g, ' '))).toEqual(['Guest 1 €8.75', 'Guest 2 €4.25']);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await widest(page)).toBeLessThanOrEqual(360);
    await saveScreenshot(page, 'guest-bill-split-dishes');
    await sheet.getByTestId('confirm-split').click();
    await sheet.waitFor({ state: 'detached', ...WAIT });

    const split = (await waitForApi(() => staffBill(visitId), (bill) => bill.split?.kind === 'items', 'the split by dishes')).split!;
    expect(split.parts.map((part) => part.amountMinor)).toEqual([875, 425]);
    await page.getByTestId('bill-part').nth(1).waitFor(WAIT);
    expect(await page.getByTestId('bill-split').locator('.section-label').textContent()).toBe('Split by dishes');
  });

  it('stops offering TON when the venue has not set it up, and says to ask the waiter', async () => {
    const { page } = await phones.openGuest('table-6');
    await order(page, 'table-6', ['lemonade']);
    await page.getByTestId('tab-bill').click();
    await page.getByTestId('bill-total').filter({ hasText: '€4.50' }).waitFor(WAIT);
    await page.getByTestId('pay-ton').click();
    await page.locator('.notice', { hasText: 'Paying with TON is not available here. Please ask your waiter.' }).waitFor(WAIT);
    await page.getByTestId('pay-ton').waitFor({ state: 'detached', ...WAIT });
    expect(await page.getByTestId('ton-pay').count()).toBe(0);
    // Cash or card still goes through the waiter: the bill request reaches the staff.
    await page.getByTestId('ask-waiter-pay').click();
    await page.locator('.notice', { hasText: 'The staff have your request for the bill.' }).waitFor(WAIT);
    await waitForApi(() => phones.tableOf('table-6'), (table) => table.pendingRequests.some((r) => r.kind === 'bill'), 'the bill request');
  });

  it('shows the e-receipt when a waiter’s payment closes the visit, and again after a reload', async () => {
    const { page } = await phones.openGuest('table-4');
    const placed = await order(page, 'table-4', ['lemonade']);
    const visitId = await visitOf('table-4');
    for (const item of placed.items) expect((await hub.request('POST', `/api/kds/items/${item.id}/bump`, undefined, kitchenToken)).status).toBe(200);
    expect((await hub.request('POST', `/api/orders/${placed.id}/transition`, { to: 'served' }, waiterToken)).status).toBe(200);
    await page.getByTestId('connection').and(page.locator('[data-state="live"]')).waitFor(WAIT);

    // Paid in full with everything served: the payment closes the visit.
    const paid = await hub.request('POST', `/api/visits/${visitId}/payments`, { id: newId(), method: 'card', amountMinor: 450, tipMinor: 50, last4: '4242' }, waiterToken);
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor(WAIT);
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor(WAIT);
    const checkReceipt = async () => {
      const text = (await receipt.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('1× Homemade lemonade €4.50');
      expect(text).toContain('Total €4.50');
      expect(text).toContain('incl. VAT 19% €0.72');
      expect(text).toContain('Card ·4242');
      expect(text).toContain('incl. tip €0.50');
      expect(text).toContain('€5.00');
      expect(text).toContain('Tips €0.50');
      expect(text).toContain('Paid €4.50');
      expect(text).not.toContain('Left to pay');
    };
    await checkReceipt();
    await noNotices(page);
    await saveScreenshot(page, 'guest-receipt');

    await page.reload();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor(WAIT);
    await receipt.waitFor(WAIT);
    await checkReceipt();
    // Read again from the hub (its receipt hours), not only from the phone's copy.
    expect(await page.locator('.receipt__as-of').count()).toBe(0);
  });

  it('keeps the last bill, read-only with its time, while the Wi-Fi is down, also after a reload', async () => {
    const wifi = await CuttableLink.to(hub.baseUrl);
    try {
      const { page } = await phones.openGuest('table-5', { baseUrl: wifi.baseUrl });
      // The service worker keeps the page (and the venue, which says the hub takes payments) for an offline reload.
      await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, WAIT);
      await page.waitForFunction(
        async () => {
          for (const name of await caches.keys()) {
            const requests = await (await caches.open(name)).keys();
            if (requests.some((request) => new URL(request.url).pathname === '/api/venue')) return true;
          }
          return false;
        },
        undefined,
        WAIT,
      );
      await order(page, 'table-5', ['lemonade']);
      await page.getByTestId('tab-bill').click();
      await page.getByTestId('bill-total').filter({ hasText: '€4.50' }).waitFor(WAIT);
      expect(await page.getByTestId('bill-as-of').count()).toBe(0);

      await wifi.cut();
      await page.getByTestId('connection').and(page.locator('[data-state="offline"]')).waitFor(WAIT);
      await page.getByTestId('bill-as-of').waitFor(WAIT);
      expect(await page.getByTestId('bill-as-of').innerText()).toMatch(/^As of \d\d:\d\d$/);
      expect(await page.getByTestId('pay-ton').count()).toBe(0);
      expect(await page.getByTestId('split-bill').count()).toBe(0);
      expect(await page.getByTestId('ask-waiter-pay').isDisabled()).toBe(true);

      await page.reload();
      await page.getByTestId('tab-bill').click();
      await page.getByTestId('bill-total').filter({ hasText: '€4.50' }).waitFor(WAIT);
      await page.getByTestId('bill-as-of').waitFor(WAIT);
      await noNotices(page);
    await saveScreenshot(page, 'guest-bill-offline');

      await wifi.restore();
      await page.getByTestId('bill-as-of').waitFor({ state: 'detached', ...WAIT });
      await page.getByTestId('pay-ton').waitFor(WAIT);
    } finally {
      await wifi.close();
    }
  });
});
