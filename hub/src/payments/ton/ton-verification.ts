// The verification's side in SQLite: what a poll must read (plan), and what a poll's answer changes
// (record), in the one transaction that marks the outbox job done. One poll serves every open invoice:
// they all pay the venue's one wallet.
import { Address } from '@ton/core';
import type { HubContext } from '../../context.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import type { TonInvoiceBook } from './ton-invoices.ts';
import { hasExpired, isOpen, isVerifiedOnline, type PollState } from './ton-invoice-rules.ts';
import { compareLt, matchTransactions, type TonTransaction } from './ton-matching.ts';
import { isOurComment, normalizeComment } from './ton-comment.ts';
import type { TonCursor } from './ton-cursor.ts';
import type { TonInvoiceRow, TonSettingsRow, TonStore } from './ton-store.ts';

/** A transfer may carry a chain time this much older than the hub's clock says the invoice was made. */
const CLOCK_MARGIN_SECONDS = 600;
/** An expired invoice is still watched this long, for a late transfer. */
const EXPIRED_WATCH_MS = 24 * 3_600_000;
/** The cursor trails the newest transaction read by this much chain time: see ton-cursor.ts. */
export const CURSOR_SETTLE_SECONDS = 60;

export interface PollPlan {
  address: string;
  addressRaw: string;
  cursor: TonCursor | null;
  stopAtLt: string | null;
  stopBeforeUtime: number;
}

/** What one poll read, as the outbox keeps it until record() (JSON-safe). */
export type TonPollResult =
  | { kind: 'skipped'; reason: 'nothing_open'; startedAt: string }
  | {
      kind: 'read';
      startedAt: string;
      addressRaw: string;
      /** The incoming transfers read (money from a wallet), newest first. */
      transactions: TonTransaction[];
      /** Where the next poll stops: moved only by a complete read (see ton-cursor.ts). */
      cursor: TonCursor | null;
      pages: number;
    };

export class TonVerification {
  constructor(
    private readonly context: HubContext,
    private readonly store: TonStore,
    private readonly book: TonInvoiceBook,
  ) {}

  /** What the next poll reads, or null when there is nothing to check (no wallet, nothing open). */
  plan(): PollPlan | null {
    const settings = this.store.settings();
    if (!settings) return null;
    const expiredSince = new Date(this.context.clock.now().getTime() - EXPIRED_WATCH_MS).toISOString();
    const oldest = this.store.oldestWatchedCreatedAt(expiredSince);
    if (oldest === null) return null;
    return {
      address: settings.addressFriendly,
      addressRaw: settings.addressRaw,
      cursor: cursorOf(settings),
      stopAtLt: settings.cursorLt,
      stopBeforeUtime: Math.floor(Date.parse(oldest) / 1000) - CLOCK_MARGIN_SECONDS,
    };
  }

  /**
   * A poll's answer: new transfers stored (each hash once, ever), invoices credited and, when paid, put
   * on the bill; awaiting invoices past their expiry (and its grace) expire; the cursor moves; guests
   * whose invoice is now verified online hear of it. Returns whether invoices are still open.
   */
  record(tx: CommandTx, result: TonPollResult): { open: boolean } {
    const before = this.store.settings();
    if (!before || result.kind === 'skipped' || before.addressRaw !== result.addressRaw) {
      // Nothing was read, or it was read for a wallet the manager has since replaced.
      return { open: this.store.anyOpen() };
    }
    const now = this.context.clock.now().toISOString();
    const changed = new Map<string, TonInvoiceRow>();

    const match = matchTransactions({
      venue: Address.parseRaw(before.addressRaw),
      transactions: result.transactions,
      invoicesByComment: this.store.invoicesByComments(uniqueComments(result.transactions)),
      seenHashes: this.store.seenHashes(result.transactions.map((transaction) => transaction.hash)),
    });
    for (const transfer of match.transfers) {
      this.store.insertTransfer({ ...transfer, nanotons: transfer.nanotons.toString(), seenAt: now });
    }
    for (const [invoiceId, added] of match.receivedByInvoice) {
      const row = this.store.invoice(invoiceId);
      if (row) changed.set(row.id, this.book.receive(tx, row, added, { backstop: true }));
    }
    for (const row of this.store.openInvoices()) {
      if (!changed.has(row.id) && hasExpired({ ...row, receivedNanotons: BigInt(row.receivedNanotons) }, result.startedAt)) {
        changed.set(row.id, this.book.expire(row));
      }
    }

    // An answer recorded late (the outbox records a kept answer again) never moves the cursor or the time back.
    const cursor = newer(result.cursor, cursorOf(before));
    const lastPollAt = before.lastPollAt !== null && before.lastPollAt > result.startedAt ? before.lastPollAt : result.startedAt;
    this.store.pollSucceeded(cursor, lastPollAt);
    const after: TonSettingsRow = { ...before, cursorLt: cursor?.lt ?? null, cursorHash: cursor?.hash ?? null, lastPollAt, lastPollError: null };
    for (const row of changed.values()) this.book.publish(tx, row, after);
    this.publishVerifiedChanges(tx, before, after, changed);
    return { open: this.store.anyOpen() };
  }

  /** A poll failed (the API is down, slow or refusing): guests are told their payment is confirmed once the venue is back online. */
  recordFailure(tx: CommandTx, message: string): void {
    const before = this.store.settings();
    if (!before) return;
    this.store.pollFailed(message);
    this.publishVerifiedChanges(tx, before, { ...before, lastPollError: message }, new Map());
  }

  /** Open invoices whose verifiedOnline flips between the two poll states, unless already published. */
  private publishVerifiedChanges(tx: CommandTx, before: PollState, after: TonSettingsRow, published: ReadonlyMap<string, TonInvoiceRow>): void {
    for (const row of this.store.openInvoices()) {
      if (published.has(row.id)) continue;
      if (isVerifiedOnline(row, before) !== isVerifiedOnline(row, after)) this.book.publish(tx, row, after);
    }
  }

  openCount(): number {
    return this.store.openCount();
  }

  /** Whether an invoice made after this poll started is open: the next poll should not wait the interval for it. */
  newerOpenThan(startedAt: string): boolean {
    return this.store.openInvoices().some((row) => isOpen(row.status) && row.createdAt > startedAt);
  }
}

function newer(a: TonCursor | null, b: TonCursor | null): TonCursor | null {
  if (a === null || b === null) return a ?? b;
  return compareLt(a.lt, b.lt) >= 0 ? a : b;
}

function cursorOf(settings: TonSettingsRow): TonCursor | null {
  return settings.cursorLt !== null && settings.cursorHash !== null ? { lt: settings.cursorLt, hash: settings.cursorHash } : null;
}

function uniqueComments(transactions: readonly TonTransaction[]): string[] {
  const comments = new Set<string>();
  for (const transaction of transactions) {
    const comment = normalizeComment(transaction.comment);
    if (comment !== null && isOurComment(comment)) comments.add(comment);
  }
  return [...comments];
}
