import { describe, expect, it } from 'vitest';
import {
  findPhrase,
  listPhrases,
  PHRASE_AUDIENCES,
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
  allergen: 'peanuts',
  name: 'novak',
};

function valuesFor(text: string): Record<string, string> {
  return Object.fromEntries(placeholdersOf(text).map((name) => [name, sampleValues[name] ?? 'x']));
}

describe('phrases', () => {
  it('has at least 40 staff and 16 guest phrases with unique kebab-case ids, known categories and audiences', () => {
    expect(listPhrases({ audience: 'staff' }).length).toBeGreaterThanOrEqual(40);
    expect(listPhrases({ audience: 'guest' }).length).toBeGreaterThanOrEqual(16);
    const ids = PHRASES.map((phrase) => phrase.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const phrase of PHRASES) {
      expect(phrase.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(PHRASE_CATEGORIES).toContain(phrase.category);
      expect(PHRASE_AUDIENCES).toContain(phrase.audience);
    }
  });

  it('gives guests what they ask staff for: bill, payment, allergies, diet, stay, help', () => {
    const guestIds = listPhrases({ audience: 'guest' }).map((phrase) => phrase.id);
    for (const id of [
      'guest-bill-please',
      'guest-pay-by-card',
      'guest-pay-separately',
      'guest-allergic-to',
      'guest-contains-nuts',
      'guest-contains-gluten',
      'guest-vegetarian',
      'guest-vegan',
      'guest-water-please',
      'guest-another-one',
      'guest-how-long',
      'guest-where-toilet',
      'guest-wifi-password',
      'guest-menu-in-english',
      'guest-not-what-i-ordered',
      'guest-very-good',
      'guest-excuse-me',
      'guest-yes-please',
      'guest-no-thank-you',
      'guest-reservation-under',
      'guest-check-in-time',
      'guest-check-out-time',
      'guest-call-taxi',
      'guest-speak-slowly',
      'guest-dont-understand',
    ]) {
      expect(guestIds, id).toContain(id);
    }
  });

  it('keeps the blanks a guest fills: an allergen and a reservation name', () => {
    const byId = new Map(PHRASES.map((phrase) => [phrase.id, phrase]));
    expect(placeholdersOf(byId.get('guest-allergic-to')!.text.en)).toEqual(['allergen']);
    expect(placeholdersOf(byId.get('guest-reservation-under')!.text.ja)).toEqual(['name']);
  });

  it('covers at least the eight required languages', () => {
    for (const language of ['en', 'ru', 'es', 'de', 'fr', 'it', 'zh', 'ar']) expect(PHRASEBOOK_LANGUAGES).toContain(language);
  });

  // Staff and guest phrases alike: a guest's phrase is rendered in the staff's language from the same values.
  it.each(PHRASES.map((phrase) => [phrase.audience, phrase.id, phrase] as const))(
    '%s phrase %s: every language, non-empty, same placeholders',
    (_audience, _id, phrase) => {
      expect(Object.keys(phrase.text).sort()).toEqual([...PHRASEBOOK_LANGUAGES].sort());
      const expected = placeholdersOf(phrase.text.en);
      for (const language of PHRASEBOOK_LANGUAGES) {
        expect(phrase.text[language].trim(), language).not.toBe('');
        expect(placeholdersOf(phrase.text[language]), language).toEqual(expected);
      }
    },
  );

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
    const bill = listPhrases({ category: 'bill' });
    expect(bill.length).toBeGreaterThan(0);
    expect(bill.every((phrase) => phrase.category === 'bill')).toBe(true);
    for (const category of PHRASE_CATEGORIES) expect(listPhrases({ category }).length, category).toBeGreaterThan(0);
  });

  it('lists one audience, alone or within a category; the two audiences make up the whole phrasebook', () => {
    const staff = listPhrases({ audience: 'staff' });
    const guest = listPhrases({ audience: 'guest' });
    expect(staff.every((phrase) => phrase.audience === 'staff')).toBe(true);
    expect(guest.every((phrase) => phrase.audience === 'guest')).toBe(true);
    expect([...staff, ...guest].map((phrase) => phrase.id).sort()).toEqual(PHRASES.map((phrase) => phrase.id).sort());
    expect(staff.map((phrase) => phrase.id)).toContain('one-moment');
    expect(guest.map((phrase) => phrase.id)).not.toContain('one-moment');

    const guestBill = listPhrases({ category: 'bill', audience: 'guest' }).map((phrase) => phrase.id);
    expect(guestBill).toEqual(['guest-bill-please', 'guest-pay-by-card', 'guest-pay-separately']);
    expect(listPhrases({ category: 'bill', audience: 'staff' }).map((phrase) => phrase.id)).toContain('bring-the-bill');
    // Both sides have something to say in every category.
    for (const category of PHRASE_CATEGORIES) {
      expect(listPhrases({ category, audience: 'guest' }).length, category).toBeGreaterThan(0);
    }
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

  it('recognises a guest phrase typed by either side, and renders it in the other language', () => {
    const toilet = findPhrase('¿Dónde está el baño, por favor?', 'es-MX');
    expect(toilet?.phrase).toMatchObject({ id: 'guest-where-toilet', audience: 'guest' });
    expect(phraseText(toilet!.phrase.id, 'en')).toBe('Where is the toilet, please?');
    const allergy = findPhrase('У меня аллергия на арахис', 'ru');
    expect(allergy).toMatchObject({ phrase: { id: 'guest-allergic-to' }, values: { allergen: 'арахис' } });
    expect(phraseText('guest-allergic-to', 'de', allergy!.values)).toBe('Ich habe eine Allergie gegen арахис.');
    expect(findPhrase('Novak adına rezervasyonum var', 'tr')?.values).toEqual({ name: 'novak' });
  });

  it('tells a guest’s question from the staff’s statement it echoes', () => {
    expect(findPhrase('This dish contains nuts.', 'en')?.phrase.id).toBe('contains-nuts');
    expect(findPhrase('Does this dish contain nuts?', 'en')?.phrase.id).toBe('guest-contains-nuts');
    expect(findPhrase('Bu yemekte gluten var.', 'tr')?.phrase.id).toBe('contains-gluten');
    expect(findPhrase('Bu yemekte gluten var mı?', 'tr')?.phrase.id).toBe('guest-contains-gluten');
    expect(findPhrase('Check-out is until 11:00.', 'en')?.phrase.id).toBe('checkout-time');
    expect(findPhrase('What time is check-out?', 'en')?.phrase.id).toBe('guest-check-out-time');
  });

  it.each(PHRASEBOOK_LANGUAGES.map((language) => [language]))('reads no two phrases alike in %s once punctuation and case are dropped', (language) => {
    // Otherwise a typed phrase would be recognised as whichever of the two comes first.
    const seen = new Map<string, string>();
    for (const phrase of PHRASES) {
      const key = phrase.text[language].normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, '');
      expect(seen.get(key), `${phrase.id} reads like ${seen.get(key)}`).toBeUndefined();
      seen.set(key, phrase.id);
    }
  });

  it('does not let a placeholder swallow a second sentence (issue 14: "I am allergic to орехи есть ли орехи")', () => {
    expect(findPhrase('У меня аллергия на орехи. Есть ли орехи в чизкейке?', 'ru')).toBeNull();
    expect(findPhrase('The kitchen closes at 22:00. Order now!', 'en')).toBeNull();
    // A phrase of two sentences still matches itself, and decimals are no sentence break.
    expect(findPhrase('Your room is not ready yet. It will be ready at 14.30.', 'en')?.values).toEqual({ time: '14.30' });
    expect(findPhrase('The total is 42.50.', 'en')?.values).toEqual({ amount: '42.50' });
  });

  it('returns null for unknown text or language', () => {
    expect(findPhrase('The soup is cold.', 'en')).toBeNull();
    expect(findPhrase('', 'en')).toBeNull();
    expect(findPhrase('Thank you very much!', 'xx')).toBeNull();
  });
});
