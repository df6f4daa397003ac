/**
 * HQ's page shows a venue's hotel nights beside its sales and takings: rooms, rooms sold, occupancy,
 * ADR, RevPAR, arrivals, departures, room revenue and room service, each amount in the venue's
 * currency; a booking HQ takes through its API shows up as sold.
 */
import { newId } from '@onemoment/shared/ids';
import { addDays } from '@onemoment/shared/hotel/stay-dates';
import { docNames, setRoomTypes, writeBill, writeStay, type StayInput } from '@onemoment/shared/sync/index';
import { describe, expect, it } from 'vitest';
import type { TestSyncClient } from '../cloud-sync/test/support/sync-client.ts';
import { saveScreenshot } from './support/browser.ts';
import { useHqCloud } from './support/hq-cloud.ts';

const WAIT = { timeout: 45_000 };

describe("HQ's hotel figures", () => {
  const hqCloud = useHqCloud();

  /** The page shows a week back and a week ahead by the browser's clock: the stays are around today. */
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = addDays(today, 1);

  const acked = (client: TestSyncClient) => client.until(() => client.unacked.size === 0, 'every update acknowledged');
  const stay = (overrides: Partial<StayInput>): StayInput => ({
    id: newId(), roomTypeId: 'standard', roomId: null, roomNumber: null, arrival: today, departure: tomorrow, status: 'confirmed', adults: 2, children: 0,
    totalMinor: 0, currency: 'EUR', source: 'hub', guestName: 'Guest A', statusAt: `${today}T09:00:00.000Z`, ...overrides,
  });

  it('shows occupancy, ADR, RevPAR, arrivals, departures and room service per night, with an HQ booking counted', { timeout: 120_000 }, async () => {
    const { hq, venueId, hubToken: token } = await hqCloud.pairVenue({ name: 'A seaside hotel', timezone: 'Europe/Berlin', currency: 'EUR' });

    // What the venue's hub syncs: 4 rooms, two stays arriving today, a room-service bill.
    const config = await hqCloud.hubClient(docNames.config(venueId), token);
    setRoomTypes(config.doc, [{ id: 'standard', name: 'Standard', rooms: 3 }, { id: 'suite', name: 'Suite', rooms: 1 }]);
    const stays = await hqCloud.hubClient(docNames.stays(venueId, today.slice(0, 7)), token);
    writeStay(stays.doc, stay({ roomId: 'room-101', roomNumber: '101', departure: addDays(today, 2), totalMinor: 20_000, status: 'checked_in' }));
    writeStay(stays.doc, stay({ roomTypeId: 'suite', totalMinor: 25_000, guestName: 'Guest B' }));
    const day = await hqCloud.hubClient(docNames.day(venueId, today), token);
    writeBill(day.doc, {
      visitId: newId(), businessDay: today, currency: 'EUR', subtotalMinor: 2_450, discountMinor: 0, serviceChargeMinor: 0, taxMinor: 0, taxLines: [],
      totalMinor: 2_450, paidMinor: 2_450, tipsMinor: 0, writtenOffMinor: 0, settledAt: `${today}T20:00:00.000Z`, roomService: true,
    });
    await Promise.all([acked(config), acked(stays), acked(day)]);
    // HQ's front desk books a standard room for tomorrow night.
    const booked = await hqCloud.cloud.request('POST', `/api/hq/venues/${venueId}/bookings`, { id: newId(), roomTypeId: 'standard', arrival: tomorrow, departure: addDays(tomorrow, 1), guest: { name: 'Guest C' }, adults: 1, totalMinor: 12_000 }, hq);
    expect(booked.status).toBe(202);

    const page = await (await hqCloud.browser.newContext({ viewport: { width: 1180, height: 900 }, locale: 'en-US' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${hqCloud.cloud.baseUrl}/hq`);
    await page.locator('input[name="password"]').fill('onemoment-demo');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#hotelTitle', { hasText: 'Hotel of A seaside hotel' }).waitFor(WAIT);

    const rows = page.locator('table[aria-label="Hotel nights"] tbody tr');
    const night = (date: string) => rows.evaluateAll((list, wanted) => list.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)).find((cells) => cells[0] === wanted) ?? null, date);
    // Today: 2 of 4 rooms for 200.00 / 2 nights + 250.00 = 350.00; ADR 175.00, RevPAR 87.50; both arrive.
    await expect.poll(() => night(today), WAIT).toEqual([today, '4', '2', '50 %', '€175.00', '€87.50', '2', '0', '€350.00', '€24.50']);
    // Tomorrow: room 101's second night and HQ's booking; the suite leaves, HQ's guest arrives.
    // Over the 14 nights: 4 sold of 56, 570.00; three arrive and all three leave (two the day after tomorrow).
    await expect.poll(() => night(tomorrow), WAIT).toEqual([tomorrow, '4', '2', '50 %', '€110.00', '€55.00', '1', '1', '€220.00', '€0.00']);
    await expect.poll(() => night('Total'), WAIT).toEqual(['Total', '56', '4', '7.1 %', '€142.50', '€10.18', '3', '3', '€570.00', '€24.50']);
    await page.locator('table[aria-label="Hotel nights"]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'hq-hotel');
    expect(errors).toEqual([]);
  });
});
