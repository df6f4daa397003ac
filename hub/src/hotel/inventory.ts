import type Database from 'better-sqlite3';
import { addDays, isRealDate, localDateOf, nightsBetween, nightsOf } from '@onemoment/shared/hotel/stay-dates';
import { nightPrice, type RateRule } from '@onemoment/shared/hotel/rate-rules';
import { HOLDS_ROOM } from '@onemoment/shared/hotel/booking-lifecycle';
import type { Availability, HousekeepingState, RatePlan, RatePlanBody, Room, RoomType } from '@onemoment/shared/schemas/hotel';
import { newId } from '@onemoment/shared/ids';
import type { HubContext } from '../context.ts';
import type { CommandTx } from '../db/command-runner.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { rooms as eventRooms } from '../events/event-log.ts';
import type { StaffPrincipal } from '../sessions/session-lookup.ts';
import type { InventoryApi } from './hotel-api.ts';

/** The longest window one availability question may cover (a year and a bit). */
export const MAX_AVAILABILITY_NIGHTS = 400;

export const HOLDING = HOLDS_ROOM.map((s) => `'${s}'`).join(', ');

interface RoomTypeRow {
  id: string;
  name: string;
  capacity: number;
  amenities: string;
  photos: string;
  rooms: number;
}

export interface RoomRow {
  id: string;
  number: string;
  floor: number;
  roomTypeId: string;
  housekeeping: HousekeepingState;
  outOfOrderReason: string | null;
  outOfOrderFrom: string | null;
  outOfOrderTo: string | null;
  tableId: string | null;
}

/** Out of order on a night: from its first night up to, not including, its last date. */
export function outOfOrderOn(room: Pick<RoomRow, 'outOfOrderFrom' | 'outOfOrderTo'>, night: string): boolean {
  return room.outOfOrderFrom !== null && room.outOfOrderTo !== null && room.outOfOrderFrom <= night && night < room.outOfOrderTo;
}

/** Out of order on any night of [from, to). */
export function outOfOrderDuring(room: Pick<RoomRow, 'outOfOrderFrom' | 'outOfOrderTo'>, from: string, to: string): boolean {
  return room.outOfOrderFrom !== null && room.outOfOrderTo !== null && room.outOfOrderFrom < to && from < room.outOfOrderTo;
}

/**
 * Room types, rooms, rate plans and availability, and the rooms' housekeeping. Reads are synchronous
 * SQLite; the booking service calls the `…In(tx)` reads inside its command, so a check and the insert
 * it guards see the same data.
 */
export class Inventory implements InventoryApi {
  private readonly sql;

