/**
 * Small language helpers shared by the LAN web pages. Dictionaries live with each app; these only pick a
 * language, fill placeholders and set the document's direction, so adding a language is a data change.
 */

/** Languages written right to left (base codes). */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'dv', 'yi', 'ku']);

export function baseLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

export function isRtl(language: string): boolean {
  return RTL_LANGUAGES.has(baseLanguage(language));
}

/** The first of the browser's preferred languages that we support, by base code; else the fallback. */
export function negotiateLanguage(preferred: readonly string[], supported: readonly string[], fallback: string): string {
  for (const tag of preferred) {
    const base = baseLanguage(tag);
    if (supported.includes(base)) return base;
  }
  return fallback;
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Sets `<html lang dir>` so the browser shapes text and mirrors the layout (CSS uses logical properties). */
export function applyDocumentLanguage(language: string): void {
  const root = document.documentElement;
  root.lang = language;
  root.dir = isRtl(language) ? 'rtl' : 'ltr';
}
