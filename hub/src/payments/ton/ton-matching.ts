// Matching one poll's transactions against the venue's invoices, as a pure function: which transfers
// are new, which reached the venue's wallet, which invoice each one names, and what each invoice
// received. The store then writes exactly this, in the poll's one transaction.
import { Address, Cell } from '@ton/core';
import { tryParseAddress } from './ton-address.ts';
import { readNanotons } from './ton-amounts.ts';
import { normalizeComment } from './ton-comment.ts';

/** A transaction of the venue's account as the TON API client reads it (its incoming message's part). */
export interface TonTransaction {
  /** The transaction's hash as the API gives it (base64): each one is counted once, ever. */
  hash: string;
  /** Logical time: a decimal string, strictly growing per account. */
  lt: string;
  /** Unix seconds. */
  utime: number;
  /** Who sent the incoming message; null for an external message (the wallet's own outgoing transfers). */
  source: string | null;
  destination: string | null;
  /** Nanotons the incoming message carried, as a decimal string ("0" when none). */
  nanotons: string;
  /** The text comment, decoded; null when there is none. */
  comment: string | null;
}

export interface IncomingTransfer {
  hash: string;
  lt: string;
  utime: number;
  source: string | null;
  nanotons: bigint;
  /** Normalized: one of ours in its canonical form, any other text trimmed. */
  comment: string | null;
  /** The invoice the comment names; null for an unknown comment (listed for a manager). */
  invoiceId: string | null;
}

export interface MatchInput {
  venue: Address;
  /** One poll's transactions, in any order; the same hash may come twice (a page boundary). */
  transactions: readonly TonTransaction[];
  /** Invoice ids by their (canonical) comment: every invoice a comment of this poll names. */
  invoicesByComment: ReadonlyMap<string, string>;
  /** Hashes already recorded by an earlier poll. */
  seenHashes: ReadonlySet<string>;
}

export interface MatchResult {
  /** New incoming transfers to the venue's wallet, each hash once, oldest first. */
  transfers: IncomingTransfer[];
  /** What each named invoice received in this poll, summed over its transfers. */
  receivedByInvoice: Map<string, bigint>;
}

export function matchTransactions(input: MatchInput): MatchResult {
  const { venue, invoicesByComment, seenHashes } = input;
  const destinationIsVenue = new Map<string, boolean>();
  const isVenue = (destination: string): boolean => {
    let known = destinationIsVenue.get(destination);
    if (known === undefined) {
      // Compared as parsed addresses: the API may write the venue's wallet in another form than ours.
      known = tryParseAddress(destination)?.equals(venue) ?? false;
      destinationIsVenue.set(destination, known);
    }
    return known;
  };
  const counted = new Set<string>();
  const transfers: IncomingTransfer[] = [];
  const receivedByInvoice = new Map<string, bigint>();
  for (const transaction of input.transactions) {
    if (seenHashes.has(transaction.hash) || counted.has(transaction.hash)) continue;
    if (transaction.source === null || transaction.destination === null || !isVenue(transaction.destination)) continue;
    const nanotons = readNanotons(transaction.nanotons);
    if (nanotons === null || nanotons === 0n) continue;
    counted.add(transaction.hash);
    const comment = normalizeComment(transaction.comment);
    const invoiceId = comment === null ? null : (invoicesByComment.get(comment) ?? null);
    transfers.push({ hash: transaction.hash, lt: transaction.lt, utime: transaction.utime, source: transaction.source, nanotons, comment, invoiceId });
    if (invoiceId !== null) receivedByInvoice.set(invoiceId, (receivedByInvoice.get(invoiceId) ?? 0n) + nanotons);
  }
  transfers.sort((a, b) => compareLt(a.lt, b.lt));
  return { transfers, receivedByInvoice };
}

/** Orders logical times (decimal strings of any length) without BigInt for the common case. */
export function compareLt(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The text comment of a toncenter v2 incoming message: `message` (toncenter's decoded text), else
 * `msg_data` of type msg.dataText (the text, base64), else a msg.dataRaw body (a base64 BOC) that
 * starts with the 32-bit zero op of a text comment. Null when there is no text.
 */
export function commentOfMessage(message: unknown): string | null {
  if (!isRecord(message)) return null;
  if (typeof message.message === 'string' && message.message.trim() !== '') return message.message;
  const data = message.msg_data;
  if (!isRecord(data)) return null;
  if (data['@type'] === 'msg.dataText' && typeof data.text === 'string') return textOrNull(Buffer.from(data.text, 'base64').toString('utf8'));
  if (data['@type'] === 'msg.dataRaw' && typeof data.body === 'string' && data.body !== '') return commentOfBody(data.body);
  return null;
}

function commentOfBody(base64Boc: string): string | null {
  try {
    const slice = Cell.fromBase64(base64Boc).beginParse();
    if (slice.remainingBits < 32 || slice.loadUint(32) !== 0) return null;
    return textOrNull(slice.loadStringTail());
  } catch {
    // Not a BOC, or not text after the op: some other kind of message body (@ton/core may throw strings).
    return null;
  }
}

function textOrNull(text: string): string | null {
  return text.trim() === '' ? null : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
