import { describe, expect, it } from 'vitest';
import {
  cleanLocalizedText,
  groupProblem,
  servedLanguage,
  unitPriceMinor,
  validateModifierChoice,
  type MenuItemForOrder,
} from './menu-rules.ts';

const burger: MenuItemForOrder = {
  id: 'classic-burger',
  names: { en: 'Classic burger', ru: 'Классический бургер' },
  priceMinor: 1450,
  taxRateBp: 1000,
  currency: 'EUR',
  station: 'grill',
  allergens: ['gluten'],
  available: true,
  modifierGroups: [
    {
      id: 'classic-burger--doneness',
      names: { en: 'Doneness', ru: 'Прожарка' },
      minChoices: 1,
      maxChoices: 1,
      modifiers: [
        { id: 'classic-burger--rare', names: { en: 'Rare' }, priceMinor: 0 },
        { id: 'classic-burger--medium', names: { en: 'Medium' }, priceMinor: 0 },
      ],
    },
    {
      id: 'classic-burger--side',
      names: { en: 'Side' },
      minChoices: 0,
      maxChoices: 1,
      modifiers: [
        { id: 'classic-burger--fries', names: { en: 'Fries' }, priceMinor: 350 },
        { id: 'classic-burger--salad', names: { en: 'Side salad' }, priceMinor: 300 },
      ],
    },
  ],
};

const iceCream: MenuItemForOrder = {
  id: 'ice-cream',
  names: { en: 'Ice cream' },
  priceMinor: 600,
  taxRateBp: 1000,
  currency: 'EUR',
  station: 'cold',
  allergens: ['milk'],
  available: true,
  modifierGroups: [
    {
      id: 'ice-cream--flavours',
      names: { en: 'Flavours', ru: 'Вкусы' },
      minChoices: 1,
      maxChoices: 3,
      modifiers: ['vanilla', 'chocolate', 'pistachio', 'mango'].map((flavour) => ({
        id: `ice-cream--${flavour}`,
        names: { en: flavour[0]!.toUpperCase() + flavour.slice(1) },
        priceMinor: flavour === 'pistachio' ? 50 : 0,
      })),
    },
  ],
};

const espresso: MenuItemForOrder = { ...iceCream, id: 'espresso', names: { en: 'Espresso' }, modifierGroups: [] };

describe('validateModifierChoice', () => {
  it('accepts a valid choice and returns the modifiers in menu order, whatever the click order', () => {
    const result = validateModifierChoice(burger, ['classic-burger--fries', 'classic-burger--medium']);
    expect(result).toEqual({
      ok: true,
      modifiers: [
        { id: 'classic-burger--medium', names: { en: 'Medium' }, priceMinor: 0 },
        { id: 'classic-burger--fries', names: { en: 'Fries' }, priceMinor: 350 },
      ],
    });
  });

  it('refuses a required group left empty', () => {
    expect(validateModifierChoice(burger, [])).toEqual({ ok: false, message: 'Doneness: choose 1.' });
    expect(validateModifierChoice(burger, ['classic-burger--fries'])).toEqual({ ok: false, message: 'Doneness: choose 1.' });
  });

  it('refuses two choices in a single-choice group', () => {
    expect(validateModifierChoice(burger, ['classic-burger--rare', 'classic-burger--medium'])).toEqual({ ok: false, message: 'Doneness: choose 1.' });
    expect(validateModifierChoice(burger, ['classic-burger--rare', 'classic-burger--fries', 'classic-burger--salad'])).toEqual({
      ok: false,
      message: 'Side: choose at most 1.',
    });
  });

  it('refuses more than a group maximum, and none where at least one is needed', () => {
    const four = ['vanilla', 'chocolate', 'pistachio', 'mango'].map((f) => `ice-cream--${f}`);
    expect(validateModifierChoice(iceCream, four)).toEqual({ ok: false, message: 'Flavours: choose at most 3.' });
    expect(validateModifierChoice(iceCream, [])).toEqual({ ok: false, message: 'Flavours: choose at least 1.' });
    expect(validateModifierChoice(iceCream, four.slice(0, 3))).toMatchObject({ ok: true });
  });

  it('refuses the same modifier twice, even when the group would allow the count', () => {
    expect(validateModifierChoice(iceCream, ['ice-cream--vanilla', 'ice-cream--vanilla'])).toEqual({
      ok: false,
      message: 'Vanilla is chosen twice for Ice cream; choose each option once.',
    });
  });

  it("refuses another item's modifier, naming it when a namer is given", () => {
    const namer = (id: string) => (id === 'cappuccino--oat-milk' ? { en: 'Oat milk', ru: 'Овсяное молоко' } : undefined);
    expect(validateModifierChoice(espresso, ['cappuccino--oat-milk'], namer)).toEqual({ ok: false, message: 'Oat milk is not an option for Espresso.' });
    expect(validateModifierChoice(espresso, ['cappuccino--oat-milk'])).toEqual({ ok: false, message: '"cappuccino--oat-milk" is not an option for Espresso.' });
    expect(validateModifierChoice(espresso, ['<script>'], namer)).toEqual({ ok: false, message: '"<script>" is not an option for Espresso.' });
  });

  it('accepts no modifiers for an item without groups', () => {
    expect(validateModifierChoice(espresso, [])).toEqual({ ok: true, modifiers: [] });
  });
});

