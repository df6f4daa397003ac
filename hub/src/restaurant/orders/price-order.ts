import type { OrderLineInput } from '@onemoment/shared/schemas/orders';
import { badRequest, conflict } from '../../errors.ts';
import type { ChosenModifier, MenuItemForOrder, ModifierChoice } from '../menu/menu-rules.ts';
import { cleanText, nameOf } from './order-text.ts';
import { PriceOverflowError, orderTotal, priceLine } from './pricing.ts';

export interface PricedLine {
  item: MenuItemForOrder;
  quantity: number;
  modifiers: ChosenModifier[];
  note: string | null;
  unitPriceMinor: number;
  totalMinor: number;
}

export interface PricedOrder {
  lines: PricedLine[];
  totalMinor: number;
  currency: string;
}

export type CheckModifiers = (item: MenuItemForOrder, modifierIds: string[]) => ModifierChoice;

/**
 * Turns the lines a guest or waiter sent into priced lines, from the menu alone: the client's idea of
 * a price is never asked for. Refuses, naming the dish, an item that is not on the menu or is sold out
 * (409 item_unavailable) and a modifier choice the item does not allow (400 invalid_modifiers).
 */
export function priceOrder(lines: readonly OrderLineInput[], menu: ReadonlyMap<string, MenuItemForOrder>, checkModifiers: CheckModifiers): PricedOrder {
  const priced: PricedLine[] = [];
  let currency: string | null = null;
  try {
    for (const line of lines) {
      const item = menu.get(line.menuItemId);
      if (!item) {
        throw conflict('item_unavailable', `An item in this order is no longer on the menu ("${line.menuItemId}"); remove it and order again.`, {
          menuItemId: line.menuItemId,
        });
      }
      const name = nameOf(item.names);
      if (!item.available) {
        throw conflict('item_unavailable', `${name} is sold out right now.`, { menuItemId: item.id });
      }
      const choice = checkModifiers(item, line.modifierIds ?? []);
      if (!choice.ok) {
        const message = choice.message.includes(name) ? choice.message : `${name} — ${choice.message}`;
        throw badRequest('invalid_modifiers', message, { menuItemId: item.id });
      }
      if (currency === null) currency = item.currency;
      else if (item.currency !== currency) {
        throw conflict('mixed_currencies', `${name} is priced in ${item.currency}, the rest of the order in ${currency}; order it separately.`);
      }
      const price = priceLine(
        item.priceMinor,
        choice.modifiers.map((modifier) => modifier.priceMinor),
        line.quantity,
      );
      priced.push({ item, quantity: line.quantity, modifiers: choice.modifiers, note: cleanText(line.note), ...price });
    }
    const totalMinor = orderTotal(priced.map((line) => line.totalMinor));
    return { lines: priced, totalMinor, currency: currency ?? '' };
  } catch (error) {
    if (error instanceof PriceOverflowError) {
      throw badRequest('order_too_large', 'This order is too large to place at once: split it into smaller orders.');
    }
    throw error;
  }
}
