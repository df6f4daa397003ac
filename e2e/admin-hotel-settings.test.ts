/**
 * The hotel's manager pieces in Chromium, on a real hub with the demo hotel: the manager connects
 * Cloudbeds (the hub's Cloudbeds address answers nothing, and saving still works; the key comes back
 * masked only), adds a weekend rate plan and sees it listed and pricing Friday and Saturday nights,
 * and opens the rooms' QR sheet. The front desk takes a room out of order from the rooms board and
 * sees the board and the availability grid follow, then puts it back. A guest registers from their phone (through the guest API) while the
 * booking's detail is open: the desk sees the form, the signature image and a PDF registration card.
 * Every step waits for a state.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@onemoment/shared/ids';
import { addDays, weekdayOf } from '@onemoment/shared/hotel/stay-dates';
import { formatMoney } from '@onemoment/shared/money';
import type { Availability, Booking, FrontDesk, RatePlan, Room } from '@onemoment/shared/schemas/hotel';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser } from './support/browser.ts';
import { AdminKit, WAIT, saveCleanScreenshot, waitForApi } from './support/admin-kit.ts';

const DOCS_SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const API_KEY = 'cbat_e2eSecretKey0042';

let hub: TestHub;
let browser: Browser;
let kit: AdminKit;

beforeAll(async () => {
  // Port 9 (discard) on this machine: nothing answers there, as when the internet is down.
  [hub, browser] = await Promise.all([startTestHub({ env: { CLOUDBEDS_API_URL: 'http://127.0.0.1:9/api/v1.2' } }), launchBrowser()]);
  kit = new AdminKit(hub, browser);
});
afterEach(async () => {
  await kit.close();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

/** A drawn signature: one dark stroke on a transparent pad, as the check-in page's pad makes it. */
async function signatureDataUrl(): Promise<string> {
  const png = await sharp({ create: { width: 320, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: Buffer.from('<svg width="320" height="120"><path d="M20 80 C80 10 140 110 300 40" stroke="#1b2a4a" stroke-width="4" fill="none"/></svg>') }])
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

interface SeenBlobs {
  __blobs: Map<string, Blob>;
  __revoked: string[];
}

/**
 * Notes what the page hands to object URLs and lets go of (the page's policy allows no fetch of a
 * blob: URL, so the test reads the Blob itself). The admin page is one page: no navigation undoes it.
 */
async function watchObjectUrls(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = window as unknown as SeenBlobs;
    seen.__blobs = new Map();
    seen.__revoked = [];
    const create = URL.createObjectURL.bind(URL);
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      const url = create(object);
      if (object instanceof Blob) seen.__blobs.set(url, object);
      return url;
    };
    URL.revokeObjectURL = (url: string) => {
      seen.__revoked.push(url);
      revoke(url);
    };
  });
}

async function freeOn(page: Page, roomTypeId: string, date: string): Promise<number> {
  const cell = page.locator(`.availability-grid tr[data-room-type="${roomTypeId}"] td[data-date="${date}"]`);
  await cell.waitFor(WAIT);
  return Number(await cell.getAttribute('data-free'));
}

