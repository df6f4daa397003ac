// The words people use for the menu's allergens (shared/src/schemas/menu.ts), in the languages the
// translator's phrasebook serves with separate words: a guest's "орехи" or a waiter's "nuts" is found
// and named as the `nuts` allergen, whatever language the line is in. Pure, and small on purpose: the
// fourteen allergens in six languages, not a dictionary.
//
// Each allergen has, per language, its name first (what a page or a phrase shows) and then patterns:
//   `word`  the word itself;
//   `stem+` the stem and up to four more letters, for inflected forms (орех+ : орехи, орехов, орехами);
//   `*tail` a compound ending in it, with up to two more letters (German *nuss : Haselnuss, Walnüsse).
// Words are compared in lower case without accents (so "sesamo" finds sésamo, "яица" finds яйца).
import type { Allergen } from '../schemas/menu.ts';

export const ALLERGEN_LANGUAGES = ['en', 'ru', 'es', 'de', 'fr', 'it'] as const;
export type AllergenLanguage = (typeof ALLERGEN_LANGUAGES)[number];

type Lexicon = Readonly<Record<Allergen, Readonly<Record<AllergenLanguage, string>>>>;

// Order matters where words overlap: peanuts are tried before nuts (Erdnuss, not *nuss), fish before
// molluscs. A word belongs to the first allergen that claims it.
const LEXICON: Lexicon = {
  peanuts: {
    en: 'peanuts|peanut|groundnut+',
    ru: 'арахис|арахис+',
    es: 'cacahuetes|cacahuete+|cacahuate+|maní|manises',
    de: 'Erdnüsse|erdnuss|erdnüss+',
    fr: 'arachides|arachide+|cacahuète+',
    it: 'arachidi|arachid+|nocciolin+',
  },
  nuts: {
    en: 'nuts|nut|almond+|hazelnut+|walnut+|cashew+|pistachio+|pecan+|macadamia+',
    ru: 'орехи|орех+|ореш+|миндал+|фундук+|кешью|фисташ+|грецк+',
    es: 'frutos secos|nuez|nueces|almendra+|avellana+|anacardo+|pistacho+',
    de: 'Nüsse|nuss|nüsse+|*nuss|*nüsse|mandel+|cashew+|pistazie+',
    fr: 'fruits à coque|noix|noisette+|amande+|cajou|pistache+',
    it: 'frutta a guscio|noce|noci|nocciol+|mandorl+|anacardi+|pistacchi+',
  },
  gluten: {
    en: 'gluten|wheat',
    ru: 'глютен|глютен+|клейковин+|пшениц+|пшеничн+',
    es: 'gluten|trigo',
    de: 'Gluten|weizen+',
    fr: 'gluten|blé|blés',
    it: 'glutine|frumento',
  },
  crustaceans: {
    en: 'crustaceans|crustacean+|shrimp+|prawn+|crab+|lobster+|crayfish',
    ru: 'ракообразные|ракообразн+|кревет+|краб+|омар+|лобстер+',
    es: 'crustáceos|crustáceo+|gamba+|camarón|camarones|langostino+|cangrejo+|langosta+',
    de: 'Krebstiere|krebstier+|garnele+|krabbe+|hummer+|*krebs',
    fr: 'crustacés|crustacé+|crevette+|crabe+|homard+|langoustine+',
    it: 'crostacei|crostace+|gamber+|granchi+|aragost+|astice',
  },
  eggs: {
    en: 'eggs|egg',
    ru: 'яйца|яйц+|яиц|яичн+',
    es: 'huevos|huevo+',
    de: 'Eier|ei|eiern',
    fr: 'œufs|œuf|oeuf|oeufs',
    it: 'uova|uovo',
  },
  fish: {
    en: 'fish',
    ru: 'рыба|рыб+',
    es: 'pescado|pescado+|pez|peces',
    de: 'Fisch|fisch+',
    fr: 'poisson|poisson+',
    it: 'pesce|pesci',
  },
  soy: {
    en: 'soy|soya|soybean+',
    ru: 'соя|сои|сою|соей|соев+',
    es: 'soja|soya',
    de: 'Soja|soja+',
    fr: 'soja',
    it: 'soia',
  },
  milk: {
    en: 'milk|dairy|lactose|cream',
    ru: 'молоко|молок+|молоч+|лактоз+|сливк+|сливочн+',
    es: 'leche|leches|lácteo+|lactosa',
    de: 'Milch|milch+|laktose|sahne',
    fr: 'lait|laits|laitier|laitiers|laitière+|lactose|crème+',
    it: 'latte|latticin+|lattosio|panna',
  },
  celery: {
    en: 'celery|celeriac',
    ru: 'сельдерей|сельдере+',
    es: 'apio',
    de: 'Sellerie',
    fr: 'céleri|céleri+',
    it: 'sedano',
  },
  mustard: {
    en: 'mustard',
    ru: 'горчица|горчиц+|горчичн+',
    es: 'mostaza|mostaza+',
    de: 'Senf',
    fr: 'moutarde|moutarde+',
    it: 'senape',
  },
  sesame: {
    en: 'sesame',
    ru: 'кунжут|кунжут+|сезам+',
    es: 'sésamo|ajonjolí',
    de: 'Sesam',
    fr: 'sésame',
    it: 'sesamo',
  },
  sulphites: {
    en: 'sulphites|sulphite+|sulfite+',
    ru: 'сульфиты|сульфит+',
    es: 'sulfitos|sulfito+',
    de: 'Sulfite|sulfit+',
    fr: 'sulfites|sulfite+',
    it: 'solfiti|solfit+',
  },
  lupin: {
    en: 'lupin|lupins|lupine+',
    ru: 'люпин|люпин+',
    es: 'altramuces|altramuz|lupino+',
    de: 'Lupine|lupine+',
    fr: 'lupin|lupin+',
    it: 'lupini|lupin+',
  },
  molluscs: {
    en: 'molluscs|mollusc+|mollusk+|mussel+|oyster+|clam+|squid+|octopus+|scallop+',
    ru: 'моллюски|моллюск+|мидии|мидий|кальмар+|осьминог+|устриц+',
    es: 'moluscos|molusco+|mejillón|mejillones|calamar+|pulpo+|almeja+|ostra+',
    de: 'Weichtiere|weichtier+|muschel+|*muschel+|auster+|kalmar+|tintenfisch+',
    fr: 'mollusques|mollusque+|moule|moules|huître+|calmar+|poulpe+',
    it: 'molluschi|mollusc+|cozz+|ostric+|calamar+|polpo|polpi',
  },
};

