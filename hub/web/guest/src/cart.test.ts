import { describe, expect, it } from 'vitest';
import { cartReducer, orderLines, priceCart, reconcileCart, type Cart } from './cart.ts';
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
});
