/**
 * Prices an order from the menu's numbers, never from the client's. Money is integer minor units;
 * anything that is not a whole, non-negative amount, or a total beyond what one order may cost, is
 * refused rather than rounded or wrapped.
 */

/** The most one order may cost (1,000,000.00 in a two-decimal currency), matching the API's money bound. */
export const MAX_ORDER_TOTAL_MINOR = 100_000_000;

/** An order (or one of its lines) would cost more than MAX_ORDER_TOTAL_MINOR. */
export class PriceOverflowError extends RangeError {
  constructor(readonly totalMinor: number) {
    super(`the order would cost ${totalMinor} minor units, more than ${MAX_ORDER_TOTAL_MINOR}`);
    this.name = 'PriceOverflowError';
  }
}

export interface LinePrice {
  /** One item with its modifiers. */
  unitPriceMinor: number;
  /** unitPriceMinor × quantity. */
  totalMinor: number;
}

function assertAmount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole, non-negative amount (got ${value})`);
}

/** (unit price + modifier prices) × quantity. */
export function priceLine(unitPriceMinor: number, modifierPricesMinor: readonly number[], quantity: number): LinePrice {
  assertAmount(unitPriceMinor, 'a price');
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new RangeError(`a quantity must be a whole number from 1 (got ${quantity})`);
  let unit = unitPriceMinor;
  for (const price of modifierPricesMinor) {
    assertAmount(price, 'a modifier price');
    unit += price;
  }
  // Checked before multiplying: a unit price over the cap can never make an acceptable line.
  if (unit > MAX_ORDER_TOTAL_MINOR) throw new PriceOverflowError(unit);
  const total = unit * quantity;
  if (total > MAX_ORDER_TOTAL_MINOR) throw new PriceOverflowError(total);
  return { unitPriceMinor: unit, totalMinor: total };
}

/** The sum of the line totals. */
export function orderTotal(lineTotalsMinor: readonly number[]): number {
  let total = 0;
  for (const line of lineTotalsMinor) {
    assertAmount(line, 'a line total');
    total += line;
    if (total > MAX_ORDER_TOTAL_MINOR) throw new PriceOverflowError(total);
  }
  return total;
}