/** A place in a text where an allergen is named. `start`/`end` index the text as given (UTF-16). */
export interface AllergenSpan {
  start: number;
  end: number;
  allergen: Allergen;
  text: string;
}

interface Pattern {
  allergen: Allergen;
  kind: 'word' | 'stem' | 'tail';
  key: string;
}

const SUFFIX_LETTERS = { stem: 4, tail: 2 } as const;
const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;

/** Lower case, no accents, ё as е: how words are compared. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ё/g, 'е').replace(/œ/g, 'oe');
}

const patternsByLanguage = new Map<AllergenLanguage, Pattern[]>();
function patternsOf(language: AllergenLanguage): Pattern[] {
  let patterns = patternsByLanguage.get(language);
  if (!patterns) {
    patterns = [];
    for (const [allergen, words] of Object.entries(LEXICON) as [Allergen, Record<AllergenLanguage, string>][]) {
      for (const entry of words[language].split('|')) {
        if (entry.includes(' ')) continue; // a name of several words, shown but not matched
        if (entry.startsWith('*')) patterns.push({ allergen, kind: 'tail', key: fold(entry.slice(1).replace(/\+$/, '')) });
        else if (entry.endsWith('+')) patterns.push({ allergen, kind: 'stem', key: fold(entry.slice(0, -1)) });
        else patterns.push({ allergen, kind: 'word', key: fold(entry) });
      }
    }
    patternsByLanguage.set(language, patterns);
  }
  return patterns;
}

function matches(pattern: Pattern, word: string): boolean {
  switch (pattern.kind) {
    case 'word':
      return word === pattern.key;
    case 'stem':
      return word.startsWith(pattern.key) && word.length - pattern.key.length <= SUFFIX_LETTERS.stem;
    case 'tail': {
      const at = word.lastIndexOf(pattern.key);
      return at > 0 && word.length - at - pattern.key.length <= SUFFIX_LETTERS.tail;
    }
  }
}

/** `ru-RU` → `ru`; null for a language without a word list here. */
export function allergenLanguage(tag: string): AllergenLanguage | null {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (ALLERGEN_LANGUAGES as readonly string[]).includes(base) ? (base as AllergenLanguage) : null;
}

/**
 * Where `text` names an allergen, reading it as each of `languages` (a translated line can hold words
 * of both sides: "I am allergic to орехи"). Spans are in text order and never overlap. `only` limits the
 * search to some allergens (a venue's menu).
 */
export function findAllergens(text: string, languages: readonly string[], only?: readonly Allergen[]): AllergenSpan[] {
  const known = languages.map(allergenLanguage).filter((language): language is AllergenLanguage => language !== null);
  const patterns = [...new Set(known)].flatMap(patternsOf).filter((pattern) => !only || only.includes(pattern.allergen));
  if (patterns.length === 0) return [];
  const spans: AllergenSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0]);
    const found = patterns.find((pattern) => matches(pattern, word));
    if (found) spans.push({ start: match.index, end: match.index + match[0].length, allergen: found.allergen, text: match[0] });
  }
  return spans;
}

/** The allergen's everyday name in `language` ("орехи", "Nüsse"), or null for a language not here. */
export function allergenName(allergen: Allergen, language: string): string | null {
  const resolved = allergenLanguage(language);
  if (resolved === null) return null;
  return LEXICON[allergen][resolved].split('|')[0] ?? null;
}

/**
 * The allergen a short value names as a whole ("орехи", "Peanuts", "lait"), or null when it is not
 * exactly one allergen word: a phrase's {allergen} can then be said in the other language by name.
 */
export function allergenNamedBy(value: string, language: string): Allergen | null {
  const words = value.match(WORD) ?? [];
  if (words.length !== 1) return null;
  const spans = findAllergens(value, [language]);
  return spans.length === 1 ? spans[0]!.allergen : null;
}
