/** Small display helpers for the staff pages: money in major units, ages in minutes, clock times in the venue's zone. */
import { formatMoney, minorDigits } from '@onemoment/shared/money';

export function money(amountMinor: number, currency: string): string {
  return formatMoney(amountMinor, currency, 'en');
}

/** The editable form of a price: "12.50" for 1250 EUR minor units. */
export function toMajorText(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  return (amountMinor / 10 ** digits).toFixed(digits);
}

/**
 * A price a person typed in major units, as integer minor units; null when it is not a price.
 * Works on the string's digits, never through float multiplication, so "0.29" is 29 and not 28.
 */
export function parseMajor(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const cleaned = text.trim().replace(',', '.');
  const pattern = digits > 0 ? new RegExp(`^(\\d{1,7})(?:\\.(\\d{0,${digits}}))?$`) : /^(\d{1,9})$/;
  const match = pattern.exec(cleaned);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  return whole * 10 ** digits + (fraction ? Number(fraction) : 0);
}

export function minutesSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60000));
}

export function age(iso: string, now: number): string {
  const minutes = minutesSince(iso, now);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone (building one costs far more than using it); an unknown zone is null. */
function clockFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = clockFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    } catch {
      return null;
    }
    clockFormats.set(timeZone, format);
  }
  return format;
}

/**
 * "14:05" on a zone's clock. Without a zone known yet, or with one the browser does not know, the
 * device's own clock is the best there is.
 */
export function clockTimeIn(iso: string, timeZone: string | null): string {
  const date = new Date(iso);
  const format = timeZone ? clockFormat(timeZone) : null;
  return format ? format.format(date) : date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/**
 * The venue's zone, set once the shell has read the venue (like the API token in api.ts: one fact of
 * this page load that every page needs), so no page can forget it and show the tablet's own zone.
 */
let venueTimeZone: string | null = null;

export function setVenueTimeZone(timeZone: string | null): void {
  venueTimeZone = timeZone;
}

/**
 * "14:05" on the venue's clock, as the kitchen display shows it: a tablet set to another zone, or a
 * manager checking from abroad, still reads the times the venue lives by.
 */
export function clockTime(iso: string): string {
  return clockTimeIn(iso, venueTimeZone);
}

/** A rate in basis points as people say it: 700 is "7 %", 1250 is "12.5 %", 5 is "0.05 %". */
export function percentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = String(Math.abs(bp % 100)).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${rest ? `.${rest}` : ''} %`;
}

/**
 * A percentage a person typed ("10", "12.5", "7,5") as basis points; null when it is not one. Digits
 * only, never float multiplication, so "12.35" is 1235.
 */
export function parsePercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(text.trim());
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** How long something has waited, from seconds: "40 s", "12 min", "1 h 5 min", "2 d 3 h". */
export function elapsedText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Seconds from an ISO time to `now` (never negative: a tablet's clock a little behind the hub's). */
export function secondsSince(iso: string, now: number): number {
  return Math.max(0, (now - Date.parse(iso)) / 1000);
}
