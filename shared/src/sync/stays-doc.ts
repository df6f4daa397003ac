import * as Y from 'yjs';
import { isRealDate, nightsBetween } from '../hotel/stay-dates.ts';
import { BOOKING_SOURCES, BOOKING_STATUSES, type BookingSource, type BookingStatus } from '../schemas/hotel.ts';
import { childMap, currency, int, Invalid, isIsoTime, MAX_ID, onlyKeys, optionalText, text } from './record-fields.ts';

/**
 * A stays document (`venue/{venueId}/stays/{YYYY-MM}`): the bookings ARRIVING in one month (stored
 * key in brackets, see STAY_KEYS):
 *
 *   bookings: Y.Map  bookingId → Y.Map {
 *     roomTypeId [rt], roomId [r], roomNumber [rn], arrival [a], departure [d], adults [ad],
 *     children [ch], totalMinor [tot], currency [c], source [src], guestName [g],
 *     statusTimes [st]: Y.Map<status, isoTime>
 *   }
 *
 * What is here is what HQ needs and nothing more: the room nights, the money and the guest's name
 * (HQ's front desk answers the phone for the venue, and a booking made there needs a name). The
 * guest's email and phone, notes, the registration, identity documents and the ID photo are personal
 * data that stays on the venue's box: the writer takes no field for them and the reader refuses any
 * key that is not listed here, so a hub that wrote one by mistake would see its update refused by the
 * cloud rather than the data stored.
 *
 * Plain fields are last-writer-wins. The status is a lifecycle, so it is kept as the time each status
 * was first reached and read back with `effectiveStayStatus` (a check-in and a cancellation merged
 * from two places never become "confirmed" again). A booking whose arrival moves to another month is
 * deleted here and written whole into that month's document (`removeStay`, then `writeStay`).
 */

export const STAYS_ROOT = 'bookings';

export const STAY_KEYS = {
  roomTypeId: 'rt',
  roomId: 'r',
  roomNumber: 'rn',
  arrival: 'a',
  departure: 'd',
  adults: 'ad',
  children: 'ch',
  totalMinor: 'tot',
  currency: 'c',
  source: 'src',
  guestName: 'g',
  statusTimes: 'st',
} as const;

/** Bounds of a stay record: a booking longer than a year or dearer than MAX_TOTAL is no booking. */
export const STAY_LIMITS = { maxNights: 366, maxGuests: 20, maxTotalMinor: 1_000_000_000, maxGuestName: 120 } as const;

/** What the writer takes: exactly the synced fields (a Booking has more; the caller picks these). */
export interface StayInput {
  id: string;
  roomTypeId: string;
  roomId: string | null;
  roomNumber: string | null;
  arrival: string;
  departure: string;
  status: BookingStatus;
  adults: number;
  children: number;
  totalMinor: number;
  currency: string;
  source: BookingSource;
  guestName: string;
  /** When the status was reached (the booking's updatedAt). */
  statusAt: string;
}

export interface StayRecord {
  id: string;
  roomTypeId: string;
  roomId: string | null;
  roomNumber: string | null;
  arrival: string;
  departure: string;
  nights: number;
  status: BookingStatus;
  statusTimes: Partial<Record<BookingStatus, string>>;
  adults: number;
  children: number;
  totalMinor: number;
  currency: string;
  source: BookingSource;
  guestName: string;
}

type Fields = Y.Map<unknown>;

const STAY_FIELDS = new Set<string>(Object.values(STAY_KEYS));
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;


/**
 * The status a stay has, from the times each status was first reached. A guest who checked in is a
 * fact at the desk, so a check-in (or check-out) wins over a cancellation or no-show merged from
 * elsewhere; otherwise a cancellation or no-show wins over tentative and confirmed (the earlier of the
 * two when both came); otherwise the furthest of tentative and confirmed.
 */
