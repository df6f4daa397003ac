import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTonTestHub, type TonTestHub } from '../src/payments/ton/test-support.ts';
import { tonBudgetKey } from '../src/payments/ton/ton-adapter.ts';

/**
 * The TON API failing the ways the real one does: no answer in time, a 500, a 429 with Retry-After, a
 * page that leaves a transaction out, a refused key. Each time the invoice waits (the guest is told it
 * is confirmed once the venue is back online), then is paid exactly once.
 */
describe('TON verification when the TON API fails', () => {
  let h: TonTestHub;

  beforeAll(async () => {
    h = await startTonTestHub({ ton: { requestTimeoutMs: 250 } });
    await h.setUp();
    // An invoice nobody pays keeps the verification polling, so a test can watch polls after a payment.
    await verifiedInvoice('table-12');
  });
  afterAll(() => h.close());

  const sql = () => h.t.hub.context.store.sqlite;
  const tonPayments = (invoiceId: string) => sql().prepare("SELECT COUNT(*) FROM payments WHERE ton_invoice_id = ?").pluck().get(invoiceId);
  const transfersOf = (invoiceId: string) => sql().prepare('SELECT COUNT(*) FROM ton_transfers WHERE invoice_id = ?').pluck().get(invoiceId);

  async function verifiedInvoice(table: string) {
    const guest = await h.guestWithBill(table);
    const made = await h.request('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: guest.dueMinor }, guest.token);
    expect(made.status).toBe(201);
    const verified = await h.events.invoice(made.body.id, (invoice) => invoice.verifiedOnline);
    return { guest, invoice: made.body, seq: verified.seq };
  }

  async function paidOnceAfter(invoice: any, guestToken: string) {
    const paid = await h.events.invoice(invoice.id, (i) => i.status === 'paid');
    expect(paid).toMatchObject({ receivedNanotons: invoice.nanotons, verifiedOnline: true });
    // A few more polls read the same transfer again: still one transfer, one payment.
    await h.pollRead();
    await h.pollRead();
    expect(transfersOf(invoice.id)).toBe(1);
    expect(tonPayments(invoice.id)).toBe(1);
    expect((await h.t.request('GET', '/api/guest/bill', undefined, guestToken)).body.dueMinor).toBe(0);
  }

  it('waits out an answer that never comes, telling the guest it is confirmed once the venue is back online', async () => {
    const { guest, invoice, seq } = await verifiedInvoice('table-1');
    h.api.failNext({ slow: true });
    h.api.transfer({ to: h.wallet.raw, nanotons: invoice.nanotons, comment: invoice.comment });
    const offline = await h.events.invoice(invoice.id, (i) => !i.verifiedOnline, seq);
    expect(offline.status).toBe('awaiting');
    await paidOnceAfter(invoice, guest.token);
    expect((await h.request('GET', '/api/admin/payments/ton', undefined, h.manager)).body.lastPollError).toBeNull();
    h.api.releaseSlow();
  });

  it('retries after a 500', async () => {
    const { guest, invoice, seq } = await verifiedInvoice('table-2');
    h.api.failNext({ status: 500 }, { status: 500 });
    h.api.transfer({ to: h.wallet.raw, nanotons: invoice.nanotons, comment: invoice.comment });
    const offline = await h.events.invoice(invoice.id, (i) => !i.verifiedOnline, seq);
    expect(offline.status).toBe('awaiting');
    await paidOnceAfter(invoice, guest.token);
  });

  it('honours a 429 and its Retry-After before asking again', async () => {
    const { guest, invoice } = await verifiedInvoice('table-3');
    h.api.failNext({ status: 429, retryAfterSeconds: 1 });
    const limited = h.api.nextRequest((entry) => entry.status === 429);
    h.api.transfer({ to: h.wallet.raw, nanotons: invoice.nanotons, comment: invoice.comment });
    const refused = await limited;
    const next = await h.api.nextRequest();
    expect(next.at - refused.at).toBeGreaterThanOrEqual(1000);
    await paidOnceAfter(invoice, guest.token);
  });

  it('finds a transaction one answer left out on a later poll, and counts it once', async () => {
    const { guest, invoice } = await verifiedInvoice('table-4');
    const sent = h.api.transfer({ to: h.wallet.raw, nanotons: invoice.nanotons, comment: invoice.comment });
    h.api.dropOnce(sent.hash);
    await h.pollRead();
    // That poll's answer had no such transaction (the fake left it out once).
    expect(transfersOf(invoice.id)).toBe(0);
    await paidOnceAfter(invoice, guest.token);
  });

  it('shows staff the unconfirmed TON total and its age while the API is down', async () => {
    const { invoice, seq } = await verifiedInvoice('table-5');
    h.api.failNext(...Array.from({ length: 3 }, () => ({ status: 500 as const })));
    const offline = await h.events.invoice(invoice.id, (i) => !i.verifiedOnline, seq);
    expect(offline.status).toBe('awaiting');
    const unconfirmed = (await h.request('GET', '/api/payments/ton/unconfirmed', undefined, h.waiter)).body;
    expect(unconfirmed.count).toBeGreaterThanOrEqual(1);
    expect(unconfirmed.amountMinor).toBeGreaterThanOrEqual(invoice.amountMinor);
    expect(Date.parse(unconfirmed.oldestAt)).toBeLessThanOrEqual(Date.parse(invoice.createdAt));
    // Back online: the guest hears that the invoice is verified again.
    await h.events.invoice(invoice.id, (i) => i.verifiedOnline, offline.seq);
  });

  it('hands a refused key to a person, and a new invoice asks for a fresh poll', async () => {
    const { invoice, seq } = await verifiedInvoice('table-6');
    h.api.requireKey = 'a key the hub does not have';
    await h.api.nextRequest((entry) => entry.status === 401);
    const offline = await h.events.invoice(invoice.id, (i) => !i.verifiedOnline, seq);
    expect(offline.status).toBe('awaiting');
    await h.t.hub.context.outbox.idle();
    const stuck = h.t.hub.context.outbox.list({ vendor: 'ton', state: 'needs_person' });
    expect(stuck).toHaveLength(1);
    expect(stuck[0]!.lastError).toMatch(/TON_API_KEY/);
    expect((await h.request('GET', '/api/admin/payments/ton', undefined, h.manager)).body.lastPollError).toMatch(/TON_API_KEY/);

    h.api.requireKey = null;
    const next = await verifiedInvoice('table-7');
    h.api.transfer({ to: h.wallet.raw, nanotons: next.invoice.nanotons, comment: next.invoice.comment });
    h.api.transfer({ to: h.wallet.raw, nanotons: invoice.nanotons, comment: invoice.comment });
    await paidOnceAfter(next.invoice, next.guest.token);
    await h.events.invoice(invoice.id, (i) => i.status === 'paid');
  });
});

describe("the TON API's rate budget", () => {
  it('polls at most once a second without a key: one poll serves every open invoice', async () => {
    const h = await startTonTestHub({ realBudget: true, ton: { pollIntervalMs: 0 } });
    try {
      await h.setUp();
      const guests = await Promise.all(['table-1', 'table-2', 'table-3'].map((table) => h.guestWithBill(table)));
      const start = h.api.requests.length;
      await Promise.all(guests.map((g) => h.request('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: 100 }, g.token)));
      await h.api.waitForRequests(start + 4);
      const times = h.api.requests.slice(start, start + 4).map((request) => request.at);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    } finally {
      await h.close();
    }
  });

  it('sends the API key and spends the keyed budget of 10 a second', async () => {
    const h = await startTonTestHub({ env: { TON_API_KEY: 'free-key-0123456789' } });
    try {
      h.api.requireKey = 'free-key-0123456789';
      await h.setUp();
      const guest = await h.guestWithBill('table-4');
      const made = await h.request('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: 100 }, guest.token);
      await h.events.invoice(made.body.id, (i) => i.verifiedOnline);
      expect(h.api.requests.at(-1)).toMatchObject({ status: 200, apiKey: 'free-key-0123456789' });
      const budgetKey = tonBudgetKey('free-key-0123456789');
      expect(budgetKey).not.toContain('free-key');
      expect(h.ton.adapter.budget(budgetKey).windows).toEqual([{ limit: 10, intervalMs: 1000 }]);
      expect(h.ton.adapter.budget('').windows).toEqual([{ limit: 1, intervalMs: 1000 }]);
      const jobs = h.t.hub.context.store.sqlite.prepare("SELECT DISTINCT budget_key FROM outbox_jobs WHERE vendor = 'ton'").pluck().all();
      expect(jobs).toEqual([budgetKey]);
    } finally {
      await h.close();
    }
  });
});
