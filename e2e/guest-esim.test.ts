/**
 * Mobile data on the guest's phone against a real hub whose Airalo is a fake on 127.0.0.1
 * (hub/test/support/fake-airalo.ts, through hub/test/support/esim-setup.ts): the door shows once
 * packages are on offer; the guest filters by country (the hub adds the regional packages that work
 * there) and by words, buys a package, finds it on the bill, and once staff take the cash (which closes
 * the visit) follows it on the thank-you screen, on its way with the wait running, then installs it: a
 * QR code that reads back as the `LPA:1$…` code, the iPhone link, the codes to copy, the data left and
 * its once-a-minute refresh. Cancelling before paying takes the line off the bill; a price changed
 * while the guest browsed is shown, and bought only once confirmed; a package no longer offered says so.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { newId } from '@onemoment/shared/ids';
import type { EsimPurchase } from '@onemoment/shared/schemas/esim';
import type { BillView } from '@onemoment/shared/schemas/payments';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_PACKAGE_IDS, startEsimHub, WAITER_PIN, type EsimHub } from '../hub/test/support/esim-setup.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { GuestPhones, PHONE, WAIT, waitForApi } from './support/guest-phones.ts';

const DOCS_SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

describe('guest page: mobile data (travel eSIMs)', () => {
  let esim: EsimHub;
  let browser: Browser;
  let waiterToken: string;
  let phones: GuestPhones;

  beforeAll(async () => {
    esim = await startEsimHub({ offer: FAKE_PACKAGE_IDS });
    browser = await launchBrowser();
    waiterToken = await esim.hub.login(WAITER_PIN);
    phones = new GuestPhones(esim.hub, browser, { manager: esim.managerToken, waiter: waiterToken });
  });

  afterAll(async () => {
    await phones?.close();
    await browser?.close();
    await esim?.close();
  });

  const visitOf = async (tableId: string) => (await phones.tableOf(tableId)).visit!.id;
  /** The visit's sales as a manager reads them (with the install codes). */
  const salesOf = async (visitId: string) => (await esim.hub.request<EsimPurchase[]>('GET', `/api/esim/purchases?visitId=${visitId}`, undefined, esim.managerToken)).body;
  const staffBill = async (visitId: string) => (await esim.hub.request<BillView>('GET', `/api/visits/${visitId}/bill`, undefined, waiterToken)).body;
  const texts = async (page: Page, testId: string) => (await page.getByTestId(testId).allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  const card = (page: Page, packageId: string) => page.locator(`[data-testid="esim-package"][data-package-id="${packageId}"]`);
  const shownPackages = (page: Page) => page.getByTestId('esim-package').evaluateAll((cards) => cards.map((el) => el.getAttribute('data-package-id')));

  async function openMobileData(tableId: string): Promise<Page> {
    const { page } = await phones.openGuest(tableId);
    await page.getByTestId('open-esim').click();
    await page.getByTestId('esim-package').first().waitFor(WAIT);
    return page;
  }

  /** Reads the QR code on the page the way a second phone's camera would. */
  async function readQr(page: Page): Promise<string | null> {
    const png = PNG.sync.read(await page.getByTestId('esim-qr').screenshot());
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
  }

  it('filters the packages, buys one onto the bill, and installs it from the QR code once staff take the cash', async () => {
    const page = await openMobileData('table-1');
    const visitId = await visitOf('table-1');

    // Every offered package, with its area, data (or Unlimited), days and price in euros.
    expect((await shownPackages(page)).sort()).toEqual([...FAKE_PACKAGE_IDS].sort());
    const merhaba = card(page, 'merhaba-7days-1gb');
    expect(await merhaba.locator('.esim-package__title').innerText()).toBe('Merhaba-1 GB - 7 Days');
    expect(await merhaba.getByTestId('esim-data').innerText()).toBe('1 GB');
    expect(await merhaba.getByTestId('esim-days').innerText()).toBe('7 days');
    expect(await merhaba.getByTestId('esim-price').innerText()).toBe('€4.14');
    expect(await card(page, 'bonjour-7days-unlimited').getByTestId('esim-data').innerText()).toBe('Unlimited');
    expect(await card(page, 'eurolink-30days-5gb').locator('.esim-package__area').innerText()).toBe('Europe');

    // The countries to choose are those of the local packages; France brings the European package too.
    const country = page.getByTestId('esim-country');
    expect(await country.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['', 'FR', 'TR']);
    await country.selectOption('FR');
    await expect.poll(async () => (await shownPackages(page)).sort(), WAIT).toEqual(['bonjour-7days-unlimited', 'eurolink-30days-5gb']);
    await country.selectOption('');
    await page.getByTestId('esim-search').fill('merhaba 7');
    await expect.poll(() => shownPackages(page), WAIT).toEqual(['merhaba-7days-1gb']);
    await page.getByTestId('esim-search').fill('nowhere');
    await page.getByText('No package matches.').waitFor(WAIT);
    await page.getByTestId('esim-search').fill('merhaba 7');

    // Bought: a sale waiting for payment, and its line on the bill.
    await merhaba.getByTestId('esim-buy').click();
    const purchase = page.getByTestId('esim-purchase');
    await purchase.and(page.locator('[data-status="awaiting_payment"]')).waitFor(WAIT);
    expect(await page.getByTestId('esim-notice').innerText()).toContain('Waiting for payment');
    const [sale] = await waitForApi(() => salesOf(visitId), (sales) => sales.length === 1, 'the sale');
    expect(sale).toMatchObject({ packageId: 'merhaba-7days-1gb', status: 'awaiting_payment', priceMinor: 414, soldBy: 'guest' });

    await page.getByTestId('esim-pay-bill').click();
    await page.getByTestId('bill-total').filter({ hasText: '€4.14' }).waitFor(WAIT);
    expect((await page.locator('.bill-line').allInnerTexts()).map((line) => line.replace(/\s+/g, ' '))).toEqual(['1× eSIM · Merhaba-1 GB - 7 Days €4.14']);

    // Back on Mobile data, the purchase is where the guest left it.
    await page.getByTestId('open-esim').click();
    await purchase.and(page.locator('[data-status="awaiting_payment"]')).waitFor(WAIT);

    // Staff take the cash: the bill is paid and the visit closes. Airalo takes a few seconds to answer the
    // order; meanwhile the thank-you screen says the eSIM is on its way, with the wait running.
    esim.fake.plan('orders:post', { delayMs: 6000 });
    const paid = await esim.hub.request('POST', `/api/visits/${visitId}/payments`, { id: newId(), method: 'cash', amountMinor: 414 }, waiterToken);
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor(WAIT);
    const after = page.getByTestId('esim-after-visit');
    await after.getByTestId('esim-purchase').and(page.locator('[data-status="paid"]')).waitFor(WAIT);
    expect(await after.getByTestId('esim-notice').innerText()).toContain('Your eSIM is on its way');
    const waited = await after.getByTestId('esim-wait').innerText();
    expect(waited).toMatch(/^Waiting for \d+:\d\d$/);
    await expect.poll(() => after.getByTestId('esim-wait').innerText(), WAIT).not.toBe(waited);

    // The eSIM arrives: its QR code reads back as the activation code Airalo made.
    await after.getByTestId('esim-purchase').and(page.locator('[data-status="delivered"]')).waitFor(WAIT);
    expect(await page.getByTestId('esim-notice').innerText()).toContain('Your eSIM is ready');

    const order = esim.fake.orders.find((placed) => placed.description === sale!.id)!;
    const sim = esim.fake.sims.get(order.iccids[0]!)!;
    const code = `LPA:1$${sim.lpa}$${sim.matchingId}`;
    expect(await readQr(page)).toBe(code);
    const [delivered] = await salesOf(visitId);
    expect(delivered!.lpa).toBe(code);
    expect(await page.getByTestId('esim-ios-install').getAttribute('href')).toBe(delivered!.install!.appleInstallUrl);
    expect(await page.getByTestId('esim-android-code').innerText()).toBe(delivered!.install!.androidActivationCode);
    expect(await page.getByTestId('esim-smdp').innerText()).toBe(sim.lpa);
    expect(await page.getByTestId('esim-ios-code').innerText()).toBe(sim.matchingId);
    expect(await page.getByTestId('receipt').innerText()).toContain('eSIM · Merhaba-1 GB - 7 Days');

    // The data left, asked for: read through the outbox; asked again at once, the hub says when.
    const refresh = page.getByTestId('esim-usage-refresh');
    await refresh.click();
    await page.getByTestId('esim-usage-left').filter({ hasText: '1 GB of 1 GB' }).waitFor(WAIT);
    expect(esim.fake.count('usage')).toBe(1);
    await refresh.click();
    await refresh.filter({ hasText: /^Try again in \d+ s$/ }).waitFor(WAIT);
    expect(await refresh.isDisabled()).toBe(true);
    expect(esim.fake.count('usage')).toBe(1);

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.evaluate(() => window.scrollTo(0, 0));
    const shot = await saveScreenshot(page, 'guest-esim');
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(shot, `${DOCS_SCREENSHOTS}guest-esim.png`);

    // A reload finds it again with the closed visit's token.
    await page.reload();
    await page.getByTestId('esim-after-visit').getByTestId('esim-purchase').and(page.locator('[data-status="delivered"]')).waitFor(WAIT);
    expect(await readQr(page)).toBe(code);
  });

  it('cancels a package before it is paid, which takes its line off the bill', async () => {
    const page = await openMobileData('table-2');
    const visitId = await visitOf('table-2');
    await card(page, 'bonjour-7days-unlimited').getByTestId('esim-buy').click();
    await page.getByTestId('esim-purchase').and(page.locator('[data-status="awaiting_payment"]')).waitFor(WAIT);
    await waitForApi(() => staffBill(visitId), (bill) => bill.lines.length === 1 && bill.dueMinor === 212, 'the line on the bill');

    await page.getByTestId('esim-cancel').click();
    await page.getByTestId('esim-purchase').and(page.locator('[data-status="cancelled"]')).waitFor(WAIT);
    expect(await page.getByTestId('esim-notice').innerText()).toContain('This eSIM was cancelled');
    expect(await page.getByTestId('esim-cancel').count()).toBe(0);
    const bill = await staffBill(visitId);
    expect(bill.lines).toEqual([]);
    expect(bill.dueMinor).toBe(0);
    expect((await salesOf(visitId)).map((sale) => sale.status)).toEqual(['cancelled']);

    // The guest's bill says the same; back on Mobile data the packages show, with no eSIM listed as theirs.
    await page.getByTestId('tab-bill').click();
    await page.getByText('Nothing on your bill yet.').waitFor(WAIT);
    await page.getByTestId('open-esim').click();
    await page.getByTestId('esim-shop').waitFor(WAIT);
    expect(await page.getByTestId('esim-mine').count()).toBe(0);
  });

  it('shows a price that changed while the guest browsed, and buys only once they confirm it', async () => {
    const page = await openMobileData('table-3');
    const visitId = await visitOf('table-3');
    const eurolink = card(page, 'eurolink-30days-5gb');
    expect(await eurolink.getByTestId('esim-price').innerText()).toBe('€17.48');

    const repriced = await esim.hub.request('PUT', '/api/admin/esim/packages/eurolink-30days-5gb', { offered: true, sellingMinor: 1990 }, esim.managerToken);
    expect(repriced.status, JSON.stringify(repriced.body)).toBe(200);
    await eurolink.getByTestId('esim-buy').click();
    await eurolink.getByTestId('esim-price-changed').waitFor(WAIT);
    expect(await texts(page, 'esim-price-changed')).toEqual(['The price has changed: it is now €19.90 (it was €17.48).']);
    expect(await eurolink.getByTestId('esim-price').innerText()).toBe('€19.90');
    expect(await eurolink.getByTestId('esim-buy').innerText()).toBe('Add to my bill at €19.90');
    expect(await salesOf(visitId)).toEqual([]);

    await eurolink.getByTestId('esim-buy').click();
    await page.getByTestId('esim-purchase').and(page.locator('[data-status="awaiting_payment"]')).waitFor(WAIT);
    const [sale] = await salesOf(visitId);
    expect(sale).toMatchObject({ packageId: 'eurolink-30days-5gb', priceMinor: 1990, status: 'awaiting_payment' });

    // In Arabic the page reads right to left, and nothing is wider than a 360 px phone.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.locator('.lang select').selectOption('ar');
    await page.getByTestId('esim-notice').filter({ hasText: 'بانتظار الدفع' }).waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByTestId('esim-back').click();
    await page.getByTestId('esim-shop').getByRole('heading', { name: 'بيانات الجوال' }).waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.locator('.notice').first().waitFor({ state: 'detached', ...WAIT });
    await saveScreenshot(page, 'guest-esim-packages-ar');
  });

  it('says why a package the venue stopped offering cannot be bought, and hides the door once nothing is offered', async () => {
    const page = await openMobileData('table-4');
    const visitId = await visitOf('table-4');
    const stopped = await esim.hub.request('PUT', '/api/admin/esim/packages/merhaba-30days-3gb', { offered: false }, esim.managerToken);
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    await card(page, 'merhaba-30days-3gb').getByTestId('esim-buy').click();
    await page.locator('.notice--error', { hasText: 'This venue does not sell Merhaba-3 GB - 30 Days: pick one of the packages on offer.' }).waitFor(WAIT);
    // The list is read again: the package is gone from it.
    await card(page, 'merhaba-30days-3gb').waitFor({ state: 'detached', ...WAIT });
    expect(await salesOf(visitId)).toEqual([]);

    for (const id of FAKE_PACKAGE_IDS) {
      const answer = await esim.hub.request('PUT', `/api/admin/esim/packages/${id}`, { offered: false }, esim.managerToken);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    // A new guest: the page asks, hears an empty list (and no eSIM of theirs), and shows no door.
    const { page: later } = await phones.newPhone();
    const asked = later.waitForResponse((response) => new URL(response.url()).pathname === '/api/guest/esim/purchases');
    await later.goto(`${esim.hub.baseUrl}/t/${esim.hub.tableCode('table-5')}`);
    expect(await (await asked).json()).toEqual([]);
    await later.getByTestId('tab-menu').waitFor(WAIT);
    expect(await later.getByTestId('open-esim').count()).toBe(0);
  });
});
