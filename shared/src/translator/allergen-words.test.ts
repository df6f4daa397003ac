import { describe, expect, it } from 'vitest';
import { ALLERGENS } from '../schemas/menu.ts';
import { ALLERGEN_LANGUAGES, allergenName, allergenNamedBy, findAllergens } from './allergen-words.ts';

const named = (text: string, languages: string[]) => findAllergens(text, languages).map(({ allergen, text: word }) => [allergen, word]);

describe('findAllergens', () => {
  it('finds the issue’s nuts in Russian, inflected, inside an English translation', () => {
    const line = 'I am allergic to орехи есть ли орехов в чизкейке с орехами.';
    expect(named(line, ['en', 'ru'])).toEqual([
      ['nuts', 'орехи'],
      ['nuts', 'орехов'],
      ['nuts', 'орехами'],
    ]);
    const [first] = findAllergens(line, ['en', 'ru']);
    expect(line.slice(first!.start, first!.end)).toBe('орехи');
    // Read as English alone, the Russian words are not English allergen words.
    expect(named(line, ['en'])).toEqual([]);
  });

  it('reads each language’s words, whatever their case or accents', () => {
    expect(named('Does the cake have NUTS, milk or eggs?', ['en'])).toEqual([['nuts', 'NUTS'], ['milk', 'milk'], ['eggs', 'eggs']]);
    expect(named('¿Lleva nueces, leche o sesamo?', ['es'])).toEqual([['nuts', 'nueces'], ['milk', 'leche'], ['sesame', 'sesamo']]);
    expect(named('Ich habe eine Allergie gegen Haselnüsse und Garnelen.', ['de'])).toEqual([['nuts', 'Haselnüsse'], ['crustaceans', 'Garnelen']]);
    expect(named('Sans œufs ni crevettes, s’il vous plaît.', ['fr'])).toEqual([['eggs', 'œufs'], ['crustaceans', 'crevettes']]);
    expect(named('Senza glutine e senza cozze.', ['it'])).toEqual([['gluten', 'glutine'], ['molluscs', 'cozze']]);
    expect(named('Без яиц и без рыбы', ['ru'])).toEqual([['eggs', 'яиц'], ['fish', 'рыбы']]);
  });

  it('tells peanuts from nuts, and does not take look-alike words', () => {
    expect(named('peanuts and walnuts', ['en'])).toEqual([['peanuts', 'peanuts'], ['nuts', 'walnuts']]);
    expect(named('Erdnüsse und Walnüsse', ['de'])).toEqual([['peanuts', 'Erdnüsse'], ['nuts', 'Walnüsse']]);
    expect(named('nutmeg, eggplant, a dish, une laitue', ['en', 'fr'])).toEqual([]);
  });

  it('keeps to the menu’s allergens when asked, and to languages it has words for', () => {
    expect(named('nuts and milk', ['en'])).toHaveLength(2);
    expect(findAllergens('nuts and milk', ['en'], ['milk']).map((span) => span.allergen)).toEqual(['milk']);
    expect(findAllergens('ナッツ', ['ja'])).toEqual([]);
    expect(findAllergens('nuts', ['en-GB'])).toHaveLength(1);
  });
});

describe('allergen names', () => {
  it('has a name for every allergen in every language, and each name is found as its allergen', () => {
    for (const allergen of ALLERGENS) {
      for (const language of ALLERGEN_LANGUAGES) {
        const name = allergenName(allergen, language);
        expect(name, `${allergen} in ${language}`).toBeTruthy();
        if (!name!.includes(' ')) expect(allergenNamedBy(name!, language), `${name} (${language})`).toBe(allergen);
      }
    }
    expect(allergenName('nuts', 'ru-RU')).toBe('орехи');
    expect(allergenName('nuts', 'ja')).toBeNull();
  });

  it('names an allergen from a one-word value only', () => {
    expect(allergenNamedBy('Орехи', 'ru')).toBe('nuts');
    expect(allergenNamedBy('peanut', 'en')).toBe('peanuts');
    expect(allergenNamedBy('nuts and milk', 'en')).toBeNull();
    expect(allergenNamedBy('kiwi', 'en')).toBeNull();
  });
});
