/**
 * Housekeeping on a phone (390 px wide), on a real hub with the demo hotel: a room left dirty by a
 * checkout is listed first; the housekeeper marks it clean, then inspected, with big buttons; the
 * front desk's rooms board (a second tablet) shows it dirty, then ready, live. Every step waits for a
 * state.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@onemoment/shared/ids';
import { addDays } from '@onemoment/shared/hotel/stay-dates';
import type { Booking, Folio, FrontDesk, Room } from '@onemoment/shared/schemas/hotel';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser } from './support/browser.ts';
import { AdminKit, WAIT } from './support/admin-kit.ts';

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

const PHONE = { width: 390, height: 844 };
const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

/** A guest stays and leaves through the API: their room is dirty. */
async function stayAndLeave(): Promise<Room> {
  const desk = await kit.staff<FrontDesk>('GET', '/api/hotel/front-desk', undefined, 'front_desk');
  const booking = await kit.staff<Booking>('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'suite', arrival: desk.date, departure: addDays(desk.date, 1), guest: { name: 'Guest A' }, adults: 1 }, 'front_desk');
  const inHouse = await kit.staff<Booking>('POST', `/api/hotel/bookings/${booking.id}/check-in`, {}, 'front_desk');
  const folio = await kit.staff<Folio>('GET', `/api/hotel/bookings/${booking.id}/folio`, undefined, 'front_desk');
  await kit.staff('POST', `/api/hotel/bookings/${booking.id}/folio/payments`, { id: newId(), method: 'card', amountMinor: folio.dueMinor }, 'front_desk');
  await kit.staff('POST', `/api/hotel/bookings/${booking.id}/check-out`, {}, 'front_desk');
  const rooms = await kit.staff<Room[]>('GET', '/api/hotel/rooms', undefined, 'housekeeping');
  const room = rooms.find((r) => r.id === inHouse.roomId)!;
  expect(room).toMatchObject({ housekeeping: 'dirty', ready: false });
  return room;
}

describe('housekeeping', { timeout: 180_000 }, () => {
  it('lists the dirty room first, marks it clean then inspected, and the front desk sees it ready', async () => {
    const room = await stayAndLeave();

    const phone = await kit.signIn('housekeeping', '/admin', PHONE);
    await phone.locator('.housekeeping').waitFor(WAIT);
    expect(new URL(phone.url()).pathname).toBe('/admin/housekeeping');
    // The phone has no sideways scrolling: the page fits 390 px.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    const desk = await kit.signIn('front_desk', '/admin/front-desk');
    const tile = desk.locator(`.room-tile[data-room-id="${room.id}"]`);
    await desk.locator(`.room-tile[data-room-id="${room.id}"][data-state="dirty"]`).waitFor(WAIT);

    const toClean = phone.locator('[data-section="to-clean"]');
    const card = toClean.locator(`.hk-room[data-room-id="${room.id}"]`);
    await card.waitFor(WAIT);
    // Dirty rooms to do first, empty ones before occupied ones (a guest may be waiting for one), by number.
    const dirty = (await kit.staff<Room[]>('GET', '/api/hotel/rooms', undefined, 'housekeeping')).filter((r) => r.housekeeping === 'dirty' && !r.outOfOrderNow);
    const expected = dirty
      .sort((a, b) => Number(a.occupiedBy !== null) - Number(b.occupiedBy !== null) || a.number.localeCompare(b.number, 'en', { numeric: true }))
      .map((r) => r.id);
    expect(await toClean.locator('.hk-room').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-room-id')))).toEqual(expected);
    // What the phone shows (the full list is many screens long).
    mkdirSync(ARTIFACTS, { recursive: true });
    await phone.screenshot({ path: `${ARTIFACTS}/housekeeping.png`, style: '.toasts { visibility: hidden !important; }' });

    await card.getByRole('button', { name: 'Clean' }).click();
    const toInspect = phone.locator(`[data-section="to-inspect"] .hk-room[data-room-id="${room.id}"][data-housekeeping="clean"]`);
    await toInspect.waitFor(WAIT);
    await card.waitFor({ state: 'detached', timeout: WAIT.timeout });
    // A clean room can be given to a guest: the desk's board says so at once.
    await desk.locator(`.room-tile[data-room-id="${room.id}"][data-ready="true"][data-housekeeping="clean"]`).waitFor(WAIT);

    await toInspect.getByRole('button', { name: 'Inspected' }).click();
    await phone.locator(`[data-section="done"] .hk-room[data-room-id="${room.id}"][data-housekeeping="inspected"]`).waitFor(WAIT);
    await desk.locator(`.room-tile[data-room-id="${room.id}"][data-state="ready"][data-housekeeping="inspected"]`).waitFor(WAIT);
    expect(await tile.locator('.room-word').innerText()).toBe('Ready');

    const rooms = await kit.staff<Room[]>('GET', '/api/hotel/rooms', undefined, 'housekeeping');
    expect(rooms.find((r) => r.id === room.id)).toMatchObject({ housekeeping: 'inspected', ready: true });
  });

  it('refuses a housekeeper the front desk page and keeps them on housekeeping', async () => {
    const phone = await kit.signIn('housekeeping', '/admin/front-desk', PHONE);
    await phone.locator('.housekeeping').waitFor(WAIT);
    expect(await phone.locator('.tab', { hasText: 'Front desk' }).count()).toBe(0);
    expect(await phone.locator('.tab', { hasText: 'Tables' }).count()).toBe(0);
    await phone.locator('.tab-active', { hasText: 'Housekeeping' }).waitFor(WAIT);
  });
});
