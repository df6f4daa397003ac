import { describe, expect, it } from 'vitest';
import { chargedMinor } from '@onemoment/shared/restaurant/order-totals';
import type { ItemStatus } from '@onemoment/shared/restaurant/order-lifecycle';
import { buildBill, type BillInput, type BillItemInput, type DiscountInput, type TaxMode } from './bill-rules.ts';
import { PaymentRefusal } from './payment-errors.ts';
import { refusal, seededRandom } from './test-support.ts';

let nextId = 0;
function item(totalMinor: number, taxRateBp: number, status: ItemStatus = 'served', quantity = 1): BillItemInput {
  nextId += 1;
  return { id: `i${nextId}`, name: `Item ${nextId}`, quantity, totalMinor, status, taxRateBp };
}

describe('buildBill: lines and tax', () => {
  it('finds the VAT inside a price that includes it: 20 % in €12.00 is €2.00', () => {
    const bill = buildBill({ items: [item(1200, 2000)], taxMode: 'included' });
    expect(bill.taxLines).toEqual([{ rateBp: 2000, discountMinor: 0, netMinor: 1000, taxMinor: 200, grossMinor: 1200 }]);
    expect(bill.totalMinor).toBe(1200);
    expect(bill.taxAddedMinor).toBe(0);
  });

  it('adds sales tax on top when the venue prices net', () => {
    const bill = buildBill({ items: [item(1000, 825)], taxMode: 'added' });
    expect(bill.taxLines).toEqual([{ rateBp: 825, discountMinor: 0, netMinor: 1000, taxMinor: 83, grossMinor: 1083 }]); // 82.5 → 83
    expect(bill.totalMinor).toBe(1083);
  });

  it('charges neither cancelled nor voided items, as chargedMinor does', () => {
    const items = [item(1450, 700), item(450, 700, 'voided'), item(280, 1900, 'pending'), item(900, 1900, 'cancelled'), item(120, 700, 'ready')];
    const bill = buildBill({ items, taxMode: 'included' });
    expect(bill.lines.map((line) => line.itemId)).toEqual([items[0]!.id, items[2]!.id, items[4]!.id]);
    expect(bill.subtotalMinor).toBe(chargedMinor({ items }));
    expect(bill.subtotalMinor).toBe(1850);
  });

  it('rounds tax once per rate group, not once per line', () => {
    // Per line, 105 × 2000 / 12000 = 17.5 → 18, three times 54; for the group, 315 / 6 = 52.5 → 53.
    const bill = buildBill({ items: [item(105, 2000), item(105, 2000), item(105, 2000)], taxMode: 'included' });
    expect(bill.taxMinor).toBe(53);
  });

  it('lists each rate once, lowest first, zero rates included', () => {
    const bill = buildBill({ items: [item(500, 1900), item(300, 0), item(200, 700), item(100, 1900)], taxMode: 'added' });
    expect(bill.taxLines.map((line) => [line.rateBp, line.netMinor, line.taxMinor])).toEqual([
      [0, 300, 0],
      [700, 200, 14],
      [1900, 600, 114],
    ]);
    expect(bill.totalMinor).toBe(1100 + 14 + 114);
  });

  it('makes an empty bill of nothing', () => {
    const bill = buildBill({ items: [item(900, 1000, 'cancelled')], taxMode: 'included', serviceChargeBp: 1000, tipsMinor: [0] });
    expect(bill).toMatchObject({ lines: [], subtotalMinor: 0, taxLines: [], serviceChargeMinor: 0, totalMinor: 0 });
  });
});

