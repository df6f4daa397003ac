import type Database from 'better-sqlite3';
import type { TonInvoiceState } from '@onemoment/shared/schemas/payments';

export interface TonSettingsRow {
  addressRaw: string;
  addressFriendly: string;
  testnet: boolean;
  nanotonsPerMinor: string;
  rateSource: 'manager' | 'hq';
  rateSetAt: string;
  cursorLt: string | null;
  cursorHash: string | null;
  lastPollAt: string | null;
  lastPollError: string | null;
  updatedAt: string;
}

export interface TonInvoiceRow {
  id: string;
  visitId: string;
  partId: string | null;
  amountMinor: number;
  currency: string;
  nanotons: string;
  comment: string;
  addressRaw: string;
  nanotonsPerMinor: string;
  rateSetAt: string;
  status: TonInvoiceState;
  receivedNanotons: string;
  overpaidDecision: 'tip' | 'owed_back' | null;
  createdBy: 'guest' | 'staff';
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  updatedAt: string;
}

export interface TonTransferRow {
  hash: string;
  lt: string;
  utime: number;
  source: string | null;
  nanotons: string;
  comment: string | null;
  invoiceId: string | null;
  attachedBy: string | null;
  seenAt: string;
}

const SETTINGS_COLUMNS = `address_raw AS addressRaw, address_friendly AS addressFriendly, testnet, nanotons_per_minor AS nanotonsPerMinor,
  rate_source AS rateSource, rate_set_at AS rateSetAt, cursor_lt AS cursorLt, cursor_hash AS cursorHash,
  last_poll_at AS lastPollAt, last_poll_error AS lastPollError, updated_at AS updatedAt`;

const INVOICE_COLUMNS = `id, visit_id AS visitId, part_id AS partId, amount_minor AS amountMinor, currency, nanotons, comment,
  address_raw AS addressRaw, nanotons_per_minor AS nanotonsPerMinor, rate_set_at AS rateSetAt, status,
  received_nanotons AS receivedNanotons, overpaid_decision AS overpaidDecision, created_by AS createdBy,
  created_at AS createdAt, expires_at AS expiresAt, paid_at AS paidAt, updated_at AS updatedAt`;

const TRANSFER_COLUMNS = `hash, lt, utime, source, nanotons, comment, invoice_id AS invoiceId, attached_by AS attachedBy, seen_at AS seenAt`;

function prepareStatements(sqlite: Database.Database) {
  const prepare = (sql: string) => sqlite.prepare(sql);
  return {
    settings: prepare(`SELECT ${SETTINGS_COLUMNS} FROM ton_settings WHERE id = 1`),
    saveSettings: prepare(
      `INSERT INTO ton_settings (id, address_raw, address_friendly, testnet, nanotons_per_minor, rate_source, rate_set_at, updated_at)
       VALUES (1, @addressRaw, @addressFriendly, @testnet, @nanotonsPerMinor, @rateSource, @rateSetAt, @updatedAt)
       ON CONFLICT (id) DO UPDATE SET address_raw = excluded.address_raw, address_friendly = excluded.address_friendly,
         testnet = excluded.testnet, nanotons_per_minor = excluded.nanotons_per_minor, rate_source = excluded.rate_source,
         rate_set_at = excluded.rate_set_at, updated_at = excluded.updated_at`,
    ),
    forgetCursor: prepare('UPDATE ton_settings SET cursor_lt = NULL, cursor_hash = NULL, last_poll_at = NULL, last_poll_error = NULL WHERE id = 1'),
    pollSucceeded: prepare('UPDATE ton_settings SET cursor_lt = ?, cursor_hash = ?, last_poll_at = ?, last_poll_error = NULL WHERE id = 1'),
    pollFailed: prepare('UPDATE ton_settings SET last_poll_error = ? WHERE id = 1'),
    invoice: prepare(`SELECT ${INVOICE_COLUMNS} FROM ton_invoices WHERE id = ?`),
    commentTaken: prepare('SELECT 1 FROM ton_invoices WHERE comment = ?').pluck(),
    insertInvoice: prepare(
      `INSERT INTO ton_invoices (id, visit_id, part_id, amount_minor, currency, nanotons, comment, address_raw, nanotons_per_minor,
         rate_set_at, status, received_nanotons, overpaid_decision, created_by, created_at, expires_at, paid_at, updated_at)
       VALUES (@id, @visitId, @partId, @amountMinor, @currency, @nanotons, @comment, @addressRaw, @nanotonsPerMinor,
         @rateSetAt, @status, @receivedNanotons, @overpaidDecision, @createdBy, @createdAt, @expiresAt, @paidAt, @updatedAt)`,
    ),
    updateInvoice: prepare(
      `UPDATE ton_invoices SET nanotons = @nanotons, address_raw = @addressRaw, nanotons_per_minor = @nanotonsPerMinor,
         rate_set_at = @rateSetAt, status = @status, received_nanotons = @receivedNanotons, overpaid_decision = @overpaidDecision,
         expires_at = @expiresAt, paid_at = @paidAt, updated_at = @updatedAt
       WHERE id = @id`,
    ),
    invoicesByComments: prepare(`SELECT comment, id FROM ton_invoices WHERE comment IN (SELECT value FROM json_each(?))`),
    openInvoices: prepare(`SELECT ${INVOICE_COLUMNS} FROM ton_invoices WHERE status IN ('awaiting', 'underpaid') ORDER BY created_at`),
    anyOpen: prepare(`SELECT EXISTS (SELECT 1 FROM ton_invoices WHERE status IN ('awaiting', 'underpaid'))`).pluck(),
    openCount: prepare(`SELECT COUNT(*) FROM ton_invoices WHERE status IN ('awaiting', 'underpaid')`).pluck(),
    oldestWatched: prepare(
      `SELECT MIN(created_at) FROM ton_invoices
        WHERE status IN ('awaiting', 'underpaid') OR (status = 'expired' AND updated_at >= ?)`,
    ).pluck(),
    listAll: prepare(`SELECT ${INVOICE_COLUMNS} FROM ton_invoices ORDER BY created_at DESC, id DESC LIMIT ?`),
    listByStatus: prepare(`SELECT ${INVOICE_COLUMNS} FROM ton_invoices WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?`),
    unconfirmed: prepare(
      `SELECT COUNT(*) AS count, COALESCE(SUM(amount_minor), 0) AS amountMinor, MIN(created_at) AS oldestAt
         FROM ton_invoices WHERE status IN ('awaiting', 'underpaid')`,
    ),
    seenHashes: prepare('SELECT hash FROM ton_transfers WHERE hash IN (SELECT value FROM json_each(?))').pluck(),
    insertTransfer: prepare(
      `INSERT OR IGNORE INTO ton_transfers (hash, lt, utime, source, nanotons, comment, invoice_id, attached_by, seen_at)
       VALUES (@hash, @lt, @utime, @source, @nanotons, @comment, @invoiceId, NULL, @seenAt)`,
    ),
    transfer: prepare(`SELECT ${TRANSFER_COLUMNS} FROM ton_transfers WHERE hash = ?`),
    unmatched: prepare(`SELECT ${TRANSFER_COLUMNS} FROM ton_transfers WHERE invoice_id IS NULL ORDER BY seen_at DESC, lt DESC LIMIT ?`),
    attach: prepare('UPDATE ton_transfers SET invoice_id = ?, attached_by = ? WHERE hash = ? AND invoice_id IS NULL'),
  };
}

