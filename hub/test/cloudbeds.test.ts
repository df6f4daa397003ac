import { addDays } from '@onemoment/shared/hotel/stay-dates';
import { newId } from '@onemoment/shared/ids';
import { afterEach, describe, expect, it } from 'vitest';
import { busiestWindow, waitFor } from './outbox-helpers.ts';
import { FRONT_DESK_PIN, MANAGER_PIN, mirrorDemoHotel, startCloudbedsHub, waitForJobs, type CloudbedsHub } from './support/cloudbeds-hub.ts';
import { FakeCloudbeds } from './support/fake-cloudbeds.ts';

const cleanup: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function startFake(): Promise<FakeCloudbeds> {
  const fake = await FakeCloudbeds.start();
  cleanup.push(() => fake.close());
  return fake;
}

interface Setup {
  t: CloudbedsHub;
  fake: FakeCloudbeds;
  manager: string;
  desk: string;
  today: string;
}

/** A hotel hub with Cloudbeds set up against the fake, its first pull (and mapping) done. */
async function connected(options: { log?: string[] } = {}): Promise<Setup> {
  const fake = await startFake();
  const t = await startCloudbedsHub(cleanup, { fake, ...options });
  mirrorDemoHotel(fake, t.hub);
  const manager = await t.login(MANAGER_PIN);
  const desk = await t.login(FRONT_DESK_PIN);
  const saved = await t.request('PUT', '/api/admin/integrations/cloudbeds', { apiKey: fake.apiKey, propertyId: fake.propertyId }, manager);
  expect(saved.status).toBe(200);
  await waitForJobs(t, 'pull', 'done');
  return { t, fake, manager, desk, today: t.hub.context.venue.businessDay() };
}

