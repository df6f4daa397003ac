import type Database from 'better-sqlite3';
import { EVERY_DAY, priceStay } from '@onemoment/shared/hotel/rate-rules';
import { addDays, localDateOf, nightsOf } from '@onemoment/shared/hotel/stay-dates';
import { newId } from '@onemoment/shared/ids';
import { newTableCode } from '../venue/table-code.ts';
import { NIGHT_TAX_RATE_BP } from './folio-service.ts';

/**
 * The demo hotel beside the demo bistro: 24 rooms in 4 types over three floors, rates with a weekend
 * price and a long-stay price, and a few bookings around today (one guest in house, arrivals today
 * and later this week). Guests are "Demo guest N": no made-up names.
 */
export const DEMO_ROOM_TYPES = [
  { id: 'standard', name: 'Standard', capacity: 2, amenities: ['shower', 'desk'], priceMinor: 8900, rooms: 10 },
  { id: 'double', name: 'Double', capacity: 2, amenities: ['queen bed', 'bath'], priceMinor: 10900, rooms: 8 },
  { id: 'superior', name: 'Superior', capacity: 3, amenities: ['king bed', 'balcony', 'bath'], priceMinor: 13900, rooms: 4 },
  { id: 'suite', name: 'Suite', capacity: 4, amenities: ['living room', 'balcony', 'bath', 'city view'], priceMinor: 21900, rooms: 2 },
] as const;

/** Friday and Saturday nights (bits 4 and 5: Monday is bit 0). */
const WEEKEND_NIGHTS = 0b011_0000;
const WEEKEND_EXTRA_MINOR = 2000;
const LONG_STAY_NIGHTS = 7;

/** Rooms in order: the first ten on floor 1 (101–110), then 201–208, 301–304, and the suites 305–306. */
export function demoRooms(): Array<{ id: string; number: string; floor: number; roomTypeId: string }> {
  const rooms: Array<{ id: string; number: string; floor: number; roomTypeId: string }> = [];
  const place = (floor: number, first: number, count: number, roomTypeId: string) => {
    for (let i = 0; i < count; i++) {
      const number = String(floor * 100 + first + i);
      rooms.push({ id: `room-${number}`, number, floor, roomTypeId });
    }
  };
  place(1, 1, 10, 'standard');
  place(2, 1, 8, 'double');
  place(3, 1, 4, 'superior');
  place(3, 5, 2, 'suite');
  return rooms;
}

