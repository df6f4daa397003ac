import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTonTestHub, type TonTestHub } from '../src/payments/ton/test-support.ts';
import { testWallet } from './support/fake-ton-api.ts';

describe('TON verification against the fake TON API', () => {
  let h: TonTestHub;

  beforeAll(async () => {
    h = await startTonTestHub();
    await h.setUp();
  });
  afterAll(() => h.close());

  const sql = () => h.t.hub.context.store.sqlite;
  const tonPayments = (invoiceId: string) => sql().prepare("SELECT COUNT(*) FROM payments WHERE ton_invoice_id = ? AND method = 'ton'").pluck().get(invoiceId);

  async function invoiceFor(table: string, amountMinor?: number) {
    const guest = await h.guestWithBill(table);
    const made = await h.request('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: amountMinor ?? guest.dueMinor }, guest.token);
    if (made.status !== 201) throw new Error(`making the invoice failed: ${made.status} ${JSON.stringify(made.body)}`);
    // The first poll after it was made has reached the API.
    await h.events.invoice(made.body.id, (invoice) => invoice.verifiedOnline);
    return { guest, invoice: made.body };
  }

  it('finds the payment on a later page, counting the transaction repeated at the page boundary once', async () => {
    const { invoice } = await invoiceFor('table-1');
    h.api.transfer({ to: h.wallet.raw, nanotons: invoice.nanotons, comment: invoice.comment });
    // 150 newer transfers push the payment onto the second page.
    for (let i = 0; i < 150; i++) h.api.transfer({ to: h.wallet.raw, nanotons: 1000 + i, comment: `someone else ${i}`, encoding: i % 2 ? 'data_text' : 'raw_body' });
    const before = h.api.requests.length;
    const paid = await h.events.invoice(invoice.id, (i) => i.status === 'paid');
    expect(paid.receivedNanotons).toBe(invoice.nanotons);
    const pagedBack = h.api.requests.slice(before).filter((request) => request.query.lt !== undefined);
    expect(pagedBack.length).toBeGreaterThanOrEqual(1);
    expect(tonPayments(invoice.id)).toBe(1);
  });

  it('reads the comment from a raw body too, and pays only once however many polls see the transfer', async () => {
    const { invoice } = await invoiceFor('table-2');
    h.api.transfer({ to: h.wallet.raw, nanotons: invoice.nanotons, comment: invoice.comment.toLowerCase(), encoding: 'raw_body' });
    await h.events.invoice(invoice.id, (i) => i.status === 'paid');
    // Later polls read the same transfer again (the cursor trails the newest transaction): still once.
    const other = await invoiceFor('table-3');
    await h.pollRead();
    await h.pollRead();
    expect(other.invoice.status).toBe('awaiting');
    expect(tonPayments(invoice.id)).toBe(1);
    const row = sql().prepare('SELECT status, received_nanotons AS received FROM ton_invoices WHERE id = ?').get(invoice.id) as any;
    expect(row).toEqual({ status: 'paid', received: invoice.nanotons });
  });

  it('ignores the right comment sent to another wallet', async () => {
    const { invoice } = await invoiceFor('table-4');
    const elsewhere = testWallet('another venue');
    h.api.transfer({ to: elsewhere.raw, nanotons: invoice.nanotons, comment: invoice.comment });
    // Listed under the venue's account but addressed to another wallet: not the venue's money.
    const odd = h.api.transfer({ to: h.wallet.raw, destinationShown: elsewhere.raw, nanotons: invoice.nanotons, comment: invoice.comment });
    // A marker transfer after them: once it is listed as unmatched, the poll has read past both.
    h.api.transfer({ to: h.wallet.raw, nanotons: 1, comment: `marker ${invoice.id}` });
    await waitForUnmatched(`marker ${invoice.id}`);
    expect(sql().prepare('SELECT COUNT(*) FROM ton_transfers WHERE hash = ?').pluck().get(odd.hash)).toBe(0);
    expect((await h.request('GET', `/api/payments/ton/invoices/${invoice.id}`, undefined, h.manager)).body).toMatchObject({ status: 'awaiting', receivedNanotons: '0' });
  });

  it('asks for the rest when one nanoton is missing, and is paid once the rest arrives', async () => {
    const { guest, invoice } = await invoiceFor('table-5');
    const short = BigInt(invoice.nanotons) - 1n;
    h.api.transfer({ to: h.wallet.raw, nanotons: short, comment: invoice.comment });
    const underpaid = await h.events.invoice(invoice.id, (i) => i.status === 'underpaid');
    expect(underpaid).toMatchObject({ receivedNanotons: String(short), remainingNanotons: '1' });
    expect(underpaid.link).toBe(`ton://transfer/${h.wallet.nonBounceable}?amount=1&text=${invoice.comment}`);
    expect(tonPayments(invoice.id)).toBe(0);
    expect((await h.t.request('GET', '/api/guest/bill', undefined, guest.token)).body.dueMinor).toBe(guest.dueMinor);

    h.api.transfer({ to: h.wallet.raw, nanotons: 1, comment: invoice.comment });
    await h.events.invoice(invoice.id, (i) => i.status === 'paid');
    expect((await h.t.request('GET', '/api/guest/bill', undefined, guest.token)).body.dueMinor).toBe(0);
  });

  it('lists a transfer with an unknown comment for a manager, who attaches it to the bill', async () => {
    const { guest, invoice } = await invoiceFor('table-6');
    const typo = h.api.transfer({ to: h.wallet.raw, nanotons: invoice.nanotons, comment: 'table 6 dinner' });
    const listed = await waitForUnmatched('table 6 dinner');
    expect(listed).toMatchObject({ hash: typo.hash, nanotons: invoice.nanotons, invoiceId: null, attachedBy: null });
    expect((await h.request('GET', '/api/payments/ton/transfers/unmatched', undefined, h.waiter)).status).toBe(403);

    const path = `/api/payments/ton/transfers/${encodeURIComponent(typo.hash)}/attach`;
    expect((await h.request('POST', path, { invoiceId: newId() }, h.manager)).status).toBe(404);
    const attached = await h.request('POST', path, { invoiceId: invoice.id }, h.manager);
    expect(attached.status).toBe(200);
    expect(attached.body).toMatchObject({ id: invoice.id, status: 'paid', receivedNanotons: invoice.nanotons });
    expect((await h.t.request('GET', '/api/guest/bill', undefined, guest.token)).body.dueMinor).toBe(0);
    // Again: the same answer, nothing counted twice; to another invoice: refused.
    expect((await h.request('POST', path, { invoiceId: invoice.id }, h.manager)).body.receivedNanotons).toBe(invoice.nanotons);
    const elsewhere = await h.request('POST', path, { invoiceId: (await invoiceFor('table-7')).invoice.id }, h.manager);
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error).toBe('transfer_already_attached');
    const unmatched = await h.request('GET', '/api/payments/ton/transfers/unmatched', undefined, h.manager);
    expect(unmatched.body.transfers.map((t: any) => t.hash)).not.toContain(typo.hash);
    expect(tonPayments(invoice.id)).toBe(1);
  });

  it('holds an overpaid invoice for the manager, who keeps the extra as a tip at the invoice rate, rounded down', async () => {
    const { guest, invoice } = await invoiceFor('table-8');
    const rate = BigInt(invoice.nanotonsPerMinor);
    const extra = rate * 150n + rate / 2n;
    h.api.transfer({ to: h.wallet.raw, nanotons: BigInt(invoice.nanotons) + extra, comment: invoice.comment });
    const overpaid = await h.events.invoice(invoice.id, (i) => i.status === 'overpaid');
    expect(overpaid.paidAt).toBeNull();
    expect(tonPayments(invoice.id)).toBe(0);

    const path = `/api/payments/ton/invoices/${invoice.id}/overpaid`;
    expect((await h.request('POST', path, { decision: 'tip' }, h.waiter)).status).toBe(403);
    const decided = await h.request('POST', path, { decision: 'tip' }, h.manager);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'overpaid', overpaidDecision: 'tip' });
    const bill = (await h.t.request('GET', '/api/guest/bill', undefined, guest.token)).body;
    expect(bill.dueMinor).toBe(0);
    expect(bill.payments).toEqual([expect.objectContaining({ method: 'ton', amountMinor: guest.dueMinor, tipMinor: 150, tonInvoiceId: invoice.id })]);
    expect((await h.request('POST', path, { decision: 'tip' }, h.manager)).status).toBe(200);
    const changed = await h.request('POST', path, { decision: 'owed_back' }, h.manager);
    expect(changed.status).toBe(409);
    expect(changed.body.error).toBe('already_decided');
    expect(tonPayments(invoice.id)).toBe(1);

    const paidExactly = await invoiceFor('table-9');
    const notOver = await h.request('POST', `/api/payments/ton/invoices/${paidExactly.invoice.id}/overpaid`, { decision: 'owed_back' }, h.manager);
    expect(notOver.status).toBe(409);
    expect(notOver.body).toMatchObject({ error: 'not_overpaid', message: expect.stringMatching(/awaiting, not overpaid/) });
  });

  it('serves every open invoice with one poll: never a job per invoice', async () => {
    const invoices = await Promise.all(['table-10', 'table-11', 'table-12'].map((table) => h.guestWithBill(table)));
    const made = await Promise.all(invoices.map((g) => h.request('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: 100 }, g.token)));
    expect(made.map((m) => m.status)).toEqual([201, 201, 201]);
    const pending = h.t.hub.context.outbox.list({ vendor: 'ton' }).filter((job) => job.state === 'waiting' || job.state === 'running');
    expect(pending.length).toBeLessThanOrEqual(1);
    for (const m of made) h.api.transfer({ to: h.wallet.raw, nanotons: m.body.nanotons, comment: m.body.comment });
    await Promise.all(made.map((m) => h.events.invoice(m.body.id, (i) => i.status === 'paid')));
  });

  async function waitForUnmatched(comment: string) {
    for (;;) {
      await h.pollRead();
      const listed = (await h.request('GET', '/api/payments/ton/transfers/unmatched', undefined, h.manager)).body.transfers.find((t: any) => t.comment === comment);
      if (listed) return listed;
    }
  }
});
