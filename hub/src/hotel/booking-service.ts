import type Database from 'better-sqlite3';
import { apportion } from '@onemoment/shared/apportion';
import { checkBookingTransition, holdsRoom, statusLabel, type BookingAction } from '@onemoment/shared/hotel/booking-lifecycle';
import { priceStay } from '@onemoment/shared/hotel/rate-rules';
import { addDays, isRealDate, nightsBetween, staysOverlap } from '@onemoment/shared/hotel/stay-dates';
import type { Booking, BookingStatus, CreateBookingBody, FrontDesk } from '@onemoment/shared/schemas/hotel';
import type { HubContext } from '../context.ts';
import type { CommandTx } from '../db/command-runner.ts';
import { badRequest, conflict, forbidden, notFound } from '../errors.ts';
import { rooms as eventRooms } from '../events/event-log.ts';
import type { StaffPrincipal } from '../sessions/session-lookup.ts';
import { newTableCode } from '../venue/table-code.ts';
import { ConflictFinder } from './conflicts.ts';
import type { BookingActor, BookingApi, BookingQuery, RemoteBooking } from './hotel-api.ts';
import { HOLDING, Inventory, outOfOrderDuring, type RoomRow } from './inventory.ts';

/** The longest stay one booking may hold (longer stays are split into bookings). */
export const MAX_STAY_NIGHTS = 365;

export interface BookingRow {
  id: string;
  roomTypeId: string;
  bookedRoomTypeId: string;
  roomId: string | null;
  roomNumber: string | null;
  arrival: string;
  departure: string;
  status: BookingStatus;
  guestName: string;
  guestEmail: string | null;
  guestPhone: string | null;
  adults: number;
  children: number;
  notes: string | null;
  totalMinor: number;
  nightPrices: string;
  currency: string;
  source: 'hub' | 'hq' | 'cloudbeds';
  cloudbedsId: string | null;
  checkInCode: string;
  visitId: string | null;
  createdAt: string;
  updatedAt: string;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  cancelReason: string | null;
  registered: number;
}

/** What a stay does at check-in and checkout besides its own row: the folio, room service, the room's cleaning. */
export interface StayHooks {
  /** At check-in, in its command: post the nights, open room service. */
  checkedIn(tx: CommandTx, booking: BookingRow, staff: StaffPrincipal): void;
  /** Before checkout, in its command: throws when money is due; charges room service and closes its visit. */
  checkingOut(tx: CommandTx, booking: BookingRow, staff: StaffPrincipal): void;
}

const SELECT_BOOKING = `
  SELECT b.id, b.room_type_id AS roomTypeId, b.booked_room_type_id AS bookedRoomTypeId, b.room_id AS roomId, r.number AS roomNumber,
         b.arrival, b.departure, b.status, b.guest_name AS guestName, b.guest_email AS guestEmail, b.guest_phone AS guestPhone,
         b.adults, b.children, b.notes, b.total_minor AS totalMinor, b.night_prices AS nightPrices, b.currency, b.source,
         b.cloudbeds_id AS cloudbedsId, b.check_in_code AS checkInCode, b.visit_id AS visitId, b.created_at AS createdAt,
         b.updated_at AS updatedAt, b.checked_in_at AS checkedInAt, b.checked_out_at AS checkedOutAt, b.cancel_reason AS cancelReason,
         EXISTS (SELECT 1 FROM check_in_registrations g WHERE g.booking_id = b.id) AS registered
    FROM bookings b LEFT JOIN rooms r ON r.id = b.room_id`;

const roomUnavailable = (message: string) => conflict('room_unavailable', message);

/**
 * Bookings: made at the desk (the availability check and the insert are one SQLite transaction, so
 * the hub never overbooks what it knows), changed through the lifecycle table, and merged from HQ or
 * Cloudbeds (applied as they come, then checked for overbooking a person must resolve).
 */
export class BookingService implements BookingApi {
  private readonly sql;
  private readonly conflicts: ConflictFinder;
  private hooks: StayHooks | null = null;

