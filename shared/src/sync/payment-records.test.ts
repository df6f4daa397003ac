import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BILL_KEYS, BILLS_ROOT, PAYMENT_KEYS, PAYMENTS_ROOT, writeBill, writeOrder, writePayment } from './day-doc.ts';
import { layoutProblems } from './layout.ts';
import { readOrders } from './order-records.ts';
import { billProblems, paymentProblems, readBillByVisitId, readBills, readPaymentById, readPayments } from './payment-records.ts';
import { captureUpdate, makeBill, makeItem, makeOrder, makePayment, syncInto, timeAt } from './test-fixtures.ts';

const PAYMENT_ID = '0197a3c1-5a2d-7e4f-8a50-0123456789ab';
const VISIT_ID = '0197a3c1-5a2b-7c3d-8e4f-0123456789ac';

describe('writing and reading payments', () => {
  it('reads back what the hub recorded, without the card slip or who took it', () => {
    const doc = new Y.Doc();
    expect(writePayment(doc, makePayment(PAYMENT_ID))).toBe(true);
    expect(readPayments(doc)).toEqual([
      { id: PAYMENT_ID, visitId: VISIT_ID, partId: null, method: 'card', amountMinor: 4_250, tipMinor: 300, currency: 'EUR', tonInvoiceId: null, createdAt: timeAt(0) },
    ]);
    const stored = doc.getMap<Y.Map<unknown>>(PAYMENTS_ROOT).get(PAYMENT_ID)!;
    expect([...stored.keys()].sort()).toEqual(['a', 'at', 'c', 'm', 'tip', 'v']);
    const wire = Buffer.from(Y.encodeStateAsUpdateV2(doc)).toString('latin1');
    for (const secret of ['4242', 'A1B2C3', 'staff-waiter-1']) expect(wire).not.toContain(secret);
  });

  it('keeps a cash payment without a tip small, and a TON payment with its invoice and bill part', () => {
    const doc = new Y.Doc();
    const cash = captureUpdate(doc, () =>
      writePayment(doc, makePayment(PAYMENT_ID, { method: 'cash', tipMinor: 0, tenderedMinor: 5_000, changeMinor: 750, last4: null, approvalCode: null })),
    )!;
    console.info(`sync layout: a cash payment ${cash.length} bytes as a V2 update`);
    expect(cash.length).toBeLessThan(200);
    writePayment(doc, makePayment('0197a3c1-5a2d-7e4f-8a50-0000000000ff', { method: 'ton', tonInvoiceId: 'inv-1', partId: 'part-2', createdAt: timeAt(60), last4: null, approvalCode: null }));
    expect(readPayments(doc).map((p) => [p.method, p.tipMinor, p.partId, p.tonInvoiceId])).toEqual([
      ['cash', 0, null, null],
      ['ton', 300, 'part-2', 'inv-1'],
    ]);
  });

  it('is idempotent: the same payment again produces no update', () => {
    const doc = new Y.Doc();
    writePayment(doc, makePayment(PAYMENT_ID));
    expect(captureUpdate(doc, () => expect(writePayment(doc, makePayment(PAYMENT_ID))).toBe(false))).toBeNull();
  });
});