describe('hotel settings and the desk', { timeout: 180_000 }, () => {
  it('connects Cloudbeds with the key shown masked, and adds a weekend rate plan that prices Friday and Saturday nights', async () => {
    const page = await kit.signIn('manager', '/admin/tables');
    await page.locator('.tab', { hasText: 'Hotel' }).click();
    await page.getByRole('heading', { name: 'Hotel settings' }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe('/admin/hotel');

    // Cloudbeds: a typo is said before anything is sent.
    const cloudbeds = page.getByRole('region', { name: 'Cloudbeds' });
    await page.locator('.cloudbeds-card[data-configured="false"]').waitFor(WAIT);
    await cloudbeds.locator('input[name="apiKey"]').fill('has spaces');
    await cloudbeds.locator('input[name="propertyId"]').fill('48213');
    await cloudbeds.getByRole('button', { name: 'Connect' }).click();
    await cloudbeds.getByText('That does not look like a Cloudbeds API key').waitFor(WAIT);
    expect((await kit.staff<{ configured: boolean }>('GET', '/api/admin/integrations/cloudbeds', undefined, 'manager')).configured).toBe(false);

    await cloudbeds.locator('input[name="apiKey"]').fill(API_KEY);
    await cloudbeds.getByRole('button', { name: 'Connect' }).click();
    await page.locator('.cloudbeds-card[data-configured="true"]').waitFor(WAIT);
    const masked = (await cloudbeds.getByTestId('cloudbeds-key').innerText()).trim();
    expect(masked.endsWith(API_KEY.slice(-4))).toBe(true);
    expect(masked).not.toContain(API_KEY.slice(0, -4));
    expect(await cloudbeds.locator('input[name="apiKey"]').inputValue()).toBe('');
    expect(await page.content()).not.toContain(API_KEY);
    const settings = await hub.request('GET', '/api/admin/integrations/cloudbeds', undefined, await kit.token('manager'));
    expect(settings.body).toMatchObject({ configured: true, propertyId: '48213', apiKeyMasked: masked });
    expect(JSON.stringify(settings.body)).not.toContain(API_KEY);
    // A pull on demand is queued even though Cloudbeds cannot be reached (it waits as an online task).
    await cloudbeds.getByRole('button', { name: 'Pull now' }).click();
    await page.locator('.toast', { hasText: 'Pull queued' }).waitFor(WAIT);

    // A weekend plan for the Standard rooms.
    const plans = page.getByRole('region', { name: 'Rate plans' });
    const form = plans.getByRole('form', { name: 'Add rate plan' });
    await form.locator('select[name="roomTypeId"]').selectOption('standard');
    await form.locator('input[name="name"]').fill('Autumn weekend');
    await form.getByRole('button', { name: 'Weekend (Fri, Sat)' }).click();
    expect(await form.locator('.weekday-toggles button[aria-pressed="true"]').allInnerTexts()).toEqual(['Fri', 'Sat']);
    await form.locator('input[name="price"]').fill('1O5');
    await form.getByRole('button', { name: 'Add rate plan' }).click();
    await form.locator('[data-field="price"]', { hasText: 'Type the price of one night in EUR' }).waitFor(WAIT);
    await form.locator('input[name="price"]').fill('149.50');
    await form.locator('input[name="priority"]').fill('50');
    await form.getByRole('button', { name: 'Add rate plan' }).click();
    const row = plans.locator('.rate-type[data-room-type="standard"] tr', { hasText: 'Autumn weekend' });
    await row.waitFor(WAIT);
    expect(await row.innerText()).toBe(`Autumn weekend\t${formatMoney(14950, 'EUR', 'en')}\tFri and Sat nights\t50`);
    await page.locator('.toast', { hasText: 'Added to Standard: Autumn weekend' }).waitFor(WAIT);

    const stored = await kit.staff<RatePlan[]>('GET', '/api/hotel/rate-plans', undefined, 'manager');
    expect(stored.filter((plan) => plan.name === 'Autumn weekend')).toMatchObject([{ roomTypeId: 'standard', priceMinor: 14950, weekdays: 0b011_0000, minNights: 1, priority: 50, validFrom: null, validTo: null }]);
    // The hub prices the coming Friday and Saturday nights with it, and no other night.
    const desk = await kit.staff<FrontDesk>('GET', '/api/hotel/front-desk', undefined, 'manager');
    const week = await kit.staff<Availability>('GET', `/api/hotel/availability?from=${desk.date}&to=${addDays(desk.date, 7)}&roomTypeId=standard`, undefined, 'manager');
    for (const night of week.roomTypes[0]!.nights) {
      const weekend = weekdayOf(night.date) === 4 || weekdayOf(night.date) === 5;
      expect(night.priceMinor === 14950, night.date).toBe(weekend);
    }

    // The rooms' QR sheet opens in a new tab, one code per room.
    const [sheet] = await Promise.all([page.waitForEvent('popup', { timeout: WAIT.timeout }), page.getByRole('button', { name: 'Room QR codes (print)' }).click()]);
    await sheet.waitForURL(/^blob:/, { timeout: WAIT.timeout });
    await sheet.waitForFunction(() => !!document.body && document.body.innerText.includes('Room 306'), undefined, { timeout: WAIT.timeout });
    expect(await sheet.locator('svg').count()).toBe(24);
    await sheet.close();

    // From the top: the header is sticky, and a full-page shot scrolled down shows it mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    const shot = await saveCleanScreenshot(page, 'hotel-settings');
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(shot, `${DOCS_SCREENSHOTS}hotel-settings.png`);
  });

  it('takes a room out of order from the rooms board: the board and the grid show it, and it comes back', async () => {
    const page = await kit.signIn('front_desk', '/admin/front-desk');
    const deskPage = page.locator('.front-desk[data-date]');
    await deskPage.waitFor(WAIT);
    const today = (await deskPage.getAttribute('data-date'))!;
    const rooms = await kit.staff<Room[]>('GET', '/api/hotel/rooms', undefined, 'front_desk');
    // A ready room no stay is booked into over these nights (the demo's arrival of today has room 301).
    const booked = await kit.staff<Array<{ roomId: string | null }>>('GET', `/api/hotel/bookings?from=${today}&to=${addDays(today, 2)}`, undefined, 'front_desk');
    const held = new Set(booked.map((b) => b.roomId));
    const room = rooms.find((r) => r.roomTypeId === 'superior' && r.ready && !held.has(r.id))!;
    const freeBefore = await freeOn(page, 'superior', today);
    const freeTomorrow = await freeOn(page, 'superior', addDays(today, 1));
    const freeLater = await freeOn(page, 'superior', addDays(today, 2));

    await page.getByRole('button', { name: `Room ${room.number}, Superior: ready` }).click();
    const dialog = page.getByRole('dialog', { name: `Room ${room.number}` });
    // Without a reason the dialog says what is missing, and nothing changes.
    await dialog.getByRole('button', { name: 'Take out of order' }).click();
    await dialog.locator('[data-field="reason"]').waitFor(WAIT);
    await dialog.locator('input[name="reason"]').fill('Leak under the basin');
    await dialog.locator('input[name="to"]').fill(addDays(today, 2));
    await saveCleanScreenshot(page, 'front-desk-room-out-of-order');
    await dialog.getByRole('button', { name: 'Take out of order' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });

    const tile = page.locator(`.room-tile[data-room-id="${room.id}"]`);
    await page.locator(`.room-tile[data-room-id="${room.id}"][data-state="out_of_order"]`).waitFor(WAIT);
    expect(await tile.getAttribute('title')).toBe(`Out of order ${today} → ${addDays(today, 2)}: Leak under the basin`);
    await waitForApi(() => freeOn(page, 'superior', today), (free) => free === freeBefore - 1, 'one superior room fewer free tonight on the grid');
    expect(await freeOn(page, 'superior', addDays(today, 1))).toBe(freeTomorrow - 1);
    expect(await freeOn(page, 'superior', addDays(today, 2))).toBe(freeLater);
    expect((await kit.staff<Room[]>('GET', '/api/hotel/rooms', undefined, 'front_desk')).find((r) => r.id === room.id)).toMatchObject({
      outOfOrderNow: true,
      ready: false,
      outOfOrder: { reason: 'Leak under the basin', from: today, to: addDays(today, 2) },
    });

    // Back in order: the tile and the grid follow.
    await page.getByRole('button', { name: `Room ${room.number}, Superior: out of order` }).click();
    await dialog.getByTestId('out-of-order').getByText('Leak under the basin', { exact: false }).waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Back in order' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await page.locator(`.room-tile[data-room-id="${room.id}"][data-state="ready"]`).waitFor(WAIT);
    await waitForApi(() => freeOn(page, 'superior', today), (free) => free === freeBefore, 'the superior room free again tonight');
    await page.locator('.toast', { hasText: `Room ${room.number} is back in order.` }).waitFor(WAIT);
  });

  it('shows the registration a guest sends from their phone, with the signature and the PDF card', async () => {
    const desk = await kit.staff<FrontDesk>('GET', '/api/hotel/front-desk', undefined, 'front_desk');
    const booking = await kit.staff<Booking>(
      'POST',
      '/api/hotel/bookings',
      { id: newId(), roomTypeId: 'double', arrival: desk.date, departure: addDays(desk.date, 2), guest: { name: 'Guest A' }, adults: 1 },
      'front_desk',
    );

    const page = await kit.signIn('front_desk', '/admin/front-desk');
    await watchObjectUrls(page);
    const arrival = page.locator(`[data-list="arrivals"] .stay[data-booking-id="${booking.id}"]`);
    await arrival.waitFor(WAIT);
    await arrival.getByRole('button', { name: 'Guest A: details' }).click();
    const detail = page.getByRole('dialog', { name: 'Booking · Guest A' });
    const registration = detail.getByRole('region', { name: 'Registration' });
    await registration.getByText('The guest has not sent the registration from their phone yet.').waitFor(WAIT);

    // The guest opens their link and sends the form with a signature while the dialog is open.
    const code = booking.checkInUrl.split('/checkin/')[1]!;
    const joined = await hub.request<{ token: string }>('POST', `/api/guest/check-in/${code}/join`);
    expect(joined.status).toBe(201);
    const sent = await hub.request(
      'PUT',
      '/api/guest/stay/registration',
      {
        fullName: 'Guest A',
        nationality: 'GR',
        documentType: 'passport',
        documentNumber: 'AB1234567',
        address: '12 Harbour Road, Piraeus',
        arrival: booking.arrival,
        departure: booking.departure,
        consent: true,
        signature: await signatureDataUrl(),
      },
      joined.body.token,
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);

    await page.locator('.registration[data-registered="true"]').waitFor(WAIT);
    await registration.getByTestId('registration-document').getByText('Passport AB1234567').waitFor(WAIT);
    await registration.getByText('Greece (GR)').waitFor(WAIT);
    await registration.getByText('12 Harbour Road, Piraeus').waitFor(WAIT);
    expect(await registration.getByTestId('id-photo-state').innerText()).toBe('No ID photo was sent: check the document at the desk.');
    const signature = registration.getByRole('img', { name: 'Signature of Guest A' });
    await signature.waitFor(WAIT);
    await page.waitForFunction((image) => image instanceof HTMLImageElement && image.complete && image.naturalWidth === 320, await signature.elementHandle(), { timeout: WAIT.timeout });
    expect(await signature.getAttribute('src')).toMatch(/^blob:/);
    await saveCleanScreenshot(page, 'front-desk-registration');

    // The registration card opens as a PDF in a new tab.
    const [tab] = await Promise.all([page.waitForEvent('popup', { timeout: WAIT.timeout }), registration.getByRole('button', { name: 'Registration card (PDF)' }).click()]);
    await tab.waitForURL(/^blob:/, { timeout: WAIT.timeout });
    // The tab shows it as a PDF, and the bytes handed to it are one.
    expect(await tab.evaluate(() => document.contentType)).toBe('application/pdf');
    const pdf = await page.evaluate(async (url) => {
      const blob = (window as unknown as SeenBlobs).__blobs.get(url)!;
      return { type: blob.type, head: await blob.slice(0, 5).text(), size: blob.size };
    }, tab.url());
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.head).toBe('%PDF-');
    expect(pdf.size).toBeGreaterThan(1000);
    await tab.close();

    // No printer prints receipts on this hub: the desk is told what to do.
    await registration.getByRole('button', { name: 'Print card' }).click();
    await page.locator('.toast.toast-error', { hasText: 'No printer prints receipts, so the card cannot be printed here.' }).waitFor(WAIT);

    // Closing the dialog lets the signature's object URL go.
    const src = (await signature.getAttribute('src'))!;
    await detail.getByRole('button', { name: 'Close' }).click();
    await detail.waitFor({ state: 'detached', timeout: WAIT.timeout });
    expect(await page.evaluate((url) => (window as unknown as SeenBlobs).__revoked.includes(url), src)).toBe(true);
    const loads = await page.evaluate(
      (url) =>
        new Promise<boolean>((resolve) => {
          const probe = new Image();
          probe.onload = () => resolve(true);
          probe.onerror = () => resolve(false);
          probe.src = url;
        }),
      src,
    );
    expect(loads).toBe(false);
  });
});
