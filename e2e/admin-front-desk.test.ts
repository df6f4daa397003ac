/**
 * The front desk in Chromium, on a real hub with the demo hotel: the desk logs in with its PIN and
 * lands on its page; books Guest A for tonight (the price from availability, one booking however the
 * button is tapped, the free count going down live); a room already taken is refused in the dialog;
 * one tap checks the guest in and gives a room; a bar charge posted through the API shows on the folio
 * at checkout, cash pays it with the change shown, and the guest is checked out with the room dirty.
 * Then an overbooking merged from HQ shows with its choices and leaves once one is taken. The booking's
 * detail shows the guest's check-in link as a QR that reads back. Every step waits for a state.
 */
import jsQR from 'jsqr';
import type { Browser, Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId, isUuidV7 } from '@onemoment/shared/ids';
import { addDays } from '@onemoment/shared/hotel/stay-dates';
import { formatMoney } from '@onemoment/shared/money';
import type { Availability, Booking, Folio, FrontDesk, Room } from '@onemoment/shared/schemas/hotel';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser } from './support/browser.ts';
import { AdminKit, WAIT, saveCleanScreenshot, waitForApi } from './support/admin-kit.ts';

let hub: TestHub;
let browser: Browser;
let kit: AdminKit;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
  kit = new AdminKit(hub, browser);
});
afterEach(async () => {
  await kit.close();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const euros = (minor: number) => formatMoney(minor, 'EUR', 'en');

async function readQr(image: Locator): Promise<string | null> {
  const png = PNG.sync.read(await image.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

async function freeTonight(page: Page, roomTypeId: string, date: string): Promise<number> {
  const cell = page.locator(`.availability-grid tr[data-room-type="${roomTypeId}"] td[data-date="${date}"]`);
  await cell.waitFor(WAIT);
  return Number(await cell.getAttribute('data-free'));
}

describe('the front desk', { timeout: 180_000 }, () => {
  it('books, checks in with one tap, and checks out through the folio with cash', async () => {
    const page = await kit.signIn('front_desk', '/admin');
    const deskPage = page.locator('.front-desk[data-date]');
    await deskPage.waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe('/admin/front-desk');
    const today = (await deskPage.getAttribute('data-date'))!;
    const freeBefore = await freeTonight(page, 'standard', today);
    expect(freeBefore).toBeGreaterThan(0);

    // New booking: the price is the hub's for exactly these nights.
    await page.getByRole('button', { name: 'New booking' }).click();
    const dialog = page.getByRole('dialog', { name: 'New booking' });
    await dialog.locator('select[name="roomTypeId"]').selectOption('standard');
    await dialog.locator('input[name="name"]').fill('Guest A');
    const quote = dialog.locator('[data-testid="booking-quote"]:not([data-total-minor=""])');
    await quote.waitFor(WAIT);
    const quotedMinor = Number(await quote.getAttribute('data-total-minor'));
    const availability = await kit.staff<Availability>('GET', `/api/hotel/availability?from=${today}&to=${addDays(today, 1)}&roomTypeId=standard`, undefined, 'front_desk');
    expect(quotedMinor).toBe(availability.roomTypes[0]!.nights[0]!.priceMinor);
    await quote.getByText(euros(quotedMinor)).waitFor(WAIT);
    await saveCleanScreenshot(page, 'front-desk-new-booking');
    // A double tap is one booking: the id was made when the dialog opened.
    await dialog.getByRole('button', { name: 'Make booking' }).dblclick();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });

    const arrival = page.locator('[data-list="arrivals"] .stay', { hasText: 'Guest A' });
    await arrival.waitFor(WAIT);
    const bookingId = (await arrival.getAttribute('data-booking-id'))!;
    expect(isUuidV7(bookingId)).toBe(true);
    const made = await kit.staff<Booking[]>('GET', `/api/hotel/bookings?from=${today}&to=${addDays(today, 1)}`, undefined, 'front_desk');
    expect(made.filter((booking) => booking.guest.name === 'Guest A')).toMatchObject([{ id: bookingId, status: 'confirmed', totalMinor: quotedMinor, arrival: today, departure: addDays(today, 1) }]);
    await arrival.getByText('Standard · no room yet').waitFor(WAIT);
    await waitForApi(() => freeTonight(page, 'standard', today), (free) => free === freeBefore - 1, 'one standard room fewer free tonight on the grid');

    // The booking's detail shows the check-in link as a QR the guest scans at the desk.
    await arrival.getByRole('button', { name: 'Guest A: details' }).click();
    const detail = page.getByRole('dialog', { name: 'Booking · Guest A' });
    const qr = detail.getByRole('img', { name: 'Check-in link for Guest A' });
    await qr.waitFor(WAIT);
    const { checkInUrl } = made.find((booking) => booking.id === bookingId)!;
    expect(await readQr(qr)).toBe(new URL(checkInUrl, hub.baseUrl).href);
    await detail.getByRole('button', { name: 'Close' }).click();
    await detail.waitFor({ state: 'detached', timeout: WAIT.timeout });

    // One tap checks in and gives a ready room.
    await arrival.getByRole('button', { name: 'Check in' }).click();
    const inHouse = page.locator(`[data-list="inHouse"] .stay[data-booking-id="${bookingId}"][data-status="checked_in"]`);
    await inHouse.waitFor(WAIT);
    const roomNumber = (await inHouse.getAttribute('data-room'))!;
    expect(roomNumber).toMatch(/^\d+$/);
    await page.locator('.toast', { hasText: `Guest A checked in to room ${roomNumber}.` }).waitFor(WAIT);
    const checkedIn = await kit.staff<Booking>('GET', `/api/hotel/bookings/${bookingId}`, undefined, 'front_desk');
    expect(checkedIn).toMatchObject({ status: 'checked_in', roomNumber });
    const roomId = checkedIn.roomId!;
    await page.locator(`.room-tile[data-room-id="${roomId}"][data-state="occupied"]`).waitFor(WAIT);

    // The room is taken tonight: the dialog says so and nothing is booked.
    await page.getByRole('button', { name: 'New booking' }).click();
    await dialog.locator('select[name="roomTypeId"]').selectOption('standard');
    await dialog.locator('select[name="roomId"]').selectOption(roomId);
    await dialog.locator('input[name="name"]').fill('Guest B');
    await dialog.getByRole('button', { name: 'Make booking' }).click();
    await dialog.locator('[data-refusal]', { hasText: 'That room is taken on some of those nights.' }).waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const after = await kit.staff<Booking[]>('GET', `/api/hotel/bookings?from=${today}&to=${addDays(today, 1)}`, undefined, 'front_desk');
    expect(after.some((booking) => booking.guest.name === 'Guest B')).toBe(false);

    // The bar posts a charge; checkout shows it on the folio.
    await kit.staff('POST', `/api/hotel/bookings/${bookingId}/folio/charges`, { id: newId(), kind: 'bar', description: 'Two drinks at the bar', amountMinor: 1250 }, 'front_desk');
    const folio = await kit.staff<Folio>('GET', `/api/hotel/bookings/${bookingId}/folio`, undefined, 'front_desk');
    expect(folio.dueMinor).toBe(quotedMinor + 1250);
    await saveCleanScreenshot(page, 'front-desk');

    await inHouse.getByRole('button', { name: 'Check out' }).click();
    const folioDialog = page.getByRole('dialog', { name: `Folio · Guest A · room ${roomNumber}` });
    await folioDialog.locator(`.folio[data-due-minor="${folio.dueMinor}"]`).waitFor(WAIT);
    expect(await folioDialog.locator('.bill-row[data-kind="night"]').innerText()).toBe(`1 night\n${euros(quotedMinor)}`);
    expect(await folioDialog.locator('.bill-row[data-kind="bar"]').innerText()).toBe(`Bar\n${euros(1250)}`);
    const tenderedMinor = Math.ceil((folio.dueMinor + 1) / 5000) * 5000;
    await folioDialog.locator('input[name="tendered"]').fill((tenderedMinor / 100).toFixed(2));
    await folioDialog.getByTestId('change').getByText(euros(tenderedMinor - folio.dueMinor)).waitFor(WAIT);
    await saveCleanScreenshot(page, 'front-desk-folio');
    await folioDialog.getByRole('button', { name: `Take ${euros(folio.dueMinor)} in cash and check out` }).click();
    await folioDialog.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await page.locator('.toast', { hasText: `Guest A (room ${roomNumber}) checked out.` }).waitFor(WAIT);

    await page.locator(`.stay[data-booking-id="${bookingId}"]`).waitFor({ state: 'detached', timeout: WAIT.timeout });
    await page.locator(`.room-tile[data-room-id="${roomId}"][data-state="dirty"]`).waitFor(WAIT);
    expect(await kit.staff<Booking>('GET', `/api/hotel/bookings/${bookingId}`, undefined, 'front_desk')).toMatchObject({ status: 'checked_out' });
    const settled = await kit.staff<Folio>('GET', `/api/hotel/bookings/${bookingId}/folio`, undefined, 'front_desk');
    expect(settled).toMatchObject({ dueMinor: 0, payments: [{ method: 'cash', amountMinor: folio.dueMinor, tenderedMinor, changeMinor: tenderedMinor - folio.dueMinor }] });
    const rooms = await kit.staff<Room[]>('GET', '/api/hotel/rooms', undefined, 'front_desk');
    expect(rooms.find((room) => room.id === roomId)).toMatchObject({ housekeeping: 'dirty', ready: false, occupiedBy: null });
  });

  it('shows an overbooking merged from HQ with its choices, and drops it once another room is given', async () => {
    const desk = await kit.staff<FrontDesk>('GET', '/api/hotel/front-desk', undefined, 'front_desk');
    const arrival = addDays(desk.date, 3);
    const rooms = await kit.staff<Room[]>('GET', '/api/hotel/rooms', undefined, 'front_desk');
    const room = rooms.find((r) => r.roomTypeId === 'double' && !r.outOfOrder)!;
    const first = await kit.staff<Booking>('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'double', roomId: room.id, arrival, departure: addDays(arrival, 2), guest: { name: 'Guest C' }, adults: 2 }, 'front_desk');

    const page = await kit.signIn('front_desk', '/admin/front-desk');
    await page.locator('.front-desk[data-date]').waitFor(WAIT);

    // HQ sold the same room for an overlapping stay while the hub was offline: the merge finds it.
    const remoteId = newId();
    const hotel = hub.hub.modules.hotel!;
    await hub.hub.context.commands.run((tx) =>
      hotel.bookings.applyRemoteIn(
        tx,
        { id: remoteId, roomTypeId: 'double', roomId: room.id, arrival: addDays(arrival, 1), departure: addDays(arrival, 3), status: 'confirmed', guest: { name: 'Guest D', email: null, phone: null }, adults: 2, children: 0, notes: null, totalMinor: 30000, currency: 'EUR', source: 'hq', cloudbedsId: null },
        { kind: 'remote', source: 'hq' },
      ),
    );

    const conflict = page.locator('.conflicts .conflict', { hasText: `Room ${room.number}` });
    await conflict.waitFor(WAIT);
    const another = conflict.locator('button[data-choice="another_room"]').first();
    await another.waitFor(WAIT);
    await conflict.locator('button[data-choice="move_booking"]').first().waitFor(WAIT);
    await another.click();
    await conflict.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await page.locator('.conflicts').waitFor({ state: 'detached', timeout: WAIT.timeout });

    const [a, b] = await Promise.all([
      kit.staff<Booking>('GET', `/api/hotel/bookings/${first.id}`, undefined, 'front_desk'),
      kit.staff<Booking>('GET', `/api/hotel/bookings/${remoteId}`, undefined, 'front_desk'),
    ]);
    expect(a.roomId === room.id || b.roomId === room.id).toBe(true);
    expect(a.roomId).not.toBe(b.roomId);
    const after = await kit.staff<FrontDesk>('GET', '/api/hotel/front-desk', undefined, 'front_desk');
    expect(after.conflicts).toEqual([]);
  });

  it('says why a guest cannot check in while no room of the type is ready, and leaves the booking as it was', async () => {
    const desk = await kit.staff<FrontDesk>('GET', '/api/hotel/front-desk', undefined, 'front_desk');
    const rooms = await kit.staff<Room[]>('GET', '/api/hotel/rooms', undefined, 'front_desk');
    for (const suite of rooms.filter((room) => room.roomTypeId === 'suite')) {
      await kit.staff('POST', `/api/hotel/rooms/${suite.id}/housekeeping`, { state: 'dirty' }, 'front_desk');
    }
    const booking = await kit.staff<Booking>('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'suite', arrival: desk.date, departure: addDays(desk.date, 1), guest: { name: 'Guest E' }, adults: 2 }, 'front_desk');

    const page = await kit.signIn('front_desk', '/admin/front-desk');
    const row = page.locator(`[data-list="arrivals"] .stay[data-booking-id="${booking.id}"]`);
    await row.waitFor(WAIT);
    await row.getByRole('button', { name: 'Check in' }).click();
    await page.locator('.toast.toast-error', { hasText: /^Guest E cannot check in yet\. No room of this type is ready yet: .*free but not cleaned\.$/ }).waitFor(WAIT);
    await row.getByRole('button', { name: 'Check in' }).waitFor(WAIT);
    expect(await kit.staff<Booking>('GET', `/api/hotel/bookings/${booking.id}`, undefined, 'front_desk')).toMatchObject({ status: 'confirmed', roomId: null });
  });
});
