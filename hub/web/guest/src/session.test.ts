import { describe, expect, it } from 'vitest';
import { interpolate, isRtl, negotiateLanguage } from '../../common/i18n.ts';
import { DICTIONARIES } from './i18n/index.ts';
import { tableCodeFromPath } from './session.ts';

describe('table code', () => {
  it('reads the code from /t/<code>', () => {
    expect(tableCodeFromPath('/t/abc123')).toBe('abc123');
    expect(tableCodeFromPath('/t/abc123/')).toBe('abc123');
    expect(tableCodeFromPath('/t/')).toBeNull();
    expect(tableCodeFromPath('/admin')).toBeNull();
  });
});

describe('languages', () => {
  it('picks the first supported browser language by its base code', () => {
    expect(negotiateLanguage(['de-DE', 'ru-RU', 'en'], ['en', 'ru', 'ar'], 'en')).toBe('ru');
    expect(negotiateLanguage(['fr'], ['en', 'ru'], 'en')).toBe('en');
  });

  it('knows which languages are right to left', () => {
    expect(isRtl('ar-EG')).toBe(true);
    expect(isRtl('ru')).toBe(false);
  });

  it('fills placeholders', () => {
    expect(interpolate('Order #{n}', { n: 12 })).toBe('Order #12');
  });

  it('every dictionary has every English key, none empty', () => {
    const keys = Object.keys(DICTIONARIES.en!);
    for (const [language, dictionary] of Object.entries(DICTIONARIES)) {
      expect(Object.keys(dictionary).sort(), language).toEqual([...keys].sort());
      for (const key of keys) expect(dictionary[key as keyof typeof dictionary], `${language}.${key}`).not.toBe('');
    }
  });
});
