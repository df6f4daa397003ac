import type { Payment } from '@onemoment/shared/schemas/payments';
import { describe, expect, it } from 'vitest';
import { billState, type BillFacts } from './bill-state.ts';

const item = (id: string, totalMinor: number, status: 'pending' | 'served' | 'voided' = 'served', taxRateBp = 700) => ({ id, name: id, quantity: 1, totalMinor, status, taxRateBp });
const payment = (amountMinor: number, partId: string | null = null, tipMinor = 0): Payment => ({
  id: `p-${amountMinor}-${partId}`,
  visitId: 'v',
  partId,
  method: 'cash',
  amountMinor,
  tipMinor,
  tenderedMinor: null,
  changeMinor: 0,
  last4: null,
  approvalCode: null,
  tonInvoiceId: null,
  currency: 'EUR',
  businessDay: '2026-12-07',
  staffId: null,
  createdAt: '2026-12-07T12:00:00.000Z',
});

function facts(overrides: Partial<BillFacts> = {}): BillFacts {
  return {
    visit: { id: 'v', tableId: 't', tableName: 'Table 1' },
    currency: 'EUR',
    items: [item('a', 1000), item('b', 500)],
    settings: { taxMode: 'included', serviceChargeBp: 0 },
    discounts: [],
    payments: [],
    writeOffs: [],
    split: null,
    tonAvailable: false,
    ...overrides,
  };
}

const discount = (id: string, kind: 'amount' | 'percent', value: number, createdAt = '2026-12-07T12:00:00.000Z') => ({
  id,
  visitId: 'v',
  kind,
  amountMinor: kind === 'amount' ? value : null,
  rateBp: kind === 'percent' ? value : null,
  reason: 'why',
  staffId: 's',
  createdAt,
});

describe('billState', () => {
  it('is open with nothing paid, paid once the payments reach the total, and written off when a manager let the rest go', () => {
    expect(billState(facts())).toMatchObject({ status: 'open', totalMinor: 1500, dueMinor: 1500, owedBackMinor: 0 });
    expect(billState(facts({ payments: [payment(1500, null, 100)] }))).toMatchObject({ status: 'paid', paidMinor: 1500, tipsMinor: 100, dueMinor: 0 });
    expect(billState(facts({ payments: [payment(1400)], writeOffs: [{ id: 'w', amountMinor: 100, reason: 'coins', createdAt: 'x' }] }))).toMatchObject({
      status: 'written_off',
      dueMinor: 0,
    });
  });

  it('calls an empty bill open (nothing to pay is not "paid") and owes back what was paid before an item was voided', () => {
    expect(billState(facts({ items: [] })).status).toBe('open');
    expect(billState(facts({ items: [item('a', 1000), item('b', 500, 'voided')], payments: [payment(1500)] }))).toMatchObject({ totalMinor: 1000, dueMinor: 0, owedBackMinor: 500 });
  });

  it('trims an amount discount, newest first, when a void left it larger than the bill, and never refuses on a read', () => {
    const discounts = [discount('old', 'amount', 600), discount('new', 'amount', 600, '2026-12-07T12:05:00.000Z')];
    const state = billState(facts({ items: [item('a', 1000), item('b', 500, 'voided')], discounts }));
    expect(state.discounts.map((d) => [d.id, d.amountMinor])).toEqual([
      ['old', 600],
      ['new', 400],
    ]);
    expect(state.totalMinor).toBe(0);
    const gone = billState(facts({ items: [item('b', 500, 'voided')], discounts: [discount('only', 'amount', 300)] }));
    expect(gone.discounts).toEqual([]);
  });

  it('gives each part its due, and calls the split out of date once the parts no longer add up to the bill', () => {
    const split = {
      split: { id: 's', visitId: 'v', kind: 'equal' as const, baseMinor: 1500, createdAt: 'x' },
      parts: [
        { id: 's:1', splitId: 's', position: 0, label: 'Guest 1', amountMinor: 750 },
        { id: 's:2', splitId: 's', position: 1, label: 'Guest 2', amountMinor: 750 },
      ],
    };
    const paidOne = billState(facts({ split, payments: [payment(750, 's:1')] }));
    expect(paidOne.split!.parts.map((part) => part.dueMinor)).toEqual([0, 750]);
    expect(paidOne.split!.current).toBe(true);
    // A payment without a part, or a change to the bill, breaks the sum.
    expect(billState(facts({ split, payments: [payment(100)] })).split!.current).toBe(false);
    expect(billState(facts({ split, items: [item('a', 1000)] })).split!.current).toBe(false);
  });
});
