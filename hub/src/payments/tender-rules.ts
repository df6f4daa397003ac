// Applying one payment to what is still due. A payment puts `amountMinor` toward the bill and may
// carry a tip on top; it never pays more than is due unless the extra is called a tip, so a slip of
// the finger cannot leave the venue owing a guest money. Room charges (hotel) and TON come later
// as more tender kinds beside these.
import { sumMinor } from '@onemoment/shared/money';
import { assertMinor, minorUnits, PaymentRefusal, type MoneyWords } from './payment-errors.ts';

export interface CashTender {
  method: 'cash';
  /** Put toward the bill. */
  amountMinor: number;
  tipMinor?: number;
  /** What the guest handed over; by default exactly amount + tip (no change). */
  tenderedMinor?: number;
}

/** Paid on an external terminal: the hub records it, it does not charge the card. */
export interface CardTender {
  method: 'card';
  amountMinor: number;
  tipMinor?: number;
  last4?: string;
  approvalCode?: string;
}

export type Tender = CashTender | CardTender;

export interface AppliedPayment {
  method: Tender['method'];
  amountMinor: number;
  tipMinor: number;
  /** Cash handed back; 0 for a card. */
  changeMinor: number;
  dueBeforeMinor: number;
  dueAfterMinor: number;
  last4: string | null;
  approvalCode: string | null;
}

const LAST4 = /^[0-9]{4}$/;
/** Terminals print 6 letters or digits, some a few more; anything else is a slip. */
const APPROVAL_CODE = /^[A-Za-z0-9]{1,12}$/;

export function applyPayment(dueMinor: number, tender: Tender, money: MoneyWords = minorUnits): AppliedPayment {
  assertMinor(dueMinor, 'What is due', 'bad_payment');
  assertMinor(tender.amountMinor, 'The amount paid', 'bad_payment', { positive: true });
  const tipMinor = tender.tipMinor ?? 0;
  assertMinor(tipMinor, 'A tip', 'bad_payment');
  if (dueMinor === 0) throw new PaymentRefusal('already_paid', 'This bill is already paid in full: nothing is due.', { dueMinor });
  if (tender.amountMinor > dueMinor) {
    const overMinor = tender.amountMinor - dueMinor;
    throw new PaymentRefusal(
      'more_than_due',
      `Only ${money(dueMinor)} is due, ${money(overMinor)} less than this payment: pay ${money(dueMinor)}, and give the rest as a tip if it is one.`,
      { dueMinor, amountMinor: tender.amountMinor, overMinor },
    );
  }
  const base = { amountMinor: tender.amountMinor, tipMinor, dueBeforeMinor: dueMinor, dueAfterMinor: dueMinor - tender.amountMinor };
  if (tender.method === 'cash') return { method: 'cash', ...base, changeMinor: cashChange(tender, tipMinor, money), last4: null, approvalCode: null };
  if (tender.method === 'card') return { method: 'card', ...base, changeMinor: 0, ...cardDetails(tender) };
  throw new PaymentRefusal('bad_payment', 'A payment is made in cash or by card.');
}

function cashChange(tender: CashTender, tipMinor: number, money: MoneyWords): number {
  const owed = tender.amountMinor + tipMinor;
  const tendered = tender.tenderedMinor ?? owed;
  assertMinor(tendered, 'The cash handed over', 'bad_payment');
  if (tendered < owed) {
    throw new PaymentRefusal('not_enough_tendered', `${money(tendered)} was handed over for a payment of ${money(owed)}: ${money(owed - tendered)} more is needed.`, {
      tenderedMinor: tendered,
      owedMinor: owed,
    });
  }
  return tendered - owed;
}

function cardDetails(tender: CardTender): { last4: string | null; approvalCode: string | null } {
  if (tender.last4 !== undefined && !LAST4.test(tender.last4)) {
    throw new PaymentRefusal('bad_payment', 'The last digits of a card are exactly 4 digits, as printed on the terminal slip.');
  }
  if (tender.approvalCode !== undefined && !APPROVAL_CODE.test(tender.approvalCode)) {
    throw new PaymentRefusal('bad_payment', 'An approval code is 1 to 12 letters or digits, as printed on the terminal slip.');
  }
  return { last4: tender.last4 ?? null, approvalCode: tender.approvalCode ?? null };
}

/** What the payments so far leave: paid, still due (never below zero), and what is owed back. */
export interface Settlement {
  paidMinor: number;
  dueMinor: number;
  /** Paid beyond the total: only when the bill shrank after a payment (an item voided). */
  owedBackMinor: number;
}

/** Tips are on top of the bill, so only each payment's amount counts toward its total. */
export function settle(totalMinor: number, payments: readonly { amountMinor: number }[]): Settlement {
  assertMinor(totalMinor, 'The bill total', 'bad_payment');
  for (const payment of payments) assertMinor(payment.amountMinor, 'A payment', 'bad_payment');
  const paidMinor = sumMinor(payments.map((payment) => payment.amountMinor));
  return { paidMinor, dueMinor: Math.max(0, totalMinor - paidMinor), owedBackMinor: Math.max(0, paidMinor - totalMinor) };
}

export function dueAfter(totalMinor: number, payments: readonly { amountMinor: number }[]): number {
  return settle(totalMinor, payments).dueMinor;
}
