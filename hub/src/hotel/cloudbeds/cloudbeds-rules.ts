// How a hub booking and a Cloudbeds reservation translate into each other. Pure: no HTTP, no SQLite,
// so each rule is tested on its own (cloudbeds-rules.test.ts).
import type { BookingStatus } from '@onemoment/shared/schemas/hotel';

/** Cloudbeds' reservation statuses (v1.2 getReservation / putReservation). */
export const CLOUDBEDS_STATUSES = ['not_confirmed', 'confirmed', 'canceled', 'checked_in', 'checked_out', 'no_show'] as const;
export type CloudbedsStatus = (typeof CLOUDBEDS_STATUSES)[number];

const TO_CLOUDBEDS: Record<BookingStatus, CloudbedsStatus> = {
  tentative: 'not_confirmed',
  confirmed: 'confirmed',
  checked_in: 'checked_in',
  checked_out: 'checked_out',
  cancelled: 'canceled',
  no_show: 'no_show',
};

export function cloudbedsStatusOf(status: BookingStatus): CloudbedsStatus {
  return TO_CLOUDBEDS[status];
}

/** The hub's status for Cloudbeds' one; null for one the hub does not know (a later API version's). */
export function hubStatusOf(status: unknown): BookingStatus | null {
  for (const [hub, cloudbeds] of Object.entries(TO_CLOUDBEDS) as Array<[BookingStatus, CloudbedsStatus]>) {
    if (cloudbeds === status) return hub;
  }
  return null;
}

const RANK: Record<BookingStatus, number> = { tentative: 0, confirmed: 1, checked_in: 2, checked_out: 3, cancelled: 4, no_show: 4 };
const ENDED: readonly BookingStatus[] = ['cancelled', 'no_show'];

/**
 * The status a booking has after the hub's and Cloudbeds' versions meet: the furthest state either
 * reached, and a cancel or a no-show wins (as in the stays document). A change at the hub that is not
 * yet pushed is therefore never undone by an older status read back from Cloudbeds.
 */
export function mergedStatus(hub: BookingStatus, remote: BookingStatus): BookingStatus {
  if (ENDED.includes(hub)) return hub;
  if (ENDED.includes(remote)) return remote;
  return RANK[remote] > RANK[hub] ? remote : hub;
}

/**
 * A hub guest name as Cloudbeds' first and last name (both required by postReservation): the last word
 * is the last name. A one-word name is sent as both, and joinGuestName reads that back as one word.
 */
export function splitGuestName(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return { first: '-', last: '-' };
  if (words.length === 1) return { first: words[0]!, last: words[0]! };
  return { first: words.slice(0, -1).join(' '), last: words[words.length - 1]! };
}

export function joinGuestName(first: string | null, last: string | null, fallback: string | null): string {
  const a = (first ?? '').trim();
  const b = (last ?? '').trim();
  if (a !== '' && b !== '') return a === b ? a : `${a} ${b}`;
  if (a !== '' || b !== '') return a || b;
  const rest = (fallback ?? '').trim();
  return rest === '' ? 'Cloudbeds guest' : rest;
}

/**
 * A form body as Cloudbeds reads it (PHP's convention): arrays of objects become `rooms[0][roomTypeID]=…`.
 * Null and undefined fields are left out.
 */
export function formEncode(fields: Record<string, unknown>): URLSearchParams {
  const form = new URLSearchParams();
  const add = (key: string, value: unknown): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => add(`${key}[${index}]`, item));
      return;
    }
    if (typeof value === 'object') {
      for (const [name, inner] of Object.entries(value as Record<string, unknown>)) add(`${key}[${name}]`, inner);
      return;
    }
    form.append(key, String(value));
  };
  for (const [key, value] of Object.entries(fields)) add(key, value);
  return form;
}

/** Cloudbeds' documented date-time format, "YYYY-MM-DD HH:MM:SS" (written here in UTC). */
export function cloudbedsDateTime(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

/** Money from Cloudbeds (a decimal in major units) as integer minor units; null when it is not a number. */
export function minorFromMajor(value: unknown, digits: number): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) return null;
  return Math.round(number * 10 ** digits);
}

/**
 * The next pull's `modifiedFrom`: the newest `dateModified` read, kept in Cloudbeds' own format (so its
 * time zone never matters: the same kind of string goes back). modifiedFrom is inclusive, so the newest
 * reservations are read once more next time; applying an unchanged one changes nothing.
 */
export function nextCursor(cursor: string | null, modified: ReadonlyArray<string | null>): string | null {
  let newest = cursor;
  for (const value of modified) {
    if (value === null || !/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/.test(value)) continue;
    const normal = value.replace('T', ' ').slice(0, 19);
    if (newest === null || normal > newest) newest = normal;
  }
  return newest;
}

/** A name compared loosely: case, accents kept, spaces trimmed and collapsed. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
  return norm(a) === norm(b);
}

export interface NamedThing {
  id: string;
  name: string;
}

/**
 * Pairs Cloudbeds' room types (or rooms) with the hub's by name (a room by its number). A Cloudbeds
 * name that two hub things share, or none, stays unmapped: a guess would put a guest in the wrong room.
 */
export function mapByName(cloudbeds: readonly NamedThing[], hub: readonly NamedThing[]): Array<{ cloudbedsId: string; hubId: string }> {
  const pairs: Array<{ cloudbedsId: string; hubId: string }> = [];
  const used = new Set<string>();
  for (const theirs of cloudbeds) {
    const matches = hub.filter((ours) => sameName(ours.name, theirs.name));
    if (matches.length !== 1 || used.has(matches[0]!.id)) continue;
    used.add(matches[0]!.id);
    pairs.push({ cloudbedsId: theirs.id, hubId: matches[0]!.id });
  }
  return pairs;
}
