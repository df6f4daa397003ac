// Lookups over the curated phrases: list them for a page (staff or guest side), render one in the
// other side's language, and recognise a phrase someone typed (either side's) so it is sent in the
// other language word for word instead of going through machine translation.
import {
  PHRASES,
  PHRASEBOOK_LANGUAGES,
  type Phrase,
  type PhraseAudience,
  type PhraseCategory,
  type PhrasebookLanguage,
} from './phrases.ts';

export { PHRASES, PHRASEBOOK_LANGUAGES, PHRASE_AUDIENCES, PHRASE_CATEGORIES } from './phrases.ts';
export type { Phrase, PhraseAudience, PhraseCategory, PhrasebookLanguage } from './phrases.ts';

export type PlaceholderValues = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([a-z][a-zA-Z0-9]*)\}/g;
const byId = new Map(PHRASES.map((phrase) => [phrase.id, phrase]));

export interface PhraseFilter {
  category?: PhraseCategory;
  /** Whose phrases: `staff` for the staff page, `guest` for the guest's; both when left out. */
  audience?: PhraseAudience;
}

/** The phrases that pass every given filter, in phrasebook order. */
export function listPhrases(filter: PhraseFilter = {}): readonly Phrase[] {
  const { category, audience } = filter;
  if (category === undefined && audience === undefined) return PHRASES;
  return PHRASES.filter(
    (phrase) => (category === undefined || phrase.category === category) && (audience === undefined || phrase.audience === audience),
  );
}

/** `ru-RU`, `es_419`, `DE` → the phrasebook language, or null. Traditional Chinese tags are not
 *  served from the simplified texts: null lets the caller fall back. */
export function resolvePhrasebookLanguage(tag: string): PhrasebookLanguage | null {
  const parts = tag.trim().toLowerCase().split(/[-_]/);
  const base = parts[0] ?? '';
  if (base === 'zh' && parts.slice(1).some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part))) return null;
  return (PHRASEBOOK_LANGUAGES as readonly string[]).includes(base) ? (base as PhrasebookLanguage) : null;
}

export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').sort();
}

/** The phrase in `language` with its placeholders filled; null when the language is not in the
 *  phrasebook. An unknown id, a missing value or a value for a placeholder the phrase lacks throws. */
export function phraseText(id: string, language: string, values: PlaceholderValues = {}): string | null {
  const phrase = byId.get(id);
  if (!phrase) throw new Error(`unknown phrase "${id}"`);
  const resolved = resolvePhrasebookLanguage(language);
  if (resolved === null) return null;
  const template = phrase.text[resolved];
  const expected = new Set(placeholdersOf(template));
  const unknown = Object.keys(values).filter((name) => !expected.has(name));
  if (unknown.length > 0) {
    throw new Error(`phrase "${id}" has no placeholder ${unknown.map((name) => `{${name}}`).join(', ')}`);
  }
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined || String(value).trim() === '') {
      throw new Error(`phrase "${id}" needs a value for {${name}}`);
    }
    return String(value);
  });
}

export interface PhraseMatch {
  phrase: Phrase;
  language: PhrasebookLanguage;
  values: Record<string, string>;
}

// Case, width, whitespace and punctuation do not count; punctuation between digits does ("19:30").
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(?<!\d)[\p{P}\p{S}]|[\p{P}\p{S}](?!\d)/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Places where one sentence ends and another begins ("Yes. No", "好。不"); not "19.30" or "€42.50". */
function sentenceBreaks(text: string): number {
  return text.trim().match(/[.!?…]+["'»”)]*\s+(?=\S)|[。！？](?=\S)/gu)?.length ?? 0;
}

const SLOT = '\u0000';
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function templatePattern(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const marked = template.replace(PLACEHOLDER, (_, name: string) => {
    names.push(name);
    return ` ${SLOT} `;
  });
  const source = normalise(marked)
    .split(SLOT)
    .map((part) => escapeRegExp(part))
    .join('(.+?)')
    .replace(/ +/g, ' ?');
  return { pattern: new RegExp(`^${source}$`, 'u'), names };
}

const patterns = new Map<string, { pattern: RegExp; names: string[] }>();
function patternFor(phrase: Phrase, language: PhrasebookLanguage): { pattern: RegExp; names: string[] } {
  const key = `${phrase.id}\u0001${language}`;
  let entry = patterns.get(key);
  if (!entry) {
    entry = templatePattern(phrase.text[language]);
    patterns.set(key, entry);
  }
  return entry;
}

/** Recognises a typed phrase in `language`, staff's or guest's alike (a guest may type "Where is the
 *  toilet, please?" and staff may type a guest's words at the front desk); placeholder phrases match
 *  with any values and return them in normalised form (lower case, punctuation dropped except between
 *  digits). Null when nothing matches or the language is not in the phrasebook. */
export function findPhrase(text: string, language: string): PhraseMatch | null {
  const resolved = resolvePhrasebookLanguage(language);
  if (resolved === null) return null;
  const typed = normalise(text);
  if (typed === '') return null;
  const typedBreaks = sentenceBreaks(text);
  for (const phrase of PHRASES) {
    // "У меня аллергия на орехи. Есть ли орехи в чизкейке?" is not the allergy phrase with a value of
    // "орехи есть ли орехи в чизкейке": a value never swallows a sentence the phrase does not have.
    if (typedBreaks > sentenceBreaks(phrase.text[resolved])) continue;
    const { pattern, names } = patternFor(phrase, resolved);
    const match = pattern.exec(typed);
    if (!match) continue;
    const values: Record<string, string> = {};
    names.forEach((name, index) => {
      values[name] = (match[index + 1] ?? '').trim();
    });
    return { phrase, language: resolved, values };
  }
  return null;
}
