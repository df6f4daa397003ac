import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { EsimSale } from '../schemas/esim.ts';
import { writePayment } from './day-doc.ts';
import {
  effectiveSaleStatus,
  ESIM_SALE_KEYS,
  ESIM_SALE_LIMITS,
  ESIM_SALES_ROOT,
  esimSaleProblems,
  hasEsimSale,
  readEsimSaleById,
  readEsimSales,
  removeEsimSale,
  writeEsimSale,
} from './esim-sale-records.ts';
import { layoutProblems } from './layout.ts';
import { readPayments } from './payment-records.ts';
import { captureUpdate, makePayment, syncInto, timeAt } from './test-fixtures.ts';

const SALE_ID = '0197a3c1-5a2d-7e4f-8a50-0123456789ee';
const VISIT_ID = '0197a3c1-5a2b-7c3d-8e4f-0123456789ac';

function sale(overrides: Partial<EsimSale> = {}): EsimSale {
  return {
    id: SALE_ID,
    visitId: VISIT_ID,
    packageId: 'merhaba-7days-1gb',
    title: 'Merhaba 1 GB, 7 days',
    status: 'awaiting_payment',
    priceMinor: 650,
    currency: 'EUR',
    costMinor: 414,
    businessDay: '2026-06-01',
    createdAt: timeAt(0),
    paidAt: null,
    deliveredAt: null,
    refundedAt: null,
    updatedAt: timeAt(0),
    ...overrides,
  };
}

const paid = (overrides: Partial<EsimSale> = {}) => sale({ status: 'paid', paidAt: timeAt(60), updatedAt: timeAt(60), ...overrides });
const delivered = (overrides: Partial<EsimSale> = {}) => paid({ status: 'delivered', deliveredAt: timeAt(75), updatedAt: timeAt(75), ...overrides });

