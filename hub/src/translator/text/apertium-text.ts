// Getting plain text through Apertium and back unharmed. Apertium's text deformatter already escapes
// the characters its stream format reserves (`^ $ @ * # [ ] \ / < >`), so those come back as typed.
// Two things it does not do are done here:
//  - HTML-looking tags are words to Apertium: `<script>` would come back as `<Alerta>`, and words can
//    move across tags. Each tag is swapped for a tab, which Apertium passes through in place as a
//    "superblank", and put back afterwards. Tabs cannot occur otherwise: normalised text has none.
//  - Apertium leaves a space where it drops a word ("I love" → " Quiero") and doubles some spaces;
//    the output is tidied.
import { normaliseSourceText } from './source-text.ts';

const MARK = '\t';
const TAG = /<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?\/?>/g;

export interface ApertiumInput {
  /** What goes to Apertium's stdin. */
  text: string;
  /** The tags taken out, in order, one per tab in `text`. */
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

/** Apertium's output → the translation: tidy spacing, tags back where their tabs came out. */
export function fromApertiumOutput(output: string, kept: readonly string[]): string {
  const tidy = output
    .replace(/\r\n?/g, '\n')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/^[ \n]+|[ \n]+$/g, '');
  const parts = tidy.split(MARK);
  // Apertium keeps superblanks, so the count matches; if some future pair did not, the tags are
  // dropped rather than put in the wrong places.
  if (parts.length !== kept.length + 1) return parts.join(' ').replace(/ {2,}/g, ' ').trim();
  return parts.reduce((joined, part, index) => joined + (kept[index - 1] ?? '') + part);
}
