import { describe, expect, it } from 'vitest';
import { cashSuggestions, checkPayment, newDraft, type PaymentDraft } from './payment-draft.ts';

const draft = (change: Partial<PaymentDraft>): PaymentDraft => ({ ...newDraft(575, 'EUR', null), ...change });

describe('the Take payment form', () => {
  it('starts at what is due, in cash, without tip', () => {
    expect(newDraft(575, 'EUR', 'part-1')).toEqual({ method: 'cash', amountText: '5.75', tipText: '', tenderedText: '', last4: '', approvalCode: '', partId: 'part-1' });
  });

  it('works out the change from the cash handed over, tip included', () => {
    const checked = checkPayment(draft({ tipText: '0.25', tenderedText: '20' }), 575, 'EUR');
    expect(checked).toEqual({ ok: true, body: { method: 'cash', amountMinor: 575, tipMinor: 25, tenderedMinor: 2000 }, owedMinor: 600, changeMinor: 1400 });
  });

  it('takes exact cash when nothing is typed as handed over', () => {
    expect(checkPayment(draft({}), 575, 'EUR')).toEqual({ ok: true, body: { method: 'cash', amountMinor: 575 }, owedMinor: 575, changeMinor: 0 });
  });

  it('refuses too little cash, more than is due, and amounts that are not amounts', () => {
    expect(checkPayment(draft({ tenderedText: '5' }), 575, 'EUR')).toMatchObject({ ok: false, field: 'tendered', problem: '€5.00 is €0.75 short of €5.75.' });
    expect(checkPayment(draft({ amountText: '6' }), 575, 'EUR')).toMatchObject({ ok: false, field: 'amount', problem: 'Only €5.75 is due. Put anything more in the tip.' });
    expect(checkPayment(draft({ amountText: '0' }), 575, 'EUR')).toMatchObject({ ok: false, field: 'amount' });
    expect(checkPayment(draft({ amountText: 'five' }), 575, 'EUR')).toMatchObject({ ok: false, field: 'amount' });
    expect(checkPayment(draft({ tipText: '-1' }), 575, 'EUR')).toMatchObject({ ok: false, field: 'tip' });
  });

  it('pays part of the bill or one part of a split', () => {
    expect(checkPayment(draft({ amountText: '2', partId: 'split:1' }), 575, 'EUR')).toMatchObject({ ok: true, body: { amountMinor: 200, partId: 'split:1' } });
  });

  it('sends the card slip details only when given, and checks them', () => {
    expect(checkPayment(draft({ method: 'card', tenderedText: '50' }), 575, 'EUR')).toEqual({ ok: true, body: { method: 'card', amountMinor: 575 }, owedMinor: 575, changeMinor: 0 });
    expect(checkPayment(draft({ method: 'card', last4: '1234', approvalCode: 'a1b2c3' }), 575, 'EUR')).toMatchObject({ ok: true, body: { last4: '1234', approvalCode: 'A1B2C3' } });
    expect(checkPayment(draft({ method: 'card', last4: '123' }), 575, 'EUR')).toMatchObject({ ok: false, field: 'last4' });
    expect(checkPayment(draft({ method: 'card', approvalCode: 'AB-12' }), 575, 'EUR')).toMatchObject({ ok: false, field: 'approvalCode' });
  });
});

describe('cash a guest is likely to hand over', () => {
  it('offers the next round amount and notes above what is owed', () => {
    expect(cashSuggestions(575, 'EUR')).toEqual([600, 1000, 2000]);
    expect(cashSuggestions(4150, 'EUR')).toEqual([4200, 4500, 5000]);
    expect(cashSuggestions(4100, 'EUR')).toEqual([4500, 5000, 6000]);
    expect(cashSuggestions(2000, 'EUR')).toEqual([5000, 10_000, 20_000]);
    expect(cashSuggestions(1750, 'JPY')).toEqual([1760, 1800, 2000]);
    expect(cashSuggestions(0, 'EUR')).toEqual([]);
  });
});