describe('buildBill: two rates, 7 % and 19 % included, with a 10 % discount, to the cent', () => {
  // A German bill: food at 7 %, drinks at 19 %, prices include VAT.
  const items = [item(2500, 700, 'served', 2), item(1470, 1900, 'served', 3), item(695, 700), item(800, 1900, 'cancelled')];
  const discounts: DiscountInput[] = [{ kind: 'percent', rateBp: 1000, reason: 'Regulars' }];

  it('included', () => {
    const bill = buildBill({ items, taxMode: 'included', discounts });
    expect(bill.subtotalMinor).toBe(4665);
    // 10 % of 4665 = 466.5 → 467 (half up).
    expect(bill.discounts).toEqual([{ kind: 'percent', rateBp: 1000, amountMinor: 467, reason: 'Regulars' }]);
    // 467 spread by 3195 : 1470 → exact 319.84 and 147.16; floors 319 + 147 = 466, the cent left goes to 0.84.
    // 7 %: 2875 × 700 / 10700 = 188.08 → 188. 19 %: 1323 × 1900 / 11900 = 211.24 → 211.
    expect(bill.taxLines).toEqual([
      { rateBp: 700, discountMinor: 320, grossMinor: 2875, taxMinor: 188, netMinor: 2687 },
      { rateBp: 1900, discountMinor: 147, grossMinor: 1323, taxMinor: 211, netMinor: 1112 },
    ]);
    expect(bill.taxMinor).toBe(399);
    expect(bill.totalMinor).toBe(4198);
  });

  it('added, with 10 % service and a tip', () => {
    const bill = buildBill({ items, taxMode: 'added', discounts, serviceChargeBp: 1000, tipsMinor: [150, 50] });
    // 7 %: 2875 × 0.07 = 201.25 → 201. 19 %: 1323 × 0.19 = 251.37 → 251. Service: 10 % of 4198 = 419.8 → 420.
    expect(bill.taxLines.map((line) => [line.netMinor, line.taxMinor, line.grossMinor])).toEqual([
      [2875, 201, 3076],
      [1323, 251, 1574],
    ]);
    expect(bill.serviceChargeMinor).toBe(420);
    expect(bill.tipsMinor).toBe(200);
    expect(bill.totalMinor).toBe(4665 - 467 + 420 + 452 + 200);
  });
});

describe('buildBill: discounts', () => {
  it('takes each percentage of the subtotal, so their order does not matter', () => {
    const a = buildBill({
      items: [item(1000, 1000)],
      taxMode: 'included',
      discounts: [
        { kind: 'percent', rateBp: 1000, reason: 'a' },
        { kind: 'amount', amountMinor: 100, reason: 'b' },
      ],
    });
    const b = buildBill({
      items: [item(1000, 1000)],
      taxMode: 'included',
      discounts: [
        { kind: 'amount', amountMinor: 100, reason: 'b' },
        { kind: 'percent', rateBp: 1000, reason: 'a' },
      ],
    });
    expect(a.discountMinor).toBe(200);
    expect(b.discountMinor).toBe(200);
    expect(a.totalMinor).toBe(b.totalMinor);
  });

  it('may bring the bill to zero, never below', () => {
    const bill = buildBill({ items: [item(1200, 2000)], taxMode: 'added', discounts: [{ kind: 'amount', amountMinor: 1200, reason: 'On the house' }] });
    expect(bill.totalMinor).toBe(0);
    expect(bill.taxMinor).toBe(0);
  });

  it('refuses discounts larger than the subtotal, with a sentence and a 409', () => {
    const error = refusal(() =>
      buildBill({ items: [item(1000, 2000)], taxMode: 'included', discounts: [{ kind: 'amount', amountMinor: 1001, reason: 'Complaint' }] }),
    );
    expect(error.code).toBe('discount_exceeds_subtotal');
    expect(error.statusCode).toBe(409);
    expect(error.message).toMatch(/1001.*1000/);
    const twoPercents = refusal(() =>
      buildBill({
        items: [item(1000, 2000)],
        taxMode: 'included',
        discounts: [
          { kind: 'percent', rateBp: 6000, reason: 'a' },
          { kind: 'percent', rateBp: 5000, reason: 'b' },
        ],
      }),
    );
    expect(twoPercents.code).toBe('discount_exceeds_subtotal');
  });

  it('refuses a discount without a reason, and amounts that are not whole minor units', () => {
    const base: BillInput = { items: [item(1000, 2000)], taxMode: 'included' };
    expect(refusal(() => buildBill({ ...base, discounts: [{ kind: 'amount', amountMinor: 100, reason: '  ' }] })).code).toBe('bad_bill');
    expect(refusal(() => buildBill({ ...base, discounts: [{ kind: 'amount', amountMinor: 10.5, reason: 'x' }] })).code).toBe('bad_bill');
    expect(refusal(() => buildBill({ ...base, discounts: [{ kind: 'percent', rateBp: 10_001, reason: 'x' }] })).code).toBe('bad_bill');
    expect(refusal(() => buildBill({ ...base, tipsMinor: [-1] })).code).toBe('bad_bill');
    expect(refusal(() => buildBill({ ...base, serviceChargeBp: 12.5 })).code).toBe('bad_bill');
    expect(refusal(() => buildBill({ items: [item(99.5, 2000)], taxMode: 'included' })).code).toBe('bad_bill');
    expect(refusal(() => buildBill({ items: [item(100, -1)], taxMode: 'included' })).statusCode).toBe(400);
  });
});