/** Seeds the hotel into the demo venue's fresh database, inside the seed's transaction. */
export function seedDemoHotel(sqlite: Database.Database, now: Date, timezone: string, currency: string): void {
  const at = now.toISOString();
  const json = JSON.stringify;
  const insertType = sqlite.prepare('INSERT INTO room_types (id, name, capacity, amenities, photos, position) VALUES (?, ?, ?, ?, ?, ?)');
  const insertPlan = sqlite.prepare(
    'INSERT INTO rate_plans (id, room_type_id, name, price_minor, valid_from, valid_to, weekdays, min_nights, priority) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?)',
  );
  DEMO_ROOM_TYPES.forEach((type, i) => {
    insertType.run(type.id, type.name, type.capacity, json(type.amenities), '[]', i);
    insertPlan.run(`${type.id}-standard`, type.id, 'Standard rate', type.priceMinor, EVERY_DAY, 1, 0);
    insertPlan.run(`${type.id}-weekend`, type.id, 'Weekend', type.priceMinor + WEEKEND_EXTRA_MINOR, WEEKEND_NIGHTS, 1, 10);
    insertPlan.run(`${type.id}-long-stay`, type.id, 'Week or longer', Math.round(type.priceMinor * 0.85), EVERY_DAY, LONG_STAY_NIGHTS, 20);
  });

  const lastPosition = (sqlite.prepare('SELECT COALESCE(MAX(position), 0) FROM dining_tables').pluck().get() as number) ?? 0;
  const insertTable = sqlite.prepare("INSERT INTO dining_tables (id, name, code, seats, position, kind) VALUES (?, ?, ?, ?, ?, 'room')");
  const insertRoom = sqlite.prepare('INSERT INTO rooms (id, number, floor, room_type_id, housekeeping, table_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const capacity = new Map<string, number>(DEMO_ROOM_TYPES.map((t) => [t.id, t.capacity]));
  demoRooms().forEach((room, i) => {
    const tableId = `room-table-${room.id}`;
    insertTable.run(tableId, `Room ${room.number}`, newTableCode(), capacity.get(room.roomTypeId)!, lastPosition + 1 + i);
    // Two rooms wait for cleaning, so the housekeeping page has work on a fresh demo.
    insertRoom.run(room.id, room.number, room.floor, room.roomTypeId, room.number === '104' || room.number === '203' ? 'dirty' : 'clean', tableId, at);
  });

  const today = localDateOf(now, timezone);
  const plans = sqlite.prepare(
    'SELECT id, price_minor AS priceMinor, valid_from AS validFrom, valid_to AS validTo, weekdays, min_nights AS minNights, priority FROM rate_plans WHERE room_type_id = ?',
  );
  const insertBooking = sqlite.prepare(
    `INSERT INTO bookings (id, room_type_id, booked_room_type_id, room_id, arrival, departure, status, guest_name, guest_email, guest_phone, adults, children, notes,
                           total_minor, night_prices, currency, source, check_in_code, created_by, created_at, updated_at, checked_in_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, NULL, ?, ?, ?, 'hub', ?, 'demo', ?, ?, ?)`,
  );
  const insertNight = sqlite.prepare(
    `INSERT INTO folio_charges (id, booking_id, kind, description, amount_minor, tax_rate_bp, source_id, night, created_by, created_at)
     VALUES (?, ?, 'night', ?, ?, ?, ?, ?, 'demo', ?)`,
  );
  const stays = [
    { guest: 'Demo guest 1', type: 'double', room: 'room-201', from: -1, nights: 3, adults: 2, children: 0, inHouse: true },
    { guest: 'Demo guest 2', type: 'standard', room: null, from: 0, nights: 2, adults: 1, children: 0, inHouse: false },
    { guest: 'Demo guest 3', type: 'superior', room: 'room-301', from: 0, nights: 4, adults: 2, children: 1, inHouse: false },
    { guest: 'Demo guest 4', type: 'suite', room: null, from: 2, nights: 2, adults: 2, children: 2, inHouse: false },
    { guest: 'Demo guest 5', type: 'standard', room: null, from: 3, nights: 7, adults: 2, children: 0, inHouse: false },
    { guest: 'Demo guest 6', type: 'double', room: null, from: 5, nights: 1, adults: 2, children: 0, inHouse: false },
  ];
  for (const stay of stays) {
    const arrival = addDays(today, stay.from);
    const departure = addDays(arrival, stay.nights);
    const price = priceStay(plans.all(stay.type) as Parameters<typeof priceStay>[0], arrival, departure);
    if (!price.ok) continue;
    const id = newId();
    insertBooking.run(
      id, stay.type, stay.type, stay.room, arrival, departure, stay.inHouse ? 'checked_in' : 'confirmed', stay.guest, stay.adults, stay.children,
      price.totalMinor, json(price.nights.map((n) => n.priceMinor)), currency, newTableCode(), at, at, stay.inHouse ? at : null,
    );
    if (stay.inHouse) {
      nightsOf(arrival, departure).forEach((night, i) => insertNight.run(newId(), id, `Night of ${night}`, price.nights[i]!.priceMinor, NIGHT_TAX_RATE_BP, night, night, at));
      // The guest in house has room service open: their room's QR works at once.
      const visitId = newId();
      sqlite.prepare("INSERT INTO visits (id, table_id, status, opened_at, opened_by) VALUES (?, ?, 'open', ?, 'demo')").run(visitId, `room-table-${stay.room}`, at);
      sqlite.prepare('UPDATE bookings SET visit_id = ? WHERE id = ?').run(visitId, id);
    }
  }
}
