/**
 * The hotel's two figures, each beside a baseline measured in the same run on the same data:
 *
 * 1. Availability of every room type for 365 nights on a 200-room hotel with 5 years of bookings
 *    (the front desk's calendar), beside a bare SQLite count of the stays in that window per type.
 * 2. Bookings made through the booking service (the availability check and the insert in one
 *    transaction, group commit), beside plain inserts of the same rows through the same command runner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays, localDateOf } from '@onemoment/shared/hotel/stay-dates';
import { newId } from '@onemoment/shared/ids';
import { createHub, type Hub } from '../hub/src/app.ts';
import { loadConfig } from '../hub/src/config.ts';
import type { StaffPrincipal } from '../hub/src/sessions/session-lookup.ts';
import { summarize, type Summary } from './support/stats.ts';

export const AVAILABILITY_TARGET_P99_MS = 20;

export interface HotelReport {
  rooms: number;
  bookings: number;
  availability: Summary;
  countBaseline: Summary;
  booking: { perSecond: number; count: number };
  plainInsert: { perSecond: number; count: number };
}

const TYPES = [
  { id: 'bench-standard', rooms: 80, priceMinor: 8900 },
  { id: 'bench-double', rooms: 70, priceMinor: 10900 },
  { id: 'bench-superior', rooms: 35, priceMinor: 13900 },
  { id: 'bench-suite', rooms: 15, priceMinor: 21900 },
];

/** A seeded pseudo-random sequence, so every run books the same history. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** 200 rooms, and for each room stays of 1 to 6 nights with gaps of 0 to 3, from 5 years ago to a month ahead. */
function seedHotel(hub: Hub, today: string): number {
  const db = hub.context.store.sqlite;
  const random = seeded(7);
  let bookings = 0;
  db.transaction(() => {
    for (const table of ['folio_charges', 'bookings', 'rooms', 'rate_plans', 'room_types']) db.prepare(`DELETE FROM ${table}`).run();
    const type = db.prepare("INSERT INTO room_types (id, name, capacity, amenities, photos, position) VALUES (?, ?, 2, '[]', '[]', ?)");
    const plan = db.prepare("INSERT INTO rate_plans (id, room_type_id, name, price_minor, valid_from, valid_to, weekdays, min_nights, priority) VALUES (?, ?, 'Standard', ?, NULL, NULL, 127, 1, 0)");
    const room = db.prepare("INSERT INTO rooms (id, number, floor, room_type_id, housekeeping, updated_at) VALUES (?, ?, ?, ?, 'clean', ?)");
    const booking = db.prepare(
      `INSERT INTO bookings (id, room_type_id, booked_room_type_id, room_id, arrival, departure, status, guest_name, adults, children, total_minor, night_prices,
                             currency, source, check_in_code, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'Bench guest', 2, 0, ?, '[]', 'EUR', 'hub', ?, 'bench', ?, ?)`,
    );
    const now = new Date().toISOString();
    let number = 0;
    TYPES.forEach((t, position) => {
      type.run(t.id, t.id, position);
      plan.run(`${t.id}-plan`, t.id, t.priceMinor);
      for (let r = 0; r < t.rooms; r++) {
        const roomId = `bench-room-${++number}`;
        room.run(roomId, String(1000 + number), Math.floor(number / 20), t.id, now);
        let arrival = addDays(today, -5 * 365);
        const end = addDays(today, 30);
        while (arrival < end) {
          const nights = 1 + Math.floor(random() * 6);
          const departure = addDays(arrival, nights);
          const status = departure <= today ? 'checked_out' : arrival <= today ? 'checked_in' : 'confirmed';
          booking.run(newId(), t.id, t.id, roomId, arrival, departure, status, nights * t.priceMinor, `b${bookings}`, now, now);
          bookings++;
          arrival = addDays(departure, Math.floor(random() * 4));
        }
      }
    });
  })();
  db.exec('ANALYZE');
  return bookings;
}

function timed(work: () => unknown, rounds: number): Summary {
  for (let i = 0; i < 10; i++) work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return summarize(times);
}

