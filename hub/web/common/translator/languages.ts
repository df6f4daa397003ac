/**
 * Language names for the translator's pickers and labels, from the browser's own data
 * (Intl.DisplayNames), so the bundle carries no list of a hundred names. Every page shows a language by
 * its name in itself ("Deutsch", "Русский"), the way a person finds their own language in a list; where
 * the browser has no name in that language, the English name; never a bare code ("BA", "BO"): a
 * language with no name at all is left out of the lists.
 */
type Names = Pick<Intl.DisplayNames, 'of'>;
const cache = new Map<string, Names | null>();

function displayNames(inLanguage: string): Names | null {
  if (!cache.has(inLanguage)) {
    let names: Names | null = null;
    try {
      // fallback 'none': an unknown code gives undefined rather than the code itself.
      names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames([inLanguage, 'en'], { type: 'language', fallback: 'none' }) : null;
    } catch {
      names = null; // a tag Intl does not accept as a locale
    }
    cache.set(inLanguage, names);
  }
  return cache.get(inLanguage) ?? null;
}

function nameIn(code: string, inLanguage: string): string | null {
  let name: string | undefined;
  try {
    name = displayNames(inLanguage)?.of(code);
  } catch {
    name = undefined; // a code Intl does not accept
  }
  if (!name || name.toLowerCase() === code.toLowerCase()) return null;
  return name.charAt(0).toLocaleUpperCase(inLanguage) + name.slice(1);
}

/** "German" for `de` seen in English; null when there is no name for it (not the code). */
export function languageName(code: string, inLanguage: string): string | null {
  return nameIn(code, inLanguage) ?? (inLanguage === 'en' ? null : nameIn(code, 'en'));
}

/** The language's name in itself ("Deutsch"), else in English ("Bashkir"); null when it has neither. */
export function nativeLanguageName(code: string): string | null {
  return languageName(code, code);
}

/** For a label that must say something: the native name, or the code as a last resort. */
export function languageLabel(code: string): string {
  return nativeLanguageName(code) ?? code;
}

/**
 * Codes once each, only those with a name, sorted by the name shown, with `first` (the likely choices)
 * on top in their order.
 */
export function languageChoices(
  codes: readonly string[],
  first: readonly string[],
  name: (code: string) => string | null = nativeLanguageName,
): string[] {
  const unique = [...new Set(codes.filter((code) => code !== 'auto' && name(code) !== null))];
  const top = first.filter((code) => unique.includes(code));
  const rest = unique.filter((code) => !top.includes(code)).sort((a, b) => (name(a) ?? a).localeCompare(name(b) ?? b));
  return [...new Set([...top, ...rest])];
}
