// The fallback for a line the printer's code pages cannot show (Chinese, Japanese, Korean, Thai,
// Arabic, Hebrew...). Without a font library we cannot draw those glyphs, so the line is printed as
// a bitmap in which:
//   - printable ASCII (and €) is drawn with the small built-in 3×5 font below (scaled ×3),
//     lower case as upper case;
//   - every character no code page has becomes a "missing glyph" box two columns wide with its
//     code point in hex inside (拉 → a box reading 62 C9), like the tofu a browser shows;
//   - other code-page letters that share a line with such characters (é, Ж) are drawn as their
//     unaccented ASCII letter when there is one, else as an empty narrow box.
// It is a stand-in, not a rendering: the kitchen sees that something is there and which character,
// and the printer never prints `?` or bytes from the wrong code page.
import type { Codepage } from '@point-of-sale/codepage-encoder';
import { DEFAULT_CODEPAGES, isPrintableChar } from './charset.ts';
import type { PaperProfile } from './documents.ts';
import type { Align } from './layout.ts';

/** One column of font A is 12 dots wide on 203 dpi paper (576 dots / 48 columns). */
export const CELL_WIDTH = 12;
/** A raster line is 32 dots high: about a text line with the default line spacing, room for the box. */
export const LINE_HEIGHT = 32;

// 3×5 glyphs, rows top to bottom, '#' = ink. Drawn for this project; upper case only.
const GLYPHS: Record<string, string> = {
  ' ': '... ... ... ... ...', '!': '.#. .#. .#. ... .#.', '"': '#.# #.# ... ... ...', '#': '#.# ### #.# ### #.#',
  '$': '.## ##. .#. .## ##.', '%': '#.. ..# .#. #.. ..#', '&': '.#. #.# .#. #.# .##', "'": '.#. .#. ... ... ...',
  '(': '..# .#. .#. .#. ..#', ')': '#.. .#. .#. .#. #..', '*': '... #.# .#. #.# ...', '+': '... .#. ### .#. ...',
  ',': '... ... ... .#. #..', '-': '... ... ### ... ...', '.': '... ... ... ... .#.', '/': '..# ..# .#. #.. #..',
  '0': '### #.# #.# #.# ###', '1': '.#. ##. .#. .#. ###', '2': '### ..# ### #.. ###', '3': '### ..# .## ..# ###',
  '4': '#.# #.# ### ..# ..#', '5': '### #.. ### ..# ###', '6': '### #.. ### #.# ###', '7': '### ..# ..# .#. .#.',
  '8': '### #.# ### #.# ###', '9': '### #.# ### ..# ###', ':': '... .#. ... .#. ...', ';': '... .#. ... .#. #..',
  '<': '..# .#. #.. .#. ..#', '=': '... ### ... ### ...', '>': '#.. .#. ..# .#. #..', '?': '### ..# .## ... .#.',
  '@': '### #.# ### #.. .##', 'A': '.#. #.# ### #.# #.#', 'B': '##. #.# ##. #.# ##.', 'C': '.## #.. #.. #.. .##',
  'D': '##. #.# #.# #.# ##.', 'E': '### #.. ##. #.. ###', 'F': '### #.. ##. #.. #..', 'G': '.## #.. #.# #.# .##',
  'H': '#.# #.# ### #.# #.#', 'I': '### .#. .#. .#. ###', 'J': '..# ..# ..# #.# .#.', 'K': '#.# #.# ##. #.# #.#',
  'L': '#.. #.. #.. #.. ###', 'M': '#.# ### ### #.# #.#', 'N': '##. #.# #.# #.# #.#', 'O': '.#. #.# #.# #.# .#.',
  'P': '##. #.# ##. #.. #..', 'Q': '.#. #.# #.# ##. .##', 'R': '##. #.# ##. #.# #.#', 'S': '.## #.. .#. ..# ##.',
  'T': '### .#. .#. .#. .#.', 'U': '#.# #.# #.# #.# ###', 'V': '#.# #.# #.# #.# .#.', 'W': '#.# #.# ### ### #.#',
  'X': '#.# #.# .#. #.# #.#', 'Y': '#.# #.# .#. .#. .#.', 'Z': '### ..# .#. #.. ###', '[': '##. #.. #.. #.. ##.',
  '\\': '#.. #.. .#. ..# ..#', ']': '.## ..# ..# ..# .##', '^': '.#. #.# ... ... ...', '_': '... ... ... ... ###',
  '`': '#.. .#. ... ... ...', '{': '.## .#. ##. .#. .##', '|': '.#. .#. .#. .#. .#.', '}': '##. .#. .## .#. ##.',
  '~': '... .## ##. ... ...', '€': '.## ### #.. ### .##',
};

/** A 1-bit image, one byte per dot (1 = ink), row-major. */
export interface Bitmap {
  width: number;
  height: number;
  dots: Uint8Array;
}

function createBitmap(width: number, height: number): Bitmap {
  return { width, height, dots: new Uint8Array(width * height) };
}

function fill(bitmap: Bitmap, x: number, y: number, w: number, h: number): void {
  for (let row = Math.max(0, y); row < Math.min(bitmap.height, y + h); row++) {
    for (let col = Math.max(0, x); col < Math.min(bitmap.width, x + w); col++) bitmap.dots[row * bitmap.width + col] = 1;
  }
}