export async function runHotelBench(rounds = 300, bookingCount = 2000): Promise<HotelReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-bench-hotel-'));
  const hub = await createHub(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', MDNS: 'off', PORT: '0' }));
  try {
    const hotel = hub.modules.hotel!;
    const today = localDateOf(new Date(), hub.context.venue.venue().timezone);
    const bookings = seedHotel(hub, today);
    const yearEnd = addDays(today, 365);

    const calendar = hotel.inventory.availability(today, yearEnd);
    const firstNightFree = calendar.roomTypes.reduce((sum, t) => sum + t.nights[0]!.free, 0);
    if (calendar.roomTypes.length !== TYPES.length || calendar.roomTypes.some((t) => t.nights.length !== 365) || firstNightFree < 0) {
      throw new Error('the availability answer does not cover every type and night');
    }
    const count = hub.context.store.sqlite.prepare(
      "SELECT room_type_id, COUNT(*) FROM bookings WHERE departure > ? AND arrival < ? AND status IN ('tentative', 'confirmed', 'checked_in') GROUP BY room_type_id",
    );
    const availability = timed(() => hotel.inventory.availability(today, yearEnd), rounds);
    const countBaseline = timed(() => count.all(today, yearEnd), rounds);

    // Bookings far ahead (a year out, past the seeded history), one night each, spread over the types.
    const staff: StaffPrincipal = { kind: 'staff', staffId: 'staff-front-desk', name: 'Front desk', role: 'front_desk', tokenHash: 'bench' };
    const bodies = Array.from({ length: bookingCount }, (_, i) => {
      const type = TYPES[i % TYPES.length]!;
      // Each type fills its rooms night after night: every booking finds a room.
      const arrival = addDays(today, 400 + Math.floor(Math.floor(i / TYPES.length) / type.rooms));
      return { id: newId(), roomTypeId: type.id, arrival, departure: addDays(arrival, 1), guest: { name: 'Bench guest' }, adults: 1 };
    });
    let started = performance.now();
    const answers = await Promise.all(bodies.map((body) => hotel.bookings.create(body, staff)));
    const bookingSeconds = (performance.now() - started) / 1000;
    if (answers.some((a) => !a.created)) throw new Error('a bench booking was not created');

    const db = hub.context.store.sqlite;
    const insert = db.prepare(
      `INSERT INTO bookings (id, room_type_id, booked_room_type_id, room_id, arrival, departure, status, guest_name, adults, children, total_minor, night_prices,
                             currency, source, check_in_code, created_by, created_at, updated_at)
       VALUES (?, ?, ?, NULL, ?, ?, 'confirmed', 'Bench guest', 1, 0, 8900, '[8900]', 'EUR', 'hub', ?, 'bench', ?, ?)`,
    );
    started = performance.now();
    await Promise.all(
      bodies.map((body, i) =>
        hub.context.commands.run(() => {
          const now = new Date().toISOString();
          insert.run(newId(), body.roomTypeId, body.roomTypeId, addDays(body.arrival, 200), addDays(body.departure, 200), `plain${i}`, now, now);
        }),
      ),
    );
    const plainSeconds = (performance.now() - started) / 1000;
    return {
      rooms: TYPES.reduce((sum, t) => sum + t.rooms, 0),
      bookings,
      availability,
      countBaseline,
      booking: { perSecond: bookingCount / bookingSeconds, count: bookingCount },
      plainInsert: { perSecond: bookingCount / plainSeconds, count: bookingCount },
    };
  } finally {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runHotelBench();
  console.log(`Availability, ${r.rooms} rooms × 365 nights, ${r.bookings.toLocaleString('en-US')} bookings: p50 ${r.availability.p50.toFixed(2)} ms, p99 ${r.availability.p99.toFixed(2)} ms (target < ${AVAILABILITY_TARGET_P99_MS} ms)`);
  console.log(`baseline (a bare count per type): p50 ${r.countBaseline.p50.toFixed(2)} ms, p99 ${r.countBaseline.p99.toFixed(2)} ms; ratio p99 ${(r.availability.p99 / r.countBaseline.p99).toFixed(1)}×`);
  console.log(`Bookings with the availability check: ${Math.round(r.booking.perSecond)}/s; plain inserts: ${Math.round(r.plainInsert.perSecond)}/s; ratio ${(r.booking.perSecond / r.plainInsert.perSecond).toFixed(3)}×`);
}
