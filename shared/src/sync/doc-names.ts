/**
 * The names of the sync documents. A venue's data is split into small Yjs documents so memory stays
 * flat over years: `venue/{venueId}/config` (menu, room types, settings), `venue/{venueId}/day/{YYYY-MM-DD}`
 * (the orders of one business day) and `venue/{venueId}/stays/{YYYY-MM}` (the bookings arriving in
 * one month). Names travel in URLs and database keys, so they are parsed
 * strictly: anything that is not exactly one of these shapes is refused.
 */

export type DocKind = 'config' | 'day' | 'stays';

export interface ParsedDocName {
  venueId: string;
  kind: DocKind;
  /** The business day, for `day` documents only. */
  day?: string;
  /** The arrival month (YYYY-MM), for `stays` documents only. */
  month?: string;
}

const VENUE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export function isVenueId(value: string): boolean {
  return VENUE_ID.test(value);
}

/** A real calendar date written as YYYY-MM-DD (2026-02-30 is not one). */
export function isBusinessDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1970 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar month written as YYYY-MM (1970 onwards). */
export function isMonth(value: string): boolean {
  const match = MONTH.exec(value);
  if (!match) return false;
  const [year, month] = [Number(match[1]), Number(match[2])];
  return year >= 1970 && month >= 1 && month <= 12;
}

function checkVenueId(venueId: string): void {
  if (!isVenueId(venueId)) throw new RangeError(`"${venueId}" is not a venue id (1–64 of A–Z, a–z, 0–9, _ and -)`);
}

export const docNames = {
  config(venueId: string): string {
    checkVenueId(venueId);
    return `venue/${venueId}/config`;
  },
  day(venueId: string, day: string): string {
    checkVenueId(venueId);
    if (!isBusinessDay(day)) throw new RangeError(`"${day}" is not a business day (YYYY-MM-DD)`);
    return `venue/${venueId}/day/${day}`;
  },
  stays(venueId: string, month: string): string {
    checkVenueId(venueId);
    if (!isMonth(month)) throw new RangeError(`"${month}" is not a month (YYYY-MM)`);
    return `venue/${venueId}/stays/${month}`;
  },
};

/** The parts of a document name, or null when the name is not one of ours. */
export function parseDocName(name: string): ParsedDocName | null {
  if (typeof name !== 'string' || name.length > 128) return null;
  const parts = name.split('/');
  if (parts[0] !== 'venue' || parts.length < 3) return null;
  const venueId = parts[1]!;
  if (!isVenueId(venueId)) return null;
  if (parts.length === 3 && parts[2] === 'config') return { venueId, kind: 'config' };
  if (parts.length === 4 && parts[2] === 'day' && isBusinessDay(parts[3]!)) return { venueId, kind: 'day', day: parts[3]! };
  if (parts.length === 4 && parts[2] === 'stays' && isMonth(parts[3]!)) return { venueId, kind: 'stays', month: parts[3]! };
  return null;
}

/**
 * The same document under another venue id: the hub names its documents with its own venue id and
 * the cloud with the id HQ gave the venue, so the sync client maps names both ways on the wire.
 * Throws when the name is not a document name or belongs to another venue than `fromVenueId`:
 * mapping a foreign document would leak it into the wrong venue.
 */
export function renameVenue(name: string, fromVenueId: string, toVenueId: string): string {
  const parsed = parseDocName(name);
  if (!parsed) throw new RangeError(`"${name}" is not a sync document name`);
  if (parsed.venueId !== fromVenueId) throw new RangeError(`"${name}" belongs to venue "${parsed.venueId}", not "${fromVenueId}"`);
  if (parsed.kind === 'config') return docNames.config(toVenueId);
  return parsed.kind === 'day' ? docNames.day(toVenueId, parsed.day!) : docNames.stays(toVenueId, parsed.month!);
}
