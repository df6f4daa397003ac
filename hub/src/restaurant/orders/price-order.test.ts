import { describe, expect, it } from 'vitest';
import { HubError } from '../../errors.ts';
import { validateModifierChoice, type MenuItemForOrder } from '../menu/menu-rules.ts';
import { priceOrder } from './price-order.ts';

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
      names: { en: 'Doneness' },
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
      modifiers: [{ id: 'classic-burger--fries', names: { en: 'Fries' }, priceMinor: 350 }],
    },
  ],
};
const salad: MenuItemForOrder = { ...burger, id: 'greek-salad', names: { en: 'Greek salad' }, priceMinor: 850, station: 'cold', available: false, modifierGroups: [] };
const lemonade: MenuItemForOrder = { ...burger, id: 'lemonade', names: { en: 'Lemonade' }, priceMinor: 450, station: 'bar', modifierGroups: [] };
const menu = new Map([burger, salad, lemonade].map((item) => [item.id, item]));
const check = (item: MenuItemForOrder, ids: string[]) => validateModifierChoice(item, ids);

function refusal(run: () => unknown): HubError {
  try {
    run();
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('priceOrder', () => {
  it('prices every line from the menu, modifiers included, and totals the order', () => {
    const order = priceOrder(
      [
        { menuItemId: 'classic-burger', quantity: 2, modifierIds: ['classic-burger--fries', 'classic-burger--medium'] },
        { menuItemId: 'lemonade', quantity: 3, note: '  no ice\n' },
      ],
      menu,
      check,
    );
    expect(order.lines.map((l) => [l.item.id, l.unitPriceMinor, l.totalMinor, l.note])).toEqual([
      ['classic-burger', 1800, 3600, null],
      ['lemonade', 450, 1350, 'no ice'],
    ]);
    // Modifiers come back in menu order, whatever order they were tapped in.
    expect(order.lines[0]!.modifiers.map((m) => m.id)).toEqual(['classic-burger--medium', 'classic-burger--fries']);
    expect(order).toMatchObject({ totalMinor: 4950, currency: 'EUR' });
  });

  it('refuses a sold-out item by name', () => {
    const error = refusal(() => priceOrder([{ menuItemId: 'greek-salad', quantity: 1 }], menu, check));
    expect(error).toMatchObject({ statusCode: 409, code: 'item_unavailable', message: 'Greek salad is sold out right now.' });
    expect(error.details).toEqual({ menuItemId: 'greek-salad' });
  });

  it('refuses an item that is not on the menu', () => {
    const error = refusal(() => priceOrder([{ menuItemId: 'unicorn-steak', quantity: 1 }], menu, check));
    expect(error).toMatchObject({ statusCode: 409, code: 'item_unavailable' });
    expect(error.message).toContain('unicorn-steak');
  });

  it('refuses a broken modifier choice, naming the dish', () => {
    const missing = refusal(() => priceOrder([{ menuItemId: 'classic-burger', quantity: 1 }], menu, check));
    expect(missing).toMatchObject({ statusCode: 400, code: 'invalid_modifiers' });
    expect(missing.message).toContain('Classic burger');
    const foreign = refusal(() => priceOrder([{ menuItemId: 'lemonade', quantity: 1, modifierIds: ['classic-burger--rare'] }], menu, check));
    expect(foreign).toMatchObject({ code: 'invalid_modifiers' });
    expect(foreign.message).toContain('Lemonade');
  });

  it('refuses an order that would cost more than one order may', () => {
    const pricey = new Map([['gold', { ...lemonade, id: 'gold', priceMinor: 90_000_000 }]]);
    const error = refusal(() => priceOrder([{ menuItemId: 'gold', quantity: 2 }], pricey, check));
    expect(error).toMatchObject({ statusCode: 400, code: 'order_too_large' });
  });

  it('refuses items priced in different currencies in one order', () => {
    const mixed = new Map([...menu, ['usd-soda', { ...lemonade, id: 'usd-soda', currency: 'USD' }]]);
    const error = refusal(() => priceOrder([{ menuItemId: 'lemonade', quantity: 1 }, { menuItemId: 'usd-soda', quantity: 1 }], mixed, check));
    expect(error).toMatchObject({ statusCode: 409, code: 'mixed_currencies' });
  });
});
