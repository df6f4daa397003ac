/**
 * TON in staff words: nanotons (10^-9 TON, decimal strings, as they pass 2^53) shown as TON, and the
 * rate a manager types as "1 TON = €5.20" turned into nanotons per minor unit and back. Pure, tested
 * beside it (ton-words.test.ts).
 */
import { money, parseMajor, toMajorText } from '../format.ts';
import type { TonInvoice } from '../types.ts';

const NANO = 1_000_000_000n;

/** "3.365384616 TON": exact (a guest typing it by hand must send exactly this), without trailing zeros. */
export function tonText(nanotons: string | number | bigint): string {
  const value = BigInt(nanotons);
  const whole = value / NANO;
  const fraction = (value % NANO).toString().padStart(9, '0').replace(/0+$/, '');
  return `${whole.toString()}${fraction ? `.${fraction}` : ''} TON`;
}

/** round(a / b) for whole numbers, halves up. */
function divideRounded(a: bigint, b: bigint): bigint {
  return (2n * a + b) / (2n * b);
}

/**
 * The hub's rate from the price of one TON a manager typed in the venue currency: "5.20" EUR is 520
 * cents a TON, so 1e9 / 520 = 1 923 077 nanotons a cent (rounded). Null when it is not a price.
 */
export function nanotonsPerMinorFromPrice(priceText: string, currency: string): number | null {
  const minorPerTon = parseMajor(priceText, currency);
  if (minorPerTon === null || minorPerTon === 0) return null;
  const rate = divideRounded(NANO, BigInt(minorPerTon));
  return rate > 0n ? Number(rate) : null;
}

/** The price of one TON in minor units of the venue currency, from the hub's rate. */
export function minorPerTon(nanotonsPerMinor: string | number): number {
  const rate = BigInt(nanotonsPerMinor);
  return rate > 0n ? Number(divideRounded(NANO, rate)) : 0;
}

/** "1 TON = €5.20" */
export function rateText(nanotonsPerMinor: string | number, currency: string): string {
  return `1 TON = ${money(minorPerTon(nanotonsPerMinor), currency)}`;
}

/** The rate as the price field shows it for editing: "5.20". */
export function priceText(nanotonsPerMinor: string | number, currency: string): string {
  return toMajorText(minorPerTon(nanotonsPerMinor), currency);
}

export const TON_STATUS_LABELS: Record<TonInvoice['status'], string> = {
  awaiting: 'Waiting for the transfer',
  paid: 'Paid',
  underpaid: 'Part paid',
  overpaid: 'Paid more than asked',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

/** One sentence on where an invoice stands, for the person showing the QR to the guest. */
export function invoiceSentence(invoice: Pick<TonInvoice, 'status' | 'remainingNanotons' | 'verifiedOnline'>): string {
  switch (invoice.status) {
    case 'awaiting':
      return invoice.verifiedOnline
        ? 'Waiting for the transfer. This updates by itself when it arrives.'
        : 'The hub cannot reach the TON network right now: the payment is confirmed once the venue is back online.';
    case 'underpaid':
      return `Part of it arrived: ${tonText(invoice.remainingNanotons)} still to send.`;
    case 'paid':
      return 'Paid. It is on the bill.';
    case 'overpaid':
      return 'Paid, and more than asked: a manager decides whether the extra is a tip or owed back.';
    case 'expired':
      return 'This invoice expired: make a new one (a late transfer with its comment still counts).';
    case 'cancelled':
      return 'This invoice was cancelled.';
  }
}
