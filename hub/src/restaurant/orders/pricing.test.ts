import { describe, expect, it } from 'vitest';
import { MAX_ORDER_TOTAL_MINOR, PriceOverflowError, orderTotal, priceLine } from './pricing.ts';

describe('priceLine', () => {
  it('adds the modifiers to the unit price, then multiplies by the quantity', () => {
    expect(priceLine(1450, [350, 0], 2)).toEqual({ unitPriceMinor: 1800, totalMinor: 3600 });
  });

  it('prices a line without modifiers', () => {
    expect(priceLine(450, [], 3)).toEqual({ unitPriceMinor: 450, totalMinor: 1350 });
  });

  it('accepts a line that costs exactly the cap', () => {
    expect(priceLine(MAX_ORDER_TOTAL_MINOR / 50, [], 50).totalMinor).toBe(MAX_ORDER_TOTAL_MINOR);
  });

  it('refuses a line that would cost more than one order may', () => {
    expect(() => priceLine(MAX_ORDER_TOTAL_MINOR / 50, [1], 50)).toThrow(PriceOverflowError);
    expect(() => priceLine(Number.MAX_SAFE_INTEGER, [], 1)).toThrow(PriceOverflowError);
    expect(() => priceLine(MAX_ORDER_TOTAL_MINOR, [MAX_ORDER_TOTAL_MINOR], 1)).toThrow(PriceOverflowError);
  });

  it('refuses amounts that are not whole, non-negative minor units', () => {
    expect(() => priceLine(9.99, [], 1)).toThrow(RangeError);
    expect(() => priceLine(-100, [], 1)).toThrow(RangeError);
    expect(() => priceLine(100, [-50], 1)).toThrow(RangeError);
    expect(() => priceLine(100, [Number.NaN], 1)).toThrow(RangeError);
  });

  it('refuses a quantity below one or not whole', () => {
    expect(() => priceLine(100, [], 0)).toThrow(RangeError);
    expect(() => priceLine(100, [], 1.5)).toThrow(RangeError);
  });
});

describe('orderTotal', () => {
  it('sums the line totals', () => {
    expect(orderTotal([3600, 450, 0])).toBe(4050);
    expect(orderTotal([])).toBe(0);
  });

  it('refuses a total beyond the cap even when every line is within it', () => {
    const big = MAX_ORDER_TOTAL_MINOR - 1;
    expect(() => orderTotal([big, big])).toThrow(PriceOverflowError);
    expect(orderTotal([big, 1])).toBe(MAX_ORDER_TOTAL_MINOR);
  });

  it('refuses a line total that is not a whole amount', () => {
    expect(() => orderTotal([10, 0.5])).toThrow(RangeError);
  });
});
