import { describe, expect, it } from 'vitest';
import { chargedMinor } from './order-totals.ts';

describe('chargedMinor', () => {
  it('counts what is still charged: pending, ready and served items, not cancelled or voided ones', () => {
    const items = [
      { status: 'served' as const, totalMinor: 1450 },
      { status: 'voided' as const, totalMinor: 450 },
      { status: 'pending' as const, totalMinor: 280 },
      { status: 'cancelled' as const, totalMinor: 900 },
      { status: 'ready' as const, totalMinor: 120 },
    ];
    expect(chargedMinor({ items })).toBe(1850);
    expect(chargedMinor({ items: [] })).toBe(0);
  });
});