describe('writing and reading eSIM sales', () => {
  it('reads back what HQ needs, and never an install code, whatever the payload carries', () => {
    const doc = new Y.Doc();
    // A payload with the purchase's install fields on it by mistake: the writer takes the sale's fields one by one.
    const careless = { ...delivered(), iccid: '8944465400000000001', lpa: 'LPA:1$smdp.example.com$SECRET-MATCHING-ID', qr: 'LPA:1$smdp.example.com$SECRET-MATCHING-ID' };
    const update = captureUpdate(doc, () => expect(writeEsimSale(doc, careless)).toBe(true))!;
    console.info(`sync layout: a delivered eSIM sale ${update.length} bytes as a V2 update`);
    expect(update.length).toBeLessThan(340);
    expect(readEsimSaleById(doc, SALE_ID)).toEqual({
      id: SALE_ID,
      visitId: VISIT_ID,
      packageId: 'merhaba-7days-1gb',
      title: 'Merhaba 1 GB, 7 days',
      status: 'delivered',
      priceMinor: 650,
      costMinor: 414,
      currency: 'EUR',
      createdAt: timeAt(0),
      paidAt: timeAt(60),
      deliveredAt: timeAt(75),
      refundedAt: null,
      statusTimes: { awaiting_payment: timeAt(0), paid: timeAt(60), delivered: timeAt(75) },
    });
    const stored = doc.getMap<Y.Map<unknown>>(ESIM_SALES_ROOT).get(SALE_ID)!;
    expect([...stored.keys()].sort()).toEqual(['c', 'net', 'nm', 'p', 'pk', 'st', 'v']);
    const wire = Buffer.from(Y.encodeStateAsUpdateV2(doc)).toString('latin1');
    for (const secret of ['8944465400000000001', 'SECRET-MATCHING-ID', 'LPA:1']) expect(wire).not.toContain(secret);
    expect(layoutProblems(doc, 'day')).toEqual([]);
  });

  it('is idempotent, and a change of status writes only its time', () => {
    const doc = new Y.Doc();
    writeEsimSale(doc, sale());
    expect(captureUpdate(doc, () => expect(writeEsimSale(doc, sale())).toBe(false))).toBeNull();
    const update = captureUpdate(doc, () => writeEsimSale(doc, paid()))!;
    expect(update.length).toBeLessThan(80);
    expect(readEsimSaleById(doc, SALE_ID)).toMatchObject({ status: 'paid', paidAt: timeAt(60) });
  });

  it('follows the lifecycle to delivered and refunded, or to cancelled, at the times the sale gives', () => {
    const doc = new Y.Doc();
    writeEsimSale(doc, sale());
    writeEsimSale(doc, paid());
    writeEsimSale(doc, delivered());
    writeEsimSale(doc, delivered({ status: 'refunded', refundedAt: timeAt(3_600), updatedAt: timeAt(3_600) }));
    expect(readEsimSaleById(doc, SALE_ID)).toMatchObject({ status: 'refunded', paidAt: timeAt(60), deliveredAt: timeAt(75), refundedAt: timeAt(3_600) });

    const cancelled = new Y.Doc();
    writeEsimSale(cancelled, sale({ status: 'cancelled', updatedAt: timeAt(30) }));
    expect(readEsimSaleById(cancelled, SALE_ID)).toMatchObject({ status: 'cancelled', paidAt: null, statusTimes: { awaiting_payment: timeAt(0), cancelled: timeAt(30) } });

    // Written for the first time once already delivered (the hub's history before it recorded sales): every step is there.
    const late = new Y.Doc();
    writeEsimSale(late, delivered());
    expect(readEsimSaleById(late, SALE_ID)!.statusTimes).toEqual({ awaiting_payment: timeAt(0), paid: timeAt(60), delivered: timeAt(75) });
  });

  it('records each escalation and retry as a round, so a sale sent again reads as paid until it is delivered', () => {
    const hub = new Y.Doc();
    writeEsimSale(hub, paid());
    writeEsimSale(hub, paid({ status: 'needs_person', updatedAt: timeAt(120) }));
    expect(readEsimSaleById(hub, SALE_ID)!.status).toBe('needs_person');
    writeEsimSale(hub, paid({ updatedAt: timeAt(300) })); // retried
    expect(readEsimSaleById(hub, SALE_ID)!.status).toBe('paid');
    writeEsimSale(hub, paid({ status: 'needs_person', updatedAt: timeAt(360) }));
    writeEsimSale(hub, paid({ packageId: 'merhaba-7days-1gb-v2', title: 'Merhaba 1 GB, 7 days (new)', costMinor: 400, updatedAt: timeAt(400) })); // swapped
    const hq = new Y.Doc();
    syncInto(hub, hq);
    expect(readEsimSaleById(hq, SALE_ID)).toMatchObject({
      status: 'paid',
      packageId: 'merhaba-7days-1gb-v2',
      costMinor: 400,
      paidAt: timeAt(60),
      statusTimes: { awaiting_payment: timeAt(0), paid: timeAt(60), needs_person: timeAt(120), 'paid.2': timeAt(300), 'needs_person.2': timeAt(360), 'paid.3': timeAt(400) },
    });
    writeEsimSale(hub, delivered({ deliveredAt: timeAt(420), updatedAt: timeAt(420) }));
    expect(readEsimSaleById(hub, SALE_ID)!.status).toBe('delivered');
    expect(effectiveSaleStatus({})).toBeNull();
    expect(effectiveSaleStatus({ awaiting_payment: timeAt(0), cancelled: timeAt(9), refunded: timeAt(5) })).toBe('refunded');
  });

  it('clips a long title whole characters at a time, so the cloud never refuses it', () => {
    const doc = new Y.Doc();
    const title = `${'a'.repeat(ESIM_SALE_LIMITS.maxTitle - 1)}🌍 and more`;
    writeEsimSale(doc, sale({ title }));
    expect(readEsimSaleById(doc, SALE_ID)!.title).toBe('a'.repeat(ESIM_SALE_LIMITS.maxTitle - 1));
    expect(esimSaleProblems(doc)).toEqual([]);
  });

  it('lives beside the payments of the same day, and a replica reads the same', () => {
    const doc = new Y.Doc();
    writePayment(doc, makePayment('0197a3c1-5a2d-7e4f-8a50-0000000000aa'));
    writeEsimSale(doc, delivered());
    writeEsimSale(doc, sale({ id: '0197a3c1-5a2d-7e4f-8a50-0000000000bb', createdAt: timeAt(-60), updatedAt: timeAt(-60) }));
    const other = new Y.Doc();
    syncInto(doc, other);
    expect([readPayments(other), readEsimSales(other)]).toEqual([readPayments(doc), readEsimSales(doc)]);
    expect(readEsimSales(other).map((s) => s.status)).toEqual(['awaiting_payment', 'delivered']);
    expect(layoutProblems(other, 'day')).toEqual([]);
    expect(layoutProblems(other, 'stays')).toEqual(['root "payments" is not part of a stays document', 'root "esimSales" is not part of a stays document']);
  });

  it("moves whole to the payment day's document when paid after the day turned", () => {
    const putOnBill = new Y.Doc();
    const paidDay = new Y.Doc();
    writeEsimSale(putOnBill, sale());
    const moved = paid({ businessDay: '2026-06-02' });
    writeEsimSale(paidDay, moved);
    expect(captureUpdate(putOnBill, () => expect(removeEsimSale(putOnBill, SALE_ID)).toBe(true))).not.toBeNull();
    expect([hasEsimSale(putOnBill, SALE_ID), hasEsimSale(paidDay, SALE_ID)]).toEqual([false, true]);
    expect(removeEsimSale(putOnBill, SALE_ID)).toBe(false);
    expect(readEsimSaleById(paidDay, SALE_ID)).toMatchObject({ status: 'paid', createdAt: timeAt(0), paidAt: timeAt(60) });
    expect(esimSaleProblems(putOnBill)).toEqual([]);
  });

  it('refuses an id the layout does not take', () => {
    expect(() => writeEsimSale(new Y.Doc(), sale({ id: 'x'.repeat(65) }))).toThrow(RangeError);
  });
});

