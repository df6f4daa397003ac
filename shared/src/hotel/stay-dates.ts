/**
 * Calendar dates of a stay (YYYY-MM-DD), pure. A hotel night belongs to the local date the guest goes
 * to sleep on, in the venue's time zone; a stay's nights run from arrival up to, not including,
 * departure. Dates are handled as UTC midnights, so no daylight-saving change moves a night.
 */

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days since 1970-01-01 of a date, or NaN when it is no real date (2026-02-30). Arithmetic, not a
 * Date round trip: the availability calendar asks this thousands of times per answer.
 */
function epochDay(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (monthDays === undefined || day < 1 || day > monthDays) return Number.NaN;
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function isRealDate(date: string): boolean {
  return !Number.isNaN(epochDay(date));
}

export function addDays(date: string, days: number): string {
  return new Date((epochDay(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Nights from arrival to departure (negative or zero when departure is not after arrival). */
export function nightsBetween(arrival: string, departure: string): number {
  return epochDay(departure) - epochDay(arrival);
}

/** Each night of a stay: arrival, arrival + 1, … up to the night before departure. */
export function nightsOf(arrival: string, departure: string): string[] {
  const first = epochDay(arrival);
  const count = epochDay(departure) - first;
  const nights: string[] = [];
  for (let i = 0; i < count; i++) nights.push(new Date((first + i) * DAY_MS).toISOString().slice(0, 10));
  return nights;
}

/** 0 Monday … 6 Sunday (the bit of a rate plan's weekday mask). 1970-01-01 was a Thursday (3). */
export function weekdayOf(date: string): number {
  return (((epochDay(date) + 3) % 7) + 7) % 7;
}

/** One formatter per time zone: making one costs far more than using it, and every booking asks "today". */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local date at an instant in a time zone (the hotel's "today"). */
export function localDateOf(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Two stays overlap when each starts before the other ends (a departure day is free for an arrival). */
export function staysOverlap(a: { arrival: string; departure: string }, b: { arrival: string; departure: string }): boolean {
  return a.arrival < b.departure && b.arrival < a.departure;
}

/** The arrival month of a stay, its sync document's key (YYYY-MM). */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
