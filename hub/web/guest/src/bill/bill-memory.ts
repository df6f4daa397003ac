/**
 * What the phone keeps of the bill, one entry per table (a new visit at the table replaces it, so
 * nothing piles up): the last bill read with its time (shown offline, read-only, and as the receipt
 * after the visit closed), the part of a split this guest said is theirs, and the TON invoice being
 * paid (money may be on its way when the page reloads: the guest must find it again).
 */
import type { BillView, TonInvoice } from '@onemoment/shared/schemas/payments';
import { readJson, writeJson } from '../../../common/storage.ts';

export interface KeptBill {
  bill: BillView;
  /** When the hub answered it (ISO). */
  at: string;
}

const billKey = (tableCode: string) => `om.guest.bill.${tableCode}`;
const partKey = (tableCode: string) => `om.guest.bill-part.${tableCode}`;
const invoiceKey = (tableCode: string) => `om.guest.ton.${tableCode}`;

export function keepBill(tableCode: string, bill: BillView, at: string): void {
  writeJson(billKey(tableCode), { bill, at } satisfies KeptBill);
}

/** The last bill read for this visit; null when none was, or it was another visit's. */
export function keptBill(tableCode: string, visitId: string): KeptBill | null {
  const kept = readJson<KeptBill>(billKey(tableCode));
  return kept?.bill?.visitId === visitId && typeof kept.at === 'string' ? kept : null;
}

/** The part of this split the guest took as theirs (parts are per split: a new split asks again). */
export function chosenPart(tableCode: string, splitId: string): string | null {
  const kept = readJson<{ splitId: string; partId: string }>(partKey(tableCode));
  return kept?.splitId === splitId ? kept.partId : null;
}

export function choosePart(tableCode: string, splitId: string, partId: string | null): void {
  writeJson(partKey(tableCode), partId === null ? null : { splitId, partId });
}

export function keptInvoice(tableCode: string, visitId: string): TonInvoice | null {
  const kept = readJson<TonInvoice>(invoiceKey(tableCode));
  return kept?.visitId === visitId && typeof kept.id === 'string' ? kept : null;
}

export function keepInvoice(tableCode: string, invoice: TonInvoice | null): void {
  writeJson(invoiceKey(tableCode), invoice);
}
