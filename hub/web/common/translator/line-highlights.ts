/**
 * A line's text cut into pieces for highlighting: the words an engine left untranslated (so staff see at
 * once which words were not translated) and allergen words in either side's language (so "орехи" in a
 * half-translated question is never missed). Pure: the pages render the pieces.
 */
import type { Allergen } from '@onemoment/shared/schemas/menu';
import { findAllergens } from '@onemoment/shared/translator/allergen-words';

export interface LineSegment {
  text: string;
  untranslated: boolean;
  allergen: Allergen | null;
}

export interface HighlightOptions {
  /** Words to mark as untranslated wherever they stand as whole words. */
  untranslatedWords?: readonly string[];
  /** Languages to read allergen words in (both sides of the conversation). */
  languages: readonly string[];
  /** Only these allergens (the venue's menu); all when left out. */
  allergens?: readonly Allergen[];
}

interface Mark {
  start: number;
  end: number;
  untranslated?: true;
  allergen?: Allergen;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function untranslatedMarks(text: string, words: readonly string[]): Mark[] {
  const marks: Mark[] = [];
  for (const word of words) {
    if (word.trim() === '') continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escape(word)}(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
    for (const match of text.matchAll(pattern)) marks.push({ start: match.index, end: match.index + match[0].length, untranslated: true });
  }
  return marks;
}

export function lineSegments(text: string, options: HighlightOptions): LineSegment[] {
  const marks: Mark[] = [
    ...untranslatedMarks(text, options.untranslatedWords ?? []),
    ...findAllergens(text, options.languages, options.allergens).map(({ start, end, allergen }) => ({ start, end, allergen })),
  ];
  if (marks.length === 0) return text === '' ? [] : [{ text, untranslated: false, allergen: null }];
  // Cut at every mark's edges; each piece carries every mark that covers it (a word can be both).
  const cuts = [...new Set([0, text.length, ...marks.flatMap((mark) => [mark.start, mark.end])])].sort((a, b) => a - b);
  const segments: LineSegment[] = [];
  for (let index = 0; index < cuts.length - 1; index += 1) {
    const start = cuts[index]!;
    const end = cuts[index + 1]!;
    const covering = marks.filter((mark) => mark.start <= start && mark.end >= end);
    const segment = {
      text: text.slice(start, end),
      untranslated: covering.some((mark) => mark.untranslated),
      allergen: covering.find((mark) => mark.allergen)?.allergen ?? null,
    };
    const previous = segments.at(-1);
    if (previous && previous.untranslated === segment.untranslated && previous.allergen === segment.allergen) previous.text += segment.text;
    else segments.push(segment);
  }
  return segments;
}
