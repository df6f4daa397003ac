import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandTx } from '../src/db/command-runner.ts';
import type { OutboxJob, SendContext } from '../src/outbox/vendor-adapter.ts';
import type { TonOutbox, TonPollPayload } from '../src/payments/ton/ton-adapter.ts';
import { TonPayments } from '../src/payments/ton/ton-payments.ts';
import type { TonPollResult } from '../src/payments/ton/ton-verification.ts';
import { startTestHub, type TestHub } from './harness.ts';
import { startFakeTonApi, testWallet, type FakeTonApi } from './support/fake-ton-api.ts';

/** An outbox double that keeps what was enqueued, deduplicated by key as the real one does. */
class RecordingOutbox implements TonOutbox {
  readonly jobs = new Map<string, { id: string; payload: TonPollPayload; notBefore?: Date; budgetKey?: string }>();
  enqueue(tx: CommandTx, job: Parameters<TonOutbox['enqueue']>[1]) {
    const existing = this.jobs.get(job.idempotencyKey);
    if (existing) return { id: existing.id, created: false };
    const id = newId();
    this.jobs.set(job.idempotencyKey, { id, payload: job.payload as TonPollPayload, notBefore: job.notBefore, budgetKey: job.budgetKey });
    tx.onRollback(() => this.jobs.delete(job.idempotencyKey));
    return { id, created: true };
  }
  keys(): string[] {
    return [...this.jobs.keys()];
  }
}

/**
 * The TON adapter on its own: send() against the fake API, record() in a command, as the outbox calls
 * them; the outbox itself is a double that only keeps the jobs asked for.
 */
