import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { RATE, startTonTestHub, type TonTestHub } from '../src/payments/ton/test-support.ts';
import { testWallet } from './support/fake-ton-api.ts';

const MINUTE = 60_000;

/** Invoices hold their rate 15 minutes; the hub's clock is moved by hand, each poll started on purpose. */
describe('TON invoices that expire', () => {
  let h: TonTestHub;
  const clock = new ManualClock(new Date('2026-06-01T12:00:00.000Z'));

  beforeAll(async () => {
    h = await startTonTestHub({ clock });
    await h.setUp();
  });
  afterAll(() => h.close());

  /** Moves the hub's clock and lets the outbox send what fell due; resolves once that poll is recorded. */
  async function pollAfter(ms: number) {
    clock.advance(ms);
    const polled = h.pollRead();
    h.t.hub.context.outbox.wake();
    await polled;
  }

  async function invoiceFor(table: string) {
    const guest = await h.guestWithBill(table);
    const made = await h.request('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: guest.dueMinor }, guest.token);
    expect(made.status).toBe(201);
    await h.events.invoice(made.body.id, (invoice) => invoice.verifiedOnline);
    return { guest, invoice: made.body };
  }

  it('expires once a poll after its expiry found nothing, and is re-quoted at the new rate when the guest looks again', async () => {
    const { guest, invoice } = await invoiceFor('table-1');
    expect(invoice.expiresAt).toBe(new Date(clock.now().getTime() + 15 * MINUTE).toISOString());
    await pollAfter(15 * MINUTE + 61_000);
    const expired = await h.events.invoice(invoice.id, (i) => i.status === 'expired');
    expect(expired.nanotons).toBe(invoice.nanotons);

    await h.setUp(RATE * 2);
    const requoted = await h.request('GET', `/api/guest/bill/ton-invoices/${invoice.id}`, undefined, guest.token);
    expect(requoted.body).toMatchObject({ id: invoice.id, comment: invoice.comment, status: 'awaiting', nanotonsPerMinor: String(RATE * 2), nanotons: String(guest.dueMinor * RATE * 2) });
    expect(requoted.body.rateSetAt).toBe(clock.now().toISOString());
    expect(requoted.body.expiresAt).toBe(new Date(clock.now().getTime() + 15 * MINUTE).toISOString());
    expect(requoted.body.link).toContain(`amount=${guest.dueMinor * RATE * 2}&text=${invoice.comment}`);

    // Paid at the new quote, with the comment it always had.
    h.api.transfer({ to: h.wallet.raw, nanotons: requoted.body.nanotons, comment: invoice.comment });
    await pollAfter(1000);
    expect((await h.request('GET', `/api/guest/bill/ton-invoices/${invoice.id}`, undefined, guest.token)).body.status).toBe('paid');
  });

  it('counts a late transfer at the old amount toward the expired invoice', async () => {
    const { guest, invoice } = await invoiceFor('table-2');
    await pollAfter(15 * MINUTE + 61_000);
    await h.events.invoice(invoice.id, (i) => i.status === 'expired');
    h.api.transfer({ to: h.wallet.raw, nanotons: invoice.nanotons, comment: invoice.comment });
    // Another open invoice keeps the check polling; the late transfer is found by its comment.
    await invoiceFor('table-3');
    await pollAfter(1000);
    const paid = await h.events.invoice(invoice.id, (i) => i.status === 'paid');
    expect(paid.receivedNanotons).toBe(invoice.nanotons);
    expect((await h.t.request('GET', '/api/guest/bill', undefined, guest.token)).body.dueMinor).toBe(0);
  });

  it('does not expire while the TON API cannot be reached: a payment made meanwhile is still found at its quote', async () => {
    const { guest, invoice } = await invoiceFor('table-4');
    h.api.failNext({ status: 500 });
    const failed = h.api.nextRequest((entry) => entry.status === 500);
    clock.advance(20 * MINUTE);
    h.t.hub.context.outbox.wake();
    await failed;
    await h.t.hub.context.outbox.idle();
    const staff = await h.request('GET', `/api/payments/ton/invoices/${invoice.id}`, undefined, h.manager);
    expect(staff.body).toMatchObject({ status: 'awaiting', verifiedOnline: false, nanotons: invoice.nanotons });
    const guestView = await h.request('GET', `/api/guest/bill/ton-invoices/${invoice.id}`, undefined, guest.token);
    expect(guestView.body).toMatchObject({ status: 'awaiting', verifiedOnline: false, nanotons: invoice.nanotons });

    h.api.transfer({ to: h.wallet.raw, nanotons: invoice.nanotons, comment: invoice.comment });
    await pollAfter(2000);
    expect((await h.request('GET', `/api/guest/bill/ton-invoices/${invoice.id}`, undefined, guest.token)).body).toMatchObject({ status: 'paid', verifiedOnline: true });
  });

  it('refuses to re-quote for more than the bill now asks, when posted again', async () => {
    const { guest, invoice } = await invoiceFor('table-5');
    await pollAfter(15 * MINUTE + 61_000);
    await h.events.invoice(invoice.id, (i) => i.status === 'expired');
    const paidCash = await h.t.request('POST', `/api/visits/${guest.visitId}/payments`, { id: newId(), method: 'cash', amountMinor: 100 }, h.waiter);
    expect(paidCash.status).toBe(201);
    const again = await h.request('POST', '/api/guest/bill/ton-invoices', { id: invoice.id, amountMinor: invoice.amountMinor }, guest.token);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('more_than_due');
    // Looking at it shows it expired, unchanged.
    expect((await h.request('GET', `/api/guest/bill/ton-invoices/${invoice.id}`, undefined, guest.token)).body).toMatchObject({ status: 'expired', nanotons: invoice.nanotons });
  });

  it('expires awaiting invoices when the manager replaces the wallet; a new look quotes them for the new one', async () => {
    const { guest, invoice } = await invoiceFor('table-6');
    const replacement = testWallet('the venue, new wallet');
    const put = await h.request('PUT', '/api/admin/payments/ton', { address: replacement.bounceable, rate: { nanotonsPerMinor: RATE } }, h.manager);
    expect(put.body).toMatchObject({ addressRaw: replacement.raw, lastPollAt: null });
    await h.events.invoice(invoice.id, (i) => i.status === 'expired');
    const requoted = await h.request('GET', `/api/guest/bill/ton-invoices/${invoice.id}`, undefined, guest.token);
    expect(requoted.body).toMatchObject({ status: 'awaiting', address: replacement.bounceable, comment: invoice.comment });
    expect(requoted.body.link).toContain(`ton://transfer/${replacement.bounceable}?`);
  });
});
