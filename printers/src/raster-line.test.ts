import { describe, expect, it } from 'vitest';
import { PAPER } from './documents.ts';
import { bitmapToRgba, drawTextLine, type Bitmap } from './raster-line.ts';

function inkColumns(bitmap: Bitmap): number[] {
  const columns: number[] = [];
  for (let x = 0; x < bitmap.width; x++) {
    for (let y = 0; y < bitmap.height; y++) {
      if (bitmap.dots[y * bitmap.width + x]) {
        columns.push(x);
        break;
      }
    }
  }
  return columns;
}

/** The dots of one row as text, for looking at a glyph. */
function row(bitmap: Bitmap, y: number, from: number, to: number): string {
  let text = '';
  for (let x = from; x < to; x++) text += bitmap.dots[y * bitmap.width + x] ? '#' : '.';
  return text;
}

describe('drawTextLine (raster fallback)', () => {
  it('is the full paper width and a multiple of 8 dots high, as GS v 0 needs', () => {
    for (const paper of [PAPER[58], PAPER[80]]) {
      const line = drawTextLine('拉面', { paper });
      expect(line.width).toBe(paper.dotsPerLine);
      expect(line.width % 8).toBe(0);
      expect(line.height).toBe(32);
      expect(drawTextLine('拉面', { paper, size: 2 }).height).toBe(64);
    }
  });

  it('draws an unprintable character as a two-column box holding its code point', () => {
    const line = drawTextLine('拉', { paper: PAPER[58] }); // U+62C9
    const ink = inkColumns(line);
    expect(ink[0]).toBe(1);
    expect(ink.at(-1)).toBe(22); // a 24-dot (two-column) box with a one-dot gap each side
    // Row 5 of the box: the box edges and the top rows of "6" and "2" at double size.
    expect(row(line, 5, 0, 24)).toBe('.#...######..######...#.');
  });

  it('draws ASCII with the built-in font in one column per character, and centres the line', () => {
    const line = drawTextLine('拉 x1', { paper: PAPER[80], align: 'center' });
    const ink = inkColumns(line);
    const used = (2 + 1 + 1 + 1) * 12;
    const left = Math.floor((576 - used) / 2);
    expect(ink[0]).toBe(left + 1);
    expect(ink.at(-1)).toBeLessThan(left + used);
  });

  it('converts to black-on-white RGBA for the encoder', () => {
    const rgba = bitmapToRgba(drawTextLine('拉', { paper: PAPER[58] }));
    expect(rgba.data.length).toBe(384 * 32 * 4);
    expect([...rgba.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    const firstInk = (1 * 384 + 1) * 4; // row 1, column 1: the box corner
    expect([...rgba.data.subarray(firstInk, firstInk + 4)]).toEqual([0, 0, 0, 255]);
  });
});
