/**
 * A travel eSIM sold to a hotel guest in house from the Front desk page, in real Chromium, on a real
 * hub pointed at the fake Airalo (a real HTTP server on 127.0.0.1): the desk opens the stay's detail,
 * sells a package with the bill's own dialog, which says the price goes on the room, and the hub
 * charges it to the room at once: the folio shows the room-service charge, and the sale, followed live
 * in the stay's detail, turns delivered with an install QR that reads back to its `LPA:1$…` code. A
 * hub without the eSIM module shows none of it. Every step waits for a state.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isUuidV7, newId } from '@onemoment/shared/ids';
import { addDays } from '@onemoment/shared/hotel/stay-dates';
import { formatMoney } from '@onemoment/shared/money';
import type { EsimPurchase } from '@onemoment/shared/schemas/esim';
import type { Booking, Folio, FrontDesk } from '@onemoment/shared/schemas/hotel';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { offerPackages, startEsimHub, type EsimHub } from '../hub/test/support/esim-setup.ts';
import { launchBrowser } from './support/browser.ts';
import { AdminKit, WAIT, saveCleanScreenshot, waitForApi } from './support/admin-kit.ts';

const DOCS_SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const euros = (minor: number) => formatMoney(minor, 'EUR', 'en');

/** The fake's 1 GB Turkey package: offered at its floor, €4.14 at a dollar rate of 0.92. */
const TURKEY_1GB = 'merhaba-7days-1gb';
const TURKEY_1GB_TITLE = 'Merhaba-1 GB - 7 Days';
const TURKEY_1GB_PRICE = 414;

let browser: Browser;
let selling: EsimHub;
const kits: AdminKit[] = [];

function kitFor(hub: TestHub): AdminKit {
  const kit = new AdminKit(hub, browser);
  kits.push(kit);
  return kit;
}

beforeAll(async () => {
  [browser, selling] = await Promise.all([launchBrowser(), startEsimHub()]);
  await offerPackages(selling.hub, selling.managerToken, [TURKEY_1GB]);
});
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.close();
});
afterAll(async () => {
  await browser?.close();
  await selling?.close();
});