describe('writing and reading settled bills', () => {
  it('reads back the figures with tax lines by rate, and the time it was first settled', () => {
    const doc = new Y.Doc();
    const update = captureUpdate(doc, () => writeBill(doc, makeBill(VISIT_ID, { settledAt: timeAt(30) })))!;
    console.info(`sync layout: a settled bill with two tax rates ${update.length} bytes as a V2 update`);
    expect(update.length).toBeLessThan(260);
    expect(readBillByVisitId(doc, VISIT_ID)).toEqual({
      visitId: VISIT_ID,
      currency: 'EUR',
      status: 'paid',
      subtotalMinor: 4_500,
      discountMinor: 250,
      serviceChargeMinor: 0,
      taxMinor: 614,
      taxLines: [
        { rateBp: 1000, netMinor: 1_136, taxMinor: 114 },
        { rateBp: 2000, netMinor: 2_500, taxMinor: 500 },
      ],
      totalMinor: 4_250,
      paidMinor: 4_250,
      tipsMinor: 300,
      writtenOffMinor: 0,
      roomService: false,
      settledAt: timeAt(30),
      statusTimes: { settled: timeAt(30) },
    });
  });

  it("marks a hotel room's room-service bill, and refuses a flag that is not true or false", () => {
    const doc = new Y.Doc();
    writeBill(doc, { ...makeBill(VISIT_ID, { settledAt: timeAt(30) }), roomService: true });
    expect(readBillByVisitId(doc, VISIT_ID)).toMatchObject({ roomService: true });
    const bill = doc.getMap<Y.Map<unknown>>('bills').get(VISIT_ID)!;
    bill.set(BILL_KEYS.roomService, 'yes');
    expect(readBillByVisitId(doc, VISIT_ID)).toBeNull();
    expect(billProblems(doc)).toEqual([`bill ${VISIT_ID}: rs is not true or false`]);
  });

  it('writes only what a second settlement changed, and keeps the first settled time', () => {
    const doc = new Y.Doc();
    writeBill(doc, makeBill(VISIT_ID, { settledAt: timeAt(30) }));
    // The same lines in another order are no change.
    const same = makeBill(VISIT_ID, { settledAt: timeAt(30) });
    expect(captureUpdate(doc, () => writeBill(doc, { ...same, taxLines: [...same.taxLines].reverse() }))).toBeNull();
    // Reopened and settled again: a manager let 5.00 go.
    const again = captureUpdate(doc, () => writeBill(doc, makeBill(VISIT_ID, { paidMinor: 3_750, writtenOffMinor: 500, settledAt: timeAt(900) })))!;
    expect(again.length).toBeLessThan(60);
    expect(readBillByVisitId(doc, VISIT_ID)).toMatchObject({ status: 'written_off', paidMinor: 3_750, writtenOffMinor: 500, settledAt: timeAt(30) });
  });

  it('lives beside the orders of the same day, and a replica reads the same', () => {
    const doc = new Y.Doc();
    writeOrder(doc, makeOrder('order-1', [makeItem('item-1')]));
    writePayment(doc, makePayment(PAYMENT_ID));
    writeBill(doc, makeBill(VISIT_ID));
    const other = new Y.Doc();
    syncInto(doc, other);
    expect([readOrders(other), readPayments(other), readBills(other)]).toEqual([readOrders(doc), readPayments(doc), readBills(doc)]);
    expect(layoutProblems(other, 'day')).toEqual([]);
  });
});

