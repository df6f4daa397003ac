/**
 * A booking HQ takes reaches the hub through the real cloud (PGlite, in this process): HQ books a
 * suite for nights the hub has already sold both its suites, the hub merges it (nothing is dropped),
 * shows it among its bookings, and its front desk lists the overbooking with choices.
 */
import { newId } from '@onemoment/shared/ids';
import type { FrontDesk } from '@onemoment/shared/schemas/hotel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../../cloud-sync/src/db/database.ts';
import { startCloud, type TestCloud } from '../../cloud-sync/test/support/cloud-harness.ts';
import { ManualClock } from '../src/clock.ts';
import { startTestHub, type TestHub } from './harness.ts';
import { waitFor } from './sync-fake-cloud.ts';

const clock = new ManualClock(new Date('2026-12-07T11:00:00Z'));

describe("HQ's booking at the hub", () => {
  let database: Database;
  let cloud: TestCloud;
  let hq: string;
  let t: TestHub;

  beforeAll(async () => {
    database = await openPglite(null);
    cloud = await startCloud({ database });
    hq = await cloud.hqToken();
    t = await startTestHub({ clock });
  });
  afterAll(async () => {
    await t?.close();
    await cloud?.close();
    await database?.close();
  });

  it('arrives at the hub, and one too many for a room type becomes a conflict for the front desk', async () => {
    const [desk, manager] = await Promise.all([t.login('4444'), t.login('1111')]);
    const created = await cloud.request('POST', '/api/hq/venues', { name: 'Demo hotel', timezone: 'Europe/Berlin', currency: 'EUR' }, hq);
    const paired = await t.request('POST', '/api/sync/pair', { cloudUrl: cloud.baseUrl, pairingCode: created.body.pairingCode }, manager);
    expect(paired.status, JSON.stringify(paired.body)).toBe(200);
    const sync = t.hub.modules.sync!;
    await waitFor('the first sync', () => sync.status().connected && sync.status().pendingUpdates === 0, 30_000);
    const venueId = created.body.id as string;
    // HQ sees the hub's room types.
    const types = await cloud.request('GET', `/api/hq/venues/${venueId}/room-types`, undefined, hq);
    expect(types.body.roomTypes).toContainEqual({ id: 'suite', name: 'Suite', rooms: 2 });

    // The hub sells both suites for 1–3 February.
    for (const roomId of ['room-305', 'room-306']) {
      const sold = await t.request('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'suite', roomId, arrival: '2027-02-01', departure: '2027-02-03', guest: { name: 'Guest A' }, adults: 2 }, desk);
      expect(sold.status, JSON.stringify(sold.body)).toBe(201);
    }
    await waitFor('the suites at the cloud', () => sync.status().pendingUpdates === 0, 15_000);

    const id = newId();
    const booked = await cloud.request('POST', `/api/hq/venues/${venueId}/bookings`, { id, roomTypeId: 'suite', arrival: '2027-02-02', departure: '2027-02-04', guest: { name: 'Guest B' }, adults: 2, totalMinor: 43_800 }, hq);
    expect(booked.status, JSON.stringify(booked.body)).toBe(202);

    await waitFor("HQ's booking at the hub", () => t.hub.modules.hotel!.bookings.get(id) !== null, 15_000);
    const listed = await t.request('GET', '/api/hotel/bookings?from=2027-02-01&to=2027-02-05', undefined, desk);
    expect(listed.body.find((b: { id: string }) => b.id === id)).toMatchObject({ source: 'hq', status: 'confirmed', roomTypeId: 'suite', roomId: null, totalMinor: 43_800, guest: { name: 'Guest B' } });
    const frontDesk = (await t.request('GET', '/api/hotel/front-desk?date=2027-02-02', undefined, desk)).body as FrontDesk;
    const conflict = frontDesk.conflicts.find((c) => c.bookingIds.includes(id));
    expect(conflict).toMatchObject({ roomTypeId: 'suite', firstNight: '2027-02-02' });
    expect(conflict!.choices.length).toBeGreaterThan(0);
  });
});
