import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { encodeQr, penalty, qrPath, type QrModules } from './qr-code.ts';

/** Reads a code back the way a phone camera would: an image, scaled, with its quiet zone, through jsQR. */
function decode(modules: QrModules, scale = 4): { data: string; version: number } | null {
  const quiet = 4;
  const side = (modules.length + quiet * 2) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const offset = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
          pixels[offset] = pixels[offset + 1] = pixels[offset + 2] = 0;
        }
      }
    }),
  );
  const result = jsQR(pixels, side, side, { inversionAttempts: 'dontInvert' });
  return result ? { data: result.data, version: result.version } : null;
}

const TON_LINK = 'ton://transfer/EQBvW8Z5huBkMJYdnfAEM5JqTNkuWX3diqYENkWsIL0XggGG?amount=3221153846&text=OM-7K2Q-X9';

describe('QR codes for the TON link', () => {
  it('encodes a real TON payment link so that a decoder reads it back exactly', () => {
    const modules = encodeQr(TON_LINK)!;
    const read = decode(modules);
    expect(read?.data).toBe(TON_LINK);
    // 95 bytes at level M: version 6 (41 × 41 modules).
    expect(modules.length).toBe(41);
  });

  it('reads back at every size from version 1 to 25, including those with version blocks and many ECC blocks', () => {
    // Lengths that land on each version's edge (level M byte capacities), so every version's layout is drawn.
    const capacities = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911, 997];
    capacities.forEach((capacity, index) => {
      const text = TON_LINK.repeat(11).slice(0, capacity);
      const modules = encodeQr(text)!;
      expect(modules.length, `${capacity} bytes`).toBe((index + 1) * 4 + 17);
      expect(decode(modules, 3)?.data, `version ${index + 1}`).toBe(text);
      // One byte more needs the next version.
      expect(encodeQr(`${text}x`)!.length).toBe((index + 2) * 4 + 17);
    });
  });

  it('keeps UTF-8 text (a comment in another script) intact', () => {
    const text = 'ton://transfer/EQBvW8Z5huBkMJYdnfAEM5JqTNkuWX3diqYENkWsIL0XggGG?amount=1&text=Столик%207';
    expect(decode(encodeQr(text)!)?.data).toBe(text);
  });

  it('says no to more than a QR code holds', () => {
    expect(encodeQr('x'.repeat(2331))).not.toBeNull();
    expect(encodeQr('x'.repeat(2332))).toBeNull();
  });

  it('scores a plain grid worse than a balanced one, and draws runs as one rectangle each', () => {
    const allDark = Array.from({ length: 21 }, () => new Array<boolean>(21).fill(true));
    const modules = encodeQr(TON_LINK)!;
    expect(penalty(allDark)).toBeGreaterThan(penalty(modules));
    const { size, d } = qrPath([
      [true, true, false],
      [false, true, false],
      [false, false, false],
    ]);
    expect(size).toBe(11);
    expect(d).toBe('M4 4h2v1h-2zM5 5h1v1h-1z');
  });
});
