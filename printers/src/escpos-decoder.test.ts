import CodepageEncoder from '@point-of-sale/codepage-encoder';
import { describe, expect, it } from 'vitest';
import { codepageTable } from './codepage-tables.ts';
import { readCommands } from './escpos-commands.ts';
import { decodeEscPos } from './escpos-decoder.ts';

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

describe('decodeEscPos: code pages', () => {
  it.each([
    // [ESC t n, bytes, text] with bytes taken from the published code page charts.
    ['cp437', 0, [0x82, 0x84, 0x9c, 0xe1], 'éä£ß'],
    ['cp850', 2, [0x82, 0xd5, 0x9d], 'éıØ'],
    ['cp858', 19, [0xd5, 0x82], '€é'],
    ['cp866', 17, [0x8f, 0xe0, 0xa8, 0xa2, 0xa5, 0xe2, 0xf1], 'Приветё'],
    ['windows1251', 46, [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0xb8], 'Приветё'],
    ['windows1252', 16, [0x80, 0xe9, 0xa7], '€é§'],
  ])('decodes %s text', (_name, n, bytes, text) => {
    const decoded = decodeEscPos([ESC, 0x40, ESC, 0x74, n, ...bytes, LF]);
    expect(decoded.lines).toEqual([text]);
  });

  it('starts in cp437 after ESC @ and switches page mid-line', () => {
    const decoded = decodeEscPos([ESC, 0x40, 0x82, ESC, 0x74, 17, 0x8f, LF]);
    expect(decoded.lines).toEqual(['éП']);
    expect(decoded.codepages).toEqual(['cp866']);
  });

  it('agrees with the WHATWG decoders where both exist (cp866, cp1251)', () => {
    for (const [page, label] of [['cp866', 'ibm866'], ['windows1251', 'windows-1251']] as const) {
      const ours = codepageTable(page);
      const library = CodepageEncoder.getEncoding(page).codepoints;
      const whatwg = new TextDecoder(label);
      for (let byte = 0x80; byte < 0x100; byte++) {
        expect(ours[byte]).toBe(whatwg.decode(Uint8Array.of(byte)));
        if (library[byte] !== 0xfffd) expect(ours[byte]).toBe(String.fromCodePoint(library[byte]!));
      }
    }
  });

  it('marks text in a page it does not know instead of guessing', () => {
    expect(decodeEscPos([ESC, 0x74, 99, 0x80, LF]).lines).toEqual(['\ufffd']);
  });
});

describe('decodeEscPos: commands', () => {
  it('reads a QR code from GS ( k: store, then print', () => {
    const url = ascii('http://hub.local/r/1');
    const store = [GS, 0x28, 0x6b, (url.length + 3) & 0xff, (url.length + 3) >> 8, 0x31, 0x50, 0x30, ...url];
    const print = [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30];
    const decoded = decodeEscPos([...store, ...print]);
    expect(decoded.qrCodes).toEqual(['http://hub.local/r/1']);
  });

  it('counts cuts of every form: GS V 0, GS V 1, GS V 65 n, GS V 66 n', () => {
    const decoded = decodeEscPos([GS, 0x56, 0, GS, 0x56, 1, GS, 0x56, 65, 3, GS, 0x56, 66, 3]);
    expect(decoded.cuts).toBe(4);
    expect(decoded.events.map((e) => (e.type === 'cut' ? e.partial : null))).toEqual([false, true, false, true]);
  });

  it('skips raster image data even when it contains a DLE EOT or a line feed', () => {
    const rows = [0x10, 0x04, 0x01, LF, 0x10, 0x04, 0x02, LF]; // 1 byte wide, 8 rows
    const decoded = decodeEscPos([GS, 0x76, 0x30, 0, 1, 0, 8, 0, ...rows, ...ascii('after'), LF]);
    expect(decoded.imageCount).toBe(1);
    expect(decoded.images[0]).toEqual({ mode: 'raster', width: 8, height: 8 });
    expect(decoded.statusRequests).toEqual([]);
    expect(decoded.lines).toEqual(['after']);
  });

  it('counts column images (ESC *) too', () => {
    const decoded = decodeEscPos([ESC, 0x2a, 33, 2, 0, 1, 2, 3, 4, 5, 6]);
    expect(decoded.images).toEqual([{ mode: 'column', width: 2, height: 24 }]);
  });

  it('tracks bold and size and the width a line takes', () => {
    const decoded = decodeEscPos([ESC, 0x45, 1, GS, 0x21, 0x11, ...ascii('BIG'), GS, 0x21, 0x00, ...ascii('x'), ESC, 0x45, 0, LF]);
    expect(decoded.styles).toEqual([
      { kind: 'bold', on: true }, { kind: 'size', width: 2, height: 2 }, { kind: 'size', width: 1, height: 1 }, { kind: 'bold', on: false },
    ]);
    expect(decoded.lineDetails[0]).toEqual({ text: 'BIGx', columns: 7, bold: true, size: 2 });
  });

  it('records status requests and unknown commands, and notices a command cut short', () => {
    const decoded = decodeEscPos([0x10, 0x04, 1, 0x10, 0x04, 4, ESC, 0x7f, GS, 0x76, 0x30, 0, 10]);
    expect(decoded.statusRequests).toEqual([1, 4]);
    expect(decoded.unknown).toEqual([[ESC, 0x7f]]);
    expect(decoded.truncated).toBe(true);
  });

  it('prints no blank line for a line feed at zero line spacing', () => {
    const decoded = decodeEscPos([ESC, 0x33, 0, LF, LF, ESC, 0x32, LF, ...ascii('a'), LF]);
    expect(decoded.lines).toEqual(['', 'a']);
  });
});

describe('readCommands', () => {
  it('stops before an unfinished command so a stream reader can wait for the rest', () => {
    const bytes = Uint8Array.from([...ascii('ab'), 0x10, 0x04, 1, GS, 0x28, 0x6b, 0x10, 0x00, 0x31]);
    const { commands, rest } = readCommands(bytes);
    expect(commands.map((c) => c.type)).toEqual(['text', 'status-request']);
    expect(rest).toBe(5);
  });
});
