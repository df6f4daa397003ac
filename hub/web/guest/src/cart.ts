/**
 * The guest's cart as pure data: lines keyed by item + modifiers + note (the same choice twice is one
 * line with a bigger quantity), priced from the current menu so a price change or an 86'd item shows
 * up before the order is sent.
 */
import { sumMinor } from '@onemoment/shared/money';
import type { GuestMenu, MenuItem, PlaceOrderLine } from './types.ts';

// The hub's ORDER_LIMITS, repeated here so the page's bundle never pulls TypeBox in (cart.test.ts checks they agree).
export const MAX_QUANTITY = 50;
export const MAX_LINES = 50;
export const MAX_NOTE_LENGTH = 200;

export interface CartLine {
  key: string;
  menuItemId: string;
  /** The name when added, only to tell the guest which line went if the item leaves the menu. */
  name: string;
  quantity: number;
  modifierIds: string[];
  note: string;
  /** The unit price the guest last saw for this line, so a new price on the hub is told, not slipped in. */
  unitMinor?: number;
}

export type Cart = CartLine[];

export type CartAction =
  | { type: 'add'; menuItemId: string; name: string; quantity: number; modifierIds: string[]; note: string; unitMinor?: number }
  | { type: 'setQuantity'; key: string; quantity: number }
  | { type: 'remove'; key: string }
  | { type: 'replace'; cart: Cart }
  | { type: 'clear' };

export function lineKey(menuItemId: string, modifierIds: readonly string[], note: string): string {
  return JSON.stringify([menuItemId, [...modifierIds].sort(), note.trim()]);
}

function clampQuantity(quantity: number): number {
  return Math.max(1, Math.min(MAX_QUANTITY, Math.round(quantity)));
}

export type AddAction = Extract<CartAction, { type: 'add' }>;

/**
 * What adding did: how many went in, how many did not fit, and why. The page says exactly this to
 * the guest, so nothing is ever dropped silently (the hub refuses a line over 50 and an order over
 * 50 lines).
 */
export interface AddResult {
  cart: Cart;
  added: number;
  leftOut: number;
  /** 'line-full': the line reached MAX_QUANTITY; 'too-many-lines': the cart has MAX_LINES lines. */
  limit: 'line-full' | 'too-many-lines' | null;
}

/** How many more of this exact choice (item, modifiers, note) still fit on its line. */
export function roomOnLine(cart: Cart, key: string): number {
  const existing = cart.find((line) => line.key === key);
  return MAX_QUANTITY - (existing?.quantity ?? 0);
}

export function addToCart(cart: Cart, action: AddAction): AddResult {
  const note = action.note.trim().slice(0, MAX_NOTE_LENGTH);
  const key = lineKey(action.menuItemId, action.modifierIds, note);
  const wanted = Math.max(1, Math.round(action.quantity));
  const existing = cart.find((line) => line.key === key);
  if (!existing && cart.length >= MAX_LINES) return { cart, added: 0, leftOut: wanted, limit: 'too-many-lines' };
  const added = Math.min(wanted, roomOnLine(cart, key));
  const limit = added < wanted ? 'line-full' : null;
  if (added <= 0) return { cart, added: 0, leftOut: wanted, limit };
  const next = existing
    ? cart.map((line) => (line.key === key ? { ...line, quantity: line.quantity + added } : line))
    : [...cart, newLine(action, key, note, added)];
  return { cart: next, added, leftOut: wanted - added, limit };
}

function newLine(action: AddAction, key: string, note: string, quantity: number): CartLine {
  const line: CartLine = { key, menuItemId: action.menuItemId, name: action.name, quantity, modifierIds: [...action.modifierIds].sort(), note };
  if (action.unitMinor !== undefined) line.unitMinor = action.unitMinor;
  return line;
}

export function cartReducer(cart: Cart, action: CartAction): Cart {
  switch (action.type) {
    case 'add':
      return addToCart(cart, action).cart;
    case 'setQuantity':
      if (action.quantity < 1) return cart.filter((line) => line.key !== action.key);
      return cart.map((line) => (line.key === action.key ? { ...line, quantity: clampQuantity(action.quantity) } : line));
    case 'remove':
      return cart.filter((line) => line.key !== action.key);
    case 'replace':
      return action.cart;
    case 'clear':
      return [];
  }
}

