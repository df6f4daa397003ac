import { describe, expect, it } from 'vitest';
import { lineSegments } from './line-highlights.ts';

describe('lineSegments', () => {
  it('marks the issue’s untranslated Russian words and finds the nuts among them', () => {
    const segments = lineSegments('I am allergic to орехи есть ли орехи в чизкейке.', {
      untranslatedWords: ['орехи', 'есть', 'чизкейке'],
      languages: ['en', 'ru'],
    });
    expect(segments).toEqual([
      { text: 'I am allergic to ', untranslated: false, allergen: null },
      { text: 'орехи', untranslated: true, allergen: 'nuts' },
      { text: ' ', untranslated: false, allergen: null },
      { text: 'есть', untranslated: true, allergen: null },
      { text: ' ли ', untranslated: false, allergen: null },
      { text: 'орехи', untranslated: true, allergen: 'nuts' },
      { text: ' в ', untranslated: false, allergen: null },
      { text: 'чизкейке', untranslated: true, allergen: null },
      { text: '.', untranslated: false, allergen: null },
    ]);
    expect(segments.map((segment) => segment.text).join('')).toBe('I am allergic to орехи есть ли орехи в чизкейке.');
  });

  it('highlights allergen words of either language in a complete line', () => {
    expect(lineSegments('Does the cake have nuts or milk?', { languages: ['en', 'de'] })).toEqual([
      { text: 'Does the cake have ', untranslated: false, allergen: null },
      { text: 'nuts', untranslated: false, allergen: 'nuts' },
      { text: ' or ', untranslated: false, allergen: null },
      { text: 'milk', untranslated: false, allergen: 'milk' },
      { text: '?', untranslated: false, allergen: null },
    ]);
    expect(lineSegments('Does the cake have nuts?', { languages: ['en'], allergens: ['milk'] })).toEqual([
      { text: 'Does the cake have nuts?', untranslated: false, allergen: null },
    ]);
  });

  it('marks only whole words, and takes a word with special characters literally', () => {
    expect(lineSegments('walnut walnuts', { untranslatedWords: ['walnut'], languages: [] })).toEqual([
      { text: 'walnut', untranslated: true, allergen: null },
      { text: ' walnuts', untranslated: false, allergen: null },
    ]);
    expect(lineSegments('a (b) c b', { untranslatedWords: ['(b)', ''], languages: [] })).toEqual([
      { text: 'a ', untranslated: false, allergen: null },
      { text: '(b)', untranslated: true, allergen: null },
      { text: ' c b', untranslated: false, allergen: null },
    ]);
    expect(lineSegments('', { languages: ['en'] })).toEqual([]);
  });
});