async function readQr(image: Locator): Promise<string | null> {
  const png = PNG.sync.read(await image.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** Books tonight and tomorrow for a guest and checks them in at once, as the front desk (PIN 4444). */
async function checkedIn(kit: AdminKit, name: string): Promise<Booking> {
  const desk = await kit.staff<FrontDesk>('GET', '/api/hotel/front-desk', undefined, 'front_desk');
  const booked = await kit.staff<Booking>('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'standard', arrival: desk.date, departure: addDays(desk.date, 2), guest: { name }, adults: 1 }, 'front_desk');
  const stay = await kit.staff<Booking>('POST', `/api/hotel/bookings/${booked.id}/check-in`, {}, 'front_desk');
  expect(stay).toMatchObject({ status: 'checked_in', visitId: expect.any(String), roomNumber: expect.any(String) });
  return stay;
}

describe('eSIMs at the front desk', { timeout: 180_000 }, () => {
  it('sells an eSIM to a guest in house: charged to the room at once, on the folio, and delivered with its QR in the stay’s detail', async () => {
    const kit = kitFor(selling.hub);
    const stay = await checkedIn(kit, 'Demo guest 7');
    const visitId = stay.visitId!;
    const nightsDue = (await kit.staff<Folio>('GET', `/api/hotel/bookings/${stay.id}/folio`, undefined, 'front_desk')).dueMinor;
    const { tableName } = await kit.bill(visitId);
    expect(await kit.staff<EsimPurchase[]>('GET', `/api/esim/purchases?visitId=${visitId}`, undefined, 'front_desk')).toEqual([]);

    const page = await kit.signIn('front_desk', '/admin/front-desk', { width: 1280, height: 1200 });
    const row = page.locator(`[data-list="inHouse"] .stay[data-booking-id="${stay.id}"][data-status="checked_in"]`);
    await row.getByRole('button', { name: 'Demo guest 7: details' }).click();
    const detail = page.getByRole('dialog', { name: 'Booking · Demo guest 7' });
    await detail.getByRole('button', { name: 'Sell eSIM…' }).click();

    // The bill's dialog, for the stay's room-service visit, saying plainly where the price goes.
    const dialog = page.getByRole('dialog', { name: `Sell an eSIM · ${tableName}` });
    await dialog.getByText('Pick a package. Its price is charged to the room at once, and it is ordered from Airalo.').waitFor(WAIT);
    const choice = dialog.locator(`.esim-choice[data-package-id="${TURKEY_1GB}"]`);
    expect((await choice.locator('.esim-choice-price').innerText()).trim()).toBe(euros(TURKEY_1GB_PRICE));
    await choice.click();
    expect(await dialog.locator('.esim-sell-what').innerText()).toMatch(new RegExp(`is charged to the room for ${euros(TURKEY_1GB_PRICE)} and ordered from Airalo at once\\.$`));
    await dialog.getByRole('button', { name: `Charge ${euros(TURKEY_1GB_PRICE)} to the room` }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await page.locator('.toast', { hasText: `${tableName}: eSIM · ${TURKEY_1GB_TITLE} is charged to the room (${euros(TURKEY_1GB_PRICE)}) and ordered from Airalo.` }).waitFor(WAIT);

    // Sold by staff with an id the page made, paid by the room charge, and ordered from Airalo.
    const [sale] = await kit.staff<EsimPurchase[]>('GET', `/api/esim/purchases?visitId=${visitId}`, undefined, 'front_desk');
    expect(sale).toMatchObject({ packageId: TURKEY_1GB, priceMinor: TURKEY_1GB_PRICE, soldBy: 'staff', visitId });
    expect(isUuidV7(sale!.id)).toBe(true);
    expect((await kit.bill(visitId)).payments).toMatchObject([{ method: 'room', amountMinor: TURKEY_1GB_PRICE }]);
    const delivered = await waitForApi(
      () => kit.staff<EsimPurchase>('GET', `/api/esim/purchases/${sale!.id}`, undefined, 'front_desk'),
      (purchase) => purchase.status === 'delivered',
      'the eSIM delivered',
    );
    expect(delivered.lpa).toMatch(/^LPA:1\$/);

    // Back on the stay's detail, the sale follows the hub to delivered; the seller sees its codes.
    const card = detail.getByRole('region', { name: 'eSIMs' }).locator(`.esim-purchase[data-purchase-id="${sale!.id}"][data-status="delivered"]`);
    await card.waitFor(WAIT);
    await card.getByRole('button', { name: 'Install codes' }).click();
    const qr = card.getByRole('img', { name: `Install QR for ${TURKEY_1GB_TITLE}` });
    await qr.waitFor(WAIT);
    expect(await readQr(qr)).toBe(delivered.lpa);
    expect((await card.getByTestId('esim-android-code').innerText()).trim()).toBe(delivered.lpa);
    const shot = await saveCleanScreenshot(page, 'front-desk-esim');
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(shot, `${DOCS_SCREENSHOTS}front-desk-esim.png`);

    // The folio has the room-service charge of the eSIM's price on top of the nights.
    await detail.getByRole('button', { name: 'Folio…' }).click();
    const folioDialog = page.getByRole('dialog', { name: `Folio · Demo guest 7 · room ${stay.roomNumber}` });
    await folioDialog.locator(`.folio[data-due-minor="${nightsDue + TURKEY_1GB_PRICE}"]`).waitFor(WAIT);
    expect(await folioDialog.locator('.bill-row[data-kind="room_service"]').innerText()).toBe(`Room service\n${euros(TURKEY_1GB_PRICE)}`);
    const folio = await kit.staff<Folio>('GET', `/api/hotel/bookings/${stay.id}/folio`, undefined, 'front_desk');
    expect(folio.charges.filter((charge) => charge.kind === 'room_service').map((charge) => charge.amountMinor)).toEqual([TURKEY_1GB_PRICE]);
  });

  it('shows no eSIM parts on a stay where the hub does not sell them', async () => {
    const plain = await startTestHub({ env: { MODULES: 'restaurant,payments,hotel' } });
    try {
      const kit = kitFor(plain);
      const stay = await checkedIn(kit, 'Demo guest 8');
      const page = await kit.signIn('front_desk', '/admin/front-desk');
      // The page judges once the venue is read (its name replaces the placeholder in the header).
      await page.locator('.brand-name', { hasText: 'OneMoment Demo Bistro' }).waitFor({ state: 'attached', timeout: WAIT.timeout });
      await page.locator(`[data-list="inHouse"] .stay[data-booking-id="${stay.id}"]`).getByRole('button', { name: 'Demo guest 8: details' }).click();
      const detail = page.getByRole('dialog', { name: 'Booking · Demo guest 8' });
      await detail.getByRole('button', { name: 'Folio…' }).waitFor(WAIT);
      expect(await detail.getByRole('button', { name: 'Sell eSIM…' }).count()).toBe(0);
      expect(await detail.getByRole('region', { name: 'eSIMs' }).count()).toBe(0);
    } finally {
      await plain.close();
    }
  });
});