  constructor(
    private readonly context: HubContext,
    private readonly inventory: Inventory,
  ) {
    const db: Database.Database = context.store.sqlite;
    this.conflicts = new ConflictFinder(context, inventory);
    this.sql = {
      byId: db.prepare(`${SELECT_BOOKING} WHERE b.id = ?`),
      byCloudbedsId: db.prepare(`${SELECT_BOOKING} WHERE b.cloudbeds_id = ?`),
      byCode: db.prepare(`${SELECT_BOOKING} WHERE b.check_in_code = ?`),
      inWindow: db.prepare(`${SELECT_BOOKING} WHERE b.departure > ? AND b.arrival < ? ORDER BY b.arrival DESC, b.id LIMIT ?`),
      inWindowWithStatus: db.prepare(`${SELECT_BOOKING} WHERE b.departure > ? AND b.arrival < ? AND b.status = ? ORDER BY b.arrival DESC, b.id LIMIT ?`),
      arrivals: db.prepare(`${SELECT_BOOKING} WHERE b.arrival = ? AND b.status IN ('tentative', 'confirmed') ORDER BY r.number, b.guest_name`),
      departures: db.prepare(`${SELECT_BOOKING} WHERE b.departure <= ? AND b.status = 'checked_in' ORDER BY r.number`),
      inHouse: db.prepare(`${SELECT_BOOKING} WHERE b.status = 'checked_in' ORDER BY r.number`),
      occupantOf: db.prepare("SELECT id FROM bookings WHERE room_id = ? AND id <> ? AND status = 'checked_in' LIMIT 1").pluck(),
      roomTaken: db.prepare(`SELECT id FROM bookings WHERE room_id = ? AND id <> ? AND departure > ? AND arrival < ? AND status IN (${HOLDING}) LIMIT 1`).pluck(),
      insert: db.prepare(
        `INSERT INTO bookings (id, room_type_id, booked_room_type_id, room_id, arrival, departure, status, guest_name, guest_email, guest_phone,
                               adults, children, notes, total_minor, night_prices, currency, source, cloudbeds_id, check_in_code, created_by, created_at, updated_at)
         VALUES (@id, @roomTypeId, @bookedRoomTypeId, @roomId, @arrival, @departure, @status, @guestName, @guestEmail, @guestPhone,
                 @adults, @children, @notes, @totalMinor, @nightPrices, @currency, @source, @cloudbedsId, @checkInCode, @createdBy, @now, @now)`,
      ),
      updateRemote: db.prepare(
        `UPDATE bookings SET room_type_id = @roomTypeId, room_id = @roomId, arrival = @arrival, departure = @departure, status = @status,
                guest_name = @guestName, guest_email = @guestEmail, guest_phone = @guestPhone, adults = @adults, children = @children,
                notes = @notes, total_minor = @totalMinor, night_prices = @nightPrices, currency = @currency,
                cloudbeds_id = COALESCE(@cloudbedsId, cloudbeds_id), updated_at = @now
          WHERE id = @id`,
      ),
      setStatus: db.prepare('UPDATE bookings SET status = ?, updated_at = ? WHERE id = ?'),
      setCheckedIn: db.prepare("UPDATE bookings SET status = 'checked_in', room_id = ?, checked_in_at = ?, updated_at = ? WHERE id = ?"),
      setCheckedOut: db.prepare("UPDATE bookings SET status = 'checked_out', checked_out_at = ?, updated_at = ? WHERE id = ?"),
      setCancelled: db.prepare('UPDATE bookings SET status = ?, cancelled_at = ?, cancel_reason = ?, updated_at = ? WHERE id = ?'),
      setRoom: db.prepare('UPDATE bookings SET room_id = ?, room_type_id = ?, updated_at = ? WHERE id = ?'),
      setDates: db.prepare('UPDATE bookings SET arrival = ?, departure = ?, total_minor = ?, night_prices = ?, updated_at = ? WHERE id = ?'),
      setVisit: db.prepare('UPDATE bookings SET visit_id = ? WHERE id = ?'),
      setCloudbedsId: db.prepare('UPDATE bookings SET cloudbeds_id = ? WHERE id = ?'),
      logChange: db.prepare('INSERT INTO booking_changes (booking_id, kind, detail, staff_id, at) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  /** The folio and room service plug in here when the module is set up. */
  useStayHooks(hooks: StayHooks): void {
    this.hooks = hooks;
  }

  // ---- reads ----

  row(id: string): BookingRow | null {
    return (this.sql.byId.get(id) as BookingRow | undefined) ?? null;
  }

  rowByCode(code: string): BookingRow | null {
    return (this.sql.byCode.get(code) as BookingRow | undefined) ?? null;
  }

  rowByCloudbedsId(cloudbedsId: string): BookingRow | null {
    return (this.sql.byCloudbedsId.get(cloudbedsId) as BookingRow | undefined) ?? null;
  }

  get(id: string): Booking | null {
    const row = this.row(id);
    return row ? this.view(row) : null;
  }

  list(query: BookingQuery): Booking[] {
    const from = query.from ?? '0000-01-01';
    const to = query.to ?? '9999-12-31';
    const limit = query.limit ?? 200;
    const rows = (query.status ? this.sql.inWindowWithStatus.all(from, to, query.status, limit) : this.sql.inWindow.all(from, to, limit)) as BookingRow[];
    return rows.map((row) => this.view(row));
  }

  view(row: BookingRow): Booking {
    return {
      id: row.id,
      status: row.status,
      roomTypeId: row.roomTypeId,
      bookedRoomTypeId: row.bookedRoomTypeId,
      roomId: row.roomId,
      roomNumber: row.roomNumber,
      arrival: row.arrival,
      departure: row.departure,
      nights: nightsBetween(row.arrival, row.departure),
      guest: { name: row.guestName, email: row.guestEmail, phone: row.guestPhone },
      adults: row.adults,
      children: row.children,
      notes: row.notes,
      totalMinor: row.totalMinor,
      currency: row.currency,
      source: row.source,
      cloudbedsId: row.cloudbedsId,
      checkInUrl: `${this.context.publicUrl()}/checkin/${row.checkInCode}`,
      registered: row.registered === 1,
      visitId: row.visitId,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      checkedInAt: row.checkedInAt,
      checkedOutAt: row.checkedOutAt,
      cancelReason: row.cancelReason,
    };
  }

  frontDesk(date: string = this.inventory.today()): FrontDesk {
    if (!isRealDate(date)) throw badRequest('bad_dates', `${date} is not a date on the calendar.`);
    const rooms = this.inventory.rooms();
    return {
      date,
      arrivals: (this.sql.arrivals.all(date) as BookingRow[]).map((row) => this.view(row)),
      departures: (this.sql.departures.all(date) as BookingRow[]).map((row) => this.view(row)),
      inHouse: (this.sql.inHouse.all() as BookingRow[]).map((row) => this.view(row)),
      conflicts: this.conflicts.open(),
      rooms: {
        total: rooms.length,
        ready: rooms.filter((r) => r.ready).length,
        dirty: rooms.filter((r) => r.housekeeping === 'dirty').length,
        outOfOrder: rooms.filter((r) => r.outOfOrderNow).length,
        occupied: rooms.filter((r) => r.occupiedBy !== null).length,
      },
    };
  }

  // ---- making a booking ----

  create(body: CreateBookingBody, staff: StaffPrincipal): Promise<{ booking: Booking; created: boolean }> {
    this.checkStay(body.arrival, body.departure, staff);
    return this.context.commands.run((tx) => {
      const existing = this.row(body.id);
      if (existing) {
        if (existing.roomTypeId !== body.roomTypeId && existing.bookedRoomTypeId !== body.roomTypeId) {
          throw conflict('id_taken', 'This booking id belongs to another booking: make a new id.');
        }
        return { booking: this.view(existing), created: false };
      }
      const type = this.inventory.roomType(body.roomTypeId);
      if (!type) throw badRequest('unknown_room_type', `There is no room type "${body.roomTypeId}".`);
      const guests = body.adults + (body.children ?? 0);
      if (guests > type.capacity) {
        throw badRequest('over_capacity', `A ${type.name} sleeps at most ${type.capacity}; this booking is for ${guests}. Book a larger room type or two rooms.`);
      }
      if (body.roomId !== undefined) this.checkRoomFor(body.roomId, body.roomTypeId, body.arrival, body.departure, body.id);
      this.checkTypeHasRoom(body.roomTypeId, type.name, body.arrival, body.departure);
      const price = priceStay(this.inventory.rateRulesOf(body.roomTypeId), body.arrival, body.departure);
      if (!price.ok) throw conflict('no_rate', `No rate covers ${price.unpricedNights.join(', ')} for a ${type.name}: add a rate plan first.`);
      const now = this.context.clock.now().toISOString();
      this.sql.insert.run({
        id: body.id,
        roomTypeId: body.roomTypeId,
        bookedRoomTypeId: body.roomTypeId,
        roomId: body.roomId ?? null,
        arrival: body.arrival,
        departure: body.departure,
        status: body.status ?? 'confirmed',
        guestName: body.guest.name,
        guestEmail: body.guest.email ?? null,
        guestPhone: body.guest.phone ?? null,
        adults: body.adults,
        children: body.children ?? 0,
        notes: body.notes ?? null,
        totalMinor: price.totalMinor,
        nightPrices: JSON.stringify(price.nights.map((n) => n.priceMinor)),
        currency: this.context.venue.venue().currency,
        source: 'hub',
        cloudbedsId: null,
        checkInCode: newTableCode(),
        createdBy: staff.staffId,
        now,
      });
      this.log(body.id, 'created', `${body.arrival} to ${body.departure}`, staff.staffId);
      return { booking: this.publish(tx, body.id), created: true };
    });
  }

  /** The dates themselves: real, in order, not too long, and not in the past unless a manager says so. */
  private checkStay(arrival: string, departure: string, staff: StaffPrincipal): void {
    if (!isRealDate(arrival) || !isRealDate(departure)) throw badRequest('bad_dates', 'Arrival and departure must be dates on the calendar (YYYY-MM-DD).');
    const nights = nightsBetween(arrival, departure);
    if (nights < 1) throw badRequest('bad_dates', 'Departure must be after arrival: a stay is at least one night.');
    if (nights > MAX_STAY_NIGHTS) throw badRequest('stay_too_long', `A booking is at most ${MAX_STAY_NIGHTS} nights; this one is ${nights}. Split a longer stay into bookings.`);
    if (arrival < this.inventory.today() && staff.role !== 'manager') {
      throw badRequest('arrival_in_past', `Arrival ${arrival} is in the past: only a manager may record a stay that has already begun.`);
    }
  }

  /** A named room must be of the type, in order on every night, and not held by another stay. */
  private checkRoomFor(roomId: string, roomTypeId: string, arrival: string, departure: string, bookingId: string): RoomRow {
    const room = this.inventory.roomRow(roomId);
    if (!room) throw badRequest('unknown_room', `There is no room "${roomId}".`);
    if (room.roomTypeId !== roomTypeId) {
      throw badRequest('room_of_other_type', `Room ${room.number} is not of the booked type: book its type, or give it as an upgrade after booking.`);
    }
    if (outOfOrderDuring(room, arrival, departure)) {
      throw roomUnavailable(`Room ${room.number} is out of order (${room.outOfOrderReason}) from ${room.outOfOrderFrom} to ${room.outOfOrderTo}.`);
    }
    if (this.sql.roomTaken.get(roomId, bookingId, arrival, departure)) throw roomUnavailable(`Room ${room.number} is already booked on some of these nights.`);
    return room;
  }

  private checkTypeHasRoom(roomTypeId: string, typeName: string, arrival: string, departure: string, ignoring: BookingRow | null = null): void {
    const free = this.inventory.freeByNight(roomTypeId, arrival, departure);
    free.forEach((count, i) => {
      // A stay being moved still holds its old nights: they are free for itself.
      const own = ignoring && ignoring.roomTypeId === roomTypeId && holdsRoom(ignoring.status) && staysOverlap(ignoring, { arrival: addDays(arrival, i), departure: addDays(arrival, i + 1) }) ? 1 : 0;
      if (count + own < 1) throw roomUnavailable(`No ${typeName} is free on the night of ${addDays(arrival, i)}.`);
    });
  }

  // ---- the lifecycle ----

  transition(id: string, action: BookingAction, staff: StaffPrincipal, reason?: string): Promise<Booking> {
    return this.context.commands.run((tx) => {
      const booking = this.requireRow(id);
      const check = checkBookingTransition(booking.status, action, staff.role);
      if (!check.ok) throw check.code === 'forbidden' ? forbidden(check.message) : conflict('invalid_transition', check.message);
      if (check.transition.needsReason && !reason) throw badRequest('reason_required', `Say why the booking is marked ${statusLabel(check.transition.to)}.`);
      const now = this.context.clock.now().toISOString();
      switch (action) {
        case 'check-in':
          this.checkIn(tx, booking, staff, now);
          break;
        case 'check-out':
          this.hooks?.checkingOut(tx, booking, staff);
          this.sql.setCheckedOut.run(now, now, id);
          if (booking.roomId) this.inventory.setHousekeepingIn(tx, booking.roomId, 'dirty', staff.staffId);
          break;
        case 'cancel':
        case 'no-show':
          this.sql.setCancelled.run(check.transition.to, now, reason ?? null, now, id);
          break;
        case 'confirm':
          this.sql.setStatus.run('confirmed', now, id);
          break;
      }
      this.log(id, check.transition.to, reason ?? '', staff.staffId);
      const changed = this.publish(tx, id);
      // A stay that leaves frees its room: an overbooking it was part of may be gone.
      this.conflicts.recheck(tx);
      return changed;
    });
  }

  private checkIn(tx: CommandTx, booking: BookingRow, staff: StaffPrincipal, now: string): void {
    const today = this.inventory.today();
    if (booking.arrival > today) throw conflict('too_early', `This stay begins on ${booking.arrival}: check the guest in on that day.`);
    if (booking.departure <= today) throw conflict('stay_over', `This stay ended on ${booking.departure}: change its dates first.`);
    const room = booking.roomId ? this.inventory.roomRow(booking.roomId)! : this.pickReadyRoom(booking, today);
    // A merge can leave two stays in one room (a conflict at the desk): never put both guests in it.
    const occupant = this.sql.occupantOf.get(room.id, booking.id) as string | undefined;
    if (occupant) throw conflict('room_occupied', `Room ${room.number} has a guest in house: give this guest another room first.`);
    if (outOfOrderDuring(room, today, addDays(today, 1))) throw conflict('room_out_of_order', `Room ${room.number} is out of order tonight (${room.outOfOrderReason}): give the guest another room.`);
    if (room.housekeeping === 'dirty') throw conflict('room_not_ready', `Room ${room.number} is still dirty: mark it clean, or give the guest another room.`);
    this.sql.setCheckedIn.run(room.id, now, now, booking.id);
    const checkedIn = this.requireRow(booking.id);
    this.hooks?.checkedIn(tx, checkedIn, staff);
    this.inventory.publishRoom(tx, room.id);
  }

  /** A clean (or inspected) room of the type, in order and free for the rest of the stay. */
  private pickReadyRoom(booking: BookingRow, today: string): RoomRow {
    const from = booking.arrival > today ? booking.arrival : today;
    const free = this.inventory
      .roomRowsOfType(booking.roomTypeId)
      .filter((room) => !outOfOrderDuring(room, from, booking.departure) && !this.sql.roomTaken.get(room.id, booking.id, from, booking.departure));
    const ready = free.find((room) => room.housekeeping === 'inspected') ?? free.find((room) => room.housekeeping === 'clean');
    if (ready) return ready;
    if (free.length > 0) {
      throw conflict('no_room_ready', `No room of this type is ready yet: ${free.map((r) => r.number).join(', ')} ${free.length === 1 ? 'is' : 'are'} free but not cleaned.`);
    }
    throw conflict('no_room_ready', 'Every room of this type is taken or out of order for this stay: give the guest an upgrade.');
  }

  /** Records the room-service visit opened for a stay. */
  setVisitIn(bookingId: string, visitId: string | null): void {
    this.sql.setVisit.run(visitId, bookingId);
  }

  // ---- rooms and dates ----

  assignRoom(id: string, body: { roomId: string; upgrade?: boolean }, staff: StaffPrincipal): Promise<Booking> {
    return this.context.commands.run((tx) => {
      const booking = this.requireRow(id);
      if (!holdsRoom(booking.status)) throw conflict('invalid_transition', `This booking is ${statusLabel(booking.status)}: it holds no room.`);
      const room = this.inventory.roomRow(body.roomId);
      if (!room) throw badRequest('unknown_room', `There is no room "${body.roomId}".`);
      if (room.roomTypeId !== booking.roomTypeId && !body.upgrade) {
        throw badRequest('room_of_other_type', `Room ${room.number} is of another type: give it as an upgrade (upgrade: true), at the booked price.`);
      }
      const type = this.inventory.roomType(room.roomTypeId)!;
      if (booking.adults + booking.children > type.capacity) throw badRequest('over_capacity', `A ${type.name} sleeps at most ${type.capacity}.`);
      const from = booking.status === 'checked_in' ? this.inventory.today() : booking.arrival;
      if (outOfOrderDuring(room, from, booking.departure)) throw roomUnavailable(`Room ${room.number} is out of order (${room.outOfOrderReason}).`);
      if (this.sql.roomTaken.get(room.id, booking.id, from, booking.departure)) throw roomUnavailable(`Room ${room.number} is already booked on some of these nights.`);
      if (room.roomTypeId !== booking.roomTypeId) this.checkTypeHasRoom(room.roomTypeId, type.name, from, booking.departure);
      const now = this.context.clock.now().toISOString();
      this.sql.setRoom.run(room.id, room.roomTypeId, now, id);
      this.log(id, body.upgrade ? 'upgraded' : 'room', `Room ${room.number}`, staff.staffId);
      if (booking.status === 'checked_in' && booking.roomId && booking.roomId !== room.id) {
        // A move in house: the old room needs cleaning, and room service follows the guest.
        this.inventory.setHousekeepingIn(tx, booking.roomId, 'dirty', staff.staffId);
        this.inventory.publishRoom(tx, room.id);
      }
      const changed = this.publish(tx, id);
      this.conflicts.recheck(tx);
      return changed;
    });
  }

  changeDates(id: string, body: { arrival: string; departure: string }, staff: StaffPrincipal): Promise<Booking> {
    this.checkStay(body.arrival, body.departure, staff.role === 'manager' ? staff : { ...staff, role: 'manager' });
    return this.context.commands.run((tx) => {
      const booking = this.requireRow(id);
      if (!holdsRoom(booking.status)) throw conflict('invalid_transition', `This booking is ${statusLabel(booking.status)}: its dates no longer change.`);
      if (booking.status === 'checked_in' && body.arrival !== booking.arrival) throw conflict('already_arrived', 'The guest is in house: only the departure can change.');
      if (booking.status !== 'checked_in' && body.arrival < this.inventory.today() && staff.role !== 'manager') {
        throw badRequest('arrival_in_past', 'Only a manager may move a stay to a date that has passed.');
      }
      const type = this.inventory.roomType(booking.roomTypeId)!;
      if (booking.roomId) {
        const room = this.inventory.roomRow(booking.roomId)!;
        if (outOfOrderDuring(room, body.arrival, body.departure)) throw roomUnavailable(`Room ${room.number} is out of order on some of these nights.`);
        if (this.sql.roomTaken.get(room.id, booking.id, body.arrival, body.departure)) throw roomUnavailable(`Room ${room.number} is already booked on some of these nights.`);
      }
      this.checkTypeHasRoom(booking.roomTypeId, type.name, body.arrival, body.departure, booking);
      const price = priceStay(this.inventory.rateRulesOf(booking.bookedRoomTypeId), body.arrival, body.departure);
      if (!price.ok) throw conflict('no_rate', `No rate covers ${price.unpricedNights.join(', ')}: add a rate plan first.`);
      this.sql.setDates.run(body.arrival, body.departure, price.totalMinor, JSON.stringify(price.nights.map((n) => n.priceMinor)), this.context.clock.now().toISOString(), id);
      this.log(id, 'dates', `${body.arrival} to ${body.departure}`, staff.staffId);
      const changed = this.publish(tx, id);
      this.conflicts.recheck(tx);
      return changed;
    });
  }

  // ---- merges from HQ and Cloudbeds ----

  applyRemoteIn(tx: CommandTx, remote: RemoteBooking, actor: BookingActor): Booking | null {
    if (!isRealDate(remote.arrival) || !isRealDate(remote.departure) || nightsBetween(remote.arrival, remote.departure) < 1) {
      throw badRequest('bad_dates', `Booking ${remote.id} has dates that are not a stay (${remote.arrival} to ${remote.departure}).`);
    }
    if (!this.inventory.roomType(remote.roomTypeId)) throw badRequest('unknown_room_type', `Booking ${remote.id} is for an unknown room type "${remote.roomTypeId}".`);
    const roomId = remote.roomId && this.inventory.roomRow(remote.roomId) ? remote.roomId : null;
    const nights = nightsBetween(remote.arrival, remote.departure);
    const values = {
      id: remote.id,
      roomTypeId: remote.roomTypeId,
      roomId,
      arrival: remote.arrival,
      departure: remote.departure,
      status: remote.status,
      guestName: remote.guest.name,
      guestEmail: remote.guest.email,
      guestPhone: remote.guest.phone,
      adults: remote.adults,
      children: remote.children,
      notes: remote.notes,
      totalMinor: remote.totalMinor,
      nightPrices: JSON.stringify(apportion(remote.totalMinor, new Array<bigint>(nights).fill(1n))),
      currency: remote.currency,
      cloudbedsId: remote.cloudbedsId,
      now: this.context.clock.now().toISOString(),
    };
    const existing = this.row(remote.id) ?? (remote.cloudbedsId ? this.rowByCloudbedsId(remote.cloudbedsId) : null);
    const by = actor.kind === 'remote' ? actor.source : actor.staff.staffId;
    if (existing) {
      values.id = existing.id;
      // A status-only change keeps the nights' own prices (a weekend night stays dearer than a Monday).
      const samePricing = existing.totalMinor === values.totalMinor && nightsBetween(existing.arrival, existing.departure) === nights;
      if (samePricing) values.nightPrices = existing.nightPrices;
      if (sameBooking(existing, values)) return null;
      this.sql.updateRemote.run(values);
      this.log(existing.id, 'merged', `from ${by}`, null);
    } else {
      this.sql.insert.run({
        ...values,
        bookedRoomTypeId: remote.roomTypeId,
        source: remote.source,
        checkInCode: newTableCode(),
        createdBy: by,
      });
      this.log(remote.id, 'merged', `from ${by}`, null);
    }
    const booking = this.publish(tx, values.id);
    this.conflicts.detect(tx, this.requireRow(values.id));
    this.conflicts.recheck(tx);
    return booking;
  }

  setCloudbedsIdIn(_tx: CommandTx, bookingId: string, cloudbedsId: string): void {
    this.sql.setCloudbedsId.run(cloudbedsId, bookingId);
  }

  // ---- helpers ----

  requireRow(id: string): BookingRow {
    const row = this.row(id);
    if (!row) throw notFound('This booking');
    return row;
  }

  private publish(tx: CommandTx, id: string): Booking {
    const booking = this.view(this.requireRow(id));
    this.context.events.publish(tx, 'booking.changed', [eventRooms.staff], booking);
    return booking;
  }

  private log(bookingId: string, kind: string, detail: string, staffId: string | null): void {
    this.sql.logChange.run(bookingId, kind, detail, staffId, this.context.clock.now().toISOString());
  }
}

function sameBooking(row: BookingRow, values: { roomTypeId: string; roomId: string | null; arrival: string; departure: string; status: BookingStatus; guestName: string; guestEmail: string | null; guestPhone: string | null; adults: number; children: number; notes: string | null; totalMinor: number; currency: string; cloudbedsId: string | null }): boolean {
  return (
    row.roomTypeId === values.roomTypeId &&
    row.roomId === values.roomId &&
    row.arrival === values.arrival &&
    row.departure === values.departure &&
    row.status === values.status &&
    row.guestName === values.guestName &&
    row.guestEmail === values.guestEmail &&
    row.guestPhone === values.guestPhone &&
    row.adults === values.adults &&
    row.children === values.children &&
    row.notes === values.notes &&
    row.totalMinor === values.totalMinor &&
    row.currency === values.currency &&
    (values.cloudbedsId === null || row.cloudbedsId === values.cloudbedsId)
  );
}

