import { describe, expect, it } from 'vitest';
import type { BillView, Payment } from '../types.ts';
import type { HubEvent } from '@onemoment/shared/client/realtime-feed';
import { billVisitOf, canTakePayment, discountLabel, dueFor, payableParts, paymentDetails, stillDueSentence, taxLineLabel } from './bill-words.ts';

const payment = (change: Partial<Payment>): Payment => ({
  id: 'p1',
  visitId: 'v1',
  partId: null,
  method: 'cash',
  amountMinor: 1000,
  tipMinor: 0,
  tenderedMinor: 1000,
  changeMinor: 0,
  last4: null,
  approvalCode: null,
  tonInvoiceId: null,
  currency: 'EUR',
  businessDay: '2026-06-01',
  staffId: 'staff-waiter',
  createdAt: '2026-06-01T12:00:00.000Z',
  ...change,
});

const split = (current: boolean): BillView['split'] => ({
  id: 's',
  kind: 'equal',
  baseMinor: 575,
  current,
  parts: [
    { id: 's:1', position: 0, label: 'Guest 1', amountMinor: 288, paidMinor: 288, dueMinor: 0 },
    { id: 's:2', position: 1, label: 'Guest 2', amountMinor: 287, paidMinor: 0, dueMinor: 287 },
  ],
});

describe('the bill in staff words', () => {
  it('says whether VAT is in the prices or added on top', () => {
    expect(taxLineLabel('included', { rateBp: 700 })).toBe('incl. VAT 7 %');
    expect(taxLineLabel('added', { rateBp: 1900 })).toBe('VAT 19 % added');
  });

  it('names a discount by its rate and reason', () => {
    expect(discountLabel({ id: 'd', kind: 'percent', rateBp: 1000, amountMinor: 175, reason: 'Birthday' })).toBe('Discount 10 % · Birthday');
    expect(discountLabel({ id: 'd', kind: 'amount', rateBp: null, amountMinor: 500, reason: null })).toBe('Discount');
  });

  it('tells the tip, the change and the card slip of a payment', () => {
    expect(paymentDetails(payment({ tipMinor: 100, tenderedMinor: 2000, changeMinor: 900 }))).toBe('tip €1.00 · €20.00 handed over, €9.00 change');
    expect(paymentDetails(payment({}))).toBe('');
    expect(paymentDetails(payment({ method: 'card', tenderedMinor: null, last4: '1234', approvalCode: 'A1B2' }))).toBe('••1234 · approval A1B2');
  });

  it('offers only the parts of a current split that still owe something', () => {
    expect(payableParts({ split: split(true) }).map((part) => part.id)).toEqual(['s:2']);
    expect(payableParts({ split: split(false) })).toEqual([]);
    expect(payableParts({ split: null })).toEqual([]);
    expect(dueFor({ split: split(true), dueMinor: 287 }, 's:2')).toBe(287);
    expect(dueFor({ split: split(true), dueMinor: 287 }, null)).toBe(287);
  });

  it('takes a payment only while something is due', () => {
    expect(canTakePayment({ status: 'open', dueMinor: 1 })).toBe(true);
    expect(canTakePayment({ status: 'open', dueMinor: 0 })).toBe(false);
    expect(canTakePayment({ status: 'written_off', dueMinor: 0 })).toBe(false);
    expect(stillDueSentence({ dueMinor: 575, currency: 'EUR', tableName: 'Table 2' })).toBe('€5.75 is still due at Table 2.');
  });
});

describe('events that change a bill', () => {
  it("reads a visit's bill again when one of its eSIM sales changes (a sale adds its line, a cancel takes it off)", () => {
    const sale = { seq: 7, type: 'esim.sale_changed', at: '2025-06-01T10:00:00.000Z', payload: { visitId: 'v1', status: 'cancelled' } } as unknown as HubEvent;
    expect(billVisitOf(sale)).toBe('v1');
    const printer = { seq: 8, type: 'printer.status', at: '2025-06-01T10:00:00.000Z', payload: {} } as unknown as HubEvent;
    expect(billVisitOf(printer)).toBeNull();
  });
});