describe('eSIM sales from untrusted peers', () => {
  const K = ESIM_SALE_KEYS;
  function tampered(change: (record: Y.Map<unknown>) => void) {
    const doc = new Y.Doc();
    writeEsimSale(doc, delivered());
    writeEsimSale(doc, sale({ id: 'second-sale' }));
    change(doc.getMap<Y.Map<unknown>>(ESIM_SALES_ROOT).get(SALE_ID)!);
    return doc;
  }
  const times = (record: Y.Map<unknown>) => record.get(K.statusTimes) as Y.Map<unknown>;

  it.each([
    ['an activation code', (r: Y.Map<unknown>) => r.set('lpa', 'LPA:1$smdp.example.com$ABC'), /"lpa" is not a field of a sale/],
    ['an ICCID', (r: Y.Map<unknown>) => r.set('iccid', '8944465400000000001'), /"iccid" is not a field/],
    ['a negative price', (r: Y.Map<unknown>) => r.set(K.priceMinor, -650), /p is not a whole number/],
    ['a cost that is text', (r: Y.Map<unknown>) => r.set(K.costMinor, '414'), /net is not a whole number/],
    ['a price past the bound', (r: Y.Map<unknown>) => r.set(K.priceMinor, 1e12), /p is not a whole number/],
    ['a currency that is not a code', (r: Y.Map<unknown>) => r.set(K.currency, 'eur'), /c is not an ISO 4217 code/],
    ['a package id with a slash', (r: Y.Map<unknown>) => r.set(K.packageId, '../etc'), /packageId is not a package id/],
    ['a title past the bound', (r: Y.Map<unknown>) => r.set(K.title, 'x'.repeat(ESIM_SALE_LIMITS.maxTitle + 1)), /nm is not a text/],
    ['no visit', (r: Y.Map<unknown>) => r.delete(K.visitId), /v is not a text/],
    ['a state sales do not have', (r: Y.Map<unknown>) => times(r).set('shipped', timeAt(9)), /statusTimes.shipped is not a state/],
    ['a time that is not a time', (r: Y.Map<unknown>) => times(r).set('refunded', 'yesterday'), /statusTimes.refunded is not an ISO time/],
    ['no time it was put on the bill', (r: Y.Map<unknown>) => times(r).delete('awaiting_payment'), /no time it was put on the bill/],
    ['status times that are not a map', (r: Y.Map<unknown>) => r.set(K.statusTimes, 'paid'), /st is not a map/],
  ])('leaves out a sale with %s and says why', (_what, change, reason) => {
    const doc = tampered(change);
    expect(readEsimSales(doc).map((s) => s.id)).toEqual(['second-sale']);
    expect(readEsimSaleById(doc, SALE_ID)).toBeNull();
    expect(esimSaleProblems(doc)).toEqual([expect.stringMatching(new RegExp(`^eSIM sale ${SALE_ID}: `))]);
    expect(esimSaleProblems(doc)[0]).toMatch(reason);
    expect(layoutProblems(doc, 'day')).toHaveLength(1);
  });

  it('finds an entry that is not a map, and keeps sales out of the config document', () => {
    const doc = new Y.Doc();
    doc.getMap(ESIM_SALES_ROOT).set('s1', 650);
    expect(layoutProblems(doc, 'day')).toEqual(['eSIM sale s1: it is not a map']);
    const config = new Y.Doc();
    writeEsimSale(config, sale());
    expect(layoutProblems(config, 'config')).toEqual(['root "esimSales" is not part of a config document']);
  });
});