export function effectiveStayStatus(times: Partial<Record<BookingStatus, string>>): BookingStatus | null {
  if (times.checked_out !== undefined) return 'checked_out';
  if (times.checked_in !== undefined) return 'checked_in';
  const ended = (['cancelled', 'no_show'] as const).filter((s) => times[s] !== undefined);
  if (ended.length === 2) return times.no_show! < times.cancelled! ? 'no_show' : 'cancelled';
  if (ended.length === 1) return ended[0]!;
  if (times.confirmed !== undefined) return 'confirmed';
  if (times.tentative !== undefined) return 'tentative';
  return null;
}

function put(map: Fields, key: string, value: unknown, fallback: unknown = undefined): boolean {
  const current = map.get(key);
  if (current === undefined ? value === fallback : current === value) return false;
  map.set(key, value);
  return true;
}

/**
 * Upserts a stay in one Yjs transaction, writing only the fields that differ (so writing back what a
 * merge just brought in writes nothing and sends nothing). Returns whether anything was written.
 * Throws RangeError on an id the layout refuses (callers hold validated bookings).
 */
export function writeStay(doc: Y.Doc, stay: StayInput, origin: unknown = null): boolean {
  if (!ID.test(stay.id)) throw new RangeError(`"${stay.id}" is not a booking id`);
  const K = STAY_KEYS;
  const bookings = doc.getMap<unknown>(STAYS_ROOT);
  let changed = false;
  doc.transact(() => {
    let map = bookings.get(stay.id);
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<unknown>();
      bookings.set(stay.id, map);
      changed = true;
    }
    const fields = map as Fields;
    changed = put(fields, K.roomTypeId, stay.roomTypeId) || changed;
    changed = put(fields, K.roomId, stay.roomId, null) || changed;
    changed = put(fields, K.roomNumber, stay.roomNumber, null) || changed;
    changed = put(fields, K.arrival, stay.arrival) || changed;
    changed = put(fields, K.departure, stay.departure) || changed;
    changed = put(fields, K.adults, stay.adults) || changed;
    changed = put(fields, K.children, stay.children, 0) || changed;
    changed = put(fields, K.totalMinor, stay.totalMinor) || changed;
    changed = put(fields, K.currency, stay.currency) || changed;
    changed = put(fields, K.source, stay.source) || changed;
    changed = put(fields, K.guestName, stay.guestName) || changed;
    // Created with the stay, never later: a nested map created on two replicas at once keeps one side.
    let times = fields.get(K.statusTimes);
    if (!(times instanceof Y.Map)) {
      times = new Y.Map<unknown>();
      fields.set(K.statusTimes, times);
      changed = true;
    }
    const statusTimes = times as Fields;
    if (statusTimes.get(stay.status) === undefined && effectiveStayStatus(toTimes(statusTimes)) !== stay.status) {
      statusTimes.set(stay.status, stay.statusAt);
      changed = true;
    }
  }, origin);
  return changed;
}

/** Deletes a stay (its arrival moved to another month's document). Returns whether it was there. */
export function removeStay(doc: Y.Doc, bookingId: string, origin: unknown = null): boolean {
  const bookings = doc.getMap<unknown>(STAYS_ROOT);
  if (!bookings.has(bookingId)) return false;
  doc.transact(() => bookings.delete(bookingId), origin);
  return true;
}

export function hasStay(doc: Y.Doc, bookingId: string): boolean {
  return doc.getMap<unknown>(STAYS_ROOT).has(bookingId);
}

function toTimes(map: Fields): Partial<Record<BookingStatus, string>> {
  const times: Partial<Record<BookingStatus, string>> = {};
  map.forEach((value, key) => {
    if ((BOOKING_STATUSES as readonly string[]).includes(key) && typeof value === 'string') times[key as BookingStatus] = value;
  });
  return times;
}

function statusTimesOf(map: Fields): Partial<Record<BookingStatus, string>> {
  const times = childMap(map, STAY_KEYS.statusTimes);
  times.forEach((value, key) => {
    if (!(BOOKING_STATUSES as readonly string[]).includes(key)) throw new Invalid(`statusTimes.${key.slice(0, 32)} is not a status of a booking`);
    if (!isIsoTime(value)) throw new Invalid(`statusTimes.${key} is not an ISO time`);
  });
  return toTimes(times);
}

