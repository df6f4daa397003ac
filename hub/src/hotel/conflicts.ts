import type Database from 'better-sqlite3';
import { addDays, nightsBetween } from '@onemoment/shared/hotel/stay-dates';
import { newId } from '@onemoment/shared/ids';
import type { OverbookingConflict } from '@onemoment/shared/schemas/hotel';
import type { HubContext } from '../context.ts';
import type { CommandTx } from '../db/command-runner.ts';
import { rooms as eventRooms } from '../events/event-log.ts';
import { HOLDING, outOfOrderDuring, type Inventory } from './inventory.ts';

interface StayRow {
  id: string;
  roomTypeId: string;
  roomId: string | null;
  arrival: string;
  departure: string;
  guestName: string;
  adults: number;
  children: number;
}

interface ConflictRow {
  id: string;
  roomId: string | null;
  roomTypeId: string;
  bookingIds: string;
  firstNight: string;
  detectedAt: string;
}

/** How many rooms a person is offered per booking and kind of choice: enough to pick, few enough to read. */
const CHOICES_PER_KIND = 3;

/**
 * Overbooking the hub did not make: after a merge from HQ or Cloudbeds, two stays in one room on a
 * night, or more stays of a type than it has rooms. Each is recorded for a person with the choices
 * they have; none is resolved by dropping a booking. A conflict closes by itself once a booking
 * change (another room, an upgrade, new dates, a cancellation) takes the overlap away.
 */
export class ConflictFinder {
  private readonly sql;

