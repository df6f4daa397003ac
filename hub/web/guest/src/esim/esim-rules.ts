/**
 * The Mobile data page's small rules, pure so they are tested without a browser: which packages match
 * the guest's words, the countries to choose from, data and days in the guest's language, the wait
 * shown while an eSIM is on its way, and the days left on one in use.
 */
import type { EsimPackage } from '@onemoment/shared/schemas/esim';

const MB_PER_GB = 1024;
const DAY_MS = 86_400_000;

/** Lower case without accents, so "turkiye" finds "Türkiye". */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every word the guest typed appears in the package's title, area or operator (in any order). */
export function matchesWords(item: Pick<EsimPackage, 'title' | 'area' | 'operator'>, words: string): boolean {
  const wanted = folded(words).split(/\s+/).filter(Boolean);
  const haystack = folded(`${item.title} ${item.area} ${item.operator}`);
  return wanted.every((word) => haystack.includes(word));
}

export interface CountryChoice {
  code: string;
  name: string;
}

/**
 * The countries of the local packages on offer, named in the guest's language when the browser knows
 * the name (else the package's own area), sorted by that name. Regional packages name no country:
 * choosing a country asks the hub, which adds the regional packages that work there.
 */
export function countryChoices(packages: readonly Pick<EsimPackage, 'country' | 'area'>[], nameOf: (code: string) => string | undefined, language: string): CountryChoice[] {
  const byCode = new Map<string, string>();
  for (const item of packages) {
    const code = item.country?.toUpperCase();
    if (code && !byCode.has(code)) byCode.set(code, nameOf(code) ?? item.area);
  }
  return [...byCode].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, language));
}

/** "500 MB", "1 GB", "1.5 GB" (Airalo counts 1024 MB a GB), in the guest's language's units and digits. */
export function formatDataMb(mb: number, numberLocale: string): string {
  const inGb = mb >= MB_PER_GB;
  const format = new Intl.NumberFormat(numberLocale, { style: 'unit', unit: inGb ? 'gigabyte' : 'megabyte', maximumFractionDigits: inGb ? 1 : 0 });
  return format.format(inGb ? mb / MB_PER_GB : mb);
}

/** "7 days", "7 дней", "٧ أيام" as the guest's language counts them. */
export function formatDays(days: number, numberLocale: string): string {
  return new Intl.NumberFormat(numberLocale, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(days);
}

/** A running clock for the wait: "0:42", "12:05", "1:02:05" (whole seconds, rounded down). */
export function waitClock(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * Whole days left before `expiresAt` (counting a started day), 0 once past; null when there is no
 * date or it cannot be read. Airalo writes "2027-01-07 12:00:00" without a zone: read as UTC.
 */
export function daysLeft(expiresAt: string | null, now: number): number | null {
  if (!expiresAt) return null;
  const iso = expiresAt.trim().replace(' ', 'T');
  const at = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / DAY_MS));
}

/** Seconds to show for a wait the hub gave in milliseconds: at least 1, rounded up. */
export function secondsLeft(untilMs: number, now: number): number {
  return Math.max(1, Math.ceil((untilMs - now) / 1000));
}
