import { describe, expect, it } from 'vitest';
import { checkPayment, newDraft } from '../bill/payment-draft.ts';
import { checkoutStep, folioGroups, folioPaymentBody } from './folio-words.ts';
import { folio } from './test-data.ts';

const charge = (kind: 'night' | 'room_service' | 'bar' | 'extra', amountMinor: number, id: string) => ({
  id,
  kind,
  description: kind,
  amountMinor,
  taxRateBp: 0,
  night: null,
  createdAt: '2026-12-07T10:00:00.000Z',
});

describe('the folio at checkout', () => {
  it('groups the charges by kind, nights first', () => {
    const groups = folioGroups(folio({ charges: [charge('bar', 1200, 'c1'), charge('night', 9000, 'n1'), charge('night', 9000, 'n2'), charge('bar', 800, 'c2'), charge('extra', 500, 'e1')] }));
    expect(groups).toEqual([
      { kind: 'night', label: '2 nights', count: 2, amountMinor: 18000 },
      { kind: 'bar', label: 'Bar (2)', count: 2, amountMinor: 2000 },
      { kind: 'extra', label: 'Extras', count: 1, amountMinor: 500 },
    ]);
  });

  it('asks for payment while money is due, and checks out at once when nothing is', () => {
    expect(checkoutStep(folio({ dueMinor: 1 }))).toBe('pay');
    expect(checkoutStep(folio({ dueMinor: 0 }))).toBe('check_out');
  });

  it('turns the Take payment form into a folio payment: cash with what was handed over, card with its slip', () => {
    const cash = checkPayment({ ...newDraft(4250, 'EUR', null), tenderedText: '50' }, 4250, 'EUR');
    if (!cash.ok) throw new Error(cash.problem);
    expect(folioPaymentBody('id-1', cash)).toEqual({ id: 'id-1', method: 'cash', amountMinor: 4250, tenderedMinor: 5000 });
    expect(cash.changeMinor).toBe(750);

    const card = checkPayment({ ...newDraft(4250, 'EUR', null, 'card'), last4: '4242', approvalCode: 'ab12' }, 4250, 'EUR');
    if (!card.ok) throw new Error(card.problem);
    expect(folioPaymentBody('id-2', card)).toEqual({ id: 'id-2', method: 'card', amountMinor: 4250, last4: '4242', approvalCode: 'AB12' });

    const exact = checkPayment(newDraft(4250, 'EUR', null), 4250, 'EUR');
    if (!exact.ok) throw new Error(exact.problem);
    expect(folioPaymentBody('id-3', exact)).toEqual({ id: 'id-3', method: 'cash', amountMinor: 4250 });
  });
});
