import { describe, expect, it } from 'vitest';
import { languageChoices, languageLabel, languageName, nativeLanguageName } from './languages.ts';

describe('language names', () => {
  it('names each language in itself', () => {
    expect(nativeLanguageName('de')).toBe('Deutsch');
    expect(nativeLanguageName('ru')).toBe('Русский');
    expect(nativeLanguageName('es')).toBe('Español');
    expect(languageName('de', 'en')).toBe('German');
  });

  it('falls back to the English name, and never to a bare code', () => {
    for (const code of ['ba', 'bo', 'haw', 'ln']) {
      const name = nativeLanguageName(code);
      expect(name, code).not.toBeNull();
      expect(name!.toLowerCase(), code).not.toBe(code);
    }
    expect(nativeLanguageName('qq')).toBeNull();
    expect(languageLabel('qq')).toBe('qq');
  });

  it('lists languages once, by name, the likely ones first, and drops those without a name', () => {
    const choices = languageChoices(['ru', 'de', 'qq', 'en', 'auto', 'de', 'es'], ['en']);
    expect(choices[0]).toBe('en');
    expect(choices).not.toContain('qq');
    expect(choices).not.toContain('auto');
    expect(new Set(choices).size).toBe(choices.length);
    expect(choices.slice(1)).toEqual(['de', 'es', 'ru']); // Deutsch, Español, Русский
  });
});
