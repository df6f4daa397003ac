// A small menu for the unit tests (not bundled: only tests import it).
import type { GuestMenu, MenuItem } from './types.ts';

export const burger: MenuItem = {
  id: 'classic-burger',
  name: 'Classic burger',
  names: { en: 'Classic burger' },
  description: 'Beef, cheddar, pickles',
  descriptions: { en: 'Beef, cheddar, pickles' },
  priceMinor: 1450,
  currency: 'EUR',
  station: 'grill',
  allergens: ['gluten', 'milk'],
  available: true,
  modifierGroups: [
    {
      id: 'doneness',
      name: 'Doneness',
      names: { en: 'Doneness' },
      minChoices: 1,
      maxChoices: 1,
      modifiers: [
        { id: 'classic-burger--rare', name: 'Rare', names: { en: 'Rare' }, priceMinor: 0 },
        { id: 'classic-burger--medium', name: 'Medium', names: { en: 'Medium' }, priceMinor: 0 },
      ],
    },
    {
      id: 'extras',
      name: 'Extras',
      names: { en: 'Extras' },
      minChoices: 0,
      maxChoices: 2,
      modifiers: [
        { id: 'classic-burger--bacon', name: 'Bacon', names: { en: 'Bacon' }, priceMinor: 200 },
        { id: 'classic-burger--egg', name: 'Egg', names: { en: 'Egg' }, priceMinor: 150 },
        { id: 'classic-burger--avocado', name: 'Avocado', names: { en: 'Avocado' }, priceMinor: 250 },
      ],
    },
  ],
};

export const lemonade: MenuItem = {
  ...burger,
  id: 'lemonade',
  name: 'Lemonade',
  names: { en: 'Lemonade' },
  priceMinor: 450,
  station: 'bar',
  allergens: [],
  modifierGroups: [],
};

export function menuOf(...items: MenuItem[]): GuestMenu {
  return { currency: 'EUR', language: 'en', categories: [{ id: 'all', name: 'All', names: { en: 'All' }, items }] };
}