async function book(s: Setup, fields: { arrival: string; departure: string; roomTypeId?: string; name?: string }): Promise<any> {
  const response = await s.t.request(
    'POST',
    '/api/hotel/bookings',
    { id: newId(), roomTypeId: fields.roomTypeId ?? 'standard', arrival: fields.arrival, departure: fields.departure, guest: { name: fields.name ?? 'Guest A' }, adults: 2 },
    s.desk,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

const waitForCloudbedsId = (s: Setup, bookingId: string) =>
  waitFor(`booking ${bookingId} to get its Cloudbeds id`, () => s.t.hub.modules.hotel!.bookings.get(bookingId)?.cloudbedsId ?? undefined);

describe('Cloudbeds settings', () => {
  it('maps room types and rooms by name on the first pull, and shows the key masked', async () => {
    const s = await connected();
    const view = await s.t.request('GET', '/api/admin/integrations/cloudbeds', undefined, s.manager);
    expect(view.status).toBe(200);
    expect(view.body).toEqual({ configured: true, apiKeyMasked: '••••••••••••0001', propertyId: '7001', pulledUntil: null, mappedRoomTypes: 4, mappedRooms: 24 });
    expect(JSON.stringify(view.body)).not.toContain(s.fake.apiKey);

    expect((await s.t.request('GET', '/api/admin/integrations/cloudbeds', undefined, s.desk)).status).toBe(403);
    const cleared = await s.t.request('DELETE', '/api/admin/integrations/cloudbeds', undefined, s.manager);
    expect(cleared.body).toMatchObject({ configured: false, apiKeyMasked: null, mappedRoomTypes: 0, mappedRooms: 0 });
    const pull = await s.t.request('POST', '/api/admin/integrations/cloudbeds/pull', undefined, s.manager);
    expect(pull.status).toBe(409);
    expect(pull.body.error).toBe('cloudbeds_not_set_up');
  });

  it('refuses hostile settings with a 400 (413 past the body limit) and stores nothing', async () => {
    const fake = await startFake();
    const t = await startCloudbedsHub(cleanup, { fake });
    const manager = await t.login(MANAGER_PIN);
    const hostile: unknown[] = [
      { apiKey: 12345678, propertyId: '7001' },
      { apiKey: ['cb-test-key-0001'], propertyId: '7001' },
      { apiKey: 'x'.repeat(201), propertyId: '7001' },
      { apiKey: 'cb-test-key-0001', propertyId: '7'.repeat(41) },
      { apiKey: 'ключ-ключ-ключ-ключ', propertyId: '7001' },
      { apiKey: 'cb-test-key-0001', propertyId: '７００１' },
      { apiKey: '<script>alert(1)</script>', propertyId: '7001' },
      { apiKey: 'cb-test-key-0001', propertyId: '<b>7001</b>' },
      { apiKey: 'cb-test-key-0001\n', propertyId: '7001' },
      { apiKey: 'short', propertyId: '7001' },
      { apiKey: 'cb-test-key-0001' },
      { apiKey: null, propertyId: null },
      [],
      'not json at all',
    ];
    for (const body of hostile) {
      const response = await t.request('PUT', '/api/admin/integrations/cloudbeds', body, manager);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    // Past the body limit, the hub refuses before it reads the body at all.
    const huge = await t.request('PUT', '/api/admin/integrations/cloudbeds', { apiKey: 'x'.repeat(2_000_000), propertyId: '7001' }, manager);
    expect(huge.status).toBe(413);
    expect(t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM cloudbeds_settings').pluck().get()).toBe(0);
    expect(t.jobs()).toEqual([]);
    expect((await t.request('GET', '/api/admin/integrations/cloudbeds', undefined, manager)).body.configured).toBe(false);
  });

  it('never writes the API key in a log line, a job or an answer', async () => {
    const log: string[] = [];
    const s = await connected({ log });
    // A wrong key too, so the failure paths log as well.
    const wrongKey = 'wrong-secret-key-9876';
    await s.t.request('PUT', '/api/admin/integrations/cloudbeds', { apiKey: wrongKey, propertyId: s.fake.propertyId }, s.manager);
    await waitFor('the pull with the wrong key to wait for a person', () => (s.t.jobs('pull').some((job) => job.state === 'needs_person') ? true : undefined));
    const view = await s.t.request('GET', '/api/admin/integrations/cloudbeds', undefined, s.manager);
    expect(view.body.apiKeyMasked).toBe('•••••••••••••••••9876');
    const tasks = await s.t.request('GET', '/api/outbox/jobs', undefined, s.manager);
    expect(log.length).toBeGreaterThan(5);
    const everything = [log.join('\n'), JSON.stringify(view.body), JSON.stringify(tasks.body), JSON.stringify(s.t.jobs())].join('\n');
    expect(everything).not.toContain(s.fake.apiKey);
    expect(everything).not.toContain(wrongKey);
  });
});

describe('pushing hub bookings to Cloudbeds', () => {
  it('sends a new booking with postReservation exactly once, and records Cloudbeds’ reservation id', async () => {
    const s = await connected();
    const arrival = addDays(s.today, 20);
    const booking = await book(s, { arrival, departure: addDays(arrival, 3) });
    const cloudbedsId = await waitForCloudbedsId(s, booking.id);
    await waitForJobs(s.t, 'create', 'done');

    expect(s.fake.callsTo('postReservation')).toHaveLength(1);
    const reservation = s.fake.reservations.get(cloudbedsId)!;
    expect(reservation).toMatchObject({ thirdPartyIdentifier: booking.id, startDate: arrival, endDate: addDays(arrival, 3), guestFirstName: 'Guest', guestLastName: 'A', roomTypeID: '501' });

    // The same request again, and changes that keep the status, send nothing more.
    const again = await s.t.request('POST', '/api/hotel/bookings', { id: booking.id, roomTypeId: 'standard', arrival, departure: addDays(arrival, 3), guest: { name: 'Guest A' }, adults: 2 }, s.desk);
    expect(again.status).toBe(200);
    const moved = await s.t.request('POST', `/api/hotel/bookings/${booking.id}/room`, { roomId: 'room-104' }, s.desk);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await s.t.hub.context.outbox.idle();
    expect(s.fake.callsTo('postReservation')).toHaveLength(1);
    expect(s.fake.callsTo('putReservation')).toHaveLength(0);
    expect(s.t.jobs('create')).toHaveLength(1);

    const read = await s.t.request('GET', `/api/hotel/bookings/${booking.id}`, undefined, s.desk);
    expect(read.body.cloudbedsId).toBe(cloudbedsId);
  });

  it('sends a check-in at the hub with putReservation', async () => {
    const s = await connected();
    const booking = await book(s, { arrival: s.today, departure: addDays(s.today, 2) });
    const cloudbedsId = await waitForCloudbedsId(s, booking.id);
    const checkedIn = await s.t.request('POST', `/api/hotel/bookings/${booking.id}/check-in`, {}, s.desk);
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(200);
    await waitForJobs(s.t, 'status', 'done');
    await s.t.hub.context.outbox.idle();
    expect(s.fake.callsTo('putReservation').map((call) => call.form)).toEqual([
      { propertyID: '7001', reservationID: cloudbedsId, status: 'checked_in', sendStatusChangeEmail: 'false' },
    ]);
    expect(s.fake.reservations.get(cloudbedsId)!.status).toBe('checked_in');
  });

  it('survives 429s, a 500 and a slow answer, each booking once, never over 5 requests a second', async () => {
    const s = await connected();
    s.fake.plan('postReservation', { status: 429, retryAfter: '1' }, { status: 500 }, { delayMs: 1_500 }, { status: 429, retryAfter: '1' });
    const bookings = [];
    for (let i = 0; i < 12; i++) {
      const arrival = addDays(s.today, 40 + i * 3);
      bookings.push(await book(s, { arrival, departure: addDays(arrival, 2), roomTypeId: i % 2 === 0 ? 'standard' : 'double', name: `Guest ${i + 1}` }));
    }
    for (const booking of bookings) await waitForCloudbedsId(s, booking.id);
    await waitForJobs(s.t, 'create', 'done', 12);

    for (const booking of bookings) {
      expect([...s.fake.reservations.values()].filter((r) => r.thirdPartyIdentifier === booking.id), booking.id).toHaveLength(1);
    }
    // The 500 left the outcome unknown: it was looked up (not found) before the one resend.
    expect(s.fake.callsTo('getReservations').some((call) => call.query.resultsFrom !== undefined)).toBe(true);
    expect(s.fake.callsTo('postReservation').filter((call) => call.status === 200)).toHaveLength(12);
    expect(busiestWindow(s.fake.calls.map((call) => call.at), 1_000)).toBeLessThanOrEqual(5);
  });

  it('waits for a person with Cloudbeds’ own words when the key is refused', async () => {
    const s = await connected();
    await s.t.request('PUT', '/api/admin/integrations/cloudbeds', { apiKey: 'revoked-key-5555', propertyId: s.fake.propertyId }, s.manager);
    const arrival = addDays(s.today, 15);
    const booking = await book(s, { arrival, departure: addDays(arrival, 1) });
    const [job] = await waitForJobs(s.t, 'create', 'needs_person');
    expect(job!.lastStatus).toBe(401);
    expect(job!.lastError).toContain('Cloudbeds refused the API key (401: Invalid or expired API key.');
    const tasks = await s.t.request('GET', '/api/outbox/jobs?vendor=cloudbeds&state=needs_person', undefined, s.manager);
    const shown = tasks.body.jobs.find((task: any) => task.id === job!.id);
    expect(shown).toMatchObject({ vendorLabel: 'Cloudbeds', lastError: expect.stringContaining('A manager sets a valid key and property id under Integrations') });
    expect(shown.description).toContain(`Send booking ${booking.id.slice(-8)}`);
    expect(s.fake.reservations.size).toBe(0);
  });
});

describe('pulling reservations from Cloudbeds', () => {
  it('brings a reservation made in Cloudbeds in as a booking, and its later cancel, without pushing either back', async () => {
    const s = await connected();
    const arrival = addDays(s.today, 10);
    const made = s.fake.addReservation({ startDate: arrival, endDate: addDays(arrival, 2), roomTypeID: '502', roomID: '9201', guestFirstName: 'Guest', guestLastName: 'C', total: 219.5 });
    const pulled = await s.t.request('POST', '/api/admin/integrations/cloudbeds/pull', undefined, s.manager);
    expect(pulled.status).toBe(202);
    await waitForJobs(s.t, 'pull', 'done', 2);

    const list = await s.t.request('GET', `/api/hotel/bookings?from=${arrival}&to=${addDays(arrival, 2)}`, undefined, s.desk);
    const booking = list.body.find((b: any) => b.cloudbedsId === made.reservationID);
    expect(booking).toMatchObject({ source: 'cloudbeds', roomTypeId: 'double', roomNumber: '201', status: 'confirmed', guest: { name: 'Guest C' }, totalMinor: 21950, arrival });
    const settings = await s.t.request('GET', '/api/admin/integrations/cloudbeds', undefined, s.manager);
    expect(settings.body.pulledUntil).toBe(made.dateModified);

    s.fake.modify(made.reservationID, { status: 'canceled' });
    await s.t.request('POST', '/api/admin/integrations/cloudbeds/pull', undefined, s.manager);
    await waitForJobs(s.t, 'pull', 'done', 3);
    const after = await s.t.request('GET', `/api/hotel/bookings/${booking.id}`, undefined, s.desk);
    expect(after.body.status).toBe('cancelled');
    await s.t.hub.context.outbox.idle();
    expect(s.t.jobs('create')).toEqual([]);
    expect(s.t.jobs('status')).toEqual([]);
    expect(s.fake.callsTo('postReservation')).toHaveLength(0);
    expect(s.fake.callsTo('putReservation')).toHaveLength(0);
  });

  it('sends a status reached at the hub for a booking that came from Cloudbeds', async () => {
    const s = await connected();
    const made = s.fake.addReservation({ startDate: s.today, endDate: addDays(s.today, 1), roomTypeID: '501' });
    await s.t.request('POST', '/api/admin/integrations/cloudbeds/pull', undefined, s.manager);
    await waitForJobs(s.t, 'pull', 'done', 2);
    const booking = s.t.hub.modules.hotel!.bookings.list({ from: s.today, to: addDays(s.today, 1) }).find((b) => b.cloudbedsId === made.reservationID)!;
    const checkedIn = await s.t.request('POST', `/api/hotel/bookings/${booking.id}/check-in`, {}, s.desk);
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(200);
    await waitForJobs(s.t, 'status', 'done');
    expect(s.fake.reservations.get(made.reservationID)!.status).toBe('checked_in');
    expect(s.fake.callsTo('postReservation')).toHaveLength(0);
  });

  it('reads its own pushed booking back without making a second booking or undoing a newer status', async () => {
    const s = await connected();
    const booking = await book(s, { arrival: s.today, departure: addDays(s.today, 2) });
    const cloudbedsId = await waitForCloudbedsId(s, booking.id);
    // Checked in at the hub while Cloudbeds is unreachable: Cloudbeds still says confirmed.
    s.fake.plan('getReservation', { status: 503 }, { status: 503 }, { status: 503 });
    await s.t.request('POST', `/api/hotel/bookings/${booking.id}/check-in`, {}, s.desk);
    await s.t.request('POST', '/api/admin/integrations/cloudbeds/pull', undefined, s.manager);
    await waitForJobs(s.t, 'pull', 'done', 2);
    await waitForJobs(s.t, 'status', 'done');
    const bookings = s.t.hub.modules.hotel!.bookings.list({ from: s.today, to: addDays(s.today, 2) }).filter((b) => b.cloudbedsId === cloudbedsId);
    expect(bookings.map((b) => [b.id, b.status])).toEqual([[booking.id, 'checked_in']]);
    expect(s.fake.reservations.get(cloudbedsId)!.status).toBe('checked_in');
  });

  it('skips a reservation whose room type has no hub room type of the same name, and says so in the log', async () => {
    const log: string[] = [];
    const s = await connected({ log });
    s.fake.roomTypes.push({ roomTypeID: '777', roomTypeName: 'Penthouse' });
    const made = s.fake.addReservation({ startDate: addDays(s.today, 5), endDate: addDays(s.today, 6), roomTypeID: '777' });
    await s.t.request('POST', '/api/admin/integrations/cloudbeds/pull', undefined, s.manager);
    await waitForJobs(s.t, 'pull', 'done', 2);
    expect(s.t.hub.modules.hotel!.bookings.list({}).some((b) => b.cloudbedsId === made.reservationID)).toBe(false);
    expect(log.join('\n')).toContain(`"reservationID":"${made.reservationID}","reason":"its room type 777 has no hub room type of the same name"`);
  });
});
