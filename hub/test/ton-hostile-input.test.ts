import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTonTestHub, type TonTestHub } from '../src/payments/ton/test-support.ts';

/** Ugly input on every TON route: a clear 4xx with a sentence, nothing written, never a 500. */
describe('TON routes under hostile input', () => {
  let h: TonTestHub;
  let guest: { token: string; visitId: string; dueMinor: number };

  beforeAll(async () => {
    h = await startTonTestHub();
    await h.setUp();
    guest = await h.guestWithBill('table-1');
  });
  afterAll(() => h.close());

  const snapshot = () =>
    JSON.stringify(
      ['ton_settings', 'ton_invoices', 'ton_transfers'].map((table) => h.t.hub.context.store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()),
    );

  async function refused(method: string, path: string, body: unknown, token: string | undefined, status?: number) {
    const response = await h.request(method, path, body, token);
    expect(response.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    if (status) expect(response.status).toBe(status);
    expect(typeof response.body?.message).toBe('string');
    expect(response.body.message.length).toBeGreaterThan(10);
    return response;
  }

  it('refuses bad wallets and rates with a sentence, and keeps the settings', async () => {
    const before = snapshot();
    const bodies: unknown[] = [
      { address: 12345, rate: { nanotonsPerMinor: 1 } },
      { address: h.wallet.nonBounceable },
      { address: h.wallet.nonBounceable, rate: {} },
      { address: 'x'.repeat(71), rate: { nanotonsPerMinor: 1 } },
      { address: '☕'.repeat(48), rate: { nanotonsPerMinor: 1 } },
      { address: '<img src=x onerror=alert(1)>'.padEnd(48, '>'), rate: { nanotonsPerMinor: 1 } },
      { address: `0:${'g'.repeat(64)}`, rate: { nanotonsPerMinor: 1 } },
      { address: `-1:${'ab'.repeat(32)}x`, rate: { nanotonsPerMinor: 1 } },
      { address: h.wallet.nonBounceable, rate: { nanotonsPerMinor: 'abc' } },
      { address: h.wallet.nonBounceable, rate: { nanotonsPerMinor: -1 } },
      { address: h.wallet.nonBounceable, rate: { nanotonsPerMinor: 1.5 } },
      { address: h.wallet.nonBounceable, rate: { nanotonsPerMinor: 1e300 } },
      { address: h.wallet.nonBounceable, rate: { nanotonsPerMinor: '9'.repeat(30) } },
      { address: h.wallet.nonBounceable, rate: { nanotonsPerMinor: '9'.repeat(31) } },
      { address: h.wallet.nonBounceable, rate: { nanotonsPerMinor: 3_300_000 }, admin: true },
      '{"address": ',
      [],
      null,
    ];
    for (const body of bodies) await refused('PUT', '/api/admin/payments/ton', body, h.manager);
    expect((await refused('PUT', '/api/admin/payments/ton', bodies[4], h.manager)).body.message).toMatch(/characters that a TON address never has/);
    await refused('PUT', '/api/admin/payments/ton', { address: h.wallet.nonBounceable, rate: { nanotonsPerMinor: 1 } }, guest.token, 401);
    await refused('PUT', '/api/admin/payments/ton', { address: h.wallet.nonBounceable, rate: { nanotonsPerMinor: 1 } }, undefined, 401);
    expect(snapshot()).toBe(before);
  });

  it('refuses bad invoices from guests and staff, writing nothing', async () => {
    const before = snapshot();
    const bodies: unknown[] = [
      { id: 'not-a-uuid', amountMinor: 100 },
      { id: newId(), amountMinor: '100' },
      { id: newId(), amountMinor: 0 },
      { id: newId(), amountMinor: -5 },
      { id: newId(), amountMinor: 1.5 },
      { id: newId(), amountMinor: 1e20 },
      { id: newId(), amountMinor: 100, partId: '' },
      { id: newId(), amountMinor: 100, partId: 'x'.repeat(65) },
      { id: newId(), amountMinor: 100, partId: '<script>alert(1)</script>' },
      { id: newId(), amountMinor: 100, partId: 'Гость 1 ☕' },
      { id: newId(), amountMinor: 100, tipMinor: 5 },
      { id: newId(), amountMinor: guest.dueMinor + 1 },
      { amountMinor: 100 },
      '[]',
    ];
    for (const body of bodies) {
      await refused('POST', '/api/guest/bill/ton-invoices', body, guest.token);
      await refused('POST', `/api/visits/${guest.visitId}/ton-invoices`, body, h.waiter);
    }
    await refused('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: 100 }, 'not-a-token', 401);
    await refused('POST', '/api/guest/bill/ton-invoices', { id: newId(), amountMinor: 100 }, h.manager, 401);
    for (const visit of ['<b>x</b>', '☕', 'x'.repeat(300), '..%2F..%2Fetc', 'no-such-visit']) {
      await refused('POST', `/api/visits/${encodeURIComponent(visit)}/ton-invoices`, { id: newId(), amountMinor: 100 }, h.waiter);
    }
    expect(snapshot()).toBe(before);
  });

  it('refuses odd ids, hashes, states and decisions', async () => {
    const before = snapshot();
    for (const id of ['nope', '☃️🍔', '<script>alert(1)</script>', 'x'.repeat(300), "1' OR '1'='1", newId()]) {
      const path = encodeURIComponent(id);
      await refused('GET', `/api/guest/bill/ton-invoices/${path}`, undefined, guest.token);
      await refused('GET', `/api/guest/bill/ton-invoices/${path}/qr.svg`, undefined, guest.token);
      await refused('GET', `/api/payments/ton/invoices/${path}`, undefined, h.waiter);
      await refused('POST', `/api/payments/ton/invoices/${path}/overpaid`, { decision: 'tip' }, h.manager);
    }
    for (const hash of ['<b>', '☃️🍔☃️🍔☃️🍔☃️🍔', 'x'.repeat(101), 'short', 'AAAAAAAAAAAAAAAA']) {
      await refused('POST', `/api/payments/ton/transfers/${encodeURIComponent(hash)}/attach`, { invoiceId: newId() }, h.manager);
    }
    await refused('POST', `/api/payments/ton/transfers/${encodeURIComponent('A'.repeat(44))}/attach`, { invoiceId: 'nope' }, h.manager, 400);
    await refused('POST', `/api/payments/ton/invoices/${newId()}/overpaid`, { decision: 'maybe' }, h.manager, 400);
    await refused('POST', `/api/payments/ton/invoices/${newId()}/overpaid`, { decision: 'tip', extra: 1 }, h.manager, 400);
    await refused('GET', '/api/payments/ton/invoices?status=bogus', undefined, h.waiter, 400);
    await refused('GET', '/api/payments/ton/invoices?status=<script>', undefined, h.waiter, 400);
    await refused('GET', '/api/payments/ton/unconfirmed', undefined, guest.token, 401);
    await refused('GET', '/api/payments/ton/transfers/unmatched', undefined, h.waiter, 403);
    expect(snapshot()).toBe(before);
  });
});