describe('groupProblem', () => {
  it('treats a maximum of 0 as no upper limit', () => {
    expect(groupProblem({ minChoices: 0, maxChoices: 0 }, 12)).toBeNull();
    expect(groupProblem({ minChoices: 2, maxChoices: 0 }, 1)).toBe('choose at least 2');
  });

  it('says "choose N" when the group needs exactly N', () => {
    expect(groupProblem({ minChoices: 2, maxChoices: 2 }, 3)).toBe('choose 2');
    expect(groupProblem({ minChoices: 2, maxChoices: 2 }, 2)).toBeNull();
  });
});

describe('unitPriceMinor', () => {
  it('adds the modifiers to the item price, in minor units', () => {
    expect(unitPriceMinor(burger, [{ priceMinor: 350 }, { priceMinor: 0 }])).toBe(1800);
    expect(unitPriceMinor(burger, [])).toBe(1450);
  });
});

describe('cleanLocalizedText', () => {
  const names = { maxLength: 120, requireEnglish: true };

  it('trims every translation', () => {
    expect(cleanLocalizedText({ en: '  Soup ', ru: '\tСуп\n' }, 'names', names)).toEqual({ ok: true, text: { en: 'Soup', ru: 'Суп' } });
  });

  it('refuses names without English, blank values, and values too long after trimming', () => {
    expect(cleanLocalizedText({ ru: 'Суп' }, 'names', names)).toMatchObject({ ok: false, message: expect.stringContaining('needs an English text') });
    expect(cleanLocalizedText({ en: 'Soup', ru: '   ' }, 'names', names)).toEqual({ ok: false, message: 'names.ru is empty; leave the language out instead.' });
    expect(cleanLocalizedText({ en: 'x'.repeat(121) }, 'names', names)).toEqual({ ok: false, message: 'names.en is longer than 120 characters.' });
  });

  it('keeps HTML as literal text: escaping is the page’s job', () => {
    expect(cleanLocalizedText({ en: '<b>Soup</b>' }, 'names', names)).toEqual({ ok: true, text: { en: '<b>Soup</b>' } });
  });

  it('lets descriptions go without English', () => {
    expect(cleanLocalizedText({}, 'descriptions', { maxLength: 500, requireEnglish: false })).toEqual({ ok: true, text: {} });
  });
});

describe('servedLanguage', () => {
  it('serves a venue language, by its base for a regional tag, else the first venue language', () => {
    expect(servedLanguage('ru', ['en', 'ru'])).toBe('ru');
    expect(servedLanguage('ru-RU', ['en', 'ru'])).toBe('ru');
    expect(servedLanguage('de', ['en', 'ru'])).toBe('en');
    expect(servedLanguage(undefined, ['ru', 'en'])).toBe('ru');
    expect(servedLanguage(undefined, [])).toBe('en');
  });
});