describe('the TON outbox adapter, called directly', () => {
  let t: TestHub;
  let api: FakeTonApi;
  let ton: TonPayments;
  const outbox = new RecordingOutbox();
  const wallet = testWallet('adapter venue');
  let requests = 0;
  const context: SendContext = {
    signal: new AbortController().signal,
    async takeRequest() {
      requests++;
    },
  };
  const job = (key: string): OutboxJob<TonPollPayload> => ({
    id: outbox.jobs.get(key)?.id ?? newId(),
    vendor: 'ton',
    kind: 'poll',
    budgetKey: '',
    idempotencyKey: key,
    payload: outbox.jobs.get(key)?.payload ?? { reason: 'invoice' },
    attempts: 1,
    outcomeUnknown: false,
    createdAt: new Date().toISOString(),
  });
  const record = (key: string, result: TonPollResult) => t.hub.context.commands.run((tx) => ton.adapter.record(tx, job(key), result));
  const sql = () => t.hub.context.store.sqlite;

  async function visitWithBill(table: string) {
    const token = await t.guestToken(table);
    expect((await t.request('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId: 'lemonade', quantity: 2 }] }, token)).status).toBe(201);
    return (await t.request('GET', '/api/guest/bill', undefined, token)).body as { visitId: string; dueMinor: number };
  }

  beforeAll(async () => {
    api = await startFakeTonApi();
    t = await startTestHub({ env: { TON_API_URL: api.baseUrl } });
    ton = new TonPayments(t.hub.context, t.hub.modules.payments!.bills, outbox, { pollIntervalMs: 3000 });
    await ton.saveSettings({ address: wallet.bounceable, rate: { nanotonsPerMinor: 1000 } });
  });
  afterAll(async () => {
    await t.close();
    await api.close();
  });

  it('asks for one poll however many invoices are made while it waits, and the next one only once it is recorded', async () => {
    const first = await visitWithBill('table-1');
    const second = await visitWithBill('table-2');
    const a = await ton.createInvoice(first.visitId, { id: newId(), amountMinor: 900 }, 'guest');
    const b = await ton.createInvoice(second.visitId, { id: newId(), amountMinor: 900 }, 'staff');
    expect(outbox.keys()).toHaveLength(1);
    const [key] = outbox.keys();
    expect(outbox.jobs.get(key!)).toMatchObject({ payload: { reason: 'invoice' }, budgetKey: '' });

    api.transfer({ to: wallet.raw, nanotons: a.invoice.nanotons, comment: a.invoice.comment });
    const before = requests;
    const result = await ton.adapter.send(job(key!), context);
    expect(requests - before).toBe(1);
    expect(result).toMatchObject({ kind: 'read', addressRaw: wallet.raw });
    // JSON-safe, as the outbox stores it.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);

    await record(key!, result);
    expect(sql().prepare('SELECT status FROM ton_invoices WHERE id = ?').pluck().get(a.invoice.id)).toBe('paid');
    expect(sql().prepare('SELECT status FROM ton_invoices WHERE id = ?').pluck().get(b.invoice.id)).toBe('awaiting');
    // The follow-up: a new key, a few seconds later, because b is still open.
    expect(outbox.keys()).toHaveLength(2);
    const next = outbox.jobs.get(outbox.keys()[1]!)!;
    expect(next.payload.reason).toBe('follow_up');
    expect(next.notBefore!.getTime() - Date.now()).toBeGreaterThan(1000);

    // The outbox records a kept answer again after a failed record: nothing counts twice.
    await record(key!, result);
    expect(sql().prepare("SELECT COUNT(*) FROM payments WHERE ton_invoice_id = ?").pluck().get(a.invoice.id)).toBe(1);
    expect(sql().prepare('SELECT received_nanotons FROM ton_invoices WHERE id = ?').pluck().get(a.invoice.id)).toBe(a.invoice.nanotons);
    expect(outbox.keys()).toHaveLength(2);
  });

  it('makes no request when nothing is open, and asks for no more polls', async () => {
    const key = outbox.keys().at(-1)!;
    await t.hub.context.commands.run(() => sql().prepare("UPDATE ton_invoices SET status = 'cancelled' WHERE status IN ('awaiting', 'underpaid')").run());
    const before = requests;
    const result = await ton.adapter.send(job(key), context);
    expect(result.kind).toBe('skipped');
    expect(requests).toBe(before);
    await record(key, result);
    expect(outbox.keys().at(-1)).toBe(key);
  });

  it('records a failed poll for the guests, and a new invoice after an abandoned poll asks for a fresh one', async () => {
    const visit = await visitWithBill('table-3');
    await ton.createInvoice(visit.visitId, { id: newId(), amountMinor: 100 }, 'guest');
    const key = outbox.keys().at(-1)!;
    api.failNext({ status: 401 });
    await expect(ton.adapter.send(job(key), context)).rejects.toMatchObject({ kind: 'permanent' });
    expect(ton.settings().lastPollError).toMatch(/TON_API_KEY/);
    await t.hub.context.commands.run((tx) => ton.adapter.abandoned(tx, job(key), 'The TON API refused the API key'));
    const other = await visitWithBill('table-4');
    await ton.createInvoice(other.visitId, { id: newId(), amountMinor: 100 }, 'guest');
    expect(outbox.keys().at(-1)).not.toBe(key);
    expect(ton.adapter.describe(job(outbox.keys().at(-1)!))).toBe('Check TON payments for 2 open invoices (a new invoice)');
  });

  it("reads a raw wallet on toncenter's network, and refuses a wallet of the other one", async () => {
    const onTestnet = (apiUrl: string) =>
      new TonPayments({ ...t.hub.context, config: { ...t.hub.context.config, ton: { ...t.hub.context.config.ton, apiUrl } } }, t.hub.modules.payments!.bills, outbox);
    const testnet = onTestnet('https://testnet.toncenter.com/api/v2');
    await expect(testnet.saveSettings({ address: wallet.bounceable, rate: { nanotonsPerMinor: 1000 } })).rejects.toMatchObject({
      statusCode: 400,
      code: 'ton_network_mismatch',
      message: expect.stringMatching(/mainnet wallet, but the hub checks payments on testnet/),
    });
    expect(await testnet.saveSettings({ address: wallet.raw, rate: { nanotonsPerMinor: 1000 } })).toMatchObject({ network: 'testnet' });
    const mainnet = onTestnet('https://toncenter.com/api/v2');
    await expect(mainnet.saveSettings({ address: testWallet('adapter venue', { testnet: true }).bounceable, rate: { nanotonsPerMinor: 1000 } })).rejects.toMatchObject({
      code: 'ton_network_mismatch',
    });
    expect(await mainnet.saveSettings({ address: wallet.raw, rate: { nanotonsPerMinor: 1000 } })).toMatchObject({ network: 'mainnet', addressFriendly: wallet.nonBounceable });
  });

  it('keeps recording the poll when a bill refuses a paid invoice: the others are paid, the refusal is logged', async () => {
    const bills = t.hub.modules.payments!.bills;
    const refusing = await visitWithBill('table-5');
    const fine = await visitWithBill('table-6');
    const picky = new TonPayments(
      t.hub.context,
      {
        dueOf: (visitId, partId) => bills.dueOf(visitId, partId),
        recordTonPayment: (tx, payment) => {
          if (payment.visitId === refusing.visitId) throw new Error('this bill is gone');
          bills.recordTonPayment(tx, payment);
        },
      },
      outbox,
    );
    const errors: unknown[] = [];
    const logError = t.hub.context.log.error.bind(t.hub.context.log);
    t.hub.context.log.error = ((...args: unknown[]) => errors.push(args)) as typeof t.hub.context.log.error;
    try {
      const made = [
        await picky.createInvoice(refusing.visitId, { id: newId(), amountMinor: refusing.dueMinor }, 'guest'),
        await picky.createInvoice(fine.visitId, { id: newId(), amountMinor: fine.dueMinor }, 'guest'),
      ];
      for (const { invoice } of made) api.transfer({ to: wallet.raw, nanotons: invoice.nanotons, comment: invoice.comment });
      const key = outbox.keys().at(-1)!;
      const result = await picky.adapter.send(job(key), context);
      await t.hub.context.commands.run((tx) => picky.adapter.record(tx, job(key), result));
      const rows = made.map(({ invoice }) => sql().prepare('SELECT status, paid_at AS paidAt FROM ton_invoices WHERE id = ?').get(invoice.id) as any);
      expect(rows[0]).toEqual({ status: 'paid', paidAt: null });
      expect(rows[1].status).toBe('paid');
      expect(rows[1].paidAt).not.toBeNull();
      expect(sql().prepare('SELECT COUNT(*) FROM payments WHERE ton_invoice_id = ?').pluck().get(made[0]!.invoice.id)).toBe(0);
      expect(sql().prepare('SELECT COUNT(*) FROM payments WHERE ton_invoice_id = ?').pluck().get(made[1]!.invoice.id)).toBe(1);
      expect(JSON.stringify(errors)).toContain(made[0]!.invoice.id);
    } finally {
      t.hub.context.log.error = logError;
    }
  });
});
