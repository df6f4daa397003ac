// A phrase's placeholder values, said in the other side's language. Staff type "eleven" or "23:00" into
// "The kitchen closes at {time}", and the guest must never read "cierra a las eleven": times and counts
// are rendered the way the reader's language writes them; names, room numbers and passwords stay as
// typed; an allergen is named in the reader's language; anything else is for the text engine, and what
// no engine translates in full is quoted, so the reader sees it is the speaker's own word. Pure.
import { allergenName, allergenNamedBy } from '@onemoment/shared/translator/allergen-words';

export type PlaceholderKind = 'time' | 'count' | 'verbatim' | 'allergen' | 'text';

// By the names the phrasebook uses (phrases.ts, guest-phrases.ts); a new name is free text until listed.
const KINDS: Readonly<Record<string, PlaceholderKind>> = {
  time: 'time',
  start: 'time',
  end: 'time',
  minutes: 'count',
  floor: 'count',
  room: 'verbatim',
  network: 'verbatim',
  password: 'verbatim',
  name: 'verbatim',
  // "€42.50" reads the same in every language; the venue's own currency format is already in it.
  amount: 'verbatim',
  allergen: 'allergen',
};

export function placeholderKind(name: string): PlaceholderKind {
  return KINDS[name] ?? 'text';
}

export interface LocalisedValues {
  /** Values ready for the reader's language. */
  ready: Record<string, string>;
  /** Values only a text engine can translate (or quote when none can), as typed. */
  toTranslate: Record<string, string>;
}

/** Each value in `to`, as far as that is known without an engine. */
export function localiseValues(values: Readonly<Record<string, string | number>>, from: string, to: string): LocalisedValues {
  const ready: Record<string, string> = {};
  const toTranslate: Record<string, string> = {};
  for (const [name, raw] of Object.entries(values)) {
    const value = String(raw).trim();
    const local = localiseValue(placeholderKind(name), value, from, to);
    if (local === null) toTranslate[name] = value;
    else ready[name] = local;
  }
  return { ready, toTranslate };
}

function localiseValue(kind: PlaceholderKind, value: string, from: string, to: string): string | null {
  switch (kind) {
    case 'verbatim':
      return value;
    case 'time': {
      const time = parseTime(value);
      return time ? formatTime(time, to) : null;
    }
    case 'count':
      return /^\d{1,6}(?:\s*[-–]\s*\d{1,6})?$/.test(value) ? formatCount(value, to) : null;
    case 'allergen': {
      const allergen = allergenNamedBy(value, from);
      return allergen ? allergenName(allergen, to) : null;
    }
    case 'text':
      return null;
  }
}

export interface ClockTime {
  hour: number;
  minute: number;
}

/** "23:00", "23.00", "23h", "23h30", "11 pm", "11:30 p.m.", "7" → hours and minutes; null otherwise. */
export function parseTime(value: string): ClockTime | null {
  const match = /^(\d{1,2})(?:\s*[:.h]\s*(\d{2})?)?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?$/i.exec(value.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase().replace(/[^ap]/g, '');
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  return { hour, minute };
}

/** The time as the reader's language writes a clock time: "23:00" in Russian, "11:00 PM" in English. */
export function formatTime(time: ClockTime, language: string): string {
  const at = new Date(Date.UTC(2000, 0, 1, time.hour, time.minute));
  return new Intl.DateTimeFormat(formatLocale(language), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(at);
}

function formatCount(value: string, language: string): string {
  const format = new Intl.NumberFormat(formatLocale(language), { useGrouping: false });
  return value
    .split(/\s*[-–]\s*/)
    .map((part) => format.format(Number(part)))
    .join('–');
}

// Intl refuses a malformed tag with a RangeError; the reader still gets a time, in English form.
function formatLocale(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

// Quotation marks as each language prints them; typographic double quotes elsewhere.
const QUOTES: Readonly<Record<string, readonly [string, string]>> = {
  ru: ['«', '»'],
  uk: ['«', '»'],
  es: ['«', '»'],
  fr: ['« ', ' »'],
  it: ['«', '»'],
  ar: ['«', '»'],
  de: ['„', '“'],
  ja: ['「', '」'],
  zh: ['“', '”'],
};

/** The speaker's own words inside a sentence in another language, marked as such. */
export function quoteValue(value: string, language: string): string {
  const [open, close] = QUOTES[language.toLowerCase().split(/[-_]/)[0] ?? ''] ?? ['“', '”'];
  return `${open}${value}${close}`;
}
