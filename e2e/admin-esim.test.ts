/**
 * Travel eSIMs on the staff side, on real hubs pointed at the fake Airalo (a real HTTP server on
 * 127.0.0.1) in real Chromium: a manager connects Airalo (the client id comes back masked, the secret
 * never), sets the dollar rate, finds packages in the catalogue, offers one above its floor and is
 * refused below it; the front desk sells an eSIM from a table's bill, takes cash, and hands over the
 * delivered eSIM's QR (read back to its `LPA:1$…` code); a sale Airalo refuses waits on the Online
 * tasks page and a manager refunds it with a reason. A hub without the eSIM module shows none of it.
 * Every step waits for a state.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isUuidV7, newId } from '@onemoment/shared/ids';
import { formatMoney } from '@onemoment/shared/money';
import type { AiraloSettings, EsimCatalogueEntry, EsimPurchase } from '@onemoment/shared/schemas/esim';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { offerPackages, startEsimHub, type EsimHub } from '../hub/test/support/esim-setup.ts';
import { launchBrowser } from './support/browser.ts';
import { AdminKit, WAIT, saveCleanScreenshot, waitForApi } from './support/admin-kit.ts';

const DOCS_SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const euros = (minor: number) => formatMoney(minor, 'EUR', 'en');

/** The fake's 1 GB Turkey package: $4.50 retail, $3.60 net; at 0.92 its floor is €4.14 (4.14 exactly). */
const TURKEY_1GB = 'merhaba-7days-1gb';
const TURKEY_1GB_FLOOR = 414;
/** The fake's unlimited France package: $2.30 retail; at 0.92 its floor is €2.116, rounded up to €2.12. */
const FRANCE_UNLIMITED = 'bonjour-7days-unlimited';
const FRANCE_UNLIMITED_FLOOR = 212;

let browser: Browser;
/** Airalo not set up yet: the manager does it on the page. */
let fresh: EsimHub;
/** Set up and selling two packages at their floor. */
let selling: EsimHub;
const kits: AdminKit[] = [];

function kitFor(hub: TestHub): AdminKit {
  const kit = new AdminKit(hub, browser);
  kits.push(kit);
  return kit;
}

beforeAll(async () => {
  [browser, fresh, selling] = await Promise.all([launchBrowser(), startEsimHub({ unconfigured: true }), startEsimHub()]);
  await offerPackages(selling.hub, selling.managerToken, [TURKEY_1GB, FRANCE_UNLIMITED]);
});
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.close();
});
afterAll(async () => {
  await browser?.close();
  await fresh?.close();
  await selling?.close();
});

