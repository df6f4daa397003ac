// Getting plain text through Apertium and back unharmed, with its marks on the words it could not
// translate (see marked-text.ts). Apertium's text deformatter already escapes the characters its stream
// format reserves (`^ $ @ * # [ ] \ / < >`), so those come back as typed. Three things it does not do
// are done here:
//  - HTML-looking tags are words to Apertium: `<script>` would come back as `<Alerta>`, and words can
//    move across tags. Each tag is swapped for a tab, which Apertium passes through in place as a
//    "superblank", and put back afterwards. Tabs cannot occur otherwise: normalised text has none.
//  - A typed `*`, `@` or `#` would come back looking exactly like Apertium's own marks for unknown
//    words. Each is swapped for a tab too, so every mark in the output is Apertium's.
//  - Apertium leaves a space where it drops a word ("I love" → " Quiero") and doubles some spaces;
//    the output is tidied.
import { escapeMarks } from './marked-text.ts';
import { normaliseSourceText } from './source-text.ts';

const MARK = '\t';
const TAG = /<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?\/?>|[*@#]/g;

export interface ApertiumInput {
  /** What goes to Apertium's stdin. */
  text: string;
  /** The tags and typed marks taken out, in order, one per tab in `text`. */
  kept: string[];
}

export function toApertiumInput(text: string): ApertiumInput {
  const kept: string[] = [];
  const marked = normaliseSourceText(text).replace(TAG, (tag) => {
    kept.push(tag);
    return MARK;
  });
  return { text: marked, kept };
}

/**
 * Apertium's output → the marked translation: tidy spacing, tags and typed marks back (escaped) where
 * their tabs came out, Apertium's marks kept as they are.
 */
export function fromApertiumOutput(output: string, kept: readonly string[]): string {
  const tidy = output
    .replace(/\r\n?/g, '\n')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/^[ \n]+|[ \n]+$/g, '');
  // Between the tabs, every `*`, `@` or `#` is Apertium's mark; only a backslash needs escaping there.
  const parts = tidy.split(MARK).map((part) => part.replace(/\\/g, '\\\\'));
  // Apertium keeps superblanks, so the count matches; if some future pair did not, the tags are
  // dropped rather than put in the wrong places.
  if (parts.length !== kept.length + 1) return parts.join(' ').replace(/ {2,}/g, ' ').trim();
  return parts.reduce((joined, part, index) => joined + escapeMarks(kept[index - 1] ?? '') + part);
}
