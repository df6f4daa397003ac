import { describe, expect, it } from 'vitest';
import { refusal, seededRandom } from './test-support.ts';
import { applyPayment, dueAfter, settle, type Tender } from './tender-rules.ts';

describe('applyPayment: cash', () => {
  it('gives change from what was handed over', () => {
    const paid = applyPayment(4200, { method: 'cash', amountMinor: 4200, tenderedMinor: 5000 });
    expect(paid).toMatchObject({ method: 'cash', amountMinor: 4200, tipMinor: 0, changeMinor: 800, dueBeforeMinor: 4200, dueAfterMinor: 0 });
  });

  it('keeps a tip out of the change, and out of what is due', () => {
    const paid = applyPayment(4200, { method: 'cash', amountMinor: 4200, tipMinor: 300, tenderedMinor: 5000 });
    expect(paid).toMatchObject({ changeMinor: 500, tipMinor: 300, dueAfterMinor: 0 });
  });

  it('needs no tendered amount when the cash is exact', () => {
    expect(applyPayment(1000, { method: 'cash', amountMinor: 400 }).changeMinor).toBe(0);
  });

  it('refuses too little cash for the payment and its tip', () => {
    const error = refusal(() => applyPayment(4200, { method: 'cash', amountMinor: 4200, tipMinor: 300, tenderedMinor: 4400 }));
    expect(error.code).toBe('not_enough_tendered');
    expect(error.details).toMatchObject({ tenderedMinor: 4400, owedMinor: 4500 });
  });
});

describe('applyPayment: card', () => {
  it('records the last 4 digits and the approval code when staff give them', () => {
    const paid = applyPayment(2500, { method: 'card', amountMinor: 2500, tipMinor: 250, last4: '0421', approvalCode: 'A1B2C3' });
    expect(paid).toEqual({
      method: 'card',
      amountMinor: 2500,
      tipMinor: 250,
      changeMinor: 0,
      dueBeforeMinor: 2500,
      dueAfterMinor: 0,
      last4: '0421',
      approvalCode: 'A1B2C3',
    });
    expect(applyPayment(2500, { method: 'card', amountMinor: 100 })).toMatchObject({ last4: null, approvalCode: null, dueAfterMinor: 2400 });
  });

  it('refuses last digits that are not exactly 4 digits, and odd approval codes', () => {
    for (const last4 of ['123', '12345', '12a4', ' 123', '']) {
      expect(refusal(() => applyPayment(1000, { method: 'card', amountMinor: 1000, last4 })).code).toBe('bad_payment');
    }
    for (const approvalCode of ['', 'AB 123', 'ABCDEFGHIJKLM', 'ÄÖÜ123']) {
      expect(refusal(() => applyPayment(1000, { method: 'card', amountMinor: 1000, approvalCode })).code).toBe('bad_payment');
    }
  });
});

describe('applyPayment: what is due', () => {
  it('refuses more than is due unless the extra is called a tip (409)', () => {
    const error = refusal(() => applyPayment(1000, { method: 'card', amountMinor: 1200 }));
    expect(error.code).toBe('more_than_due');
    expect(error.statusCode).toBe(409);
    expect(error.details).toMatchObject({ dueMinor: 1000, overMinor: 200 });
    expect(applyPayment(1000, { method: 'card', amountMinor: 1000, tipMinor: 200 }).dueAfterMinor).toBe(0);
    // A tip rides beside the amount; it never lets the amount itself pass what is due.
    expect(refusal(() => applyPayment(1000, { method: 'card', amountMinor: 1200, tipMinor: 500 })).code).toBe('more_than_due');
  });

  it('lets partial payments reduce what is due, then says it is paid', () => {
    let due = 1000;
    due = applyPayment(due, { method: 'cash', amountMinor: 334 }).dueAfterMinor;
    due = applyPayment(due, { method: 'card', amountMinor: 333 }).dueAfterMinor;
    expect(due).toBe(333);
    due = applyPayment(due, { method: 'card', amountMinor: 333 }).dueAfterMinor;
    expect(due).toBe(0);
    const again = refusal(() => applyPayment(due, { method: 'card', amountMinor: 333 }));
    expect(again.code).toBe('already_paid');
    expect(again.statusCode).toBe(409);
  });

  it('refuses amounts with fractions of a minor unit, zero amounts and negative tips', () => {
    const bad: Tender[] = [
      { method: 'cash', amountMinor: 10.5 },
      { method: 'cash', amountMinor: 0 },
      { method: 'card', amountMinor: -5 },
      { method: 'card', amountMinor: 100, tipMinor: -1 },
      { method: 'card', amountMinor: 100, tipMinor: 0.5 },
      { method: 'cash', amountMinor: 100, tenderedMinor: 150.5 },
      { method: 'ton' as 'cash', amountMinor: 100 },
    ];
    for (const tender of bad) expect(refusal(() => applyPayment(1000, tender)).code).toBe('bad_payment');
    expect(refusal(() => applyPayment(-1, { method: 'cash', amountMinor: 1 })).code).toBe('bad_payment');
  });
});

describe('dueAfter and settle', () => {
  it('counts payments, not their tips, and never goes below zero', () => {
    expect(dueAfter(1000, [])).toBe(1000);
    expect(dueAfter(1000, [{ amountMinor: 400 }, { amountMinor: 250 }])).toBe(350);
    expect(dueAfter(1000, [{ amountMinor: 400, tipMinor: 500 } as { amountMinor: number }])).toBe(600);
    // The bill shrank after it was paid (an item voided): nothing is due, and 200 is owed back.
    expect(dueAfter(1000, [{ amountMinor: 1200 }])).toBe(0);
    expect(settle(1000, [{ amountMinor: 1200 }])).toEqual({ paidMinor: 1200, dueMinor: 0, owedBackMinor: 200 });
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(refusal(() => dueAfter(1000, [{ amountMinor: 0.5 }])).code).toBe('bad_payment');
  });

  it('random partial payments always leave total − paid, never below zero (seeded)', () => {
    const random = seededRandom(42);
    for (let round = 0; round < 500; round += 1) {
      const total = random.int(1, 200_000);
      const payments: { amountMinor: number }[] = [];
      let due = total;
      while (due > 0) {
        const amount = random.int(1, due + 50);
        if (amount > due) {
          expect(refusal(() => applyPayment(due, { method: 'card', amountMinor: amount })).code).toBe('more_than_due');
          continue;
        }
        const paid = applyPayment(due, random.int(0, 1) === 1 ? { method: 'card', amountMinor: amount } : { method: 'cash', amountMinor: amount, tenderedMinor: amount + random.int(0, 2000) });
        expect(paid.changeMinor).toBeGreaterThanOrEqual(0);
        payments.push(paid);
        due = paid.dueAfterMinor;
        expect(due).toBe(dueAfter(total, payments));
        expect(due).toBeGreaterThanOrEqual(0);
      }
      expect(settle(total, payments)).toEqual({ paidMinor: total, dueMinor: 0, owedBackMinor: 0 });
    }
  });
});
