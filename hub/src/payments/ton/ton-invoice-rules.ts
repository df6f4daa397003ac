// What a TON invoice's state is, as pure rules over its amounts and the verification's last poll.
import type { TonInvoiceState } from '@onemoment/shared/schemas/payments';

/**
 * An invoice stays awaiting this long past its expiry, and expires only once a poll that started
 * after that has reached the TON API: a transfer sent in the invoice's last minute, or while the hub
 * was offline, is found before the invoice is re-quoted at another rate.
 */
export const EXPIRY_GRACE_MS = 60_000;

/** What the money received says, for any invoice that is not expired or cancelled. */
export function statusForAmounts(nanotons: bigint, received: bigint): 'awaiting' | 'underpaid' | 'paid' | 'overpaid' {
  if (received <= 0n) return 'awaiting';
  if (received < nanotons) return 'underpaid';
  return received === nanotons ? 'paid' : 'overpaid';
}

/** Waiting for money: these keep the verification polling. */
export function isOpen(status: TonInvoiceState): boolean {
  return status === 'awaiting' || status === 'underpaid';
}

/** What is still to send: the rest of an underpaid invoice, the whole of an awaiting one, else 0. */
export function remainingNanotons(nanotons: bigint, received: bigint): bigint {
  return received >= nanotons ? 0n : nanotons - received;
}

export interface PollState {
  /** When the last poll that reached the TON API started (ISO), or null before the first. */
  lastPollAt: string | null;
  /** The last poll's failure in plain words, or null when it succeeded. */
  lastPollError: string | null;
}

/**
 * An awaiting invoice with nothing received has expired once a poll that started at least the grace
 * past its expiry reached the API: only then is it known that nothing came in time.
 */
export function hasExpired(
  invoice: { status: TonInvoiceState; receivedNanotons: bigint; expiresAt: string },
  lastPollAt: string | null,
  graceMs = EXPIRY_GRACE_MS,
): boolean {
  if (invoice.status === 'expired') return true;
  if (invoice.status !== 'awaiting' || invoice.receivedNanotons > 0n || lastPollAt === null) return false;
  return Date.parse(lastPollAt) >= Date.parse(invoice.expiresAt) + graceMs;
}

/**
 * Whether what the guest sees was checked with the TON API: false while the last poll failed, or when
 * none has succeeded since the invoice was made (the guest then reads "confirmed when the venue is
 * back online"). Money that arrived was seen online, so a paid invoice is always verified.
 */
export function isVerifiedOnline(invoice: { status: TonInvoiceState; createdAt: string }, poll: PollState): boolean {
  if (invoice.status === 'paid' || invoice.status === 'overpaid') return true;
  if (poll.lastPollError !== null || poll.lastPollAt === null) return false;
  return Date.parse(poll.lastPollAt) >= Date.parse(invoice.createdAt);
}

/**
 * The ton:// link wallets open (and the QR code holds): `ton://transfer/<address>?amount=<nanotons>&text=<comment>`.
 * The address is URL-safe base64 already; the comment is percent-encoded (a space as %20, never +).
 */
export function tonTransferLink(addressFriendly: string, nanotons: bigint, comment: string): string {
  if (!/^[A-Za-z0-9_-]{48}$/.test(addressFriendly)) throw new RangeError('a ton:// link needs the 48-character URL-safe address');
  if (nanotons < 0n) throw new RangeError('a ton:// link cannot ask for a negative amount');
  return `ton://transfer/${addressFriendly}?amount=${nanotons.toString()}&text=${encodeURIComponent(comment)}`;
}
