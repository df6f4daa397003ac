/** The chosen language for every component: translate, format money, pick a translated name. */
import { formatMoney } from '@onemoment/shared/money';
import { pickText, type LocalizedText } from '@onemoment/shared/localized-text';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { DICTIONARIES, translator, type Translate } from './i18n/index.ts';

export interface Locale {
  language: string;
  t: Translate;
  money(amountMinor: number, currency: string): string;
  text(names: LocalizedText | undefined, fallback: string): string;
  /** A time of day ("20:14") on the venue's clock, which is the one on the wall the guest sees. */
  time(iso: string): string;
  /** A rate in basis points as a percentage: 700 → "7%" ("7 %" in Russian). */
  percent(basisPoints: number): string;
  /** The language's decimal sign, for amounts a guest reads or types ("16.75", "16,75"). */
  decimal: string;
}

// A 24-hour clock, as on the venue's own screens (the KDS, the staff pages), so guest and waiter name the same time.
const CLOCK = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

function timeFormat(numberLocale: string, timeZone: string | undefined): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(numberLocale, { ...CLOCK, timeZone });
  } catch {
    return new Intl.DateTimeFormat(numberLocale, CLOCK); // an unknown zone name
  }
}

export function makeLocale(language: string, timeZone?: string): Locale {
  const numberLocale = DICTIONARIES[language]?.numberLocale ?? 'en';
  const clock = timeFormat(numberLocale, timeZone);
  const percent = new Intl.NumberFormat(numberLocale, { style: 'percent', maximumFractionDigits: 2 });
  const decimal = new Intl.NumberFormat(numberLocale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  return {
    language,
    t: translator(language),
    money: (amountMinor, currency) => formatMoney(amountMinor, currency, numberLocale),
    text: (names, fallback) => (names && Object.keys(names).length > 0 ? pickText(names, language) : fallback),
    time: (iso) => clock.format(new Date(iso)),
    percent: (basisPoints) => percent.format(basisPoints / 10_000),
    decimal,
  };
}

export const LocaleContext = createContext<Locale>(makeLocale('en'));

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
