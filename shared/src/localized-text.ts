/** Text in several languages, keyed by BCP 47 language code ("en", "ru"). English is the fallback. */
export type LocalizedText = Record<string, string>;

export const FALLBACK_LANGUAGE = 'en';

export function pickText(text: LocalizedText, language: string): string {
  const base = language.toLowerCase().split('-')[0] ?? FALLBACK_LANGUAGE;
  return text[base] ?? text[FALLBACK_LANGUAGE] ?? Object.values(text)[0] ?? '';
}
