import { describe, expect, it } from 'vitest';
import type { ModifierGroupInput } from '@onemoment/shared/schemas/menu';
import { buildModifierGroups, checkNewOrder, namesFrom } from './menu-builder-rules.ts';

const counter = () => {
  let n = 0;
  return () => `new-${++n}`;
};

describe('namesFrom', () => {
  it('reads a plain name as the English one and keeps the other languages', () => {
    expect(namesFrom({ name: '  Soup ' }, { en: 'Broth', ru: 'Суп' })).toEqual({ ok: true, value: { en: 'Soup', ru: 'Суп' } });
    expect(namesFrom({ name: 'Soup' }, null)).toEqual({ ok: true, value: { en: 'Soup' } });
  });

  it('takes names as the whole set, and keeps the current names when neither is sent', () => {
    expect(namesFrom({ names: { en: 'Tea', ru: 'Чай' } }, { en: 'Old', de: 'Alt' })).toEqual({ ok: true, value: { en: 'Tea', ru: 'Чай' } });
    expect(namesFrom({}, { en: 'Old' })).toEqual({ ok: true, value: { en: 'Old' } });
  });

  it('keeps markup as the literal text it is', () => {
    expect(namesFrom({ name: '<b>Soup</b>' }, null)).toEqual({ ok: true, value: { en: '<b>Soup</b>' } });
  });

  it('refuses both at once, neither for a new record, a blank name and names without English', () => {
    expect(namesFrom({ name: 'A', names: { en: 'B' } }, null)).toEqual({ ok: false, message: 'Send name or names, not both.' });
    expect(namesFrom({}, null)).toMatchObject({ ok: false, message: expect.stringContaining('Send a name') });
    expect(namesFrom({ name: '   ' }, null)).toEqual({ ok: false, message: 'names.en is empty; leave the language out instead.' });
    expect(namesFrom({ names: { ru: 'Чай' } }, null)).toMatchObject({ ok: false, message: expect.stringContaining('needs an English text') });
  });
});

describe('buildModifierGroups', () => {
  const milk: ModifierGroupInput = {
    name: 'Milk',
    minChoices: 0,
    maxChoices: 1,
    modifiers: [
      { id: 'latte--oat', name: 'Oat milk', priceMinor: 50 },
      { name: 'Soy milk', priceMinor: 50 },
    ],
  };

  it('keeps the ids it is sent and makes the others', () => {
    expect(buildModifierGroups([milk], counter())).toEqual({
      ok: true,
      value: [
        {
          id: 'new-1',
          names: { en: 'Milk' },
          minChoices: 0,
          maxChoices: 1,
          modifiers: [
            { id: 'latte--oat', names: { en: 'Oat milk' }, priceMinor: 50 },
            { id: 'new-2', names: { en: 'Soy milk' }, priceMinor: 50 },
          ],
        },
      ],
    });
  });

  it('refuses a minimum that the options cannot reach', () => {
    expect(buildModifierGroups([{ ...milk, minChoices: 3, maxChoices: 0 }], counter())).toEqual({
      ok: false,
      message: 'Milk: at least 3 choices asked, but there are only 2 options.',
    });
  });

  it('refuses a maximum below the minimum, but takes 0 as no upper limit', () => {
    expect(buildModifierGroups([{ ...milk, minChoices: 2, maxChoices: 1 }], counter())).toMatchObject({ ok: false, message: expect.stringContaining('at most 1 is fewer than the 2') });
    expect(buildModifierGroups([{ ...milk, minChoices: 2, maxChoices: 0 }], counter())).toMatchObject({ ok: true });
  });

  it('refuses an id used twice, across groups too', () => {
    const twice = { ...milk, modifiers: [{ id: 'x', name: 'A', priceMinor: 0 }, { id: 'x', name: 'B', priceMinor: 0 }] };
    expect(buildModifierGroups([twice], counter())).toEqual({ ok: false, message: 'modifierGroups[0].modifiers[1]: the id "x" is used twice.' });
    const clash = [{ ...milk, id: 'g' }, { ...milk, id: 'latte--oat', modifiers: [{ name: 'C', priceMinor: 0 }] }];
    expect(buildModifierGroups(clash, counter())).toEqual({ ok: false, message: 'modifierGroups[1]: the id "latte--oat" is used twice.' });
  });

  it('refuses a group or a modifier without an English name', () => {
    expect(buildModifierGroups([{ ...milk, name: undefined, names: { ru: 'Молоко' } }], counter())).toMatchObject({ ok: false, message: expect.stringContaining('modifierGroups[0].names needs an English text') });
    expect(buildModifierGroups([{ ...milk, modifiers: [{ priceMinor: 0 }] }], counter())).toMatchObject({ ok: false, message: expect.stringContaining('Send a name') });
  });
});

describe('checkNewOrder', () => {
  it('accepts every live id once, in any order', () => {
    expect(checkNewOrder(['b', 'a', 'c'], ['a', 'b', 'c'], 'categories')).toBeNull();
  });

  it('names an unknown id and a left-out one', () => {
    expect(checkNewOrder(['a', 'b', 'z'], ['a', 'b'], 'categories')).toBe('"z" is not among the categories.');
    expect(checkNewOrder(['a'], ['a', 'b'], 'categories')).toBe('The new order leaves out "b": name every one of the categories once (reload to see the latest).');
  });

  it('refuses a repeated id', () => {
    expect(checkNewOrder(['a', 'a', 'b'], ['a', 'b'], 'categories')).toBe('Name each of the categories once.');
  });
});
