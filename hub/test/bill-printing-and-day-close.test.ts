import type { FakePrinter } from '@onemoment/printers';
import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from './harness.ts';
import { addPrinter, fakePrinter, paperOf, startPrintingHub } from './printing-helpers.ts';
import { startFakeTonApi, testWallet, type FakeTonApi } from './support/fake-ton-api.ts';

describe('the printed bill and receipt, and the close of the business day', () => {
  let t: TestHub;
  let till: FakePrinter;
  let tonApi: FakeTonApi;
  let manager: string;
  let waiter: string;
  let kitchen: string;

  beforeAll(async () => {
    // TON is checked against a fake API on 127.0.0.1: a printed bill may carry a TON invoice.
    tonApi = await startFakeTonApi();
    t = await startPrintingHub({ env: { TON_API_URL: tonApi.baseUrl } });
    manager = await t.login('1111');
    waiter = await t.login('2222');
    kitchen = await t.login('3333');
    till = await fakePrinter();
    await addPrinter(t, manager, till, { name: 'Till', receipts: true });
  });
  afterAll(async () => {
    await t.close();
    await till.close();
    await tonApi.close();
  });

  const order = async (tableId: string, items: unknown[]) => {
    const placed = await t.request('POST', '/api/orders', { id: newId(), tableId, items }, waiter);
    expect(placed.status).toBe(201);
    return placed.body as { id: string; visitId: string; items: Array<{ id: string }> };
  };
  const serve = async (placed: { id: string; items: Array<{ id: string }> }) => {
    for (const item of placed.items) expect((await t.request('POST', `/api/kds/items/${item.id}/bump`, undefined, kitchen)).status).toBe(200);
    expect((await t.request('POST', `/api/orders/${placed.id}/transition`, { to: 'served' }, waiter)).status).toBe(200);
  };
  const print = (visitId: string, kind: 'bill' | 'receipt') => t.request('POST', `/api/visits/${visitId}/bill/print`, { kind }, waiter);

  it('prints the bill with the discount, VAT per rate, what is due and the QR of the table page; then the receipt with change and tip', async () => {
    const placed = await order('table-1', [{ menuItemId: 'lemonade', quantity: 2 }, { menuItemId: 'hummus', quantity: 1 }]); // 900 + 700
    await t.request('POST', `/api/visits/${placed.visitId}/bill/discounts`, { id: newId(), kind: 'percent', rateBp: 1000, reason: 'Regulars' }, manager);
    const printed = await print(placed.visitId, 'bill');
    expect(printed.status).toBe(202);
    const [billJob] = await till.waitForJobs(1);
    const bill = paperOf(billJob!);
    expect(bill).toContain('BILL');
    expect(bill).toMatch(/2x Homemade lemonade\s+€9\.00/);
    expect(bill).toMatch(/Subtotal\s+€16\.00/);
    expect(bill).toMatch(/Discount 10 %\s+-€1\.60/);
    // 630 at 7 % contains 41; 810 at 19 % contains 129 (the discount spread over both rates).
    expect(bill).toMatch(/incl\. VAT 7 %\s+€0\.41/);
    expect(bill).toMatch(/incl\. VAT 19 %\s+€1\.29/);
    expect(bill).toMatch(/TOTAL\s+€14\.40/);
    expect(bill).toMatch(/DUE\s+€14\.40/);
    expect(billJob!.decoded().qrCodes).toEqual([`${t.hub.context.publicUrl()}/t/${t.tableCode('table-1')}`]);

    await serve(placed);
    expect((await t.request('POST', `/api/visits/${placed.visitId}/payments`, { id: newId(), method: 'cash', amountMinor: 1440, tipMinor: 60, tenderedMinor: 2000 }, waiter)).status).toBe(201);
    expect((await print(placed.visitId, 'receipt')).status).toBe(202);
    const [, receiptJob] = await till.waitForJobs(2);
    const receipt = paperOf(receiptJob!);
    expect(receipt).toContain('RECEIPT');
    expect(receipt).toMatch(/Cash\s+€20\.00/);
    expect(receipt).toMatch(/Change\s+-€5\.00/);
    expect(receipt).toMatch(/Tip\s+€0\.60/);
    expect(receipt).not.toContain('DUE');
    expect(receiptJob!.decoded().qrCodes).toEqual([]);
  });

  it('puts a TON invoice for what is due on the printed bill once the venue takes TON', async () => {
    const wallet = testWallet('the bistro');
    expect((await t.request('PUT', '/api/admin/payments/ton', { address: wallet.nonBounceable, rate: { nanotonsPerMinor: 2_000_000 } }, manager)).status).toBe(200);
    try {
      const placed = await order('table-5', [{ menuItemId: 'espresso', quantity: 1 }]);
      const jobsBefore = till.jobs().length;
      expect((await print(placed.visitId, 'bill')).status).toBe(202);
      const printed = await till.waitForJobs(jobsBefore + 1);
      const paper = printed.at(-1)!.decoded();
      const invoices = (await t.request('GET', '/api/payments/ton/invoices?status=awaiting', undefined, manager)).body.invoices;
      const invoice = invoices.find((candidate: { visitId: string }) => candidate.visitId === placed.visitId);
      expect(invoice).toMatchObject({ amountMinor: 280, nanotons: '560000000', createdBy: 'staff' });
      expect(paper.qrCodes).toEqual([invoice.link]);
      expect(invoice.link).toBe(`ton://transfer/${wallet.nonBounceable}?amount=560000000&text=${invoice.comment}`);
      expect(paper.lines.join('\n')).toContain('Pay with TON: scan with your wallet');
      expect((await t.request('GET', `/api/visits/${placed.visitId}/bill`, undefined, waiter)).body.tonAvailable).toBe(true);
    } finally {
      t.hub.context.store.sqlite.prepare('DELETE FROM ton_settings').run();
    }
  });

  it('refuses to print what cannot be printed, with a clear 4xx', async () => {
    expect((await print('no-such-visit', 'bill')).status).toBe(404);
    expect((await t.request('POST', '/api/visits/x/bill/print', { kind: 'menu' }, waiter)).status).toBe(400);
    expect((await t.request('POST', '/api/visits/x/bill/print', { kind: 'bill' }, kitchen)).status).toBe(403);
    const opened = await t.request('POST', '/api/tables/table-2/visits', undefined, waiter);
    const nothing = await print(opened.body.visit.id, 'bill');
    expect(nothing.status).toBe(409);
    expect(nothing.body.error).toBe('nothing_to_bill');
  });

  it("adds up the day by tender with tips, discounts and VAT, lists open tables, closes once, and prints", async () => {
    const second = await order('table-3', [{ menuItemId: 'espresso', quantity: 1 }]);
    await serve(second);
    expect((await t.request('POST', `/api/visits/${second.visitId}/payments`, { id: newId(), method: 'card', amountMinor: 280, last4: '1234' }, waiter)).status).toBe(201);
    const open = await order('table-4', [{ menuItemId: 'house-red', quantity: 1 }]);

    expect((await t.request('GET', '/api/payments/days/today', undefined, waiter)).status).toBe(403);
    expect((await t.request('GET', '/api/payments/days/2026-13-45', undefined, manager)).status).toBe(400);
    expect((await t.request('GET', '/api/payments/days/%3Cscript%3E', undefined, manager)).status).toBe(400);
    const day = await t.request('GET', '/api/payments/days/today', undefined, manager);
    expect(day.status).toBe(200);
    expect(day.body).toMatchObject({
      businessDay: t.hub.context.venue.businessDay(),
      currency: 'EUR',
      takingsMinor: 1440 + 280,
      tipsMinor: 60,
      discountMinor: 160,
      settledBills: 2,
      // The TON invoice printed on table 5's bill, not paid yet.
      unconfirmedTon: { count: 1, amountMinor: 280, oldestAt: expect.any(String) },
      closedAt: null,
    });
    expect(day.body.byMethod).toEqual([
      { method: 'cash', count: 1, amountMinor: 1440, tipMinor: 60 },
      { method: 'card', count: 1, amountMinor: 280, tipMinor: 0 },
    ]);
    expect(day.body.taxLines.map((line: any) => [line.rateBp, line.taxMinor])).toEqual([
      [700, 41],
      [1900, 129 + 45],
    ]);
    expect(day.body.openTables).toEqual(expect.arrayContaining([{ visitId: open.visitId, tableName: 'Table 4', dueMinor: 650 }]));

    expect((await t.request('POST', '/api/payments/days/today/close', { note: 'x'.repeat(301) }, manager)).status).toBe(400);
    expect((await t.request('GET', '/api/payments/days/today', undefined, manager)).body.closedAt).toBeNull();
    const closed = await t.request('POST', '/api/payments/days/today/close', { note: 'Till counted <b>ok</b>' }, manager);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ closedBy: 'Manager', note: 'Till counted <b>ok</b>' });
    expect((await t.request('GET', '/api/payments/days/today', undefined, manager)).body.note).toBe('Till counted <b>ok</b>');
    expect(closed.body.takingsMinor).toBe(1720);
    const again = await t.request('POST', '/api/payments/days/today/close', undefined, manager);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('day_already_closed');

    const jobsBefore = till.jobs().length;
    expect((await t.request('POST', '/api/payments/days/today/print', undefined, manager)).status).toBe(202);
    const printed = await till.waitForJobs(jobsBefore + 1);
    const slip = paperOf(printed.at(-1)!);
    expect(slip).toContain(`DAY CLOSE ${day.body.businessDay}`);
    expect(slip).toMatch(/1x Cash\s+€14\.40/);
    expect(slip).toMatch(/Tips\s+€0\.60/);
    expect(slip).toContain('Open tables: ');
  });
});
