import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.ts';
import { Listener } from './support/socket-listener.ts';

const BURGERS = { menuItemId: 'classic-burger', quantity: 2, modifierIds: ['classic-burger--medium'] };
const LEMONADE = { menuItemId: 'lemonade', quantity: 1 };
const WINE = { menuItemId: 'house-red', quantity: 3 };

describe("a visit's bill: tax, discounts, splits, cash and card, and the visit closing when it is paid", () => {
  let t: TestHub;
  let manager: string;
  let waiter: string;
  let kitchen: string;

  beforeAll(async () => {
    t = await startTestHub();
    manager = await t.login('1111');
    waiter = await t.login('2222');
    kitchen = await t.login('3333');
  });
  afterAll(() => t.close());

  const join = async (tableId: string) => (await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode(tableId) })).body as { visitId: string; token: string };
  const place = async (token: string, items: unknown[]) => {
    const response = await t.request('POST', '/api/guest/orders', { id: newId(), items }, token);
    expect(response.status).toBe(201);
    return response.body;
  };
  /** Every item of the visit's orders made and served, so a full payment may close it. */
  const serveAll = async (order: { id: string; items: Array<{ id: string }> }) => {
    for (const item of order.items) expect((await t.request('POST', `/api/kds/items/${item.id}/bump`, undefined, kitchen)).status).toBe(200);
    expect((await t.request('POST', `/api/orders/${order.id}/transition`, { to: 'served' }, waiter)).status).toBe(200);
  };
  const bill = async (visitId: string) => (await t.request('GET', `/api/visits/${visitId}/bill`, undefined, waiter)).body;
  const pay = (visitId: string, body: Record<string, unknown>, token = waiter) => t.request('POST', `/api/visits/${visitId}/payments`, { id: newId(), ...body }, token);
  const paymentRows = (visitId: string) => t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM payments WHERE visit_id = ?').pluck().get(visitId);

  it('answers the bill with its lines, VAT per rate contained in the prices, and what is due, to staff and to the guest', async () => {
    const { visitId, token } = await join('table-1');
    await place(token, [BURGERS, LEMONADE]);
    const staffView = await bill(visitId);
    expect(staffView).toMatchObject({
      visitId,
      tableName: 'Table 1',
      currency: 'EUR',
      status: 'open',
      taxMode: 'included',
      subtotalMinor: 3350,
      totalMinor: 3350,
      paidMinor: 0,
      dueMinor: 3350,
      payments: [],
      split: null,
    });
    expect(staffView.lines.map((line: any) => [line.name, line.quantity, line.totalMinor, line.taxRateBp])).toEqual([
      ['Classic burger', 2, 2900, 700],
      ['Homemade lemonade', 1, 450, 1900],
    ]);
    // 2900 × 7/107 = 189.7 and 450 × 19/119 = 71.8: rounded once per rate.
    expect(staffView.taxLines.map((line: any) => [line.rateBp, line.taxMinor, line.netMinor])).toEqual([
      [700, 190, 2710],
      [1900, 72, 378],
    ]);
    const guestView = await t.request('GET', '/api/guest/bill', undefined, token);
    expect(guestView.status).toBe(200);
    expect(guestView.body).toMatchObject({ visitId, currency: 'EUR', totalMinor: 3350, paidMinor: 0, dueMinor: 3350 });
    expect(guestView.body.lines).toEqual(staffView.lines);
  });

  it('records a cash payment with its change, answers a retry with the same payment, and refuses more than is due', async () => {
    const { visitId, token } = await join('table-2');
    await place(token, [LEMONADE]);
    const id = newId();
    const first = await t.request('POST', `/api/visits/${visitId}/payments`, { id, method: 'cash', amountMinor: 300, tenderedMinor: 500 }, waiter);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id, visitId, method: 'cash', amountMinor: 300, tipMinor: 0, tenderedMinor: 500, changeMinor: 200, currency: 'EUR' });
    const again = await t.request('POST', `/api/visits/${visitId}/payments`, { id, method: 'cash', amountMinor: 300, tenderedMinor: 500 }, waiter);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(paymentRows(visitId)).toBe(1);

    const over = await pay(visitId, { method: 'card', amountMinor: 151 });
    expect(over.status).toBe(409);
    expect(over.body.error).toBe('more_than_due');
    expect(over.body.dueMinor).toBe(150);
    expect(over.body.message).toBe('Only €1.50 is due, €0.01 less than this payment: pay €1.50, and give the rest as a tip if it is one.');
    // The extra is fine as a tip: the bill takes 150 and the tip rides on top.
    const withTip = await pay(visitId, { method: 'card', amountMinor: 150, tipMinor: 50, last4: '4242', approvalCode: 'A1B2C3' });
    expect(withTip.status).toBe(201);
    expect(withTip.body).toMatchObject({ method: 'card', amountMinor: 150, tipMinor: 50, last4: '4242', approvalCode: 'A1B2C3', changeMinor: 0 });
    expect(await bill(visitId)).toMatchObject({ paidMinor: 450, tipsMinor: 50, dueMinor: 0, status: 'paid' });
    // Paid, but the lemonade is not served yet: the visit stays open until it is.
    expect((await t.request('GET', '/api/guest/visit', undefined, token)).status).toBe(200);
  });

  it('refuses ugly payments with a clear 4xx and writes nothing', async () => {
    const { visitId, token } = await join('table-3');
    await place(token, [LEMONADE]);
    const cases: Array<[string, Record<string, unknown>, number, string | null]> = [
      ['a fraction of a cent', { method: 'cash', amountMinor: 12.5 }, 400, null],
      ['a negative tip', { method: 'card', amountMinor: 100, tipMinor: -5 }, 400, null],
      ['an amount as text', { method: 'cash', amountMinor: '100' }, 400, null],
      ['zero', { method: 'cash', amountMinor: 0 }, 400, null],
      ['a huge amount', { method: 'cash', amountMinor: 1e15 }, 400, null],
      ['an unknown method', { method: 'cheque', amountMinor: 100 }, 400, null],
      ['a method the waiter cannot record (TON is verified by the hub)', { method: 'ton', amountMinor: 100 }, 400, null],
      ['a card with 5 digits', { method: 'card', amountMinor: 100, last4: '42424' }, 400, null],
      ['an approval code with HTML', { method: 'card', amountMinor: 100, approvalCode: '<b>x</b>' }, 400, null],
      ['cash short of the amount', { method: 'cash', amountMinor: 450, tenderedMinor: 400 }, 400, 'not_enough_tendered'],
      ['an extra field', { method: 'cash', amountMinor: 100, staffId: 'manager' }, 400, null],
      ['a part of a bill that is not split', { method: 'cash', amountMinor: 100, partId: 'nope' }, 404, null],
    ];
    for (const [what, body, status, error] of cases) {
      const response = await pay(visitId, body);
      expect(response.status, what).toBe(status);
      if (error) expect(response.body.error, what).toBe(error);
      expect(typeof response.body.message, what).toBe('string');
    }
    expect((await pay(visitId, { method: 'cash', amountMinor: 100, id: 'not-a-uuid' })).status).toBe(400);
    expect(paymentRows(visitId)).toBe(0);
    // Who may: a guest and the kitchen may not record payments; an unknown visit is a 404.
    expect((await pay(visitId, { method: 'cash', amountMinor: 100 }, token)).status).toBe(401);
    expect((await pay(visitId, { method: 'cash', amountMinor: 100 }, kitchen)).status).toBe(403);
    expect((await pay('no-such-visit', { method: 'cash', amountMinor: 100 })).status).toBe(404);
    expect(paymentRows(visitId)).toBe(0);
  });

  it("keeps a payment id to its bill: reusing it for another visit's bill is refused", async () => {
    const a = await join('table-4');
    const b = await join('table-5');
    await place(a.token, [LEMONADE]);
    await place(b.token, [LEMONADE]);
    const id = newId();
    expect((await t.request('POST', `/api/visits/${a.visitId}/payments`, { id, method: 'cash', amountMinor: 100 }, waiter)).status).toBe(201);
    const reused = await t.request('POST', `/api/visits/${b.visitId}/payments`, { id, method: 'cash', amountMinor: 100 }, waiter);
    expect(reused.status).toBe(409);
    expect(reused.body.error).toBe('id_taken');
    expect(paymentRows(b.visitId)).toBe(0);
    // A guest sees only their own bill.
    const theirs = await t.request('GET', '/api/guest/bill', undefined, b.token);
    expect(theirs.body.visitId).toBe(b.visitId);
    expect(theirs.body.payments).toEqual([]);
  });

  it('splits equally with the spare cent to the first part, lets two phones race for one part, and never goes below zero due', async () => {
    const { visitId, token } = await join('table-6');
    await place(token, [{ menuItemId: 'espresso', quantity: 1 }, { menuItemId: 'black-tea', quantity: 2 }]); // 280 + 700 = 980
    await t.request('POST', `/api/visits/${visitId}/bill/discounts`, { id: newId(), kind: 'amount', amountMinor: 20, reason: 'Regulars' }, manager);
    const split = await t.request('POST', `/api/visits/${visitId}/bill/split`, { id: newId(), kind: 'equal', parts: 3 }, waiter);
    expect(split.status).toBe(200);
    const parts = split.body.split.parts;
    expect(parts.map((part: any) => part.amountMinor)).toEqual([320, 320, 320]);
    expect(split.body.dueMinor).toBe(960);

    const [one, two] = await Promise.all([
      pay(visitId, { method: 'card', amountMinor: 320, partId: parts[0].id }),
      pay(visitId, { method: 'cash', amountMinor: 320, partId: parts[0].id }),
    ]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    expect([one, two].find((response) => response.status === 409)!.body.error).toBe('already_paid');
    const after = await bill(visitId);
    expect(after.split.parts.map((part: any) => part.dueMinor)).toEqual([0, 320, 320]);
    expect(after.dueMinor).toBe(640);
    expect(after.split.current).toBe(true);

    // A guest splits the rest by amounts from their phone; parts that do not add up are refused.
    const wrong = await t.request('POST', '/api/guest/bill/split', { id: newId(), kind: 'amounts', amountsMinor: [300, 300] }, token);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('split_does_not_add_up');
    expect((await bill(visitId)).split.id).toBe(split.body.split.id);
    const byAmounts = await t.request('POST', '/api/guest/bill/split', { id: newId(), kind: 'amounts', amountsMinor: [140, 500] }, token);
    expect(byAmounts.status).toBe(200);
    expect(byAmounts.body.split.parts.map((part: any) => part.amountMinor)).toEqual([140, 500]);
    // The guest's view carries no staff reason.
    expect(byAmounts.body.discounts[0].reason).toBeNull();
  });

  it('splits by items with a shared bottle in thirds, the parts adding up to the cent', async () => {
    const { visitId, token } = await join('table-7');
    await place(token, [WINE, { menuItemId: 'espresso', quantity: 1 }]); // 1950 + 280
    const current = await bill(visitId);
    const [wine, espresso] = current.lines;
    const shares = [
      [{ lineId: wine.itemId, numerator: 1, denominator: 3 }, { lineId: espresso.itemId, numerator: 1, denominator: 1 }],
      [{ lineId: wine.itemId, numerator: 1, denominator: 3 }],
      [{ lineId: wine.itemId, numerator: 1, denominator: 3 }],
    ];
    const split = await t.request('POST', `/api/visits/${visitId}/bill/split`, { id: newId(), kind: 'items', shares }, waiter);
    expect(split.status).toBe(200);
    expect(split.body.split.parts.map((part: any) => part.amountMinor)).toEqual([930, 650, 650]);
    const unassigned = await t.request('POST', `/api/visits/${visitId}/bill/split`, { id: newId(), kind: 'items', shares: [shares[0]] }, waiter);
    expect(unassigned.status).toBe(400);
    expect(unassigned.body.error).toBe('line_not_fully_assigned');
  });

  it('takes a manager discount with its reason (HTML kept as text), refuses a waiter and one larger than the bill', async () => {
    const { visitId, token } = await join('table-8');
    await place(token, [BURGERS]);
    const reason = 'Birthday <script>alert(1)</script> 🎂';
    expect((await t.request('POST', `/api/visits/${visitId}/bill/discounts`, { id: newId(), kind: 'percent', rateBp: 1000, reason }, waiter)).status).toBe(403);
    const given = await t.request('POST', `/api/visits/${visitId}/bill/discounts`, { id: newId(), kind: 'percent', rateBp: 1000, reason }, manager);
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ subtotalMinor: 2900, discountMinor: 290, totalMinor: 2610, dueMinor: 2610 });
    expect(given.body.discounts[0]).toMatchObject({ kind: 'percent', rateBp: 1000, amountMinor: 290, reason });
    const tooMuch = await t.request('POST', `/api/visits/${visitId}/bill/discounts`, { id: newId(), kind: 'amount', amountMinor: 2700, reason: 'Oops' }, manager);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toBe('discount_exceeds_subtotal');
    expect(await t.request('POST', `/api/visits/${visitId}/bill/discounts`, { id: newId(), kind: 'amount', rateBp: 100, reason: 'x' }, manager)).toMatchObject({ status: 400 });
    expect(await t.request('POST', `/api/visits/${visitId}/bill/discounts`, { id: newId(), kind: 'amount', amountMinor: 100, reason: '' }, manager)).toMatchObject({ status: 400 });
    expect((await bill(visitId)).discounts).toHaveLength(1);
    const removed = await t.request('DELETE', `/api/visits/${visitId}/bill/discounts/${given.body.discounts[0].id}`, undefined, manager);
    expect(removed.body).toMatchObject({ discountMinor: 0, totalMinor: 2900 });
  });

  it('adds tax and a service charge on top when the venue bills that way', async () => {
    expect((await t.request('PUT', '/api/admin/billing', { taxMode: 'added', serviceChargeBp: 1250 }, waiter)).status).toBe(403);
    expect((await t.request('PUT', '/api/admin/billing', { taxMode: 'sometimes', serviceChargeBp: 0 }, manager)).status).toBe(400);
    expect((await t.request('PUT', '/api/admin/billing', { taxMode: 'added', serviceChargeBp: 1250 }, manager)).body).toEqual({ taxMode: 'added', serviceChargeBp: 1250 });
    try {
      const { visitId, token } = await join('table-9');
      await place(token, [LEMONADE]);
      // 450 + 12.5 % service (56.25 → 56) + 19 % VAT on 450 (85.5 → 86).
      expect(await bill(visitId)).toMatchObject({ subtotalMinor: 450, serviceChargeMinor: 56, taxMinor: 86, taxAddedMinor: 86, totalMinor: 592 });
    } finally {
      await t.request('PUT', '/api/admin/billing', { taxMode: 'included', serviceChargeBp: 0 }, manager);
    }
  });

  it('closes the visit in the payment that settles it once everything is served; the guest keeps the receipt, without who took it', async () => {
    const { visitId, token } = await join('table-10');
    const order = await place(token, [LEMONADE]);
    await serveAll(order);
    const guestSocket = new Listener(t.baseUrl, '/guest', { token, lastSeq: 0 });
    const heard = (type: string) => guestSocket.until((h) => h.kind === 'event' && h.event.type === type, type).then((h) => (h as { event: { payload: any } }).event);
    try {
      await guestSocket.ready();
      const paid = await pay(visitId, { method: 'card', amountMinor: 450, tipMinor: 45 });
      expect(paid.status).toBe(201);
      const recorded = await heard('payment.recorded');
      expect(recorded.payload).toMatchObject({ id: paid.body.id, amountMinor: 450, tipMinor: 45, staffId: null });
      expect((await heard('visit.closed')).payload.id).toBe(visitId);
    } finally {
      guestSocket.close();
    }
    expect((await t.request('GET', '/api/guest/visit', undefined, token)).body.error).toBe('visit_closed');
    const receipt = await t.request('GET', '/api/guest/bill', undefined, token);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ visitId, status: 'paid', totalMinor: 450, paidMinor: 450, tipsMinor: 45, dueMinor: 0 });
    expect(receipt.body.payments[0].staffId).toBeNull();
    // The receipt is all a closed visit's token may still do.
    expect((await t.request('POST', '/api/guest/bill/split', { id: newId(), kind: 'equal', parts: 2 }, token)).status).toBe(401);
    const settled = t.hub.context.store.sqlite.prepare('SELECT business_day AS day, currency FROM bill_settlements WHERE visit_id = ?').get(visitId);
    expect(settled).toMatchObject({ currency: 'EUR' });
    // Nothing is due, so another payment is refused.
    expect((await pay(visitId, { method: 'cash', amountMinor: 1 })).body.error).toBe('visit_closed');
  });

  it('refuses to close a table with money due, unless a manager writes the rest off with a reason', async () => {
    const { visitId, token } = await join('table-11');
    const order = await place(token, [LEMONADE]);
    await serveAll(order);
    await pay(visitId, { method: 'cash', amountMinor: 400 });
    const refused = await t.request('POST', `/api/visits/${visitId}/close`, {}, waiter);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'bill_not_paid', dueMinor: 50, currency: 'EUR' });
    expect((await t.request('POST', `/api/visits/${visitId}/close`, { writeOffReason: 'Coins short' }, waiter)).status).toBe(403);
    expect((await t.request('GET', '/api/guest/visit', undefined, token)).status).toBe(200);
    const closed = await t.request('POST', `/api/visits/${visitId}/close`, { writeOffReason: 'Coins short' }, manager);
    expect(closed.status).toBe(200);
    const receipt = (await t.request('GET', '/api/guest/bill', undefined, token)).body;
    expect(receipt).toMatchObject({ status: 'written_off', writtenOffMinor: 50, dueMinor: 0 });
    expect(receipt.writeOffs[0].reason).toBeNull();
  });

  it('lets a visit where nothing was ordered close without a bill', async () => {
    const { visitId } = await join('table-12');
    expect((await t.request('POST', `/api/visits/${visitId}/close`, {}, waiter)).status).toBe(200);
    expect(t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM bill_settlements WHERE visit_id = ?').pluck().get(visitId)).toBe(0);
  });
});
