import { describe, expect, it } from 'vitest';
import { ORDER_LIMITS } from '@onemoment/shared/schemas/orders';
import { addToCart, cartReducer, MAX_LINES, MAX_NOTE_LENGTH, MAX_QUANTITY, orderLines, priceCart, priceChanges, reconcileCart, roomOnLine, type Cart } from './cart.ts';
import { burger, lemonade, menuOf } from './test-menu.ts';

const addBurger = (cart: Cart, quantity = 1, note = '') =>
  cartReducer(cart, { type: 'add', menuItemId: burger.id, name: burger.name, quantity, modifierIds: ['classic-burger--medium', 'classic-burger--bacon'], note });

describe('cart', () => {
  it('merges the same choice into one line and keeps different notes apart', () => {
    let cart = addBurger([], 1);
    cart = addBurger(cart, 2);
    cart = addBurger(cart, 1, 'no pickles');
    expect(cart).toHaveLength(2);
    expect(cart[0]!.quantity).toBe(3);
  });

  it('prices lines with their modifiers', () => {
    const cart = cartReducer(addBurger([], 2), { type: 'add', menuItemId: lemonade.id, name: lemonade.name, quantity: 1, modifierIds: [], note: '' });
    const priced = priceCart(cart, menuOf(burger, lemonade));
    expect(priced.lines[0]!.unitMinor).toBe(1650);
    expect(priced.totalMinor).toBe(2 * 1650 + 450);
    expect(priced.count).toBe(3);
  });

  it('clamps quantities and removes a line set to zero', () => {
    let cart = addBurger([], 70);
    expect(cart[0]!.quantity).toBe(50);
    cart = cartReducer(cart, { type: 'setQuantity', key: cart[0]!.key, quantity: 0 });
    expect(cart).toEqual([]);
  });

  it('drops lines whose item left the menu and names them', () => {
    const cart = cartReducer(addBurger([]), { type: 'add', menuItemId: lemonade.id, name: lemonade.name, quantity: 1, modifierIds: [], note: '' });
    const { cart: kept, removed } = reconcileCart(cart, menuOf(lemonade));
    expect(kept.map((l) => l.menuItemId)).toEqual(['lemonade']);
    expect(removed.map((l) => l.name)).toEqual(['Classic burger']);
    const unchanged = reconcileCart(cart, menuOf(burger, lemonade));
    expect(unchanged.cart).toBe(cart);
  });

  it('builds order lines without empty optional fields', () => {
    const cart = cartReducer(addBurger([], 1, '  well done please  '), { type: 'add', menuItemId: lemonade.id, name: lemonade.name, quantity: 2, modifierIds: [], note: '' });
    expect(orderLines(cart)).toEqual([
      { menuItemId: 'classic-burger', quantity: 1, modifierIds: ['classic-burger--bacon', 'classic-burger--medium'], note: 'well done please' },
      { menuItemId: 'lemonade', quantity: 2 },
    ]);
  });

  it('uses the hub’s own order limits', () => {
    expect({ MAX_QUANTITY, MAX_LINES, MAX_NOTE_LENGTH }).toEqual({
      MAX_QUANTITY: ORDER_LIMITS.maxQuantity,
      MAX_LINES: ORDER_LIMITS.maxLines,
      MAX_NOTE_LENGTH: ORDER_LIMITS.maxNoteLength,
    });
  });
});

describe('adding past the limits', () => {
  const lemonades = (quantity: number) => ({ type: 'add' as const, menuItemId: lemonade.id, name: lemonade.name, quantity, modifierIds: [], note: '' });

  it('adds what fits on a line and says how many did not', () => {
    const full = addToCart([], lemonades(50));
    expect(full).toMatchObject({ added: 50, leftOut: 0, limit: null });
    const more = addToCart(full.cart, lemonades(21));
    expect(more).toMatchObject({ added: 0, leftOut: 21, limit: 'line-full' });
    expect(more.cart).toBe(full.cart);

    const partly = addToCart(addToCart([], lemonades(30)).cart, lemonades(25));
    expect(partly).toMatchObject({ added: 20, leftOut: 5, limit: 'line-full' });
    expect(partly.cart[0]!.quantity).toBe(50);
  });

  it('a different note is its own line with its own room', () => {
    const full = addToCart([], lemonades(50)).cart;
    expect(roomOnLine(full, full[0]!.key)).toBe(0);
    const other = addToCart(full, { ...lemonades(3), note: 'no ice' });
    expect(other).toMatchObject({ added: 3, leftOut: 0, limit: null });
    expect(other.cart).toHaveLength(2);
  });

  it('refuses a new line once the order has the most lines it may have', () => {
    let cart: Cart = [];
    for (let n = 0; n < MAX_LINES; n += 1) cart = addToCart(cart, { ...lemonades(1), note: `glass ${n}` }).cart;
    expect(addToCart(cart, lemonades(2))).toMatchObject({ added: 0, leftOut: 2, limit: 'too-many-lines' });
    // An existing line can still grow.
    expect(addToCart(cart, { ...lemonades(1), note: 'glass 0' })).toMatchObject({ added: 1, limit: null });
  });

  it('the reducer follows the same rule', () => {
    const cart = cartReducer(addToCart([], lemonades(45)).cart, lemonades(10));
    expect(cart[0]!.quantity).toBe(50);
  });
});

describe('price changes', () => {
  const seen = (cart: Cart, menu = menuOf(burger, lemonade)) => priceChanges(cart, menu).cart;

  it('names the lines whose price is not the one the guest saw, once per item and price', () => {
    let cart = addBurger([], 1);
    cart = addBurger(cart, 1, 'no pickles');
    cart = cartReducer(cart, { type: 'add', menuItemId: lemonade.id, name: lemonade.name, quantity: 1, modifierIds: [], note: '', unitMinor: 450 });
    // Lines given back without a seen price take the menu's silently.
    const first = priceChanges(cart, menuOf(burger, lemonade));
    expect(first.changes).toEqual([]);
    expect(first.cart.map((l) => l.unitMinor)).toEqual([1650, 1650, 450]);
    expect(priceChanges(first.cart, menuOf(burger, lemonade)).cart).toBe(first.cart);

    const raised = priceChanges(first.cart, menuOf({ ...burger, priceMinor: 1500 }, lemonade));
    expect(raised.changes).toEqual([{ menuItemId: 'classic-burger', name: 'Classic burger', beforeMinor: 1650, afterMinor: 1700 }]);
    expect(raised.cart.map((l) => l.unitMinor)).toEqual([1700, 1700, 450]);
    expect(priceCart(raised.cart, menuOf({ ...burger, priceMinor: 1500 }, lemonade)).totalMinor).toBe(2 * 1700 + 450);
  });

  it('a price seen when adding is compared after a reload too', () => {
    const cart = cartReducer([], { type: 'add', menuItemId: lemonade.id, name: lemonade.name, quantity: 2, modifierIds: [], note: '', unitMinor: 450 });
    expect(priceChanges(cart, menuOf({ ...lemonade, priceMinor: 500 })).changes).toEqual([
      { menuItemId: 'lemonade', name: 'Lemonade', beforeMinor: 450, afterMinor: 500 },
    ]);
    // An item that left the menu is the 86 notice's business, not a price change.
    expect(priceChanges(seen(cart), menuOf(burger)).changes).toEqual([]);
  });
});
