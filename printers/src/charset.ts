// Which characters a thermal printer can print from its built-in code pages, and in which page.
//
// ESC/POS printers have no Unicode: text is single bytes in the active code page (ESC t n). A line
// whose characters all exist in some code page prints as text; anything else (CJK, Thai, Arabic,
// Hebrew...) goes through the raster fallback in raster-line.ts so the printer never prints `?`.
import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';

/**
 * Code pages we let the encoder pick from, in order of preference. All exist in the Epson table
 * (`codepageMapping: 'epson'`) and in the decoder. Left out on purpose: the Thai, Arabic and Hebrew
 * pages, because the printer neither shapes Arabic nor reverses right-to-left text nor stacks Thai
 * marks, so "mapped" text in those pages would still print wrong; those scripts take the raster path.
 */
export const DEFAULT_CODEPAGES: readonly Codepage[] = [
  'cp437', // US / Western Europe, the power-on default
  'cp858', // cp850 with the euro sign
  'cp866', // Cyrillic (DOS), the common Russian page on ESC/POS printers
  'windows1252',
  'windows1251', // Cyrillic (Windows) for letters cp866 lacks (Ukrainian, Belarusian)
  'cp852', // Central Europe
  'windows1250',
  'cp857', // Turkish
  'windows1254',
  'cp737', // Greek
  'windows1253',
  'windows1257', // Baltic
];

export interface CodepageFragment {
  codepage: Codepage;
  text: string;
}

const positionCache = new Map<string, Map<number, number>>();

/**
 * Unicode code point → first byte of that code point in the page, which is the byte the encoder's
 * `CodepageEncoder.encode` will emit. Bytes below 0x20 are ESC/POS control codes even where the DOS
 * page draws a glyph (cp437 puts § at 0x15), so they do not count as printable.
 */
function positions(codepage: Codepage): Map<number, number> {
  let map = positionCache.get(codepage);
  if (!map) {
    map = new Map();
    const codepoints = CodepageEncoder.getEncoding(codepage).codepoints;
    codepoints.forEach((codepoint, byte) => {
      if (!map!.has(codepoint)) map!.set(codepoint, byte);
    });
    for (const [codepoint, byte] of map) {
      if (byte < 0x20 || byte === 0x7f || codepoint === 0xfffd) map.delete(codepoint);
    }
    positionCache.set(codepage, map);
  }
  return map;
}

/** The byte `char` becomes in `codepage`, or undefined when the page cannot print it. */
export function byteInCodepage(char: string, codepage: Codepage): number | undefined {
  const codepoint = char.codePointAt(0);
  return codepoint === undefined ? undefined : positions(codepage).get(codepoint);
}

function isPlainAscii(codepoint: number): boolean {
  return codepoint >= 0x20 && codepoint < 0x7f;
}

/** True when some candidate page can print the character. */
export function isPrintableChar(char: string, candidates: readonly Codepage[] = DEFAULT_CODEPAGES): boolean {
  const codepoint = char.codePointAt(0)!;
  if (isPlainAscii(codepoint)) return true;
  return candidates.some((codepage) => byteInCodepage(char, codepage) !== undefined);
}

/**
 * Split text into runs that each print in one code page, preferring to stay in the current page
 * (every switch costs an ESC t). Returns null when a character fits no candidate page.
 */
export function planCodepages(
  text: string,
  candidates: readonly Codepage[] = DEFAULT_CODEPAGES,
): CodepageFragment[] | null {
  const fragments: CodepageFragment[] = [];
  let pending = ''; // plain ASCII waiting for a page: it fits in any of them
  let current: CodepageFragment | undefined;

  for (const char of text) {
    const codepoint = char.codePointAt(0)!;
    if (isPlainAscii(codepoint)) {
      if (current) current.text += char;
      else pending += char;
      continue;
    }
    if (current && byteInCodepage(char, current.codepage) !== undefined) {
      current.text += char;
      continue;
    }
    const codepage = candidates.find((candidate) => byteInCodepage(char, candidate) !== undefined);
    if (!codepage) return null;
    current = { codepage, text: pending + char };
    pending = '';
    fragments.push(current);
  }
  if (pending) fragments.push({ codepage: candidates[0] ?? 'cp437', text: pending });
  return fragments;
}

export function isPrintableText(text: string, candidates: readonly Codepage[] = DEFAULT_CODEPAGES): boolean {
  return planCodepages(text, candidates) !== null;
}

/**
 * Columns a character takes on paper. Code-page characters take one column. Everything else is
 * drawn by the raster fallback as a box two columns wide (the width of a CJK glyph), so layout can
 * reserve the room before it knows how the line will be printed.
 */
export function charColumns(char: string, candidates: readonly Codepage[] = DEFAULT_CODEPAGES): number {
  return isPrintableChar(char, candidates) ? 1 : 2;
}

export function textColumns(text: string, candidates: readonly Codepage[] = DEFAULT_CODEPAGES): number {
  let columns = 0;
  for (const char of text) columns += charColumns(char, candidates);
  return columns;
}

const REPLACEMENTS = new Map<string, string>([
  ['\u2018', "'"], ['\u2019', "'"], ['\u201a', "'"], ['\u2032', "'"],
  ['\u201c', '"'], ['\u201d', '"'], ['\u201e', '"'], ['\u2033', '"'],
  ['\u2010', '-'], ['\u2011', '-'], ['\u2012', '-'], ['\u2013', '-'], ['\u2014', '-'], ['\u2015', '-'],
  ['\u2212', '-'], ['\u2026', '...'], ['\u2022', '*'], ['\t', ' '],
]);

function isSpaceLike(codepoint: number): boolean {
  return codepoint === 0xa0 || (codepoint >= 0x2000 && codepoint <= 0x200a) ||
    codepoint === 0x202f || codepoint === 0x205f || codepoint === 0x3000;
}

function isInvisible(codepoint: number): boolean {
  return codepoint === 0xad || (codepoint >= 0x200b && codepoint <= 0x200d) ||
    codepoint === 0x2060 || codepoint === 0xfeff ||
    (codepoint < 0x20 && codepoint !== 0x09) || codepoint === 0x7f;
}

/**
 * Make menu text printer-friendly without changing what it says: compose accents (NFC), turn
 * typographic quotes, dashes and spaces into their ASCII look-alikes (no code page has U+202F, and
 * Intl puts it inside formatted money), and drop invisible and control characters.
 */
export function normalizeForPrint(text: string): string {
  let result = '';
  for (const char of text.normalize('NFC')) {
    const codepoint = char.codePointAt(0)!;
    if (isSpaceLike(codepoint)) result += ' ';
    else if (isInvisible(codepoint)) continue;
    else result += REPLACEMENTS.get(char) ?? char;
  }
  return result;
}
