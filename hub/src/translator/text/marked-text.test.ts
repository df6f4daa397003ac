import { describe, expect, it } from 'vitest';
import { escapeMarks, fromCacheText, readMarked, toCacheText } from './marked-text.ts';

describe('marked text', () => {
  it('reads Apertium’s marks as untranslated words and drops them from the text', () => {
    expect(readMarked('I am allergic to *орехи есть ли *орехи в *чизкейке.')).toEqual({
      text: 'I am allergic to орехи есть ли орехи в чизкейке.',
      partial: true,
      untranslatedWords: ['орехи', 'чизкейке'],
    });
    expect(readMarked('Las casas es #bello @home')).toEqual({ text: 'Las casas es bello home', partial: true, untranslatedWords: ['bello', 'home'] });
    expect(readMarked("salvaje-*blorp l'*eau’s")).toMatchObject({ text: "salvaje-blorp l'eau’s", untranslatedWords: ['blorp', 'eau’s'] });
  });

  it('a text without marks is complete', () => {
    expect(readMarked('The soup is cold.')).toEqual({ text: 'The soup is cold.', partial: false, untranslatedWords: [] });
    expect(readMarked('')).toEqual({ text: '', partial: false, untranslatedWords: [] });
  });

  it('never shows a mark, even a stray one with no word after it', () => {
    expect(readMarked('Hola * amigo #')).toEqual({ text: 'Hola  amigo ', partial: true, untranslatedWords: [] });
  });

  it('round-trips typed marks and backslashes through escaping', () => {
    for (const text of ['*five stars*', 'me@home #1', 'back\\slash \\* \\\\', 'a\\']) {
      expect(readMarked(escapeMarks(text))).toEqual({ text, partial: false, untranslatedWords: [] });
    }
    expect(escapeMarks('a*b@c#d\\e')).toBe('a\\*b\\@c\\#d\\\\e');
  });

  it('tells the cache’s marked rows from rows written before marks were kept', () => {
    const marked = 'Quiero mi *blorptastic pastel \\* 5';
    expect(fromCacheText(toCacheText(marked))).toBe(marked);
    expect(fromCacheText('Quiero mi blorptastic pastel')).toBeNull();
    // A marked text cannot begin with the prefix: its backslashes are always escapes.
    expect(toCacheText(escapeMarks('\\v2 x')).startsWith('\\v2 \\\\v2')).toBe(true);
  });
});