/** The ton_* tables, behind named statements prepared once. The caller owns the transaction. */
export class TonStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(sqlite: Database.Database) {
    this.statements = prepareStatements(sqlite);
  }

  settings(): TonSettingsRow | null {
    const row = this.statements.settings.get() as (Omit<TonSettingsRow, 'testnet'> & { testnet: number }) | undefined;
    return row ? { ...row, testnet: row.testnet === 1 } : null;
  }

  saveSettings(settings: Pick<TonSettingsRow, 'addressRaw' | 'addressFriendly' | 'testnet' | 'nanotonsPerMinor' | 'rateSource' | 'rateSetAt' | 'updatedAt'>): void {
    this.statements.saveSettings.run({ ...settings, testnet: settings.testnet ? 1 : 0 });
  }

  /** A new wallet: what was read of the old one's history says nothing of the new one's. */
  forgetCursor(): void {
    this.statements.forgetCursor.run();
  }

  pollSucceeded(cursor: { lt: string; hash: string } | null, at: string): void {
    this.statements.pollSucceeded.run(cursor?.lt ?? null, cursor?.hash ?? null, at);
  }

  pollFailed(error: string): void {
    this.statements.pollFailed.run(error);
  }

  invoice(id: string): TonInvoiceRow | null {
    return (this.statements.invoice.get(id) as TonInvoiceRow | undefined) ?? null;
  }

  commentTaken(comment: string): boolean {
    return this.statements.commentTaken.get(comment) !== undefined;
  }

  insertInvoice(row: TonInvoiceRow): void {
    this.statements.insertInvoice.run(row);
  }

  /** Writes what may change after an invoice is made: its quote, state and money. */
  updateInvoice(row: TonInvoiceRow): void {
    this.statements.updateInvoice.run(row);
  }

  /** Invoice ids by comment, for the comments one poll read. */
  invoicesByComments(comments: readonly string[]): Map<string, string> {
    const rows = comments.length === 0 ? [] : (this.statements.invoicesByComments.all(JSON.stringify(comments)) as Array<{ comment: string; id: string }>);
    return new Map(rows.map((row) => [row.comment, row.id]));
  }

  openInvoices(): TonInvoiceRow[] {
    return this.statements.openInvoices.all() as TonInvoiceRow[];
  }

  anyOpen(): boolean {
    return this.statements.anyOpen.get() === 1;
  }

  openCount(): number {
    return this.statements.openCount.get() as number;
  }

  /** When the oldest invoice a transfer may still pay was made: open ones, and ones expired since `expiredSince`. */
  oldestWatchedCreatedAt(expiredSince: string): string | null {
    return (this.statements.oldestWatched.get(expiredSince) as string | null) ?? null;
  }

  list(status: TonInvoiceState | null, limit: number): TonInvoiceRow[] {
    const rows = status === null ? this.statements.listAll.all(limit) : this.statements.listByStatus.all(status, limit);
    return rows as TonInvoiceRow[];
  }

  unconfirmed(): { count: number; amountMinor: number; oldestAt: string | null } {
    return this.statements.unconfirmed.get() as { count: number; amountMinor: number; oldestAt: string | null };
  }

  seenHashes(hashes: readonly string[]): Set<string> {
    return new Set(hashes.length === 0 ? [] : (this.statements.seenHashes.all(JSON.stringify(hashes)) as string[]));
  }

  insertTransfer(row: Omit<TonTransferRow, 'attachedBy'>): boolean {
    return this.statements.insertTransfer.run(row).changes === 1;
  }

  transfer(hash: string): TonTransferRow | null {
    return (this.statements.transfer.get(hash) as TonTransferRow | undefined) ?? null;
  }

  unmatchedTransfers(limit: number): TonTransferRow[] {
    return this.statements.unmatched.all(limit) as TonTransferRow[];
  }

  /** False when the transfer was attached meanwhile. */
  attach(hash: string, invoiceId: string, staffId: string): boolean {
    return this.statements.attach.run(invoiceId, staffId, hash).changes === 1;
  }
}