function date(map: Fields, key: string): string {
  const value = text(map, key, 10);
  if (!isRealDate(value)) throw new Invalid(`${key} is not a date (YYYY-MM-DD)`);
  return value;
}

/** Reads one stay; `month` (YYYY-MM), when given, is the document's: the arrival must fall in it. */
function readStay(id: string, value: unknown, month?: string): StayRecord {
  const K = STAY_KEYS;
  if (!ID.test(id) || id.length > MAX_ID) throw new Invalid('its id is not a booking id');
  if (!(value instanceof Y.Map)) throw new Invalid('it is not a map');
  const map = value as Fields;
  onlyKeys(map, STAY_FIELDS, 'stay');
  const arrival = date(map, K.arrival);
  const departure = date(map, K.departure);
  const nights = nightsBetween(arrival, departure);
  if (nights < 1 || nights > STAY_LIMITS.maxNights) throw new Invalid(`departure must be 1 to ${STAY_LIMITS.maxNights} nights after arrival`);
  if (month !== undefined && arrival.slice(0, 7) !== month) throw new Invalid(`its arrival ${arrival} is not in ${month}`);
  const source = map.get(K.source);
  if (!(BOOKING_SOURCES as readonly unknown[]).includes(source)) throw new Invalid(`source is not one of ${BOOKING_SOURCES.join(', ')}`);
  const guestName = text(map, K.guestName, STAY_LIMITS.maxGuestName);
  if (guestName.trim().length === 0) throw new Invalid('guestName is empty');
  const statusTimes = statusTimesOf(map);
  const status = effectiveStayStatus(statusTimes);
  if (!status) throw new Invalid('it has no status time');
  const roomTypeId = text(map, K.roomTypeId, MAX_ID);
  if (!ID.test(roomTypeId)) throw new Invalid('roomTypeId is not an id');
  return {
    id,
    roomTypeId,
    roomId: optionalText(map, K.roomId, MAX_ID),
    roomNumber: optionalText(map, K.roomNumber, 20),
    arrival,
    departure,
    nights,
    status,
    statusTimes,
    adults: int(map, K.adults, 1, STAY_LIMITS.maxGuests),
    children: int(map, K.children, 0, STAY_LIMITS.maxGuests, 0),
    totalMinor: int(map, K.totalMinor, 0, STAY_LIMITS.maxTotalMinor),
    currency: currency(map, K.currency),
    source: source as BookingSource,
    guestName,
  };
}

/** Every well-formed stay of the document, by arrival (then id). */
export function readStays(doc: Y.Doc, month?: string): StayRecord[] {
  const result: StayRecord[] = [];
  doc.getMap<unknown>(STAYS_ROOT).forEach((value, id) => {
    try {
      result.push(readStay(id, value, month));
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
    }
  });
  return result.sort((a, b) => (a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One stay, or null when it is missing or malformed. */
export function readStayById(doc: Y.Doc, bookingId: string, month?: string): StayRecord | null {
  try {
    return readStay(bookingId, doc.getMap<unknown>(STAYS_ROOT).get(bookingId), month);
  } catch (error) {
    if (error instanceof Invalid) return null;
    throw error;
  }
}

/** Why one stay is malformed, or null when it is fine. */
export function stayProblem(doc: Y.Doc, bookingId: string, month?: string): string | null {
  try {
    readStay(bookingId, doc.getMap<unknown>(STAYS_ROOT).get(bookingId), month);
    return null;
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return error.message;
  }
}

/** Why each malformed stay is left out ("stay <id>: <reason>"); empty when all are fine. */
export function stayProblems(doc: Y.Doc, month?: string): string[] {
  const problems: string[] = [];
  doc.getMap<unknown>(STAYS_ROOT).forEach((_value, id) => {
    const problem = stayProblem(doc, id, month);
    if (problem) problems.push(`stay ${id.slice(0, MAX_ID)}: ${problem}`);
  });
  return problems;
}
