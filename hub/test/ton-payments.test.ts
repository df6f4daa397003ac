import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE, startTonTestHub, type TonTestHub } from '../src/payments/ton/test-support.ts';
import { testWallet } from './support/fake-ton-api.ts';

const CHECKSUM_TYPO = 'EQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p4q3';

describe('TON payments: settings, invoices and a verified transfer', () => {
  let h: TonTestHub;

  beforeAll(async () => {
    h = await startTonTestHub();
  });
  afterAll(() => h.close());

  const sql = () => h.t.hub.context.store.sqlite;
  const invoiceRows = () => sql().prepare('SELECT COUNT(*) FROM ton_invoices').pluck().get() as number;

  it('refuses a TON invoice while the venue has no wallet, and the manager sees no settings yet', async () => {
    const guest = await h.guestWithBill('table-1');
    const refused = await h.request('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: 100 }, guest.token);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'ton_not_set_up' });
    expect(refused.body.message).toMatch(/not set up at this venue yet/);
    expect((await h.request('GET', '/api/admin/payments/ton', undefined, h.manager)).status).toBe(404);
    expect(invoiceRows()).toBe(0);
  });

  it('takes the wallet in its friendly or raw form, checks its checksum and shows its network', async () => {
    const put = (address: string, nanotonsPerMinor: number | string = RATE, token = h.manager) =>
      h.request('PUT', '/api/admin/payments/ton', { address, rate: { nanotonsPerMinor } }, token);

    const typo = await put(CHECKSUM_TYPO);
    expect(typo.status).toBe(400);
    expect(typo.body).toMatchObject({ error: 'bad_ton_address' });
    expect(typo.body.message).toMatch(/does not check out/);
    const tag = await put('IgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAI6Z');
    expect(tag.status).toBe(400);
    expect(tag.body.message).toMatch(/not a TON wallet address/);
    const zero = await put(h.wallet.nonBounceable, 0);
    expect(zero.status).toBe(400);
    expect(zero.body.message).toMatch(/nanotonsPerMinor/);
    expect((await put(h.wallet.nonBounceable, '0')).body).toMatchObject({ error: 'bad_ton_rate', message: expect.stringMatching(/at least 1 nanoton/) });
    expect((await put(h.wallet.nonBounceable, RATE, h.waiter)).status).toBe(403);
    expect((await h.request('GET', '/api/admin/payments/ton', undefined, h.manager)).status).toBe(404);

    const raw = await put(h.wallet.raw, '3300000');
    expect(raw.status).toBe(200);
    expect(raw.body).toMatchObject({ addressRaw: h.wallet.raw, addressFriendly: h.wallet.nonBounceable, network: 'mainnet', nanotonsPerMinor: '3300000', rateSource: 'manager', lastPollAt: null });

    const testnet = await put(testWallet('the venue', { testnet: true }).bounceable);
    expect(testnet.body).toMatchObject({ addressRaw: h.wallet.raw, network: 'testnet' });

    await h.setUp();
    const shown = await h.request('GET', '/api/admin/payments/ton', undefined, h.manager);
    expect(shown.body).toMatchObject({ addressFriendly: h.wallet.nonBounceable, network: 'mainnet', nanotonsPerMinor: String(RATE) });
  });

  it('makes a guest invoice with a unique comment, the amount in nanotons and a ton:// link; the same id answers the same invoice', async () => {
    const guest = await h.guestWithBill('table-2');
    const id = newId();
    const made = await h.request('POST', '/api/guest/bill/ton-invoices', { id, amountMinor: 500 }, guest.token);
    expect(made.status).toBe(201);
    const invoice = made.body;
    expect(invoice).toMatchObject({
      id,
      visitId: guest.visitId,
      partId: null,
      amountMinor: 500,
      currency: 'EUR',
      address: h.wallet.nonBounceable,
      nanotons: String(500 * RATE),
      receivedNanotons: '0',
      remainingNanotons: '0',
      nanotonsPerMinor: String(RATE),
      status: 'awaiting',
      paidAt: null,
    });
    expect(invoice.comment).toMatch(/^OM-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(invoice.link).toBe(`ton://transfer/${h.wallet.nonBounceable}?amount=${500 * RATE}&text=${invoice.comment}`);
    expect(Date.parse(invoice.expiresAt) - Date.parse(invoice.createdAt)).toBe(15 * 60_000);
    // Staff-only fields stay with staff.
    expect(invoice).not.toHaveProperty('createdBy');

    const again = await h.request('POST', '/api/guest/bill/ton-invoices', { id, amountMinor: 500 }, guest.token);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, comment: invoice.comment, nanotons: invoice.nanotons });
    const other = await h.request('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: 100 }, guest.token);
    expect(other.body.comment).not.toBe(invoice.comment);

    const read = await h.request('GET', `/api/guest/bill/ton-invoices/${id}`, undefined, guest.token);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, status: 'awaiting' });
    const qr = await h.request('GET', `/api/guest/bill/ton-invoices/${id}/qr.svg`, undefined, guest.token);
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(String(qr.body)).toContain('<svg');

    // Another table's guest cannot see it, nor reuse its id.
    const stranger = await h.guestWithBill('table-3');
    expect((await h.request('GET', `/api/guest/bill/ton-invoices/${id}`, undefined, stranger.token)).status).toBe(404);
    const stolen = await h.request('POST', '/api/guest/bill/ton-invoices', { id, amountMinor: 100 }, stranger.token);
    expect(stolen.status).toBe(409);
    expect(stolen.body.error).toBe('id_taken');
  });

  it('refuses more than is due on the bill', async () => {
    const guest = await h.guestWithBill('table-4');
    const before = invoiceRows();
    const refused = await h.request('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: guest.dueMinor + 1 }, guest.token);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('more_than_due');
    expect(refused.body.message).toBe(`Only €${(guest.dueMinor / 100).toFixed(2)} is due on this bill: make the TON invoice for €${(guest.dueMinor / 100).toFixed(2)} or less.`);
    expect(invoiceRows()).toBe(before);
  });

  it('marks the invoice paid once the matching transfer reaches the wallet, and the bill owes that much less', async () => {
    const guest = await h.guestWithBill('table-5');
    const id = newId();
    const made = await h.request('POST', '/api/guest/bill/ton-invoices', { id, amountMinor: 600 }, guest.token);
    expect(made.status).toBe(201);
    await h.events.invoice(id, (invoice) => invoice.verifiedOnline);

    h.api.transfer({ to: h.wallet.raw, nanotons: BigInt(made.body.nanotons), comment: made.body.comment });
    const paid = await h.events.invoice(id, (invoice) => invoice.status === 'paid');
    expect(paid).toMatchObject({ receivedNanotons: made.body.nanotons, remainingNanotons: '0', verifiedOnline: true });
    expect(paid.paidAt).not.toBeNull();

    const bill = await h.t.request('GET', '/api/guest/bill', undefined, guest.token);
    expect(bill.body.dueMinor).toBe(guest.dueMinor - 600);
    expect(bill.body.payments).toEqual([expect.objectContaining({ method: 'ton', amountMinor: 600, tipMinor: 0, tonInvoiceId: id })]);
    expect((await h.request('GET', `/api/guest/bill/ton-invoices/${id}`, undefined, guest.token)).body.status).toBe('paid');
  });

  it('lets a waiter make the invoice for a printed bill, and staff list it and see the unconfirmed total', async () => {
    const guest = await h.guestWithBill('table-6');
    const id = newId();
    const made = await h.request('POST', `/api/visits/${guest.visitId}/ton-invoices`, { id, amountMinor: guest.dueMinor }, h.waiter);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ id, visitId: guest.visitId, createdBy: 'staff', overpaidDecision: null, status: 'awaiting' });
    const kitchen = await h.t.login('3333');
    expect((await h.request('POST', `/api/visits/${guest.visitId}/ton-invoices`, { id: newId(), amountMinor: 1 }, kitchen)).status).toBe(403);
    expect((await h.request('POST', '/api/visits/no-such-visit/ton-invoices', { id: newId(), amountMinor: 1 }, h.waiter)).status).toBe(404);

    const listed = await h.request('GET', '/api/payments/ton/invoices?status=awaiting', undefined, h.waiter);
    expect(listed.status).toBe(200);
    expect(listed.body.invoices.map((invoice: any) => invoice.id)).toContain(id);
    expect(listed.body.invoices.every((invoice: any) => invoice.status === 'awaiting')).toBe(true);
    expect((await h.request('GET', `/api/payments/ton/invoices/${id}`, undefined, h.waiter)).body).toMatchObject({ id, createdBy: 'staff' });

    const open = sql().prepare("SELECT COUNT(*) AS count, SUM(amount_minor) AS amount, MIN(created_at) AS oldest FROM ton_invoices WHERE status IN ('awaiting', 'underpaid')").get() as any;
    const unconfirmed = await h.request('GET', '/api/payments/ton/unconfirmed', undefined, h.waiter);
    expect(unconfirmed.body).toEqual({ count: open.count, amountMinor: open.amount, oldestAt: open.oldest });
    expect(unconfirmed.body.count).toBeGreaterThanOrEqual(1);
  });
});
