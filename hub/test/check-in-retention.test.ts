/**
 * What check-in keeps, and for how long: the ID photo is deleted a set number of days after checkout
 * (30 by default; 0 deletes it at checkout) by the hourly retention sweep, driven here by the
 * harness's clock; and nothing of a registration leaves the check-in tables (no sync update, event or
 * outbox job carries the document number or the address).
 */
import { newId } from '@onemoment/shared/ids';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { bookStay, dayAfter, startCheckInHub, type CheckInTestHub } from '../src/hotel/check-in/test-support.ts';

const DAY_MS = 86_400_000;
const DOCUMENT_NUMBER = 'ZX9876543';
const ADDRESS = '9 Lighthouse Lane, Marker-Street-4471';

async function signature(): Promise<string> {
  const png = await sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: Buffer.from('<svg width="300" height="100"><path d="M10 70 L290 30" stroke="#000" stroke-width="5"/></svg>') }])
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** Books a stay from today, registers it with an ID photo, checks the guest in, settles the folio and checks out. */
async function stayAndLeave(t: CheckInTestHub, clock: ManualClock, desk: string): Promise<string> {
  const { booking, code } = await bookStay(t, desk, { arrival: dayAfter(clock, 0), departure: dayAfter(clock, 1) });
  const token = (await t.request('POST', `/api/guest/check-in/${code}/join`)).body.token as string;
  const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#9ab' } }).jpeg().toBuffer();
  expect((await t.send('PUT', '/api/guest/stay/id-photo', { body: photo, type: 'image/jpeg', token })).status).toBe(200);
  const form = {
    fullName: 'Guest B',
    nationality: 'PT',
    documentType: 'id_card',
    documentNumber: DOCUMENT_NUMBER,
    address: ADDRESS,
    arrival: booking.arrival,
    departure: booking.departure,
    consent: true,
    signature: await signature(),
  };
  expect((await t.request('PUT', '/api/guest/stay/registration', form, token)).status).toBe(200);
  expect((await t.request('POST', `/api/hotel/bookings/${booking.id}/check-in`, {}, desk)).status).toBe(200);
  const folio = (await t.request('GET', `/api/hotel/bookings/${booking.id}/folio`, undefined, desk)).body as { dueMinor: number };
  if (folio.dueMinor > 0) {
    expect((await t.request('POST', `/api/hotel/bookings/${booking.id}/folio/payments`, { id: newId(), method: 'card', amountMinor: folio.dueMinor }, desk)).status).toBe(201);
  }
  const out = await t.request('POST', `/api/hotel/bookings/${booking.id}/check-out`, {}, desk);
  expect(out.status, JSON.stringify(out.body)).toBe(200);
  return booking.id;
}

const photoBytes = (t: CheckInTestHub, bookingId: string) =>
  t.hub.context.store.sqlite.prepare("SELECT bytes FROM check_in_documents WHERE booking_id = ? AND kind = 'id_photo'").pluck().get(bookingId) as Buffer | null;

describe('ID photo retention (30 days after checkout)', () => {
  let t: CheckInTestHub;
  let clock: ManualClock;
  let desk: string;

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-06-01T10:00:00Z'));
    t = await startCheckInHub({ clock, env: { ID_PHOTO_RETENTION_DAYS: '30' } });
    desk = await t.login('4444');
  });
  afterAll(async () => t?.close());

  it('keeps the photo until 30 days after checkout, then deletes its bytes and says when', async () => {
    const bookingId = await stayAndLeave(t, clock, desk);
    const checkedOutAt = clock.now().toISOString();
    const view = (await t.request('GET', `/api/hotel/bookings/${bookingId}/registration`, undefined, desk)).body;
    expect(view.idPhoto).toMatchObject({ onFile: true, deletedAt: null, deleteAfter: new Date(Date.parse(checkedOutAt) + 30 * DAY_MS).toISOString() });

    clock.advance(30 * DAY_MS - 60_000);
    expect(await t.checkIn.retention.sweep()).toBe(0);
    expect(photoBytes(t, bookingId)).toBeInstanceOf(Buffer);
    expect((await t.send('GET', `/api/hotel/bookings/${bookingId}/id-photo`, { token: await t.login('4444') })).status).toBe(200);

    clock.advance(60_000);
    expect(await t.checkIn.retention.sweep()).toBe(1);
    expect(photoBytes(t, bookingId)).toBeNull();
    const fresh = await t.login('4444');
    const gone = await t.request('GET', `/api/hotel/bookings/${bookingId}/id-photo`, undefined, fresh);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toBe('id_photo_deleted');
    const after = (await t.request('GET', `/api/hotel/bookings/${bookingId}/registration`, undefined, fresh)).body;
    expect(after.idPhoto).toMatchObject({ onFile: false, deletedAt: clock.now().toISOString() });
    // The registration and signature stay: only the photo has a retention limit.
    expect(after).toMatchObject({ registered: true, signature: true });
    // A second sweep finds nothing more.
    expect(await t.checkIn.retention.sweep()).toBe(0);
  });

  it('never puts the document number or the address in a sync update, an event or an outbox job', async () => {
    const sqlite = t.hub.context.store.sqlite;
    // The stays document did record the booking (sync runs), just not the registration.
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'check_in_%' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    expect(tables).toEqual(expect.arrayContaining(['sync_updates', 'events']));
    expect(sqlite.prepare('SELECT COUNT(*) FROM sync_updates').pluck().get()).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const table of tables) {
      for (const row of sqlite.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>) {
        for (const [column, value] of Object.entries(row)) {
          const bytes = Buffer.isBuffer(value) ? value : typeof value === 'string' ? Buffer.from(value) : null;
          if (bytes && (bytes.includes(DOCUMENT_NUMBER) || bytes.includes('Marker-Street-4471'))) leaks.push(`${table}.${column}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});

describe('ID photo retention of 0 days', () => {
  let t: CheckInTestHub;
  let clock: ManualClock;

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-06-01T10:00:00Z'));
    t = await startCheckInHub({ clock, env: { ID_PHOTO_RETENTION_DAYS: '0' } });
  });
  afterAll(async () => t?.close());

  it('deletes the photo at the first sweep after checkout, and never the photo of a guest in house', async () => {
    const desk = await t.login('4444');
    const leftId = await stayAndLeave(t, clock, desk);
    const { booking, code } = await bookStay(t, desk, { arrival: dayAfter(clock, 0), departure: dayAfter(clock, 3) });
    const token = (await t.request('POST', `/api/guest/check-in/${code}/join`)).body.token as string;
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#abc' } }).png().toBuffer();
    expect((await t.send('PUT', '/api/guest/stay/id-photo', { body: photo, type: 'image/png', token })).status).toBe(200);

    expect(await t.checkIn.retention.sweep()).toBe(1);
    expect(photoBytes(t, leftId)).toBeNull();
    clock.advance(400 * DAY_MS);
    expect(await t.checkIn.retention.sweep()).toBe(0);
    expect(photoBytes(t, booking.id)).toBeInstanceOf(Buffer);
  });
});