function drawGlyph(bitmap: Bitmap, glyph: string, x: number, y: number, scaleX: number, scaleY: number): void {
  glyph.split(' ').forEach((row, r) => {
    for (let c = 0; c < row.length; c++) if (row[c] === '#') fill(bitmap, x + c * scaleX, y + r * scaleY, scaleX, scaleY);
  });
}

function drawBox(bitmap: Bitmap, x: number, y: number, w: number, h: number, scale: number): void {
  fill(bitmap, x, y, w, scale);
  fill(bitmap, x, y + h - scale, w, scale);
  fill(bitmap, x, y, scale, h);
  fill(bitmap, x + w - scale, y, scale, h);
}

function glyphFor(char: string): string | undefined {
  const upper = char.toUpperCase();
  if (GLYPHS[upper] && upper.length === 1) return GLYPHS[upper];
  // é → e, Ö → O: the base letter of a composed Latin character.
  const base = char.normalize('NFD')[0]?.toUpperCase();
  return base && base !== char && base.charCodeAt(0) < 0x7f ? GLYPHS[base] : undefined;
}

/** The code point of a missing glyph, as the 2 or 3 rows of 2 hex digits drawn in its box. */
function hexRows(char: string): string[] {
  const hex = char.codePointAt(0)!.toString(16).toUpperCase();
  const padded = hex.length <= 4 ? hex.padStart(4, '0') : hex.padStart(6, '0');
  return padded.match(/../g) ?? [];
}

function drawMissingGlyph(bitmap: Bitmap, char: string, x: number, y: number, scale: number): void {
  const w = 2 * CELL_WIDTH * scale;
  const h = LINE_HEIGHT * scale;
  drawBox(bitmap, x + scale, y + scale, w - 2 * scale, h - 2 * scale, scale);
  const rows = hexRows(char);
  // Digits 3×5 at ×2 (×1 for six digits), one dot apart, centred in the box.
  const digitScale = (rows.length === 2 ? 2 : 1) * scale;
  const rowHeight = 5 * digitScale;
  const blockHeight = rows.length * rowHeight + (rows.length - 1) * 2 * scale;
  let top = y + Math.floor((h - blockHeight) / 2);
  for (const row of rows) {
    const rowWidth = 2 * 3 * digitScale + digitScale;
    let left = x + Math.floor((w - rowWidth) / 2);
    for (const digit of row) {
      drawGlyph(bitmap, GLYPHS[digit]!, left, top, digitScale, digitScale);
      left += 4 * digitScale;
    }
    top += rowHeight + 2 * scale;
  }
}

export interface RasterLineOptions {
  paper: PaperProfile;
  size?: 1 | 2;
  align?: Align;
  bold?: boolean;
  codepages?: readonly Codepage[];
}

/** Columns a character takes in a raster line: the same rule as charset.charColumns. */
function cells(char: string, codepages: readonly Codepage[]): number {
  return isPrintableChar(char, codepages) ? 1 : 2;
}

/**
 * Draw one text line as a bitmap the full width of the paper and 32 dots high (64 at size 2). Both dimensions are multiples of 8, as the printer's raster command needs.
 */
export function drawTextLine(text: string, options: RasterLineOptions): Bitmap {
  const size = options.size ?? 1;
  const codepages = options.codepages ?? DEFAULT_CODEPAGES;
  const bitmap = createBitmap(options.paper.dotsPerLine, LINE_HEIGHT * size);
  const chars = [...text];
  const used = chars.reduce((sum, char) => sum + cells(char, codepages), 0) * CELL_WIDTH * size;
  const free = Math.max(0, bitmap.width - used);
  let x = options.align === 'center' ? Math.floor(free / 2) : options.align === 'right' ? free : 0;
  const glyphScaleX = 3 * size;
  const glyphScaleY = 3 * size;
  for (const char of chars) {
    const width = cells(char, codepages) * CELL_WIDTH * size;
    if (width === 2 * CELL_WIDTH * size) {
      drawMissingGlyph(bitmap, char, x, 0, size);
    } else if (char !== ' ') {
      const glyph = glyphFor(char);
      const top = Math.floor((LINE_HEIGHT * size - 5 * glyphScaleY) / 2);
      const left = x + Math.floor((width - 3 * glyphScaleX) / 2);
      if (glyph) {
        drawGlyph(bitmap, glyph, left, top, glyphScaleX, glyphScaleY);
        if (options.bold) drawGlyph(bitmap, glyph, left + 1, top, glyphScaleX, glyphScaleY);
      } else {
        drawBox(bitmap, left, top, 3 * glyphScaleX, 5 * glyphScaleY, size);
      }
    }
    x += width;
  }
  return bitmap;
}

/** RGBA pixels (black ink on white) in the `{ data, width, height }` shape the encoder accepts. */
export function bitmapToRgba(bitmap: Bitmap): { data: Uint8ClampedArray; width: number; height: number } {
  const data = new Uint8ClampedArray(bitmap.width * bitmap.height * 4);
  for (let i = 0; i < bitmap.dots.length; i++) {
    const value = bitmap.dots[i] ? 0 : 255;
    data[i * 4] = value;
    data[i * 4 + 1] = value;
    data[i * 4 + 2] = value;
    data[i * 4 + 3] = 255;
  }
  return { data, width: bitmap.width, height: bitmap.height };
}

export function isRasterText(text: string, codepages: readonly Codepage[] = DEFAULT_CODEPAGES): boolean {
  for (const char of text) if (!isPrintableChar(char, codepages)) return true;
  return false;
}
