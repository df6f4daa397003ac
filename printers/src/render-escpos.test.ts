import { describe, expect, it } from 'vitest';
import { buildKitchenTicket } from './documents.ts';
import { decodeEscPos } from './escpos-decoder.ts';
import { renderEscPos } from './render-escpos.ts';
import { sampleKitchenTicket, sampleReceipt } from './samples.ts';

const cp866 = (text: string) => [...text].map((c) => {
  // cp866: А-п at 0x80-0xAF, р-я at 0xE0-0xEF (ё at 0xF1); computed here, not taken from a library.
  const code = c.codePointAt(0)!;
  if (code >= 0x410 && code <= 0x43f) return 0x80 + code - 0x410;
  if (code >= 0x440 && code <= 0x44f) return 0xe0 + code - 0x440;
  return code;
});

function indexOfBytes(haystack: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('renderEscPos: kitchen ticket', () => {
  it('prints a Russian item name as real cp866 bytes that decode back to the same Cyrillic', () => {
    const bytes = renderEscPos(sampleKitchenTicket(), { paper: 80 });
    const decoded = decodeEscPos(bytes);

    expect(decoded.lines).toContain('1x Борщ со сметаной');
    expect(decoded.lines).toContain('   ! Без чеснока');
    expect(decoded.codepages).toContain('cp866');
    // ESC t 17 selects cp866 on Epson, followed by the Cyrillic bytes themselves.
    expect(indexOfBytes(bytes, [0x1b, 0x74, 17])).toBeGreaterThan(-1);
    expect(indexOfBytes(bytes, cp866('Борщ'))).toBeGreaterThan(-1);
    expect(decoded.lines.join('\n')).not.toContain('?');
    expect(decoded.unknown).toEqual([]);
    expect(decoded.truncated).toBe(false);
  });

  it('prints the station, table, order number, time, modifiers, allergens and a cut', () => {
    const decoded = decodeEscPos(renderEscPos(sampleKitchenTicket({ rush: true }), { paper: 80 }));
    const text = decoded.lines.map((line) => line.trim());

    expect(text).toContain('GRILL');
    expect(text).toContain('*** RUSH ***');
    expect(text.some((line) => /^Table 7 +#12$/.test(line))).toBe(true);
    expect(text).toContain('14:05'); // 13:05 UTC is 14:05 in Berlin in November
    expect(text).toContain('+ Medium');
    expect(text).toContain('ALLERGENS: gluten, milk');
    expect(text).toContain('NOTE: Guest is in a hurry');
    expect(decoded.cuts).toBe(1);
    expect(decoded.events.at(-1)).toEqual({ type: 'cut', partial: false });
    expect(decoded.styles).toContainEqual({ kind: 'size', width: 2, height: 2 });
    expect(decoded.styles).toContainEqual({ kind: 'bold', on: true });
    expect(decoded.lineDetails.find((line) => line.text.trim() === 'GRILL')).toMatchObject({ bold: true, size: 2 });
  });

  it('keeps the indentation of modifier lines (the encoder drops leading spaces of text)', () => {
    const decoded = decodeEscPos(renderEscPos(sampleKitchenTicket(), { paper: 58 }));
    expect(decoded.lines).toContain('   + Extra bacon');
  });

  it.each([
    [58, 32],
    [80, 48],
  ] as const)('never prints a line wider than %i mm paper allows (%i columns)', (paper, columns) => {
    for (const document of [sampleKitchenTicket({ rush: true, reprint: true }), sampleReceipt()]) {
      const decoded = decodeEscPos(renderEscPos(document, { paper }));
      expect(decoded.lineDetails.length).toBeGreaterThan(10);
      for (const line of decoded.lineDetails) expect(line.columns, line.text).toBeLessThanOrEqual(columns);
      // The rule fills the paper exactly, so the width is really used, not just respected.
      expect(decoded.lines).toContain('-'.repeat(columns));
    }
  });

  it('wraps a long item name on 58 mm paper with the continuation indented under the name', () => {
    const decoded = decodeEscPos(renderEscPos(sampleKitchenTicket(), { paper: 58 }));
    const start = decoded.lines.findIndex((line) => line.startsWith('1x Crème brûlée'));
    expect(start).toBeGreaterThan(-1);
    expect(decoded.lines[start + 1]).toMatch(/^ {3}\S/);
    expect(decoded.lines.slice(start, start + 3).map((l) => l.trim()).join(' ')).toBe('1x Crème brûlée with a very long name that must wrap on narrow paper');
  });

  it('prints a CJK item name as a raster image line, never as "?"', () => {
    const ticket = buildKitchenTicket({
      station: 'grill', tableName: 'Table 3', orderNumber: 4, placedAt: '2025-11-30T12:00:00Z',
      items: [{ quantity: 1, name: '拉面 Ramen' }, { quantity: 1, name: 'Borscht' }],
    });
    const bytes = renderEscPos(ticket, { paper: 80 });
    const decoded = decodeEscPos(bytes);

    expect(decoded.imageCount).toBe(1);
    expect(decoded.images[0]).toEqual({ mode: 'raster', width: 576, height: 32 });
    expect(decoded.lines.join('\n')).not.toContain('?');
    expect(indexOfBytes(bytes, [0x3f])).toBe(-1); // no "?" byte anywhere in the job
    // The image stands where the line would be: between the rule and the next item.
    const kinds = decoded.events.map((e) => (e.type === 'line' ? e.line.text : e.type));
    const image = kinds.indexOf('image');
    expect(kinds[image - 1]).toBe('-'.repeat(48));
    expect(kinds[image + 1]).toBe('1x Borscht');
  });

  it('uses the Windows page for § rather than the DOS control position 0x15', () => {
    const ticket = buildKitchenTicket({ station: 'bar', tableName: 'Table 1', orderNumber: 1, placedAt: new Date(), items: [{ quantity: 1, name: 'Menu § 3' }] });
    const bytes = renderEscPos(ticket, { paper: 80 });
    expect(indexOfBytes(bytes, [0x15])).toBe(-1);
    expect(decodeEscPos(bytes).lines).toContain('1x Menu § 3');
  });
});

describe('renderEscPos: receipt', () => {
  it('decodes with its items, total line, payment, QR content and a cut after the QR', () => {
    const receipt = sampleReceipt();
    const decoded = decodeEscPos(renderEscPos(receipt, { paper: 80 }));
    const text = decoded.lines.map((line) => line.trim());

    expect(text).toContain('OneMoment Demo Bistro');
    expect(text).toContain('Friedrichstraße 1, 10117 Berlin');
    expect(text).toContain('30.11.2025 20:42');
    expect(decoded.lines).toContain(`2x Classic Burger${' '.repeat(48 - 17 - 6)}€29.80`);
    expect(decoded.lines).toContain(`1x Борщ со сметаной${' '.repeat(48 - 19 - 5)}€7.90`);
    expect(text.some((line) => /^incl\. VAT 19% +€7\.46$/.test(line))).toBe(true);
    const total = decoded.lineDetails.find((line) => line.text.startsWith('TOTAL'));
    expect(total).toMatchObject({ text: `TOTAL${' '.repeat(24 - 5 - 6)}€46.70`, bold: true, size: 2, columns: 48 });
    expect(text.some((line) => /^Card +€46\.70$/.test(line))).toBe(true);
    expect(decoded.qrCodes).toEqual([receipt.qrUrl]);
    expect(decoded.cuts).toBe(1);
    const order = decoded.events.map((e) => e.type).filter((t) => t === 'qr' || t === 'cut');
    expect(order).toEqual(['qr', 'cut']);
    expect(text).toContain('Спасибо!');
    expect(decoded.codepages).toEqual(expect.arrayContaining(['cp858', 'cp866']));
  });

  it('prints the currency code when the code pages have no symbol for it (₽)', () => {
    const receipt = sampleReceipt({ currency: 'RUB', language: 'ru', payment: null, taxes: [] });
    const decoded = decodeEscPos(renderEscPos(receipt, { paper: 58 }));
    expect(decoded.imageCount).toBe(0);
    const total = decoded.lines.find((line) => line.startsWith('ИТОГО'));
    expect(total).toMatch(/^ИТОГО +46,70 RUB$/);
  });
});
