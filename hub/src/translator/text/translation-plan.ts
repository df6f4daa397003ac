// What a translation request needs, decided without touching an engine or the database: nothing (same
// language), the phrasebook, or machine translation of a normalised text between two ISO 639-1 codes.
// The service carries out the machine part; everything that can be answered here is answered here.
import { badRequest } from '../../errors.ts';
import { findPhrase, PHRASES, phraseText, type PlaceholderValues } from '../phrasebook/phrasebook.ts';
import { localiseValues } from '../phrasebook/placeholder-values.ts';
import { normaliseLanguage } from './language-codes.ts';
import { normaliseSourceText } from './source-text.ts';

export interface TranslationRequest {
  /** The speaker's words, in `from`. */
  text: string;
  /** Language tags (`es`, `es-ES`, `pt_BR`). */
  from: string;
  to: string;
  /** A phrase tapped on the phrasebook: rendered in `to` directly when the phrasebook has `to`. */
  phraseId?: string;
  values?: PlaceholderValues;
}

/** `same-language`, `phrasebook` or the id of the engine that made the translation (`apertium`). */
export type TranslationSource = 'same-language' | 'phrasebook' | (string & {});

export interface TranslationResult {
  /** What people read: never an engine's marks. */
  text: string;
  engine: TranslationSource;
  /** True when an engine's earlier translation was reused from the cache. */
  cached: boolean;
  /** The engine left words untranslated (they stand in `text` as the speaker wrote them, or uninflected). */
  partial: boolean;
  /** Those words, once each, as they stand in `text`. */
  untranslatedWords: string[];
}

/** A phrase whose values need an engine first: `toTranslate` go through it (or are quoted), then the
 *  phrase is rendered in `toTag` with them and `ready`. */
export interface PhrasePlan {
  kind: 'phrase';
  phraseId: string;
  toTag: string;
  from: string;
  to: string;
  ready: Record<string, string>;
  toTranslate: Record<string, string>;
}

export type TranslationPlan =
  | { kind: 'answer'; result: TranslationResult }
  | PhrasePlan
  | { kind: 'machine'; from: string; to: string; text: string }
  | { kind: 'none'; reason: 'unknown_language' | 'empty_text' };

const phraseIds = new Set(PHRASES.map((phrase) => phrase.id));

/**
 * Same language → the text as is; a phrase id → the phrase in `to`; a typed phrase the phrasebook
 * recognises → the phrase in `to`; otherwise machine translation. A phrase's placeholder values are
 * said the reader's way (placeholder-values.ts); those only an engine can say make a `phrase` plan.
 * Throws a 400 HubError for an unknown phrase id or bad placeholder values: the caller sent them.
 */
export function planTranslation(request: TranslationRequest): TranslationPlan {
  const from = normaliseLanguage(request.from);
  const to = normaliseLanguage(request.to);
  if (from === null || to === null) return { kind: 'none', reason: 'unknown_language' };
  if (from === to) return answer(request.text, 'same-language');

  const fromTag = phrasebookTag(request.from, from);
  const toTag = phrasebookTag(request.to, to);
  if (request.phraseId !== undefined) {
    const values = request.values ?? {};
    if (renderRequestedPhrase(request.phraseId, toTag, values) !== null) return phrasePlan(request.phraseId, values, { from, to, toTag });
  }
  const recognised = translateTypedPhrase(request.text, fromTag, toTag);
  if (recognised !== null) return phrasePlan(recognised.phraseId, recognised.values, { from, to, toTag });

  const text = normaliseSourceText(request.text);
  if (text === '') return { kind: 'none', reason: 'empty_text' };
  return { kind: 'machine', from, to, text };
}

function answer(text: string, engine: TranslationSource): TranslationPlan {
  return { kind: 'answer', result: { text, engine, cached: false, partial: false, untranslatedWords: [] } };
}

// The phrasebook reads BCP 47 tags itself (and keeps Traditional Chinese away from its Simplified
// texts), so tags go to it as sent; only a three-letter code it does not read becomes two letters.
function phrasebookTag(tag: string, iso: string): string {
  return /^[a-z]{3}(?:[-_]|$)/i.test(tag.trim()) ? iso : tag;
}

function renderRequestedPhrase(id: string, toTag: string, values: PlaceholderValues): string | null {
  if (!phraseIds.has(id)) throw badRequest('unknown_phrase', `There is no phrase "${id}" in the phrasebook; reload the page to get the current phrases.`);
  try {
    return phraseText(id, toTag, values);
  } catch (error) {
    throw badRequest('invalid_phrase_values', `${error instanceof Error ? error.message : String(error)}.`, { phraseId: id });
  }
}

/** A typed phrase and its values, or null when it is not one the phrasebook knows in both languages. */
function translateTypedPhrase(text: string, fromTag: string, toTag: string): { phraseId: string; values: Record<string, string> } | null {
  const match = findPhrase(text, fromTag);
  if (match === null) return null;
  const values = withTypedCase(text, match.values);
  try {
    return phraseText(match.phrase.id, toTag, values) === null ? null : { phraseId: match.phrase.id, values };
  } catch {
    // A placeholder matched only blank space ("ready in   minutes"): not really the phrase.
    return null;
  }
}

/** A phrase known to render in `toTag` with these values: answered now, or after an engine's turn. */
function phrasePlan(phraseId: string, values: PlaceholderValues, languages: { from: string; to: string; toTag: string }): TranslationPlan {
  const { ready, toTranslate } = localiseValues(values, languages.from, languages.to);
  if (Object.keys(toTranslate).length === 0) return answer(phraseText(phraseId, languages.toTag, ready) ?? '', 'phrasebook');
  return { kind: 'phrase', phraseId, ...languages, ready, toTranslate };
}

/** The phrase of a `phrase` plan, once its remaining values are in the reader's language. */
export function renderPhrasePlan(plan: PhrasePlan, translated: Readonly<Record<string, string>>): TranslationResult {
  const text = phraseText(plan.phraseId, plan.toTag, { ...plan.ready, ...translated }) ?? '';
  return { text, engine: 'phrasebook', cached: false, partial: false, untranslatedWords: [] };
}

/**
 * findPhrase hands back placeholder values in lower case; a Wi-Fi password or a name must reach the
 * guest as typed. Each value is looked up in the typed text as a whole word, ignoring case, and the
 * typed spelling is used when it is found.
 */
export function withTypedCase(typed: string, values: Readonly<Record<string, string>>): Record<string, string> {
  const source = typed.normalize('NFKC');
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      if (value === '' || value.toUpperCase() === value.toLowerCase()) return [name, value];
      const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
      const found = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').exec(source);
      return [name, found ? found[0].replace(/\s+/g, ' ') : value];
    }),
  );
}