  constructor(
    private readonly context: HubContext,
    private readonly inventory: Inventory,
  ) {
    const db: Database.Database = context.store.sqlite;
    const stay = `SELECT id, room_type_id AS roomTypeId, room_id AS roomId, arrival, departure, guest_name AS guestName, adults, children FROM bookings`;
    this.sql = {
      stay: db.prepare(`${stay} WHERE id = ? AND status IN (${HOLDING})`),
      sameRoom: db.prepare(`${stay} WHERE room_id = ? AND departure > ? AND arrival < ? AND status IN (${HOLDING}) ORDER BY arrival, id`),
      sameType: db.prepare(`${stay} WHERE room_type_id = ? AND departure > ? AND arrival < ? AND status IN (${HOLDING}) ORDER BY arrival, id`),
      roomTaken: db.prepare(`SELECT 1 FROM bookings WHERE room_id = ? AND departure > ? AND arrival < ? AND status IN (${HOLDING}) LIMIT 1`).pluck(),
      open: db.prepare(
        `SELECT id, room_id AS roomId, room_type_id AS roomTypeId, booking_ids AS bookingIds, first_night AS firstNight, detected_at AS detectedAt
           FROM overbooking_conflicts WHERE resolved_at IS NULL ORDER BY detected_at, id`,
      ),
      insert: db.prepare(
        'INSERT INTO overbooking_conflicts (id, room_id, room_type_id, booking_ids, first_night, detected_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      resolve: db.prepare('UPDATE overbooking_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?'),
    };
  }

  /** Looks for overbooking involving this stay, and records each one not already open. */
  detect(tx: CommandTx, booking: { id: string }): void {
    const stay = this.sql.stay.get(booking.id) as StayRow | undefined;
    if (!stay) return;
    const found: Array<{ roomId: string | null; roomTypeId: string; bookingIds: string[]; firstNight: string }> = [];
    if (stay.roomId) {
      const others = (this.sql.sameRoom.all(stay.roomId, stay.arrival, stay.departure) as StayRow[]).filter((s) => s.id !== stay.id);
      if (others.length > 0) {
        const firstNight = others.reduce((night, other) => (other.arrival > night ? other.arrival : night), stay.arrival);
        found.push({ roomId: stay.roomId, roomTypeId: stay.roomTypeId, bookingIds: [stay.id, ...others.map((o) => o.id)], firstNight });
      }
    }
    const free = this.inventory.freeByNight(stay.roomTypeId, stay.arrival, stay.departure);
    const over = free.findIndex((count) => count < 0);
    if (over >= 0) {
      const night = addDays(stay.arrival, over);
      const onNight = this.sql.sameType.all(stay.roomTypeId, night, addDays(night, 1)) as StayRow[];
      found.push({ roomId: null, roomTypeId: stay.roomTypeId, bookingIds: onNight.map((s) => s.id), firstNight: night });
    }
    const open = this.openRows();
    for (const conflict of found) {
      const key = [...conflict.bookingIds].sort().join(',');
      const known = open.some(
        (row) => row.roomId === conflict.roomId && row.roomTypeId === conflict.roomTypeId && (JSON.parse(row.bookingIds) as string[]).sort().join(',') === key,
      );
      if (known) continue;
      const id = newId();
      this.sql.insert.run(id, conflict.roomId, conflict.roomTypeId, JSON.stringify(conflict.bookingIds), conflict.firstNight, this.context.clock.now().toISOString());
      this.context.events.publish(tx, 'overbooking.detected', [eventRooms.staff], { id, ...conflict });
      this.context.log.warn({ conflict: id, roomId: conflict.roomId, roomTypeId: conflict.roomTypeId, bookings: conflict.bookingIds.length }, 'overbooking after a merge: a person must resolve it');
    }
  }

  /** Closes the open conflicts whose overlap is gone. */
  recheck(_tx: CommandTx): void {
    const now = this.context.clock.now().toISOString();
    for (const row of this.openRows()) {
      if (!this.stillHolds(row)) this.sql.resolve.run(now, 'A booking change took the overlap away', row.id);
    }
  }

  private stillHolds(row: ConflictRow): boolean {
    const stays = (JSON.parse(row.bookingIds) as string[]).map((id) => this.sql.stay.get(id) as StayRow | undefined).filter((s): s is StayRow => s !== undefined);
    if (row.roomId !== null) {
      const inRoom = stays.filter((s) => s.roomId === row.roomId);
      return inRoom.some((a, i) => inRoom.some((b, j) => i < j && a.arrival < b.departure && b.arrival < a.departure));
    }
    const ofType = stays.filter((s) => s.roomTypeId === row.roomTypeId);
    if (ofType.length === 0) return false;
    const from = ofType.reduce((d, s) => (s.arrival < d ? s.arrival : d), ofType[0]!.arrival);
    const to = ofType.reduce((d, s) => (s.departure > d ? s.departure : d), ofType[0]!.departure);
    return this.inventory.freeByNight(row.roomTypeId, from, to).some((count) => count < 0);
  }

  private openRows(): ConflictRow[] {
    return this.sql.open.all() as ConflictRow[];
  }

  /** The open conflicts, each with what a person can do about it. */
  open(): OverbookingConflict[] {
    const numbers = new Map(this.inventory.rooms().map((r) => [r.id, r.number]));
    return this.openRows().map((row) => {
      const bookingIds = JSON.parse(row.bookingIds) as string[];
      const stays = bookingIds.map((id) => this.sql.stay.get(id) as StayRow | undefined).filter((s): s is StayRow => s !== undefined);
      return {
        id: row.id,
        roomId: row.roomId,
        roomNumber: row.roomId ? (numbers.get(row.roomId) ?? null) : null,
        roomTypeId: row.roomTypeId,
        bookingIds,
        firstNight: row.firstNight,
        detectedAt: row.detectedAt,
        choices: stays.flatMap((stay) => this.choicesFor(stay, numbers)),
      };
    });
  }

  /** Another room of the type free for the whole stay, a better room (an upgrade), or new dates. */
  private choicesFor(stay: StayRow, numbers: Map<string, string>): OverbookingConflict['choices'] {
    const guests = stay.adults + stay.children;
    const nights = nightsBetween(stay.arrival, stay.departure);
    const freeRoom = (roomId: string) => !this.sql.roomTaken.get(roomId, stay.arrival, stay.departure);
    const sameType = this.inventory
      .roomRowsOfType(stay.roomTypeId)
      .filter((r) => r.id !== stay.roomId && !outOfOrderDuring(r, stay.arrival, stay.departure) && freeRoom(r.id))
      .slice(0, CHOICES_PER_KIND);
    const ownType = this.inventory.roomType(stay.roomTypeId);
    const upgrades = this.inventory
      .roomTypes()
      .filter((t) => t.id !== stay.roomTypeId && t.capacity >= guests && (ownType === null || t.capacity >= ownType.capacity))
      .flatMap((t) => this.inventory.roomRowsOfType(t.id))
      .filter((r) => !outOfOrderDuring(r, stay.arrival, stay.departure) && freeRoom(r.id))
      .slice(0, CHOICES_PER_KIND);
    const who = `${stay.guestName} (${stay.arrival}, ${nights} night${nights === 1 ? '' : 's'})`;
    return [
      ...sameType.map((r) => ({ kind: 'another_room' as const, bookingId: stay.id, roomId: r.id, roomNumber: numbers.get(r.id) ?? r.number, label: `Give ${who} room ${r.number}` })),
      ...upgrades.map((r) => ({ kind: 'upgrade' as const, bookingId: stay.id, roomId: r.id, roomNumber: numbers.get(r.id) ?? r.number, label: `Upgrade ${who} to room ${r.number}` })),
      { kind: 'move_booking' as const, bookingId: stay.id, roomId: null, roomNumber: null, label: `Move ${who} to other dates` },
    ];
  }
}
