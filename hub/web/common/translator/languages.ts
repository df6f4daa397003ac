/**
 * Language names for the translator's pickers, from the browser's own data (Intl.DisplayNames), so the
 * bundle carries no list of a hundred names. Browsers without it (iOS before 14.5) show the code.
 */
const cache = new Map<string, Intl.DisplayNames | null>();

function displayNames(inLanguage: string): Intl.DisplayNames | null {
  if (!cache.has(inLanguage)) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames([inLanguage, 'en'], { type: 'language' }) : null;
    } catch {
      names = null;
    }
    cache.set(inLanguage, names);
  }
  return cache.get(inLanguage) ?? null;
}

/** "German" for `de` seen in English, "Deutsch" when `inLanguage` is `de` itself. */
export function languageName(code: string, inLanguage: string): string {
  let name: string | undefined;
  try {
    name = displayNames(inLanguage)?.of(code);
  } catch {
    name = undefined; // a code Intl does not accept
  }
  if (!name || name === code) return code.toUpperCase();
  return name.charAt(0).toLocaleUpperCase(inLanguage) + name.slice(1);
}

/** The language's name in itself, the way a person finds their own language in a list. */
export function nativeLanguageName(code: string): string {
  return languageName(code, code);
}

/** Codes once each, sorted by the name shown, with `first` (the likely choices) on top in their order. */
export function languageChoices(codes: readonly string[], first: readonly string[], name: (code: string) => string): string[] {
  const unique = [...new Set(codes.filter((code) => code !== 'auto'))];
  const top = first.filter((code) => unique.includes(code));
  const rest = unique.filter((code) => !top.includes(code)).sort((a, b) => name(a).localeCompare(name(b)));
  return [...new Set([...top, ...rest])];
}
