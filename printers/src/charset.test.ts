import { describe, expect, it } from 'vitest';
import { byteInCodepage, isPrintableText, normalizeForPrint, planCodepages, textColumns } from './charset.ts';

describe('charset', () => {
  it('plans Russian text in cp866 and keeps ASCII in the same run', () => {
    expect(planCodepages('2x Борщ')).toEqual([{ codepage: 'cp866', text: '2x Борщ' }]);
  });

  it('stays in the current page while it can, and switches only when it must', () => {
    expect(planCodepages('Café Борщ €5')).toEqual([
      { codepage: 'cp437', text: 'Café ' },
      { codepage: 'cp866', text: 'Борщ ' },
      { codepage: 'cp858', text: '€5' },
    ]);
  });

  it('never uses a byte below 0x20, where DOS pages draw symbols but printers see control codes', () => {
    expect(byteInCodepage('§', 'cp437')).toBeUndefined(); // cp437 has § only at 0x15
    expect(planCodepages('§')).toEqual([{ codepage: 'windows1252', text: '§' }]);
  });

  it('has no page for CJK, Thai, Arabic or Hebrew', () => {
    for (const text of ['拉面', 'ต้มยำ', 'شاورما', 'שקשוקה', '김치']) {
      expect(planCodepages(text)).toBeNull();
      expect(isPrintableText(text)).toBe(false);
    }
  });

  it('counts two columns for a character that will be drawn as a box', () => {
    expect(textColumns('ab')).toBe(2);
    expect(textColumns('Борщ')).toBe(4);
    expect(textColumns('拉面 x')).toBe(6);
  });

  it('normalizes typography and invisible characters into printable text', () => {
    expect(normalizeForPrint('“Chef’s” – special…\u00a012,50\u202f€\u200b\u0007')).toBe('"Chef\'s" - special... 12,50 €');
    expect(normalizeForPrint('Cafe\u0301')).toBe('Café');
  });
});
