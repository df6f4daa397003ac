import { describe, expect, it } from 'vitest';
import {
  findPhrase,
  listPhrases,
  PHRASE_CATEGORIES,
  PHRASEBOOK_LANGUAGES,
  PHRASES,
  phraseText,
  placeholdersOf,
  resolvePhrasebookLanguage,
} from './phrasebook.ts';

// findPhrase returns values in normalised form (lower case, no edge punctuation), so these already are.
const sampleValues: Record<string, string> = {
  minutes: '15',
  time: '19:30',
  amount: '42.50',
  room: '214',
  floor: '2',
  start: '07:00',
  end: '10:30',
  network: 'bistroguests',
  password: 'sunny2024',
};

function valuesFor(text: string): Record<string, string> {
  return Object.fromEntries(placeholdersOf(text).map((name) => [name, sampleValues[name] ?? 'x']));
}

describe('phrases', () => {
  it('has at least 40 phrases with unique kebab-case ids and known categories', () => {
    expect(PHRASES.length).toBeGreaterThanOrEqual(40);
    const ids = PHRASES.map((phrase) => phrase.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const phrase of PHRASES) {
      expect(phrase.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(PHRASE_CATEGORIES).toContain(phrase.category);
    }
  });

  it('covers at least the eight required languages', () => {
    for (const language of ['en', 'ru', 'es', 'de', 'fr', 'it', 'zh', 'ar']) expect(PHRASEBOOK_LANGUAGES).toContain(language);
  });

  it.each(PHRASES.map((phrase) => [phrase.id, phrase] as const))('%s: every language, non-empty, same placeholders', (_, phrase) => {
    expect(Object.keys(phrase.text).sort()).toEqual([...PHRASEBOOK_LANGUAGES].sort());
    const expected = placeholdersOf(phrase.text.en);
    for (const language of PHRASEBOOK_LANGUAGES) {
      expect(phrase.text[language].trim(), language).not.toBe('');
      expect(placeholdersOf(phrase.text[language]), language).toEqual(expected);
    }
  });

  it('writes Arabic in Arabic script, Russian in Cyrillic, Chinese in Han, Korean in Hangul', () => {
    const without = (text: string) => text.replace(/\{[a-zA-Z]+\}/g, '');
    for (const phrase of PHRASES) {
      expect(without(phrase.text.ar)).toMatch(/\p{Script=Arabic}/u);
      expect(without(phrase.text.ar), phrase.id).not.toMatch(/[A-Za-z]/);
      expect(without(phrase.text.ru)).toMatch(/\p{Script=Cyrillic}/u);
      expect(without(phrase.text.zh)).toMatch(/\p{Script=Han}/u);
      expect(without(phrase.text.ko)).toMatch(/\p{Script=Hangul}/u);
    }
  });
});

describe('listPhrases', () => {
  it('lists all phrases or one category', () => {
    expect(listPhrases()).toHaveLength(PHRASES.length);
    const bill = listPhrases('bill');
    expect(bill.length).toBeGreaterThan(0);
    expect(bill.every((phrase) => phrase.category === 'bill')).toBe(true);
    for (const category of PHRASE_CATEGORIES) expect(listPhrases(category).length, category).toBeGreaterThan(0);
  });
});

describe('phraseText', () => {
  it('fills placeholders', () => {
    expect(phraseText('order-ready-in', 'en', { minutes: 15 })).toBe('Your order will be ready in about 15 minutes.');
    expect(phraseText('order-ready-in', 'de', { minutes: 15 })).toBe('Ihre Bestellung ist in etwa 15 Minuten fertig.');
    expect(phraseText('breakfast-hours', 'es', { start: '7:00', end: '10:30' })).toBe('El desayuno se sirve de 7:00 a 10:30.');
  });

  it('refuses a missing, empty or unknown placeholder value', () => {
    expect(() => phraseText('order-ready-in', 'en')).toThrow('phrase "order-ready-in" needs a value for {minutes}');
    expect(() => phraseText('order-ready-in', 'en', { minutes: ' ' })).toThrow('needs a value for {minutes}');
    expect(() => phraseText('order-ready-in', 'en', { minutes: 5, mins: 5 })).toThrow('phrase "order-ready-in" has no placeholder {mins}');
    expect(() => phraseText('thank-you', 'en', { minutes: 5 })).toThrow('has no placeholder {minutes}');
  });

  it('throws for an unknown phrase id', () => {
    expect(() => phraseText('no-such-phrase', 'en')).toThrow('unknown phrase "no-such-phrase"');
  });

  it('resolves language tags to their base language and returns null for unknown languages', () => {
    expect(phraseText('thank-you', 'ru-RU')).toBe('Большое спасибо!');
    expect(phraseText('thank-you', 'es_419')).toBe('¡Muchas gracias!');
    expect(phraseText('thank-you', 'FR')).toBe('Merci beaucoup !');
    expect(phraseText('thank-you', 'xx')).toBeNull();
    expect(phraseText('thank-you', '')).toBeNull();
    expect(resolvePhrasebookLanguage('zh-CN')).toBe('zh');
    expect(resolvePhrasebookLanguage('zh-Hant-TW')).toBeNull();
  });
});

describe('findPhrase', () => {
  it.each(PHRASEBOOK_LANGUAGES.map((language) => [language]))('round-trips every phrase in %s', (language) => {
    for (const phrase of PHRASES) {
      const values = valuesFor(phrase.text[language]);
      const text = phraseText(phrase.id, language, values) ?? '';
      const match = findPhrase(text, language);
      expect(match?.phrase.id, `${phrase.id}: ${text}`).toBe(phrase.id);
      expect(match?.values).toEqual(values);
    }
  });

  it('ignores case, whitespace and punctuation', () => {
    expect(findPhrase('  one moment   please ', 'en')?.phrase.id).toBe('one-moment');
    expect(findPhrase('ВАШ ЗАКАЗ СКОРО ПРИНЕСУТ', 'ru-RU')?.phrase.id).toBe('order-on-its-way');
    expect(findPhrase('Un instant, s’il vous plaît', 'fr')?.phrase.id).toBe('one-moment');
    expect(findPhrase('the kitchen closes at 22:00', 'en')?.values).toEqual({ time: '22:00' });
  });

  it('returns null for unknown text or language', () => {
    expect(findPhrase('The soup is cold.', 'en')).toBeNull();
    expect(findPhrase('', 'en')).toBeNull();
    expect(findPhrase('Thank you very much!', 'xx')).toBeNull();
  });
});
