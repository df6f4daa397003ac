/**
 * Calendar dates of a stay (YYYY-MM-DD), pure. A hotel night belongs to the local date the guest goes
 * to sleep on, in the venue's time zone; a stay's nights run from arrival up to, not including,
 * departure. Dates are handled as UTC midnights, so no daylight-saving change moves a night.
 */

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a date, or NaN when it is no real date (2026-02-30). */
function epochDay(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = Date.UTC(year, month - 1, day);
  const back = new Date(at);
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? at / DAY_MS : Number.NaN;
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
  const count = nightsBetween(arrival, departure);
  const nights: string[] = [];
  for (let i = 0; i < count; i++) nights.push(addDays(arrival, i));
  return nights;
}

/** 0 Monday … 6 Sunday (the bit of a rate plan's weekday mask). */
export function weekdayOf(date: string): number {
  return (new Date(epochDay(date) * DAY_MS).getUTCDay() + 6) % 7;
}

/** The local date at an instant in a time zone (the hotel's "today"). */
export function localDateOf(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
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
