import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '@onemoment/shared/hotel/stay-dates';
import { newId } from '@onemoment/shared/ids';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ROOM_TYPES, demoRooms } from '../src/hotel/demo-hotel.ts';
import { FRONT_DESK_PIN, MANAGER_PIN } from './support/cloudbeds-hub.ts';
import { FakeCloudbeds } from './support/fake-cloudbeds.ts';
import { startHubProcess, type HubProcess } from './support/hub-process.ts';
import { call, until, login } from './support/process-http.ts';

const ENTRY = 'hub/test/support/plain-hub-entry.ts';

describe('a hub killed with SIGKILL while a booking is being sent to Cloudbeds', () => {
  const cleanup: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  });

  it('looks the booking up after the restart and records it: the reservation exists once', { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-cloudbeds-crash-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const fake = await FakeCloudbeds.start();
    cleanup.push(() => fake.close());
    fake.roomTypes = DEMO_ROOM_TYPES.map((type, i) => ({ roomTypeID: String(501 + i), roomTypeName: type.name }));
    fake.rooms = demoRooms().map((room) => ({ roomID: `9${room.number}`, roomName: room.number, roomTypeID: String(501 + DEMO_ROOM_TYPES.findIndex((t) => t.id === room.roomTypeId)) }));
    const env = { MODULES: 'hotel', CLOUDBEDS_API_URL: fake.url };

    let hub: HubProcess = await startHubProcess(dataDir, env, ENTRY);
    cleanup.push(() => hub.kill());
    const manager = await login(hub.baseUrl, MANAGER_PIN);
    const desk = await login(hub.baseUrl, FRONT_DESK_PIN);
    expect((await call(hub.baseUrl, 'PUT', '/api/admin/integrations/cloudbeds', manager, { apiKey: fake.apiKey, propertyId: fake.propertyId })).status).toBe(200);
    await fake.waitForCalls('getRooms', 1);

    // Cloudbeds makes the reservation, and the hub dies before the answer arrives.
    fake.plan('postReservation', { hold: true });
    const today = new Date().toISOString().slice(0, 10);
    const arrival = addDays(today, 30);
    const id = newId();
    const created = await call(hub.baseUrl, 'POST', '/api/hotel/bookings', desk, { id, roomTypeId: 'suite', arrival, departure: addDays(arrival, 2), guest: { name: 'Guest A' }, adults: 2 });
    expect(created.status).toBe(201);
    await fake.waitForCalls('postReservation', 1);
    await hub.kill();
    fake.dropHeld();
    expect(fake.reservations.size).toBe(1);

    hub = await startHubProcess(dataDir, env, ENTRY);
    const cloudbedsId = await until('the booking to get its Cloudbeds id after the restart', async () => {
      const booking = await call(hub.baseUrl, 'GET', `/api/hotel/bookings/${id}`, desk);
      return booking.body.cloudbedsId ?? undefined;
    });

    const held = [...fake.reservations.values()];
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ thirdPartyIdentifier: id, roomTypeID: '504', guestLastName: 'A' });
    expect(cloudbedsId).toBe(held[0]!.reservationID);
    expect(fake.callsTo('postReservation')).toHaveLength(1);
    const lookups = fake.callsTo('getReservations').filter((c) => c.query.resultsFrom !== undefined);
    expect(lookups.map((c) => c.query.lastName)).toEqual(['A']);
  });
});