async function readQr(image: Locator): Promise<string | null> {
  const png = PNG.sync.read(await image.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

async function catalogueEntry(kit: AdminKit, id: string): Promise<EsimCatalogueEntry | undefined> {
  const all = await kit.staff<{ total: number; packages: EsimCatalogueEntry[] }>('GET', '/api/admin/esim/catalogue?limit=500', undefined, 'manager');
  return all.packages.find((entry) => entry.id === id);
}

async function openVisit(kit: AdminKit, tableId: string): Promise<string> {
  // Seating a party is the floor's (waiter or manager); the desk sells to the visit.
  const opened = await kit.staff<{ visit: { id: string } }>('POST', `/api/tables/${tableId}/visits`, {}, 'waiter');
  return opened.visit.id;
}

async function purchasesOf(kit: AdminKit, visitId: string): Promise<EsimPurchase[]> {
  return kit.staff<EsimPurchase[]>('GET', `/api/esim/purchases?visitId=${visitId}`, undefined, 'manager');
}

describe('eSIMs at the venue', { timeout: 180_000 }, () => {
  it('connects Airalo with the client id masked, sets the dollar rate, and offers a package at a price the floor allows', async () => {
    const kit = kitFor(fresh.hub);
    const { fake } = fresh;
    const page = await kit.signIn('manager', '/admin/tables');
    await page.locator('nav.tabs').getByRole('link', { name: 'eSIM' }).click();
    await page.getByRole('heading', { name: 'eSIM sales' }).waitFor(WAIT);
    await page.getByRole('group', { name: 'eSIM' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'eSIM settings' }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe('/admin/esim/settings');

    // A pasted id with a space is said before anything is sent.
    const airalo = page.getByRole('region', { name: 'Airalo' });
    await page.locator('.airalo-card[data-configured="false"]').waitFor(WAIT);
    await airalo.locator('input[name="clientId"]').fill('has space');
    await airalo.locator('input[name="clientSecret"]').fill(fake.clientSecret);
    await airalo.getByRole('button', { name: 'Connect' }).click();
    await airalo.getByText('That does not look like an Airalo client id').waitFor(WAIT);
    expect((await kit.staff<AiraloSettings>('GET', '/api/admin/integrations/airalo', undefined, 'manager')).configured).toBe(false);

    await airalo.locator('input[name="clientId"]').fill(fake.clientId);
    await airalo.getByRole('button', { name: 'Connect' }).click();
    await page.locator('.airalo-card[data-configured="true"]').waitFor(WAIT);
    const masked = (await airalo.getByTestId('airalo-client-id').innerText()).trim();
    expect(masked.endsWith(fake.clientId.slice(-4))).toBe(true);
    expect(masked).not.toContain(fake.clientId.slice(0, -4));
    expect(await airalo.locator('input[name="clientSecret"]').inputValue()).toBe('');
    expect(await page.content()).not.toContain(fake.clientSecret);
    const saved = await fresh.hub.request('GET', '/api/admin/integrations/airalo', undefined, await kit.token('manager'));
    expect(saved.body).toMatchObject({ configured: true, clientId: masked });
    expect(JSON.stringify(saved.body)).not.toContain(fake.clientSecret);

    // The rate: typed with a comma, as people do.
    const pricing = page.getByRole('region', { name: 'eSIM prices and catalogue' });
    await pricing.locator('input[name="usdRate"]').fill('0,92');
    await pricing.getByRole('button', { name: 'Save rate' }).click();
    await page.locator('.toast', { hasText: 'Dollar rate saved: 1 US dollar = 0.92 EUR' }).waitFor(WAIT);
    expect((await kit.staff<AiraloSettings>('GET', '/api/admin/integrations/airalo', undefined, 'manager')).usdRate).toBe('0.92');

    // The catalogue arrives from the fake (the refresh queued by saving the credentials) and shows by itself.
    const catalogue = page.getByRole('region', { name: 'Catalogue' });
    await page.locator('.esim-catalogue[data-total="4"]').waitFor(WAIT);
    await pricing.getByTestId('catalogue-packages').filter({ hasText: /^4$/ }).waitFor(WAIT);
    const row = catalogue.locator(`tr.esim-row[data-package-id="${TURKEY_1GB}"]`);
    expect((await row.locator('td').nth(2).innerText()).trim()).toBe('$4.50 / $3.60');
    expect((await row.getByTestId('floor').innerText()).trim()).toBe(euros(TURKEY_1GB_FLOOR));

    // Found by country, by words, and narrowed to what is offered.
    const filters = catalogue.getByRole('search', { name: 'Filter the catalogue' });
    await filters.locator('input[name="country"]').fill('tr');
    await filters.getByRole('button', { name: 'Search' }).click();
    await page.locator('.esim-catalogue[data-total="2"]').waitFor(WAIT);
    expect(await catalogue.locator('tr.esim-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-package-id')).sort())).toEqual(['merhaba-30days-3gb', TURKEY_1GB]);
    await filters.locator('input[name="country"]').fill('');
    await filters.locator('input[name="words"]').fill('Bonjour');
    await filters.getByRole('button', { name: 'Search' }).click();
    await page.locator('.esim-catalogue[data-total="1"]').waitFor(WAIT);
    await catalogue.locator(`tr.esim-row[data-package-id="${FRANCE_UNLIMITED}"]`).waitFor(WAIT);
    await filters.locator('input[name="words"]').fill('');
    await filters.getByRole('button', { name: 'Search' }).click();
    await page.locator('.esim-catalogue[data-total="4"]').waitFor(WAIT);

    // Offered at €6.00, above the floor.
    await row.locator('input[name="price"]').fill('6.00');
    await row.getByRole('checkbox', { name: 'Offer Merhaba-1 GB - 7 Days' }).check();
    await catalogue.locator(`tr.esim-row[data-package-id="${TURKEY_1GB}"][data-offered="true"][data-selling-minor="600"]`).waitFor(WAIT);
    expect(await catalogueEntry(kit, TURKEY_1GB)).toMatchObject({ offered: true, sellingMinor: 600, floorMinor: TURKEY_1GB_FLOOR });
    await pricing.getByTestId('catalogue-offered').filter({ hasText: /^1$/ }).waitFor(WAIT);

    // Below the floor the hub refuses in words, and the price stays.
    await row.locator('input[name="price"]').fill('4.00');
    await row.getByRole('button', { name: 'Save' }).click();
    const refusal = catalogue.locator('.esim-row-refusal [role="alert"]');
    await refusal.waitFor(WAIT);
    expect(await refusal.innerText()).toMatch(/below/i);
    expect(await catalogueEntry(kit, TURKEY_1GB)).toMatchObject({ offered: true, sellingMinor: 600 });

    // Only what is offered.
    await catalogue.getByRole('checkbox', { name: 'Offered only' }).check();
    await page.locator('.esim-catalogue[data-total="1"]').waitFor(WAIT);
    expect(await catalogue.locator('tr.esim-row').getAttribute('data-package-id')).toBe(TURKEY_1GB);
    await catalogue.getByRole('checkbox', { name: 'Offered only' }).uncheck();
    await page.locator('.esim-catalogue[data-total="4"]').waitFor(WAIT);

    await page.evaluate(() => window.scrollTo(0, 0));
    const shot = await saveCleanScreenshot(page, 'admin-esim-settings');
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(shot, `${DOCS_SCREENSHOTS}admin-esim-settings.png`);
  });

  it('sells an eSIM from a table’s bill at the desk, takes cash, and shows the delivered eSIM’s QR', async () => {
    const kit = kitFor(selling.hub);
    const visitId = await openVisit(kit, 'table-3');
    const page = await kit.signIn('front_desk', '/admin/tables', { width: 1280, height: 1100 });
    // The front desk lands on its own page; the tables are a tab away.
    await page.locator('nav.tabs').getByRole('link', { name: 'Tables' }).click();
    const panel = await kit.openTable(page, 'table-3');

    await panel.getByRole('button', { name: 'Sell eSIM…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sell an eSIM · Table 3' });
    await dialog.waitFor(WAIT);
    const france = dialog.locator(`.esim-choice[data-package-id="${FRANCE_UNLIMITED}"]`);
    await france.waitFor(WAIT);
    expect(await dialog.locator('.esim-choice').count()).toBe(2);
    expect((await france.locator('.esim-choice-price').innerText()).trim()).toBe(euros(FRANCE_UNLIMITED_FLOOR));
    expect((await france.locator('.esim-choice-what').innerText()).trim()).toMatch(/Unlimited · 7 days$/);
    // Narrowed to Turkey: the France package goes.
    await dialog.locator('input[name="country"]').fill('TR');
    await dialog.getByRole('button', { name: 'Search' }).click();
    await dialog.locator(`.esim-choice[data-package-id="${FRANCE_UNLIMITED}"]`).waitFor({ state: 'detached', timeout: WAIT.timeout });
    const choice = dialog.locator(`.esim-choice[data-package-id="${TURKEY_1GB}"]`);
    expect((await choice.locator('.esim-choice-price').innerText()).trim()).toBe(euros(TURKEY_1GB_FLOOR));
    await choice.click();
    await saveCleanScreenshot(page, 'admin-esim-sell-dialog');
    await dialog.getByRole('button', { name: `Sell for ${euros(TURKEY_1GB_FLOOR)}` }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });

    // On the bill at the price shown, sold by staff with an id the page made.
    await panel.locator(`section.bill[data-due-minor="${TURKEY_1GB_FLOOR}"]`).waitFor(WAIT);
    const [sale] = await purchasesOf(kit, visitId);
    expect(sale).toMatchObject({ packageId: TURKEY_1GB, priceMinor: TURKEY_1GB_FLOOR, status: 'awaiting_payment', soldBy: 'staff' });
    expect(isUuidV7(sale!.id)).toBe(true);
    await panel.getByRole('region', { name: 'eSIMs' }).locator(`.esim-purchase[data-purchase-id="${sale!.id}"][data-status="awaiting_payment"]`).waitFor(WAIT);
    await saveCleanScreenshot(page, 'admin-esim-bill');

    // A second eSIM put on the bill elsewhere shows here by itself; taken off, its line leaves the bill.
    const second = await kit.staff<EsimPurchase>('POST', `/api/visits/${visitId}/esim/purchases`, { id: newId(), packageId: FRANCE_UNLIMITED }, 'waiter');
    await panel.locator(`section.bill[data-due-minor="${TURKEY_1GB_FLOOR + FRANCE_UNLIMITED_FLOOR}"]`).waitFor(WAIT);
    const secondCard = panel.locator(`.esim-purchase[data-purchase-id="${second.id}"]`);
    await secondCard.getByRole('button', { name: 'Take off the bill' }).click();
    await secondCard.getByRole('button', { name: 'Take it off' }).click();
    await panel.locator(`.esim-purchase[data-purchase-id="${second.id}"][data-status="cancelled"]`).waitFor(WAIT);
    await panel.locator(`section.bill[data-due-minor="${TURKEY_1GB_FLOOR}"]`).waitFor(WAIT);

    // Paid in cash with the usual dialog: the visit closes, and the eSIM is ordered and delivered.
    await panel.getByRole('button', { name: 'Take payment', exact: true }).click();
    const payment = page.getByRole('dialog', { name: /^Take payment · / });
    await payment.waitFor(WAIT);
    await payment.getByRole('button', { name: `Record ${euros(TURKEY_1GB_FLOOR)} in cash` }).click();
    await payment.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await page.locator('.table-card[data-table-id="table-3"][data-state="free"]').waitFor(WAIT);
    const delivered = await waitForApi(
      () => kit.staff<EsimPurchase>('GET', `/api/esim/purchases/${sale!.id}`, undefined, 'front_desk'),
      (purchase) => purchase.status === 'delivered',
      'the eSIM delivered',
    );
    expect(delivered.lpa).toMatch(/^LPA:1\$/);

    // The eSIM page: the sale, delivered, with its install QR and codes for the one who sold it.
    await page.locator('nav.tabs').getByRole('link', { name: 'eSIM' }).click();
    const card = page.locator(`.esim-purchase[data-purchase-id="${sale!.id}"][data-status="delivered"]`);
    await card.waitFor(WAIT);
    await card.getByTestId('esim-wait').filter({ hasText: /^delivered .* after payment$/ }).waitFor(WAIT);
    await card.getByRole('button', { name: 'Install codes' }).click();
    const qr = card.getByRole('img', { name: 'Install QR for Merhaba-1 GB - 7 Days' });
    await qr.waitFor(WAIT);
    const read = await readQr(qr);
    expect(read).toMatch(/^LPA:1\$/);
    expect(read).toBe(delivered.lpa);
    expect((await card.getByTestId('esim-android-code').innerText()).trim()).toBe(delivered.lpa);
    expect((await card.getByTestId('esim-smdp').innerText()).trim()).toBe(delivered.install!.smdpAddress);

    // Usage: asked for, read through the outbox from the fake, and shown.
    await card.getByRole('button', { name: 'Refresh usage' }).click();
    await card.getByTestId('esim-usage').filter({ hasNotText: 'Usage not read yet.' }).waitFor(WAIT);
    expect(await card.getByTestId('esim-usage').innerText()).toMatch(/ left · /);
    // The ask is answered: the button is back for the next one.
    await card.getByRole('button', { name: 'Refresh usage' }).waitFor(WAIT);
    expect(await card.getByRole('button', { name: 'Refresh usage' }).isEnabled()).toBe(true);

    // Print: no printer takes receipts on this hub, and the page says so in the hub's words.
    await card.getByRole('button', { name: 'Print' }).click();
    const printed = await selling.hub.request<{ error: string; message: string }>('POST', `/api/esim/purchases/${sale!.id}/print`, {}, await kit.token('front_desk'));
    expect(printed).toMatchObject({ status: 409, body: { error: 'no_receipt_printer' } });
    await page.locator('.toast-error', { hasText: printed.body.message }).waitFor(WAIT);

    const shot = await saveCleanScreenshot(page, 'admin-esim-sale');
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(shot, `${DOCS_SCREENSHOTS}admin-esim-sale.png`);
  });

  it('lists a sale Airalo refused on the Online tasks page, and a manager refunds it with a reason', async () => {
    const kit = kitFor(selling.hub);
    selling.fake.plan('orders:post', { status: 422, message: 'The package merhaba-7days-1gb is currently not available.' });
    const page = await kit.signIn('manager', '/admin/online-tasks');
    const section = page.getByRole('region', { name: 'eSIM sales waiting for a person' });
    await section.getByTestId('esim-tasks-empty').waitFor(WAIT);

    // Sold and paid while the page is open: Airalo refuses the order, and the page follows the hub.
    const visitId = await openVisit(kit, 'table-6');
    const sale = await kit.staff<EsimPurchase>('POST', `/api/visits/${visitId}/esim/purchases`, { id: newId(), packageId: TURKEY_1GB, priceMinor: TURKEY_1GB_FLOOR }, 'front_desk');
    await kit.staff('POST', `/api/visits/${visitId}/payments`, { id: newId(), method: 'cash', amountMinor: TURKEY_1GB_FLOOR }, 'front_desk');
    const card = section.locator(`.esim-purchase[data-purchase-id="${sale.id}"][data-status="needs_person"]`);
    await card.waitFor(WAIT);
    expect(selling.fake.callsTo('orders:post').at(-1)?.status).toBe(422);
    const esimBadge = page.locator('nav.tabs').getByRole('link', { name: /^eSIM/ }).locator('.badge');
    await esimBadge.filter({ hasText: /^1$/ }).waitFor(WAIT);
    expect(await card.locator('.esim-status').innerText()).toBe('Needs a person');
    await card.getByTestId('esim-wait').filter({ hasText: /^the guest has waited / }).waitFor(WAIT);
    expect(await card.locator('.esim-actions button').allInnerTexts()).toEqual(['Order again', 'Swap package…', 'Refund…']);

    await card.getByRole('button', { name: 'Refund…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Refund · Merhaba-1 GB - 7 Days' });
    await dialog.waitFor(WAIT);
    const refund = dialog.getByRole('button', { name: `Refund ${euros(TURKEY_1GB_FLOOR)}` });
    // No reason, no refund.
    expect(await refund.isDisabled()).toBe(true);
    await dialog.locator('input[name="reason"]').fill('Airalo no longer sells this package');
    await refund.click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await card.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await section.getByTestId('esim-tasks-empty').waitFor(WAIT);
    await esimBadge.waitFor({ state: 'detached', timeout: WAIT.timeout });
    expect(await kit.staff<EsimPurchase>('GET', `/api/esim/purchases/${sale.id}`, undefined, 'manager')).toMatchObject({ status: 'refunded', reason: 'Airalo no longer sells this package' });
  });

  it('shows no eSIM parts on a hub that does not sell them', async () => {
    const plain = await startTestHub({ env: { MODULES: 'restaurant,payments,hotel' } });
    try {
      const kit = kitFor(plain);
      await openVisit(kit, 'table-2');
      const page = await kit.signIn('manager', '/admin/tables');
      expect((await plain.request('GET', '/api/esim/purchases', undefined, await kit.token('manager'))).status).toBe(404);
      // The tabs are judged once the venue is read (its name replaces the placeholder in the header).
      await page.locator('.brand-name', { hasText: 'OneMoment Demo Bistro' }).waitFor({ state: 'attached', timeout: WAIT.timeout });
      expect(await page.locator('nav.tabs').getByRole('link', { name: 'eSIM' }).count()).toBe(0);
      const panel = await kit.openTable(page, 'table-2');
      await panel.getByText('Nothing on the bill yet.').waitFor(WAIT);
      expect(await panel.getByRole('button', { name: 'Sell eSIM…' }).count()).toBe(0);
      await page.locator('nav.tabs').getByRole('link', { name: 'Online tasks' }).click();
      await page.getByRole('heading', { name: 'Online tasks' }).waitFor(WAIT);
      await page.locator('[data-testid="tasks-empty"], .task-group').first().waitFor(WAIT);
      expect(await page.getByRole('region', { name: 'eSIM sales waiting for a person' }).count()).toBe(0);
    } finally {
      await plain.close();
    }
  });
});
