/**
 * The Take payment form as plain data: what a person typed, checked before it is sent (so the hub's
 * refusals are rare), the change to hand back, and notes to offer for cash. Pure, tested beside it.
 */
import type { PaymentBody } from '@onemoment/shared/schemas/payments';
import { minorDigits } from '@onemoment/shared/money';
import { money, parseMajor, toMajorText } from '../format.ts';

export type PayMethod = 'cash' | 'card';

export interface PaymentDraft {
  method: PayMethod;
  /** Toward the bill, in major units as typed ("5.75"). */
  amountText: string;
  /** On top of the bill; empty is no tip. */
  tipText: string;
  /** Cash handed over; empty is "exactly what is owed" (no change). */
  tenderedText: string;
  last4: string;
  approvalCode: string;
  /** A part of the split, or null for the whole bill. */
  partId: string | null;
}

export type CheckedPayment =
  | { ok: true; body: Omit<PaymentBody, 'id'>; owedMinor: number; changeMinor: number }
  | { ok: false; problem: string; field: 'amount' | 'tip' | 'tendered' | 'last4' | 'approvalCode' };

export function newDraft(dueMinor: number, currency: string, partId: string | null, method: PayMethod = 'cash'): PaymentDraft {
  return { method, amountText: toMajorText(dueMinor, currency), tipText: '', tenderedText: '', last4: '', approvalCode: '', partId };
}

/** The request for a draft, or what is wrong with it in a sentence for the person at the table. */
export function checkPayment(draft: PaymentDraft, dueMinor: number, currency: string): CheckedPayment {
  const amountMinor = parseMajor(draft.amountText, currency);
  if (amountMinor === null || amountMinor === 0) return { ok: false, field: 'amount', problem: 'Type the amount paid toward the bill, like 12.50.' };
  if (amountMinor > dueMinor) {
    return { ok: false, field: 'amount', problem: `Only ${money(dueMinor, currency)} is due. Put anything more in the tip.` };
  }
  const tipMinor = draft.tipText.trim() === '' ? 0 : parseMajor(draft.tipText, currency);
  if (tipMinor === null) return { ok: false, field: 'tip', problem: 'The tip is an amount like 2.00, or empty for none.' };
  const owedMinor = amountMinor + tipMinor;
  const body: Omit<PaymentBody, 'id'> = { method: draft.method, amountMinor };
  if (tipMinor > 0) body.tipMinor = tipMinor;
  if (draft.partId !== null) body.partId = draft.partId;

  if (draft.method === 'cash') {
    if (draft.tenderedText.trim() === '') return { ok: true, body, owedMinor, changeMinor: 0 };
    const tenderedMinor = parseMajor(draft.tenderedText, currency);
    if (tenderedMinor === null) return { ok: false, field: 'tendered', problem: 'Type the cash handed over, like 20.00.' };
    if (tenderedMinor < owedMinor) {
      return { ok: false, field: 'tendered', problem: `${money(tenderedMinor, currency)} is ${money(owedMinor - tenderedMinor, currency)} short of ${money(owedMinor, currency)}.` };
    }
    return { ok: true, body: { ...body, tenderedMinor }, owedMinor, changeMinor: tenderedMinor - owedMinor };
  }

  const last4 = draft.last4.trim();
  if (last4 !== '' && !/^[0-9]{4}$/.test(last4)) return { ok: false, field: 'last4', problem: 'The last digits of the card are exactly 4 digits, or leave them empty.' };
  const approvalCode = draft.approvalCode.trim();
  if (approvalCode !== '' && !/^[A-Za-z0-9]{1,12}$/.test(approvalCode)) {
    return { ok: false, field: 'approvalCode', problem: 'The approval code is up to 12 letters or digits from the slip, or leave it empty.' };
  }
  return { ok: true, body: { ...body, ...(last4 ? { last4 } : {}), ...(approvalCode ? { approvalCode: approvalCode.toUpperCase() } : {}) }, owedMinor, changeMinor: 0 };
}

/**
 * Cash a guest is likely to hand over for `owedMinor`: the next round amounts and notes above it, at
 * most three ("€6.00, €10.00, €20.00" for €5.75).
 */
export function cashSuggestions(owedMinor: number, currency: string): number[] {
  if (owedMinor <= 0) return [];
  const unit = 10 ** minorDigits(currency);
  const steps = [1, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000].map((step) => step * unit);
  const found = new Set<number>();
  for (const step of steps) {
    const rounded = Math.ceil(owedMinor / step) * step;
    if (rounded > owedMinor) found.add(rounded);
  }
  return [...found].sort((a, b) => a - b).slice(0, 3);
}
