// What an engine hands back: its translation as "marked text", where a word it could not translate
// carries a mark in front, as Apertium writes them: `*` a word it does not know (copied as typed),
// `@` a word it knows but has no translation for, `#` a translated word it could not inflect. Literal
// `*`, `@`, `#` and `\` in the text are escaped with `\`, so a guest who types "*five stars*" is not
// mistaken for five unknown words. The marked text is what the cache keeps: the knowledge that a
// translation is partial lasts as long as the translation. People only ever see `readMarked(...).text`.

const MARKS = '*@#';
const ESCAPABLE = /[\\*@#]/g;
// A marked word: letters and digits of any script, with inner apostrophes ("l'eau"); Apertium splits at
// hyphens and spaces, marking each unknown piece on its own.
const WORD = /^[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/u;

/** Plain text as marked text that marks nothing: for engines that translate every word, and for kept
 *  pieces (tags, typed marks) put back between translated words. */
export function escapeMarks(text: string): string {
  return text.replace(ESCAPABLE, (char) => `\\${char}`);
}

export interface ReadTranslation {
  /** The translation as people read it: no marks, escapes undone. */
  text: string;
  /** True when the engine marked any word. */
  partial: boolean;
  /** The marked words, once each, in order of appearance, as they stand in `text`. */
  untranslatedWords: string[];
}

export function readMarked(marked: string): ReadTranslation {
  let text = '';
  const words: string[] = [];
  let partial = false;
  for (let index = 0; index < marked.length; index += 1) {
    const char = marked[index]!;
    const next = marked[index + 1];
    if (char === '\\' && next !== undefined && (next === '\\' || MARKS.includes(next))) {
      text += next;
      index += 1;
    } else if (MARKS.includes(char)) {
      // A mark is never shown, even one with no word after it (an engine's oddity, not the guest's text).
      partial = true;
      const word = WORD.exec(marked.slice(index + 1))?.[0];
      if (word && !words.includes(word)) words.push(word);
    } else {
      text += char;
    }
  }
  return { text, partial, untranslatedWords: words };
}

// The cache kept plain text before translations were marked: such a row cannot say whether it was
// partial, so it is not trusted and the text is translated again (and the row rewritten). A marked
// text never starts with `\v` (a backslash in it is always followed by `\`, `*`, `@` or `#`).
const CACHE_FORMAT = '\\v2 ';

/** The marked translation as the cache stores it. */
export function toCacheText(marked: string): string {
  return CACHE_FORMAT + marked;
}

/** The marked translation a cache row holds, or null for a row written before marks were kept. */
export function fromCacheText(stored: string): string | null {
  return stored.startsWith(CACHE_FORMAT) ? stored.slice(CACHE_FORMAT.length) : null;
}
