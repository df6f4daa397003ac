// What a translation request needs, decided without touching an engine or the database: nothing (same
// language), the phrasebook, or machine translation of a normalised text between two ISO 639-1 codes.
// The service carries out the machine part; everything that can be answered here is answered here.
import { badRequest } from '../../errors.ts';
import { findPhrase, PHRASES, phraseText, type PlaceholderValues } from '../phrasebook/phrasebook.ts';
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
  text: string;
  engine: TranslationSource;
  /** True when an engine's earlier translation was reused from the cache. */
  cached: boolean;
}

export type TranslationPlan =
  | { kind: 'answer'; result: TranslationResult }
  | { kind: 'machine'; from: string; to: string; text: string }
  | { kind: 'none'; reason: 'unknown_language' | 'empty_text' };

const phraseIds = new Set(PHRASES.map((phrase) => phrase.id));

/**
 * Same language → the text as is; a phrase id → the phrase in `to`; a typed phrase the phrasebook
 * recognises → the phrase in `to`; otherwise machine translation. Throws a 400 HubError for an
 * unknown phrase id or bad placeholder values: the caller sent them.
 */
export function planTranslation(request: TranslationRequest): TranslationPlan {
  const from = normaliseLanguage(request.from);
  const to = normaliseLanguage(request.to);
  if (from === null || to === null) return { kind: 'none', reason: 'unknown_language' };
  if (from === to) return answer(request.text, 'same-language');

  const fromTag = phrasebookTag(request.from, from);
  const toTag = phrasebookTag(request.to, to);
  if (request.phraseId !== undefined) {
    const rendered = renderRequestedPhrase(request.phraseId, toTag, request.values ?? {});
    if (rendered !== null) return answer(rendered, 'phrasebook');
  }
  const recognised = translateTypedPhrase(request.text, fromTag, toTag);
  if (recognised !== null) return answer(recognised, 'phrasebook');

  const text = normaliseSourceText(request.text);
  if (text === '') return { kind: 'none', reason: 'empty_text' };
  return { kind: 'machine', from, to, text };
}

function answer(text: string, engine: TranslationSource): TranslationPlan {
  return { kind: 'answer', result: { text, engine, cached: false } };
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

/** A typed phrase in `to`, or null when it is not one the phrasebook knows in both languages. */
function translateTypedPhrase(text: string, fromTag: string, toTag: string): string | null {
  const match = findPhrase(text, fromTag);
  if (match === null) return null;
  try {
    return phraseText(match.phrase.id, toTag, withTypedCase(text, match.values));
  } catch {
    // A placeholder matched only blank space ("ready in   minutes"): not really the phrase.
    return null;
  }
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