export function findItem(menu: GuestMenu, menuItemId: string): MenuItem | undefined {
  for (const category of menu.categories) {
    const item = category.items.find((candidate) => candidate.id === menuItemId);
    if (item) return item;
  }
  return undefined;
}

/** The unit price of an item with the chosen modifiers (modifiers not on the item are ignored). */
export function unitPriceMinor(item: MenuItem, modifierIds: readonly string[]): number {
  const extras = item.modifierGroups.flatMap((group) => group.modifiers).filter((m) => modifierIds.includes(m.id));
  return sumMinor([item.priceMinor, ...extras.map((m) => m.priceMinor)]);
}

export interface PricedLine {
  line: CartLine;
  item: MenuItem;
  unitMinor: number;
  totalMinor: number;
  modifierNames: string[];
}

export function priceCart(cart: Cart, menu: GuestMenu): { lines: PricedLine[]; totalMinor: number; count: number } {
  const lines: PricedLine[] = [];
  for (const line of cart) {
    const item = findItem(menu, line.menuItemId);
    if (!item) continue;
    const unitMinor = unitPriceMinor(item, line.modifierIds);
    const modifierNames = item.modifierGroups
      .flatMap((group) => group.modifiers)
      .filter((m) => line.modifierIds.includes(m.id))
      .map((m) => m.name);
    lines.push({ line, item, unitMinor, totalMinor: unitMinor * line.quantity, modifierNames });
  }
  return {
    lines,
    totalMinor: sumMinor(lines.map((l) => l.totalMinor)),
    count: lines.reduce((n, l) => n + l.line.quantity, 0),
  };
}

/**
 * After the menu changed: keep the lines that can still be ordered, and name the ones that cannot
 * (86'd or gone, or a chosen modifier no longer offered) so the page can tell the guest.
 */
export function reconcileCart(cart: Cart, menu: GuestMenu): { cart: Cart; removed: CartLine[] } {
  const kept: Cart = [];
  const removed: CartLine[] = [];
  for (const line of cart) {
    const item = findItem(menu, line.menuItemId);
    const offered = new Set(item?.modifierGroups.flatMap((group) => group.modifiers.map((m) => m.id)) ?? []);
    if (item && item.available !== false && line.modifierIds.every((id) => offered.has(id))) kept.push(line);
    else removed.push(line);
  }
  return { cart: removed.length === 0 ? cart : kept, removed };
}

export interface PriceChange {
  menuItemId: string;
  name: string;
  beforeMinor: number;
  afterMinor: number;
}

/**
 * Reprices the cart from a new menu: the lines whose unit price (item and chosen modifiers) is not the
 * one the guest last saw, named once per item and price, with the cart now remembering the new price.
 * The hub prices an order from its own menu, so the guest must see a new price before tapping Order.
 * A line that has no seen price yet (given back from a refused order) takes the menu's silently.
 */
export function priceChanges(cart: Cart, menu: GuestMenu): { cart: Cart; changes: PriceChange[] } {
  const changes: PriceChange[] = [];
  let touched = false;
  const next = cart.map((line) => {
    const item = findItem(menu, line.menuItemId);
    if (!item) return line;
    const afterMinor = unitPriceMinor(item, line.modifierIds);
    if (line.unitMinor === afterMinor) return line;
    touched = true;
    if (line.unitMinor !== undefined) {
      const change = { menuItemId: line.menuItemId, name: item.name, beforeMinor: line.unitMinor, afterMinor };
      const same = (c: PriceChange) => c.menuItemId === change.menuItemId && c.beforeMinor === change.beforeMinor && c.afterMinor === afterMinor;
      if (!changes.some(same)) changes.push(change);
    }
    return { ...line, unitMinor: afterMinor };
  });
  return { cart: touched ? next : cart, changes };
}

/** The body lines of `POST /api/guest/orders`, leaving out empty optional fields. */
export function orderLines(cart: Cart): PlaceOrderLine[] {
  return cart.map((line) => {
    const out: PlaceOrderLine = { menuItemId: line.menuItemId, quantity: line.quantity };
    if (line.modifierIds.length > 0) out.modifierIds = [...line.modifierIds];
    if (line.note) out.note = line.note;
    return out;
  });
}
