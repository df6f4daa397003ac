/**
 * The bill in staff words: tax lines ("incl. VAT 7 %"), payment methods, a payment in one line. Pure,
 * tested beside it (bill-words.test.ts); money always through format.ts.
 */
import { money, percentText } from '../format.ts';
import type { HubEvent } from '@onemoment/shared/client/realtime-feed';
import type { BillView, Payment, TaxLine } from '../types.ts';

export const METHOD_LABELS: Record<Payment['method'], string> = { cash: 'Cash', card: 'Card', ton: 'TON', room: 'Charged to room' };

export const BILL_STATUS_LABELS: Record<BillView['status'], string> = { open: 'Open', paid: 'Paid', written_off: 'Written off' };

/** "incl. VAT 7 %" when prices include it, "VAT 7 % added" when it comes on top. */
export function taxLineLabel(taxMode: BillView['taxMode'], line: Pick<TaxLine, 'rateBp'>): string {
  return taxMode === 'included' ? `incl. VAT ${percentText(line.rateBp)}` : `VAT ${percentText(line.rateBp)} added`;
}

/** "Discount 10 % · Birthday": the kind, and the reason staff gave. */
export function discountLabel(discount: BillView['discounts'][number]): string {
  const what = discount.kind === 'percent' && discount.rateBp !== null ? `Discount ${percentText(discount.rateBp)}` : 'Discount';
  return discount.reason ? `${what} · ${discount.reason}` : what;
}

/**
 * The details of a payment after its method and amount: tip, cash handed over and change, card digits.
 * "tip €1.00 · €20.00 handed over, €9.00 change" / "card ••1234, approval A1B2C3".
 */
export function paymentDetails(payment: Payment): string {
  const parts: string[] = [];
  if (payment.tipMinor > 0) parts.push(`tip ${money(payment.tipMinor, payment.currency)}`);
  if (payment.method === 'cash' && payment.changeMinor > 0 && payment.tenderedMinor !== null) {
    parts.push(`${money(payment.tenderedMinor, payment.currency)} handed over, ${money(payment.changeMinor, payment.currency)} change`);
  }
  if (payment.method === 'card') {
    if (payment.last4) parts.push(`••${payment.last4}`);
    if (payment.approvalCode) parts.push(`approval ${payment.approvalCode}`);
  }
  return parts.join(' · ');
}

/** The bill has something to pay for: lines on it, and the visit is not settled yet. */
export function canTakePayment(bill: Pick<BillView, 'status' | 'dueMinor'>): boolean {
  return bill.status === 'open' && bill.dueMinor > 0;
}

/** The split's parts a payment can be for: only while the split is current, and only parts with money due. */
export function payableParts(bill: Pick<BillView, 'split'>): NonNullable<BillView['split']>['parts'] {
  if (!bill.split || !bill.split.current) return [];
  return bill.split.parts.filter((part) => part.dueMinor > 0);
}

/** What is due for one part of the split, or for the whole bill. */
export function dueFor(bill: Pick<BillView, 'split' | 'dueMinor'>, partId: string | null): number {
  if (partId === null) return bill.dueMinor;
  return bill.split?.parts.find((part) => part.id === partId)?.dueMinor ?? 0;
}

/** "€5.75 is still due at Table 2." for the close dialog. */
export function stillDueSentence(bill: Pick<BillView, 'dueMinor' | 'currency' | 'tableName'>): string {
  return `${money(bill.dueMinor, bill.currency)} is still due at ${bill.tableName}.`;
}

/** The visit whose bill an event may change (its orders, payments, discounts, TON invoices, eSIMs); null for others. */
export function billVisitOf(event: HubEvent): string | null {
  switch (event.type) {
    case 'bill.changed':
    case 'payment.recorded':
    case 'bill.settled':
    case 'ton.invoice_updated':
    case 'order.placed':
    case 'order.updated':
    case 'esim.sale_changed': // a sale adds its line, a cancel takes it off
      return event.payload.visitId;
    case 'visit.closed':
      return event.payload.id;
    default:
      return null;
  }
}
