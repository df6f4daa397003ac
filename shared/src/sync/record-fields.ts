import * as Y from 'yjs';

/**
 * Reading one field of a record in a day document, whoever wrote it. A document can come from any
 * peer, so every reader checks the type and bounds of what it reads and throws `Invalid` (with a
 * reason a person can read) instead of passing a bad value on; the record readers catch it and
 * leave the record out, and the problem lists report it (the cloud refuses an update that makes one).
 */

export class Invalid extends Error {}

/** Longest text a record field may hold. */
export const MAX_TEXT = 2_000;
/** Longest id (a record's key, or an id it names). */
export const MAX_ID = 64;

export function text(map: Y.Map<unknown>, key: string, max: number = MAX_TEXT): string {
  const value = map.get(key);
  if (typeof value !== 'string' || value.length > max) throw new Invalid(`${key} is not a text`);
  return value;
}

/** Absent or null reads as null. */
export function optionalText(map: Y.Map<unknown>, key: string, max: number = MAX_TEXT): string | null {
  const value = map.get(key);
  if (value === undefined || value === null) return null;
  return text(map, key, max);
}

/** A safe integer from min to max; absent reads as `fallback` (when there is one). */
export function int(map: Y.Map<unknown>, key: string, min: number, max: number, fallback?: number): number {
  const value = map.get(key) ?? fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Invalid(`${key} is not a whole number from ${min} to ${max}`);
  }
  return value;
}

export function childMap(map: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const value = map.get(key);
  if (!(value instanceof Y.Map)) throw new Invalid(`${key} is not a map`);
  return value as Y.Map<unknown>;
}

export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value);
}

export function currency(map: Y.Map<unknown>, key: string): string {
  const value = text(map, key, 3);
  if (!isCurrencyCode(value)) throw new Invalid(`${key} is not an ISO 4217 code`);
  return value;
}

/** An ISO 8601 date-time, as the hub writes them (toISOString). */
export function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

export function time(map: Y.Map<unknown>, key: string): string {
  const value = map.get(key);
  if (!isIsoTime(value)) throw new Invalid(`${key} is not an ISO time`);
  return value;
}

/** A record map must hold only the layout's keys: anything else is refused, so nothing extra is ever synced. */
export function onlyKeys(map: Y.Map<unknown>, allowed: ReadonlySet<string>, what: string): void {
  for (const key of map.keys()) {
    if (!allowed.has(key)) throw new Invalid(`"${key.slice(0, 40)}" is not a field of a ${what}`);
  }
}