describe('buildBill: every bill holds together (seeded)', () => {
  it('total = subtotal − discounts + service + tax added + tips; tax within half a cent per rate', () => {
    const random = seededRandom(2026);
    const rates = [0, 500, 700, 1000, 1900, 2000, 2100, 825];
    const statuses: ItemStatus[] = ['pending', 'ready', 'served', 'served', 'cancelled', 'voided'];
    let checked = 0;
    for (let round = 0; round < 1500; round += 1) {
      const items = Array.from({ length: random.int(0, 15) }, () => item(random.int(0, 20_000), random.pick(rates), random.pick(statuses)));
      const subtotal = chargedMinor({ items });
      const discounts: DiscountInput[] = [];
      if (subtotal > 0 && random.int(0, 1) === 1) discounts.push({ kind: 'amount', amountMinor: random.int(1, Math.ceil(subtotal / 2)), reason: 'r' });
      if (random.int(0, 1) === 1) discounts.push({ kind: 'percent', rateBp: random.int(1, 5000), reason: 'r' });
      const taxMode: TaxMode = random.pick(['included', 'added'] as const);
      const input: BillInput = { items, taxMode, discounts, serviceChargeBp: random.pick([0, 1000, 1250]), tipsMinor: [random.int(0, 500)] };
      let bill;
      try {
        bill = buildBill(input);
      } catch (error) {
        // Only a discount beyond the subtotal may be refused here.
        expect(error instanceof PaymentRefusal && error.code === 'discount_exceeds_subtotal').toBe(true);
        continue;
      }
      checked += 1;
      expect(bill.subtotalMinor).toBe(subtotal);
      const sum = (values: number[]) => values.reduce((acc, value) => acc + value, 0);
      expect(bill.totalMinor).toBe(bill.subtotalMinor - bill.discountMinor + bill.serviceChargeMinor + bill.taxAddedMinor + bill.tipsMinor);
      expect(sum(bill.taxLines.map((line) => line.discountMinor))).toBe(bill.discountMinor);
      for (const line of bill.taxLines) {
        const charged = taxMode === 'included' ? line.grossMinor : line.netMinor;
        const groupAmount = sum(bill.lines.filter((l) => l.taxRateBp === line.rateBp).map((l) => l.totalMinor));
        expect(charged).toBe(groupAmount - line.discountMinor);
        expect(line.discountMinor).toBeGreaterThanOrEqual(0);
        expect(line.discountMinor).toBeLessThanOrEqual(groupAmount);
        // Spread in proportion: within one cent of discount × group / subtotal.
        const spreadGap = BigInt(line.discountMinor) * BigInt(bill.subtotalMinor) - BigInt(bill.discountMinor) * BigInt(groupAmount);
        expect(spreadGap < BigInt(bill.subtotalMinor) && -spreadGap < BigInt(bill.subtotalMinor)).toBe(true);
        // |tax − charged × rate / base| ≤ ½, in whole numbers: |2·tax·base − 2·charged·rate| ≤ base.
        const base = BigInt(taxMode === 'included' ? 10_000 + line.rateBp : 10_000);
        const taxGap = 2n * BigInt(line.taxMinor) * base - 2n * BigInt(charged) * BigInt(line.rateBp);
        expect(taxGap <= base && -taxGap <= base).toBe(true);
        expect(line.netMinor + line.taxMinor).toBe(line.grossMinor);
      }
      expect(bill.totalMinor).toBeGreaterThanOrEqual(0);
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
