/**
 * The guest page's languages. Adding one is a data change: write `xx.ts` with the same keys as `en.ts`
 * and list it here. The direction (RTL) follows from the language code.
 */
import { interpolate, negotiateLanguage } from '../../../common/i18n.ts';
import { readJson, writeJson } from '../../../common/storage.ts';
import { ar } from './ar.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { ru } from './ru.ts';

export const DICTIONARIES: Record<string, Messages> = { en, ru, ar };
export const LANGUAGES = Object.keys(DICTIONARIES);
export type { MessageKey, Messages };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(language: string): Translate {
  const dictionary = DICTIONARIES[language] ?? en;
  // An unknown key (say, an allergen code the hub added later) comes back as itself.
  return (key, values) => interpolate(dictionary[key] ?? en[key] ?? key, values);
}

const CHOSEN_KEY = 'om.guest.language';

/** The guest's own choice if they made one, else the first of the browser's languages we speak. */
export function initialLanguage(browserLanguages: readonly string[]): string {
  const chosen = readJson<string>(CHOSEN_KEY);
  if (chosen && chosen in DICTIONARIES) return chosen;
  return negotiateLanguage(browserLanguages, LANGUAGES, 'en');
}

export function rememberLanguage(language: string): void {
  writeJson(CHOSEN_KEY, language);
}
