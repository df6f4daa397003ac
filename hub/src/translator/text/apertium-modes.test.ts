import { describe, expect, it } from 'vitest';
import { parseModeName, pairsOf, selectModes } from './apertium-modes.ts';
import { isoFromCode, normaliseLanguage } from './language-codes.ts';

describe('language codes', () => {
  it('folds page tags and ISO 639-3 codes into ISO 639-1', () => {
    expect(normaliseLanguage('es-ES')).toBe('es');
    expect(normaliseLanguage('pt_BR')).toBe('pt');
    expect(normaliseLanguage(' EN ')).toBe('en');
    expect(normaliseLanguage('spa')).toBe('es');
    expect(normaliseLanguage('deu-CH')).toBe('de');
    expect(normaliseLanguage('zh-Hant-TW')).toBe('zh');
    expect(normaliseLanguage('sw')).toBe('sw');
  });

  it('refuses what names no language it knows', () => {
    for (const tag of ['', 'e', 'english', '12', 'ast', 'x-klingon', '-es']) expect(normaliseLanguage(tag), tag).toBeNull();
  });

  it('maps the Apertium codes of the common pairs', () => {
    const expected = { eng: 'en', spa: 'es', cat: 'ca', fra: 'fr', por: 'pt', ita: 'it', deu: 'de', rus: 'ru', ukr: 'uk', nob: 'nb', nno: 'nn', oci: 'oc', glg: 'gl', eus: 'eu' };
    for (const [three, two] of Object.entries(expected)) expect(isoFromCode(three), three).toBe(two);
  });
});

describe('Apertium modes', () => {
  it('reads a direction from a mode file name', () => {
    expect(parseModeName('eng-spa.mode')).toEqual({ name: 'eng-spa', from: 'en', to: 'es', variant: null });
    expect(parseModeName('spa-eng_US.mode')).toEqual({ name: 'spa-eng_US', from: 'es', to: 'en', variant: 'US' });
    expect(parseModeName('cat_valencia-spa.mode')).toEqual({ name: 'cat_valencia-spa', from: 'ca', to: 'es', variant: 'valencia' });
    expect(parseModeName('en-es.mode')).toEqual({ name: 'en-es', from: 'en', to: 'es', variant: null });
  });

  it('skips files that are not translation modes between known languages', () => {
    for (const name of ['README', 'eng-spa.mode.bak', 'eng-spa-tagger.mode', 'eng-morph.mode', 'ast-spa.mode', 'eng-eng.mode', '.mode', 'eng-spa']) {
      expect(parseModeName(name), name).toBeNull();
    }
  });

  it('picks one mode per direction: the plain one over its variants, else the first variant', () => {
    const modes = selectModes(['spa-eng_US.mode', 'README', 'eng-spa.mode', 'spa-eng.mode', 'eng-cat_valencia.mode', 'eng-cat_alt.mode']);
    expect(modes.map((mode) => mode.name)).toEqual(['eng-cat_alt', 'eng-spa', 'spa-eng']);
    expect(pairsOf(modes)).toEqual([
      { from: 'en', to: 'ca' },
      { from: 'en', to: 'es' },
      { from: 'es', to: 'en' },
    ]);
  });

  it('serves a direction installed only as a variant', () => {
    expect(selectModes(['spa-eng_US.mode']).map((mode) => mode.name)).toEqual(['spa-eng_US']);
  });
});
