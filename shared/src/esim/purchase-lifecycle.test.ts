import { describe, expect, it } from 'vitest';
import {
  buyerNotice,
  checkPurchaseTransition,
  FINAL_PURCHASE_STATUSES,
  formatWait,
  PURCHASE_STATUSES,
  PURCHASE_TRANSITIONS,
  purchaseActionsFor,
} from './purchase-lifecycle.ts';

const MINUTE = 60_000;

describe('purchase lifecycle', () => {
  it('walks a sale from awaiting payment to delivered, moved by the hub itself', () => {
    expect(checkPurchaseTransition('awaiting_payment', 'pay', 'system')).toMatchObject({ ok: true, transition: { to: 'paid' } });
    expect(checkPurchaseTransition('paid', 'deliver', 'system')).toMatchObject({ ok: true, transition: { to: 'delivered' } });
  });

  it('queues an order only from payment or a person, never from a delivered or final sale', () => {
    // Each way into "paid" queues the one order job again; none starts from a sale that has its eSIM.
    const intoPaid = PURCHASE_TRANSITIONS.filter((t) => t.to === 'paid').map((t) => [t.action, t.from]);
    expect(intoPaid).toEqual([
      ['pay', ['awaiting_payment']],
      ['retry', ['needs_person']],
      ['swap', ['needs_person']],
    ]);
    expect(checkPurchaseTransition('delivered', 'retry', 'manager')).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('lets the buyer or staff cancel a sale before it is paid, and nobody after', () => {
    expect(checkPurchaseTransition('awaiting_payment', 'cancel', 'guest')).toMatchObject({ ok: true, transition: { to: 'cancelled' } });
    expect(checkPurchaseTransition('awaiting_payment', 'cancel', 'waiter')).toMatchObject({ ok: true });
    expect(checkPurchaseTransition('awaiting_payment', 'cancel', 'kitchen')).toMatchObject({ ok: false, code: 'forbidden' });
    for (const status of PURCHASE_STATUSES.filter((s) => s !== 'awaiting_payment')) {
      expect(checkPurchaseTransition(status, 'cancel', 'manager')).toMatchObject({ ok: false, code: 'invalid_transition' });
    }
  });

  it('keeps guests and staff from moving what only the hub moves', () => {
    expect(checkPurchaseTransition('awaiting_payment', 'pay', 'guest')).toEqual({
      ok: false,
      code: 'forbidden',
      message: 'Only the hub itself may mark an eSIM purchase paid and being ordered from awaiting payment.',
    });
    expect(checkPurchaseTransition('paid', 'deliver', 'manager')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('lets the desk retry, swap or refund a sale waiting for a person, with a reason where money or packages change', () => {
    expect(purchaseActionsFor('needs_person', 'front_desk')).toEqual(['retry', 'swap', 'refund']);
    expect(purchaseActionsFor('needs_person', 'waiter')).toEqual([]);
    expect(checkPurchaseTransition('needs_person', 'refund', 'front_desk')).toEqual({
      ok: false,
      code: 'reason_required',
      message: 'Say why this eSIM purchase is refunded; the reason is kept with the sale.',
    });
    expect(checkPurchaseTransition('needs_person', 'refund', 'front_desk', '   ')).toMatchObject({ ok: false, code: 'reason_required' });
    expect(checkPurchaseTransition('needs_person', 'refund', 'front_desk', 'package withdrawn')).toMatchObject({ ok: true, transition: { to: 'refunded' } });
    expect(checkPurchaseTransition('needs_person', 'retry', 'manager')).toMatchObject({ ok: true, transition: { to: 'paid' } });
  });

  it('leaves refunding a delivered eSIM to a manager', () => {
    expect(purchaseActionsFor('delivered', 'front_desk')).toEqual([]);
    expect(checkPurchaseTransition('delivered', 'refund', 'front_desk', 'would not install')).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('manager') });
    expect(checkPurchaseTransition('delivered', 'refund', 'manager', 'would not install')).toMatchObject({ ok: true });
  });

  it('refuses moves the table does not have, saying the state', () => {
    expect(checkPurchaseTransition('awaiting_payment', 'refund', 'manager', 'x')).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: 'This eSIM purchase is awaiting payment, so it cannot be refunded.',
    });
    expect(checkPurchaseTransition('delivered', 'escalate', 'system', 'x')).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('ends in states nothing leaves, and every state is reachable', () => {
    for (const status of FINAL_PURCHASE_STATUSES) expect(PURCHASE_TRANSITIONS.some((t) => t.from.includes(status))).toBe(false);
    const reached = new Set<string>(['awaiting_payment', ...PURCHASE_TRANSITIONS.map((t) => t.to)]);
    expect([...PURCHASE_STATUSES].filter((s) => !reached.has(s))).toEqual([]);
  });
});

describe('what the buyer is told', () => {
  const paidAt = Date.UTC(2026, 11, 7, 10, 0);

  it('says the eSIM is on its way with the wait so far', () => {
    expect(buyerNotice('paid', paidAt, paidAt + 7 * MINUTE + 59_000)).toEqual({
      key: 'esim.on_its_way',
      title: 'Your eSIM is on its way',
      body: 'It arrives here as soon as the provider answers; keep this page open or come back to it. You have waited 7 minutes.',
      waitedMs: 7 * MINUTE + 59_000,
    });
    expect(buyerNotice('paid', paidAt, paidAt + 30_000).body).toContain('You have waited less than a minute.');
  });

  it('tells a buyer whose sale waits for a person what will happen, keeping the wait', () => {
    const notice = buyerNotice('needs_person', paidAt, paidAt + 65 * MINUTE);
    expect(notice).toMatchObject({ key: 'esim.delayed', waitedMs: 65 * MINUTE });
    expect(notice.body).toContain('refund you. You have waited 1 hour 5 minutes.');
  });

  it('shows no wait before payment, after delivery or after a refund, nor a negative one when clocks disagree', () => {
    expect(buyerNotice('awaiting_payment', null, paidAt)).toMatchObject({ key: 'esim.awaiting_payment', waitedMs: null });
    expect(buyerNotice('delivered', paidAt, paidAt + MINUTE)).toMatchObject({ key: 'esim.ready', waitedMs: null });
    expect(buyerNotice('refunded', paidAt, paidAt + MINUTE)).toMatchObject({ key: 'esim.refunded', waitedMs: null });
    expect(buyerNotice('paid', paidAt, paidAt - 5 * MINUTE)).toMatchObject({ waitedMs: 0, body: expect.stringContaining('less than a minute') });
  });

  it('writes waits in whole units', () => {
    expect(formatWait(0)).toBe('less than a minute');
    expect(formatWait(MINUTE)).toBe('1 minute');
    expect(formatWait(60 * MINUTE)).toBe('1 hour');
    expect(formatWait(121 * MINUTE)).toBe('2 hours 1 minute');
    expect(formatWait(1440 * MINUTE + 59 * MINUTE)).toBe('1 day');
    expect(formatWait(3 * 1440 * MINUTE + 120 * MINUTE)).toBe('3 days 2 hours');
  });
});
