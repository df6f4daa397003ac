// The phrasebook as the pages read it, and a tapped phrase in the speaker's own language (the line's
// `text`); its translation for the other side is TextTranslation's job.
import type { PhrasebookPhrase } from '@onemoment/shared/schemas/translator';
import { badRequest } from '../../errors.ts';
import { PHRASE_CATEGORIES, PHRASEBOOK_LANGUAGES, PHRASES, phraseText, placeholdersOf } from '../phrasebook/phrasebook.ts';

export interface PhrasebookView {
  languages: string[];
  categories: string[];
  phrases: PhrasebookPhrase[];
}

let view: PhrasebookView | null = null;

/** Every phrase, staff's and guest's, with its audience and placeholders (the same names in every
 *  language, so English's are read). Each page picks its own side's phrases by `audience`. */
export function phrasebookView(): PhrasebookView {
  view ??= {
    languages: [...PHRASEBOOK_LANGUAGES],
    categories: [...PHRASE_CATEGORIES],
    phrases: PHRASES.map((phrase) => ({
      id: phrase.id,
      category: phrase.category,
      audience: phrase.audience,
      placeholders: placeholdersOf(phrase.text.en),
      text: { ...phrase.text },
    })),
  };
  return view;
}

const knownIds = new Set(PHRASES.map((phrase) => phrase.id));

export interface RenderedPhrase {
  text: string;
  language: string;
}

/**
 * The phrase in `language` with its values filled in. A speaker whose language the phrasebook lacks
 * tapped the phrase in English (the pages fall back to it), so the line is English then.
 * Throws a 400 for an unknown phrase or values that do not fit it: the caller sent them.
 */
export function renderPhrase(phraseId: string, language: string, values: Readonly<Record<string, string>>): RenderedPhrase {
  if (!knownIds.has(phraseId)) {
    throw badRequest('unknown_phrase', `There is no phrase "${phraseId}" in the phrasebook; reload the page to get the current phrases.`);
  }
  try {
    const own = phraseText(phraseId, language, values);
    if (own !== null) return { text: own, language };
    return { text: phraseText(phraseId, 'en', values)!, language: 'en' };
  } catch (error) {
    throw badRequest('invalid_phrase_values', `${error instanceof Error ? error.message : String(error)}.`, { phraseId });
  }
}

/** The phrase's words in `language`, or null when they cannot be made (for comparing a replayed line). */
export function phraseWordsIn(phraseId: string, language: string, values: Readonly<Record<string, string>>): string | null {
  try {
    return phraseText(phraseId, language, values);
  } catch {
    return null;
  }
}