describe('payments and bills from untrusted peers', () => {
  function tamperedPayment(change: (payment: Y.Map<unknown>) => void) {
    const doc = new Y.Doc();
    writePayment(doc, makePayment(PAYMENT_ID));
    writePayment(doc, makePayment('second-payment', { createdAt: timeAt(5) }));
    change(doc.getMap<Y.Map<unknown>>(PAYMENTS_ROOT).get(PAYMENT_ID)!);
    return doc;
  }

  it.each([
    ['an unknown method', (p: Y.Map<unknown>) => p.set(PAYMENT_KEYS.method, 'cheque')],
    ['an amount that is text', (p: Y.Map<unknown>) => p.set(PAYMENT_KEYS.amountMinor, '4250')],
    ['a fractional tip', (p: Y.Map<unknown>) => p.set(PAYMENT_KEYS.tipMinor, 0.5)],
    ['a negative amount', (p: Y.Map<unknown>) => p.set(PAYMENT_KEYS.amountMinor, -100)],
    ['an amount past the bound', (p: Y.Map<unknown>) => p.set(PAYMENT_KEYS.amountMinor, 1e15)],
    ['a currency that is not a code', (p: Y.Map<unknown>) => p.set(PAYMENT_KEYS.currency, 'euro')],
    ['no visit', (p: Y.Map<unknown>) => p.delete(PAYMENT_KEYS.visitId)],
    ['a time that is not a time', (p: Y.Map<unknown>) => p.set(PAYMENT_KEYS.createdAt, 'yesterday')],
    ["the card's last 4 digits", (p: Y.Map<unknown>) => p.set('last4', '4242')],
    ['who took it', (p: Y.Map<unknown>) => p.set('staffId', 'staff-waiter-1')],
  ])('leaves out a payment with %s and says why', (_what, change) => {
    const doc = tamperedPayment(change);
    expect(readPayments(doc).map((p) => p.id)).toEqual(['second-payment']);
    expect(readPaymentById(doc, PAYMENT_ID)).toBeNull();
    expect(paymentProblems(doc)).toEqual([expect.stringMatching(new RegExp(`^payment ${PAYMENT_ID}: `))]);
    expect(layoutProblems(doc, 'day')).toHaveLength(1);
  });

  function tamperedBill(change: (bill: Y.Map<unknown>) => void) {
    const doc = new Y.Doc();
    writeBill(doc, makeBill(VISIT_ID));
    writeBill(doc, makeBill('second-visit'));
    change(doc.getMap<Y.Map<unknown>>(BILLS_ROOT).get(VISIT_ID)!);
    return doc;
  }

  it.each([
    ['tax lines that are not JSON', (b: Y.Map<unknown>) => b.set(BILL_KEYS.taxLines, '[[')],
    ['a tax line of two numbers', (b: Y.Map<unknown>) => b.set(BILL_KEYS.taxLines, '[[2000,100]]')],
    ['a rate twice', (b: Y.Map<unknown>) => b.set(BILL_KEYS.taxLines, '[[2000,100,20],[2000,5,1]]')],
    ['a negative tax', (b: Y.Map<unknown>) => b.set(BILL_KEYS.taxLines, '[[2000,100,-20]]')],
    ['no total', (b: Y.Map<unknown>) => b.delete(BILL_KEYS.totalMinor)],
    ['a written-off amount that is text', (b: Y.Map<unknown>) => b.set(BILL_KEYS.writtenOffMinor, 'all')],
    ['no settled time', (b: Y.Map<unknown>) => (b.get(BILL_KEYS.statusTimes) as Y.Map<unknown>).delete('settled')],
    ['a state bills do not have', (b: Y.Map<unknown>) => (b.get(BILL_KEYS.statusTimes) as Y.Map<unknown>).set('refunded', timeAt(9))],
    ['status times that are not a map', (b: Y.Map<unknown>) => b.set(BILL_KEYS.statusTimes, 'settled')],
    ['a field the layout does not have', (b: Y.Map<unknown>) => b.set('lines', '[]')],
  ])('leaves out a bill with %s and says why', (_what, change) => {
    const doc = tamperedBill(change);
    expect(readBills(doc).map((b) => b.visitId)).toEqual(['second-visit']);
    expect(billProblems(doc)).toEqual([expect.stringMatching(new RegExp(`^bill ${VISIT_ID}: `))]);
    expect(layoutProblems(doc, 'day')).toHaveLength(1);
  });

  it('finds payment and bill entries that are not maps, and list content in their roots', () => {
    const doc = new Y.Doc();
    doc.getMap(PAYMENTS_ROOT).set('p1', 4250);
    doc.getMap(BILLS_ROOT).set('v1', 'paid');
    expect(layoutProblems(doc, 'day')).toEqual(['payment p1: it is not a map', 'bill v1: it is not a map']);

    const source = new Y.Doc();
    source.getArray(PAYMENTS_ROOT).push(['junk']);
    const listed = new Y.Doc();
    Y.applyUpdateV2(listed, Y.encodeStateAsUpdateV2(source));
    expect(layoutProblems(listed, 'day')).toEqual(['root "payments" holds list or text content']);
  });

  it('keeps payments and bills out of the config document', () => {
    const doc = new Y.Doc();
    writePayment(doc, makePayment(PAYMENT_ID));
    expect(layoutProblems(doc, 'config')).toEqual(['root "payments" is not part of a config document']);
  });
});
