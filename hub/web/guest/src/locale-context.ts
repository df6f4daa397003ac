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
}

export function makeLocale(language: string): Locale {
  const numberLocale = DICTIONARIES[language]?.numberLocale ?? 'en';
  return {
    language,
    t: translator(language),
    money: (amountMinor, currency) => formatMoney(amountMinor, currency, numberLocale),
    text: (names, fallback) => (names && Object.keys(names).length > 0 ? pickText(names, language) : fallback),
  };
}

export const LocaleContext = createContext<Locale>(makeLocale('en'));

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
