/**
 * Paying the bill with TON from the guest's phone, against a real hub whose TON checks go to a fake TON
 * API (hub/test/support/fake-ton-api.ts): the amount in TON at the venue's rate with the rate's time, the
 * comment, the wallet link and a QR code that reads back as that link, the calm note while the hub has
 * not yet reached the TON API, then the status live as transfers arrive: short (send the rest with the
 * same comment), then paid, with the payment on the bill.
 */
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { startFakeTonApi, testWallet, type FakeTonApi } from '../hub/test/support/fake-ton-api.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { GuestPhones, WAIT, waitForApi } from './support/guest-phones.ts';

/** €5.20 a TON: 1 923 077 nanotons a cent. */
const RATE = 1_923_077;

interface StaffInvoice {
  id: string;
  visitId: string;
  comment: string;
  link: string;
  nanotons: string;
  status: string;
}

describe('guest page: paying the bill with TON', () => {
  let hub: TestHub;
  let ton: FakeTonApi;
  let browser: Browser;
  let managerToken: string;
  let phones: GuestPhones;
  const wallet = testWallet('the venue');

  beforeAll(async () => {
    ton = await startFakeTonApi();
    hub = await startTestHub({
      env: { TON_API_URL: ton.baseUrl },
      // The tests' quick outbox: retries in milliseconds, no keyless one-a-second budget.
      hubOptions: { outbox: { random: () => 0.5, retry: { baseMs: 20, capMs: 200 }, budgets: { ton: { windows: [{ limit: 1000, intervalMs: 1000 }] } } } },
    });
    browser = await launchBrowser();
    managerToken = await hub.login('1111');
    phones = new GuestPhones(hub, browser, { manager: managerToken, waiter: await hub.login('2222') });
    const setUp = await hub.request('PUT', '/api/admin/payments/ton', { address: wallet.nonBounceable, rate: { nanotonsPerMinor: RATE } }, managerToken);
    if (setUp.status === 404) throw new Error('The hub does not serve the TON routes: the payments module must mount tonRoutes (hub/src/payments/payments-module.ts).');
    expect(setUp.status, JSON.stringify(setUp.body)).toBe(200);
  });

  afterAll(async () => {
    await phones?.close();
    await browser?.close();
    await hub?.close();
    await ton?.close();
  });

  const invoicesOf = async (visitId: string) =>
    (await hub.request<{ invoices: StaffInvoice[] }>('GET', '/api/payments/ton/invoices', undefined, managerToken)).body.invoices.filter((invoice) => invoice.visitId === visitId);

  /** Reads the QR code on the page the way a second phone's camera would. */
  async function readQr(page: Page): Promise<string | null> {
    const png = PNG.sync.read(await page.getByTestId('ton-qr').screenshot());
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
  }

  it('shows the amount in TON with the rate, the comment, the wallet link and its QR code, then short and paid as the transfers arrive', async () => {
    const { page } = await phones.openGuest('table-1');
    for (const itemId of ['greek-salad', 'lemonade']) await page.locator(`[data-item-id="${itemId}"] .item-card__add`).click();
    await page.getByTestId('cart-bar').click();
    await page.getByTestId('place-order').click();
    await waitForApi(() => phones.ordersOf('table-1'), (orders) => orders.length === 1, 'the order');
    const visitId = (await phones.tableOf('table-1')).visit!.id;
    await page.getByTestId('tab-bill').click();
    await page.getByTestId('bill-total').filter({ hasText: '€13.00' }).waitFor(WAIT);

    // The hub's first look at the TON API hangs: nothing can be confirmed online yet.
    ton.failNext({ slow: true });
    await page.getByTestId('pay-ton').click();
    await page.getByTestId('ton-pay').and(page.locator('[data-status="awaiting"]')).waitFor(WAIT);
    const [invoice] = await waitForApi(() => invoicesOf(visitId), (list) => list.length === 1, 'the invoice');
    // €13.00 at 1 923 077 nanotons a cent.
    expect(invoice!.nanotons).toBe('2500000100');
    expect(await page.getByTestId('ton-amount').innerText()).toBe('2.5000001 TON');
    expect(await page.getByTestId('ton-rate').innerText()).toMatch(/^1 TON = €5\.20, rate of \d\d:\d\d$/);
    expect(await page.locator('.ton-field__value--strong').innerText()).toBe(invoice!.comment);
    expect(await page.getByTestId('ton-open-wallet').getAttribute('href')).toBe(invoice!.link);
    expect(invoice!.link).toContain('amount=2500000100');
    expect(await readQr(page)).toBe(invoice!.link);
    await page.getByTestId('ton-offline').waitFor(WAIT);
    expect(await page.getByTestId('ton-offline').innerText()).toBe('Your payment will be confirmed when the venue is back online.');
    await page.locator('.notice').first().waitFor({ state: 'detached', ...WAIT });
    await page.evaluate(() => window.scrollTo(0, 0)); // reading the QR scrolled to it
    await saveScreenshot(page, 'guest-ton-pay');

    // One TON arrives with the comment: short, so the page asks for the rest, with the same comment.
    ton.releaseSlow();
    ton.transfer({ to: wallet.raw, nanotons: 1_000_000_000n, comment: invoice!.comment });
    await page.getByTestId('ton-pay').and(page.locator('[data-status="underpaid"]')).waitFor(WAIT);
    expect(await page.getByTestId('ton-status').innerText()).toBe('We received 1 TON. Please send the remaining 1.5000001 TON with the same comment.');
    expect(await page.getByTestId('ton-amount').innerText()).toBe('1.5000001 TON');
    const rest = invoice!.link.replace('amount=2500000100', 'amount=1500000100');
    expect(await page.getByTestId('ton-open-wallet').getAttribute('href')).toBe(rest);
    expect(await readQr(page)).toBe(rest);
    expect(await page.getByTestId('ton-offline').count()).toBe(0);

    ton.transfer({ to: wallet.raw, nanotons: 1_500_000_100n, comment: invoice!.comment });
    await page.getByTestId('ton-pay').and(page.locator('[data-status="paid"]')).waitFor(WAIT);
    expect(await page.getByTestId('ton-status').innerText()).toContain('Paid. Thank you!');
    await page.locator('.notice', { hasText: 'Payment received: €13.00. Thank you!' }).waitFor(WAIT);

    // Back on the bill: paid in full, by TON.
    await page.getByTestId('ton-back').click();
    await page.getByTestId('bill-paid-banner').waitFor(WAIT);
    expect(await page.getByTestId('bill-payments').innerText()).toContain('TON');
    expect(await page.getByTestId('pay-ton').count()).toBe(0);
  });
});
