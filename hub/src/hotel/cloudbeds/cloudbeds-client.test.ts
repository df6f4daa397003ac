import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeCloudbeds } from '../../../test/support/fake-cloudbeds.ts';
import { sendContext, vendorError } from '../../../test/support/vendor-calls.ts';
import { CloudbedsClient, type NewReservation } from './cloudbeds-client.ts';

const newReservation = (fields: Partial<NewReservation> = {}): NewReservation => ({
  startDate: '2026-05-01',
  endDate: '2026-05-03',
  guestFirstName: 'Guest',
  guestLastName: 'A',
  guestEmail: null,
  guestPhone: null,
  roomTypeID: '501',
  roomID: '9101',
  adults: 2,
  children: 1,
  thirdPartyIdentifier: '019a0000-0000-7000-8000-000000000001',
  dateCreated: '2026-04-01 10:00:00',
  ...fields,
});

describe('the Cloudbeds client', () => {
  let fake: FakeCloudbeds;
  let client: CloudbedsClient;
  let credentials: { apiKey: string; propertyId: string };

  beforeAll(async () => {
    fake = await FakeCloudbeds.start();
    fake.roomTypes = [{ roomTypeID: '501', roomTypeName: 'Standard' }];
    fake.rooms = Array.from({ length: 130 }, (_, i) => ({ roomID: String(9101 + i), roomName: String(101 + i), roomTypeID: '501' }));
    credentials = { apiKey: fake.apiKey, propertyId: fake.propertyId };
    client = new CloudbedsClient({ baseUrl: fake.url, timeoutMs: 5_000 });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reservations.clear();
    fake.calls.length = 0;
  });

  it('sends the key in x-api-key and a form-encoded body with PHP-style room arrays; Cloudbeds keeps the hub id', async () => {
    const context = sendContext();
    const created = await client.postReservation(credentials, newReservation(), context);
    expect(created).toEqual({ reservationID: expect.stringMatching(/^\d+$/), status: 'confirmed' });
    const [call] = fake.callsTo('postReservation');
    expect(call!.method).toBe('POST');
    expect(call!.form).toMatchObject({
      propertyID: '7001',
      guestFirstName: 'Guest',
      rooms: [{ roomTypeID: '501', quantity: '1', roomID: '9101' }],
      adults: [{ roomTypeID: '501', quantity: '2' }],
      children: [{ roomTypeID: '501', quantity: '1' }],
      thirdPartyIdentifier: '019a0000-0000-7000-8000-000000000001',
      dateCreated: '2026-04-01 10:00:00',
    });
    expect(call!.form).not.toHaveProperty('guestPhone');
    expect(context.taken).toBe(1);
    const stored = fake.reservations.get(created.reservationID)!;
    expect(stored).toMatchObject({ roomID: '9101', adults: 2, children: 1, thirdPartyIdentifier: '019a0000-0000-7000-8000-000000000001' });
  });

  it('reads a reservation whole: guest, rooms, total and the hub id it carries', async () => {
    const { reservationID } = await client.postReservation(credentials, newReservation({ guestEmail: 'guest-a@example.test' }), sendContext());
    const read = await client.getReservation(credentials, reservationID, sendContext());
    expect(read).toMatchObject({
      reservationID,
      status: 'confirmed',
      startDate: '2026-05-01',
      endDate: '2026-05-03',
      thirdPartyIdentifier: '019a0000-0000-7000-8000-000000000001',
      total: 240,
      guest: { firstName: 'Guest', lastName: 'A', email: 'guest-a@example.test' },
      rooms: [{ roomTypeID: '501', roomID: '9101', adults: 2, children: 1 }],
    });
  });

  it('pages getReservations 100 at a time, one request of the budget each, and filters by modification time', async () => {
    for (let i = 0; i < 230; i++) fake.addReservation({ startDate: '2026-05-01', endDate: '2026-05-02', roomTypeID: '501' });
    const context = sendContext();
    const all = await client.getReservations(credentials, {}, context);
    expect(all.reservations).toHaveLength(230);
    expect(all.complete).toBe(true);
    expect(context.taken).toBe(3);
    expect(fake.callsTo('getReservations').map((call) => [call.query.pageNumber, call.query.pageSize])).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);
    const last = all.reservations.at(-1)!;
    const since = await client.getReservations(credentials, { modifiedFrom: last.dateModified! }, sendContext());
    expect(since.reservations.map((r) => r.reservationID)).toEqual([last.reservationID]);
  });

  it('reads every room across pages, and room types', async () => {
    const context = sendContext();
    expect(await client.getRoomTypes(credentials, context)).toEqual([{ roomTypeID: '501', roomTypeName: 'Standard' }]);
    const rooms = await client.getRooms(credentials, context);
    expect(rooms).toHaveLength(130);
    expect(rooms[129]).toEqual({ roomID: '9230', roomName: '230', roomTypeID: '501' });
    expect(context.taken).toBe(3);
  });

  it('sets a status with PUT', async () => {
    const { reservationID } = await client.postReservation(credentials, newReservation(), sendContext());
    await client.putReservationStatus(credentials, reservationID, 'checked_in', sendContext());
    expect(fake.reservations.get(reservationID)!.status).toBe('checked_in');
    expect(fake.callsTo('putReservation')[0]!.method).toBe('PUT');
  });

  it('tells failures apart for the outbox: 429 with Retry-After, 5xx, a timeout, a refused key, success false', async () => {
    fake.plan('getRoomTypes', { status: 429, retryAfter: '3' }, { status: 503 }, { delayMs: 1_000 });
    const limited = await vendorError(client.getRoomTypes(credentials, sendContext()));
    expect(limited).toMatchObject({ kind: 'rate_limited', options: { status: 429, retryAfterMs: 3000 } });
    expect(await vendorError(client.getRoomTypes(credentials, sendContext()))).toMatchObject({ kind: 'retry', options: { status: 503 } });
    const impatient = new CloudbedsClient({ baseUrl: fake.url, timeoutMs: 200 });
    const slow = await vendorError(impatient.getRoomTypes(credentials, sendContext()));
    expect(slow.kind).toBe('retry');
    expect(slow.message).toContain('did not answer getRoomTypes within');

    const refused = await vendorError(client.getRoomTypes({ ...credentials, apiKey: 'wrong-key-123' }, sendContext()));
    expect(refused.kind).toBe('permanent');
    expect(refused.message).toContain('Cloudbeds refused the API key (401: Invalid or expired API key.');

    const invalid = await vendorError(client.putReservationStatus(credentials, '404404', 'checked_in', sendContext()));
    expect(invalid).toMatchObject({ kind: 'permanent', message: 'Cloudbeds refused putReservation: Reservation not found.' });
  });

  it('a connection refused is worth another try', async () => {
    // A port that was just free: nothing listens there.
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    server.close();
    await once(server, 'close');
    const nowhere = new CloudbedsClient({ baseUrl: `http://127.0.0.1:${port}/api/v1.2`, timeoutMs: 2_000 });
    const error = await vendorError(nowhere.getRoomTypes(credentials, sendContext()));
    expect(error.kind).toBe('retry');
    expect(error.message).toMatch(/could not be reached \(ECONNREFUSED\)/);
  });
});