  constructor(private readonly context: HubContext) {
    const db: Database.Database = context.store.sqlite;
    this.sql = {
      roomTypes: db.prepare(
        `SELECT t.id, t.name, t.capacity, t.amenities, t.photos, (SELECT COUNT(*) FROM rooms r WHERE r.room_type_id = t.id) AS rooms
           FROM room_types t ORDER BY t.position, t.id`,
      ),
      roomType: db.prepare(
        `SELECT t.id, t.name, t.capacity, t.amenities, t.photos, (SELECT COUNT(*) FROM rooms r WHERE r.room_type_id = t.id) AS rooms
           FROM room_types t WHERE t.id = ?`,
      ),
      rooms: db.prepare(
        `SELECT id, number, floor, room_type_id AS roomTypeId, housekeeping, out_of_order_reason AS outOfOrderReason,
                out_of_order_from AS outOfOrderFrom, out_of_order_to AS outOfOrderTo, table_id AS tableId
           FROM rooms ORDER BY floor, number`,
      ),
      room: db.prepare(
        `SELECT id, number, floor, room_type_id AS roomTypeId, housekeeping, out_of_order_reason AS outOfOrderReason,
                out_of_order_from AS outOfOrderFrom, out_of_order_to AS outOfOrderTo, table_id AS tableId
           FROM rooms WHERE id = ?`,
      ),
      roomsOfType: db.prepare(
        `SELECT id, number, floor, room_type_id AS roomTypeId, housekeeping, out_of_order_reason AS outOfOrderReason,
                out_of_order_from AS outOfOrderFrom, out_of_order_to AS outOfOrderTo, table_id AS tableId
           FROM rooms WHERE room_type_id = ? ORDER BY floor, number`,
      ),
      outOfOrderOfType: db.prepare('SELECT out_of_order_from AS outOfOrderFrom, out_of_order_to AS outOfOrderTo FROM rooms WHERE room_type_id = ?'),
      occupants: db.prepare("SELECT room_id AS roomId, id FROM bookings WHERE status = 'checked_in' AND room_id IS NOT NULL"),
      ratePlans: db.prepare(
        `SELECT id, room_type_id AS roomTypeId, name, price_minor AS priceMinor, valid_from AS validFrom, valid_to AS validTo,
                weekdays, min_nights AS minNights, priority
           FROM rate_plans ORDER BY room_type_id, priority DESC, id`,
      ),
      ratePlansOfType: db.prepare(
        `SELECT id, price_minor AS priceMinor, valid_from AS validFrom, valid_to AS validTo, weekdays, min_nights AS minNights, priority
           FROM rate_plans WHERE room_type_id = ?`,
      ),
      insertRatePlan: db.prepare(
        `INSERT INTO rate_plans (id, room_type_id, name, price_minor, valid_from, valid_to, weekdays, min_nights, priority)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // Stays of a type that overlap a window (the type's index is on (room_type_id, departure)).
      staysOfType: db.prepare(
        `SELECT arrival, departure FROM bookings
          WHERE room_type_id = ? AND departure > ? AND arrival < ? AND status IN (${HOLDING})`,
      ),
      setHousekeeping: db.prepare('UPDATE rooms SET housekeeping = ?, updated_at = ? WHERE id = ?'),
      logHousekeeping: db.prepare('INSERT INTO housekeeping_log (room_id, from_state, to_state, staff_id, at) VALUES (?, ?, ?, ?, ?)'),
      setTable: db.prepare('UPDATE rooms SET table_id = ? WHERE id = ?'),
      deleteRatePlan: db.prepare('DELETE FROM rate_plans WHERE id = ?'),
      staysInRoom: db.prepare(`SELECT id, guest_name AS guestName, arrival FROM bookings WHERE room_id = ? AND departure > ? AND arrival < ? AND status IN (${HOLDING}) ORDER BY arrival`),
      setOutOfOrder: db.prepare('UPDATE rooms SET out_of_order_reason = ?, out_of_order_from = ?, out_of_order_to = ?, updated_at = ? WHERE id = ?'),
    };
  }

  /** The hotel's date now (its time zone). */
  today(): string {
    return localDateOf(this.context.clock.now(), this.context.venue.venue().timezone);
  }

  roomTypes(): RoomType[] {
    return (this.sql.roomTypes.all() as RoomTypeRow[]).map(toRoomType);
  }

  roomType(id: string): RoomType | null {
    const row = this.sql.roomType.get(id) as RoomTypeRow | undefined;
    return row ? toRoomType(row) : null;
  }

  rooms(): Room[] {
    const today = this.today();
    const occupants = this.occupants();
    return (this.sql.rooms.all() as RoomRow[]).map((row) => toRoom(row, today, occupants.get(row.id) ?? null));
  }

  room(id: string): Room | null {
    const row = this.roomRow(id);
    return row ? toRoom(row, this.today(), this.occupants().get(row.id) ?? null) : null;
  }

  roomRow(id: string): RoomRow | null {
    return (this.sql.room.get(id) as RoomRow | undefined) ?? null;
  }

  roomRowsOfType(roomTypeId: string): RoomRow[] {
    return this.sql.roomsOfType.all(roomTypeId) as RoomRow[];
  }

  private occupants(): Map<string, string> {
    return new Map((this.sql.occupants.all() as Array<{ roomId: string; id: string }>).map((r) => [r.roomId, r.id]));
  }

  ratePlans(): RatePlan[] {
    return this.sql.ratePlans.all() as RatePlan[];
  }

  rateRulesOf(roomTypeId: string): RateRule[] {
    return this.sql.ratePlansOfType.all(roomTypeId) as RateRule[];
  }

  addRatePlan(body: RatePlanBody): Promise<RatePlan> {
    if (!this.roomType(body.roomTypeId)) throw badRequest('unknown_room_type', `There is no room type "${body.roomTypeId}".`);
    if (body.validFrom && body.validTo && body.validTo <= body.validFrom) throw badRequest('bad_dates', 'validTo must be after validFrom.');
    for (const date of [body.validFrom, body.validTo]) if (date && !isRealDate(date)) throw badRequest('bad_dates', `${date} is not a date on the calendar.`);
    return this.context.commands.run(() => {
      const existing = body.id ? this.ratePlans().find((plan) => plan.id === body.id) : undefined;
      if (existing) return existing;
      const plan: RatePlan = {
        id: body.id ?? newId(),
        roomTypeId: body.roomTypeId,
        name: body.name,
        priceMinor: body.priceMinor,
        validFrom: body.validFrom ?? null,
        validTo: body.validTo ?? null,
        weekdays: body.weekdays ?? 127,
        minNights: body.minNights ?? 1,
        priority: body.priority ?? 0,
      };
      this.sql.insertRatePlan.run(plan.id, plan.roomTypeId, plan.name, plan.priceMinor, plan.validFrom, plan.validTo, plan.weekdays, plan.minNights, plan.priority);
      return plan;
    });
  }

  /**
   * Rooms of a type still free on each night of [from, to): the type's rooms, less those out of order
   * that night, less the stays holding a room of the type that night. A running sum over the nights
   * (each stay adds one at its first night and takes it back at its departure) keeps it one pass.
   */
  freeByNight(roomTypeId: string, from: string, to: string): number[] {
    const nights = nightsBetween(from, to);
    const stays = this.sql.staysOfType.all(roomTypeId, from, to) as Array<{ arrival: string; departure: string }>;
    return freeNights(this.sql.outOfOrderOfType.all(roomTypeId) as Array<Pick<RoomRow, 'outOfOrderFrom' | 'outOfOrderTo'>>, stays, from, nights);
  }

  availability(from: string, to: string, roomTypeId?: string): Availability {
    if (!isRealDate(from) || !isRealDate(to)) throw badRequest('bad_dates', 'from and to must be dates on the calendar (YYYY-MM-DD).');
    const nights = nightsBetween(from, to);
    if (nights < 1) throw badRequest('bad_dates', '"to" must be after "from".');
    if (nights > MAX_AVAILABILITY_NIGHTS) throw badRequest('too_many_nights', `Ask for at most ${MAX_AVAILABILITY_NIGHTS} nights at a time.`);
    const types = this.roomTypes().filter((t) => roomTypeId === undefined || t.id === roomTypeId);
    if (roomTypeId !== undefined && types.length === 0) throw notFound(`Room type "${roomTypeId}"`);
    const allRooms = this.sql.rooms.all() as RoomRow[];
    const dates = nightsOf(from, to);
    return {
      from,
      to,
      roomTypes: types.map((type) => {
        // One indexed read per type (room_type_id, departure): years of past stays are never scanned.
        const stays = this.sql.staysOfType.all(type.id, from, to) as Array<{ arrival: string; departure: string }>;
        const free = freeNights(
          allRooms.filter((r) => r.roomTypeId === type.id),
          stays,
          from,
          nights,
        );
        const rules = this.rateRulesOf(type.id);
        return {
          roomTypeId: type.id,
          name: type.name,
          rooms: type.rooms,
          nights: dates.map((date, i) => ({ date, free: free[i]!, priceMinor: nightPrice(rules, date, 1)?.priceMinor ?? null })),
        };
      }),
    };
  }

  setHousekeeping(roomId: string, state: HousekeepingState, staff: StaffPrincipal): Promise<Room> {
    return this.context.commands.run((tx) => this.setHousekeepingIn(tx, roomId, state, staff.staffId));
  }

  /** Inside a command (checkout makes the room dirty in its own). */
  setHousekeepingIn(tx: CommandTx, roomId: string, state: HousekeepingState, staffId: string | null): Room {
    const row = this.roomRow(roomId);
    if (!row) throw notFound(`Room "${roomId}"`);
    const now = this.context.clock.now().toISOString();
    if (row.housekeeping !== state) {
      this.sql.setHousekeeping.run(state, now, roomId);
      this.sql.logHousekeeping.run(roomId, row.housekeeping, state, staffId, now);
    }
    return this.publishRoom(tx, roomId);
  }

  removeRatePlan(id: string): Promise<void> {
    return this.context.commands.run(() => {
      if (this.sql.deleteRatePlan.run(id).changes === 0) throw notFound('This rate plan');
    });
  }

  setOutOfOrder(roomId: string, outOfOrder: { reason: string; from: string; to: string } | null): Promise<Room> {
    if (outOfOrder) {
      if (!isRealDate(outOfOrder.from) || !isRealDate(outOfOrder.to)) throw badRequest('bad_dates', 'from and to must be dates on the calendar.');
      if (outOfOrder.to <= outOfOrder.from) throw badRequest('bad_dates', '"to" must be after "from": the room is out of order from the first date up to, not including, the second.');
    }
    return this.context.commands.run((tx) => {
      const room = this.roomRow(roomId);
      if (!room) throw notFound(`Room "${roomId}"`);
      if (outOfOrder) this.checkRoomCanGo(room, outOfOrder.from, outOfOrder.to);
      this.sql.setOutOfOrder.run(outOfOrder?.reason ?? null, outOfOrder?.from ?? null, outOfOrder?.to ?? null, this.context.clock.now().toISOString(), roomId);
      return this.publishRoom(tx, roomId);
    });
  }

  /** Records the room's room-service table (made by the restaurant the first time a stay checks in). */
  setTableOf(roomId: string, tableId: string): void {
    this.sql.setTable.run(tableId, roomId);
  }

  /**
   * A room goes out of order only when no stay needs it: neither one assigned to it on those nights,
   * nor the type's bookings, which would then outnumber its rooms.
   */
  private checkRoomCanGo(room: RoomRow, from: string, to: string): void {
    const assigned = this.sql.staysInRoom.all(room.id, from, to) as Array<{ id: string; guestName: string; arrival: string }>;
    if (assigned.length > 0) {
      throw conflict('room_has_stays', `Room ${room.number} has ${assigned.map((s) => `${s.guestName} from ${s.arrival}`).join(', ')} on those nights: move ${assigned.length === 1 ? 'that stay' : 'those stays'} to another room first.`);
    }
    const wasOut = room.outOfOrderFrom !== null && room.outOfOrderTo !== null;
    const free = this.freeByNight(room.roomTypeId, from, to);
    const short = free.findIndex((count, i) => count - (wasOut && outOfOrderOn(room, addDays(from, i)) ? 0 : 1) < 0);
    if (short >= 0) throw conflict('room_needed', `Every room of this type is booked on the night of ${addDays(from, short)}: this one cannot go out of order then.`);
  }

  /** Announces a room's state to staff (room.changed): the front desk's board and housekeeping follow it. */
  publishRoom(tx: CommandTx, roomId: string): Room {
    const room = this.room(roomId)!;
    this.context.events.publish(tx, 'room.changed', [eventRooms.staff], room);
    return room;
  }

  /** The day after, for a window of one night. */
  static nextDay(date: string): string {
    return addDays(date, 1);
  }
}

/** Free rooms per night: rooms not out of order, less the stays that hold a room that night. */
export function freeNights(
  typeRooms: ReadonlyArray<Pick<RoomRow, 'outOfOrderFrom' | 'outOfOrderTo'>>,
  stays: ReadonlyArray<{ arrival: string; departure: string }>,
  from: string,
  nights: number,
): number[] {
  const delta = new Array<number>(nights + 1).fill(0);
  const add = (start: string, end: string, by: number) => {
    const a = Math.max(0, nightsBetween(from, start));
    const b = Math.min(nights, nightsBetween(from, end));
    if (a >= b) return;
    delta[a]! += by;
    delta[b]! -= by;
  };
  for (const stay of stays) add(stay.arrival, stay.departure, -1);
  for (const room of typeRooms) if (room.outOfOrderFrom && room.outOfOrderTo) add(room.outOfOrderFrom, room.outOfOrderTo, -1);
  const free: number[] = [];
  let running = typeRooms.length;
  for (let i = 0; i < nights; i++) {
    running += delta[i]!;
    free.push(running);
  }
  return free;
}

function toRoomType(row: RoomTypeRow): RoomType {
  return { id: row.id, name: row.name, capacity: row.capacity, amenities: JSON.parse(row.amenities), photos: JSON.parse(row.photos), rooms: row.rooms };
}

function toRoom(row: RoomRow, today: string, occupiedBy: string | null): Room {
  const outOfOrderNow = outOfOrderOn(row, today);
  return {
    id: row.id,
    number: row.number,
    floor: row.floor,
    roomTypeId: row.roomTypeId,
    housekeeping: row.housekeeping,
    outOfOrder:
      row.outOfOrderReason && row.outOfOrderFrom && row.outOfOrderTo && row.outOfOrderTo > today
        ? { reason: row.outOfOrderReason, from: row.outOfOrderFrom, to: row.outOfOrderTo }
        : null,
    outOfOrderNow,
    occupiedBy,
    ready: row.housekeeping !== 'dirty' && !outOfOrderNow && occupiedBy === null,
  };
}
