import type { Payment } from '@onemoment/shared/schemas/payments';
import { describe, expect, it } from 'vitest';
import { dayTotals, type DayFacts } from './day-totals.ts';

const pay = (method: Payment['method'], amountMinor: number, tipMinor = 0) => ({ method, amountMinor, tipMinor }) as Payment;
const taxLine = (rateBp: number, netMinor: number, taxMinor: number) => ({ rateBp, netMinor, taxMinor, discountMinor: 0, grossMinor: netMinor + taxMinor });

const base: DayFacts = {
  businessDay: '2026-12-07',
  currency: 'EUR',
  payments: [],
  settledBills: [],
  writeOffsMinor: [],
  openTables: [],
  unconfirmedTon: { count: 0, amountMinor: 0, oldestAt: null },
  closed: null,
};

describe('dayTotals', () => {
  it('adds takings and tips per tender, leaving out tenders nobody used', () => {
    const totals = dayTotals({ ...base, payments: [pay('cash', 1000, 100), pay('card', 500), pay('cash', 250, 50)] });
    expect(totals.byMethod).toEqual([
      { method: 'cash', count: 2, amountMinor: 1250, tipMinor: 150 },
      { method: 'card', count: 1, amountMinor: 500, tipMinor: 0 },
    ]);
    expect(totals).toMatchObject({ takingsMinor: 1750, tipsMinor: 150 });
  });

  it('lists bills charged to hotel rooms by their tender, but leaves them out of the takings', () => {
    const totals = dayTotals({ ...base, payments: [pay('cash', 1000), pay('room', 1700)] });
    expect(totals.byMethod).toEqual([
      { method: 'cash', count: 1, amountMinor: 1000, tipMinor: 0 },
      { method: 'room', count: 1, amountMinor: 1700, tipMinor: 0 },
    ]);
    expect(totals.takingsMinor).toBe(1000);
  });

  it('sums discounts, service and tax per rate from the bills settled that day, and says when it was closed', () => {
    const totals = dayTotals({
      ...base,
      settledBills: [
        { discountMinor: 100, serviceChargeMinor: 0, taxMinor: 80, taxLines: [taxLine(700, 1000, 70), taxLine(1900, 53, 10)] },
        { discountMinor: 0, serviceChargeMinor: 125, taxMinor: 7, taxLines: [taxLine(700, 100, 7)] },
      ],
      writeOffsMinor: [30, 20],
      closed: { closedAt: '2026-12-07T23:00:00.000Z', closedBy: 'Manager', note: 'Till counted: €812.40' },
    });
    expect(totals).toMatchObject({ discountMinor: 100, serviceChargeMinor: 125, taxMinor: 87, writtenOffMinor: 50, settledBills: 2, closedBy: 'Manager', note: 'Till counted: €812.40' });
    expect(totals.taxLines).toEqual([
      { rateBp: 700, netMinor: 1100, taxMinor: 77 },
      { rateBp: 1900, netMinor: 53, taxMinor: 10 },
    ]);
  });
});
