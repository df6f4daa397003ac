import { formatMoney } from '@onemoment/shared/money';
import type { Static } from 'typebox';
import type {
  TonInvoice,
  TonInvoiceBodySchema,
  TonInvoiceState,
  TonSettingsBodySchema,
  TonSettingsView,
  TonStaffInvoice,
  TonTransfer,
  TonUnconfirmed,
} from '@onemoment/shared/schemas/payments';
import type { HubContext } from '../../context.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import { badRequest, conflict, HubError, notFound } from '../../errors.ts';
import type { StaffPrincipal } from '../../sessions/session-lookup.ts';
import type { TonBillLedger } from './bill-ledger.ts';
import { TonPollAdapter, tonBudgetKey, type TonOutbox } from './ton-adapter.ts';
import { parseTonAddress, type TonNetwork } from './ton-address.ts';
import { minorForNanotons, nanotonsFor, parseRate } from './ton-amounts.ts';
import { newComment } from './ton-comment.ts';
import { hasExpired } from './ton-invoice-rules.ts';
import { TonInvoiceBook } from './ton-invoices.ts';
import { TonStore, type TonInvoiceRow, type TonSettingsRow, type TonTransferRow } from './ton-store.ts';
import { ToncenterClient } from './toncenter-client.ts';
import { TonVerification } from './ton-verification.ts';

export type TonInvoiceBody = Static<typeof TonInvoiceBodySchema>;
export type TonSettingsBody = Static<typeof TonSettingsBodySchema>;

export interface TonOptions {
  /** Between polls while an invoice is open; 5 s by default (toncenter's keyless budget is 1 request a second). */
  pollIntervalMs?: number;
  /** A TON API request must be answered within this; 10 s by default. */
  requestTimeoutMs?: number;
  /** Transactions per page (toncenter: at most 100). */
  pageSize?: number;
  /** Randomness for comments (tests force a collision with it). */
  random?: (size: number) => Uint8Array;
}

const LIST_LIMIT = 200;
const MAX_TIP_MINOR = 100_000_000;

/**
 * TON payments: the venue's wallet and rate, invoices per bill (or bill part) with a unique comment and
 * a ton:// link, their verification through the outbox, transfers a manager attaches by hand, and the
 * manager's decision on an overpayment. Bills are reached only through the TonBillLedger.
 *
 * The payments module builds it once: `new TonPayments(context, bills, context.outbox)`, registers
 * `ton.adapter` with the outbox and `tonRoutes(context, ton)` with its app.
 */
export class TonPayments {
  readonly adapter: TonPollAdapter;
  private readonly store: TonStore;
  private readonly book: TonInvoiceBook;
  private readonly verification: TonVerification;

  constructor(
    private readonly context: HubContext,
    private readonly ledger: TonBillLedger,
    outbox: TonOutbox,
    private readonly options: TonOptions = {},
  ) {
    this.store = new TonStore(context.store.sqlite);
    this.book = new TonInvoiceBook(context, this.store, ledger);
    this.verification = new TonVerification(context, this.store, this.book);
    const { apiUrl, apiKey } = context.config.ton;
    const client = new ToncenterClient({
      baseUrl: apiUrl,
      apiKey,
      ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    });
    this.adapter = new TonPollAdapter(context, this.verification, client, outbox, {
      pollIntervalMs: options.pollIntervalMs ?? 5_000,
      budgetKey: tonBudgetKey(apiKey),
    });
  }

  // ---- settings ----

  /** The wallet and rate; 404 until a manager sets them. */
  settings(): TonSettingsView {
    const settings = this.store.settings();
    if (!settings) throw new HubError(404, 'ton_not_set_up', 'TON payments are not set up yet: give the wallet that receives TON and the rate.');
    return this.book.settingsView(settings);
  }

  /**
   * A manager sets the wallet and the rate. A new wallet starts its history afresh, and awaiting
   * invoices made for the old one expire, so the next look at them re-quotes them for the new wallet.
   */
  saveSettings(body: TonSettingsBody): Promise<TonSettingsView> {
    return this.context.commands.run((tx) => {
      const address = parseTonAddress(body.address, { rawNetwork: this.apiNetwork() ?? 'mainnet' });
      const network: TonNetwork = address.testnet ? 'testnet' : 'mainnet';
      const expected = this.apiNetwork();
      if (expected !== null && expected !== network) {
        throw badRequest('ton_network_mismatch', `This is a ${network} wallet, but the hub checks payments on ${expected} (TON_API_URL): give a ${expected} address, or change TON_API_URL.`);
      }
      const rate = parseRate(body.rate.nanotonsPerMinor);
      const before = this.store.settings();
      const now = this.context.clock.now().toISOString();
      this.store.saveSettings({
        addressRaw: address.raw,
        addressFriendly: address.friendly,
        testnet: address.testnet,
        nanotonsPerMinor: rate.toString(),
        rateSource: 'manager',
        rateSetAt: now,
        updatedAt: now,
      });
      if (before && before.addressRaw !== address.raw) this.walletReplaced(tx);
      return this.book.settingsView(this.store.settings()!);
    });
  }

  /**
   * HQ's rate, synced down (the sync module calls this). Ignored until a manager has set the wallet, and
   * when the rate in force was set at or after `setAt` (a manager's later rate stays; the same HQ rate
   * again changes nothing). The times come from two clocks, the hub's and the cloud's.
   */
  applyHqRate(nanotonsPerMinor: string, setAt: string): Promise<TonSettingsView | null> {
    return this.context.commands.run(() => {
      const settings = this.store.settings();
      if (!settings) return null;
      if (!(Date.parse(setAt) > Date.parse(settings.rateSetAt))) return this.book.settingsView(settings);
      this.store.saveSettings({ ...settings, nanotonsPerMinor: parseRate(nanotonsPerMinor).toString(), rateSource: 'hq', rateSetAt: setAt, updatedAt: this.context.clock.now().toISOString() });
      return this.book.settingsView(this.store.settings()!);
    });
  }

  // ---- invoices ----

  /**
   * An invoice for `amountMinor` of the visit's bill (or one part of it). The same id again answers the
   * same invoice (created: false), re-quoted when it has expired.
   */
  createInvoice(visitId: string, body: TonInvoiceBody, createdBy: 'guest' | 'staff'): Promise<{ invoice: TonStaffInvoice; created: boolean }> {
    return this.context.commands.run((tx) => this.createInvoiceIn(tx, visitId, body, createdBy));
  }

  /** As createInvoice, inside a running command (a printed bill makes its invoice in the print's own command). */
  createInvoiceIn(tx: CommandTx, visitId: string, body: TonInvoiceBody, createdBy: 'guest' | 'staff'): { invoice: TonStaffInvoice; created: boolean } {
    const settings = this.store.settings();
    const existing = this.store.invoice(body.id);
    if (existing) {
      if (existing.visitId !== visitId) throw conflict('id_taken', 'This invoice id belongs to another bill: make a new id.');
      return { invoice: this.book.staffView(this.refreshed(tx, existing, settings, { strict: true }), settings), created: false };
    }
    if (!settings) {
      throw conflict('ton_not_set_up', "TON payments are not set up at this venue yet: pay another way, or ask a manager to add the venue's TON wallet.");
    }
    const partId = body.partId ?? null;
    const { dueMinor, currency } = this.ledger.dueOf(visitId, partId);
    assertWithinDue(body.amountMinor, dueMinor, currency, partId);
    const now = this.context.clock.now();
    const row: TonInvoiceRow = {
      id: body.id,
      visitId,
      partId,
      amountMinor: body.amountMinor,
      currency,
      nanotons: nanotonsFor(body.amountMinor, BigInt(settings.nanotonsPerMinor)).toString(),
      comment: this.uniqueComment(),
      addressRaw: settings.addressRaw,
      nanotonsPerMinor: settings.nanotonsPerMinor,
      rateSetAt: settings.rateSetAt,
      status: 'awaiting',
      receivedNanotons: '0',
      overpaidDecision: null,
      createdBy,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.context.config.ton.invoiceLifetimeMs).toISOString(),
      paidAt: null,
      updatedAt: now.toISOString(),
    };
    this.store.insertInvoice(row);
    this.book.publish(tx, row, settings);
    this.adapter.schedulePoll(tx, 0, 'invoice');
    return { invoice: this.book.staffView(row, settings), created: true };
  }

  /** Whether the venue takes TON: its wallet and rate are set. */
  isSetUp(): boolean {
    return this.store.settings() !== null;
  }

  /** A guest's invoice (404 for another visit's), re-quoted when it has expired. */
  async guestInvoice(visitId: string, id: string): Promise<TonInvoice> {
    const row = this.store.invoice(id);
    if (!row || row.visitId !== visitId) throw notFound('This TON invoice');
    return this.book.view(await this.current(row), this.store.settings());
  }

  /** Any invoice, for staff, re-quoted when it has expired and its bill is still open. */
  async staffInvoice(id: string): Promise<TonStaffInvoice> {
    const row = this.store.invoice(id);
    if (!row) throw notFound('This TON invoice');
    return this.book.staffView(await this.current(row), this.store.settings());
  }

  invoices(status: TonInvoiceState | null): TonStaffInvoice[] {
    const settings = this.store.settings();
    return this.store.list(status, LIST_LIMIT).map((row) => this.book.staffView(row, settings));
  }

  /** Invoices still waiting for money: what staff see as unconfirmed TON, with the oldest one's age. */
  unconfirmed(): TonUnconfirmed {
    return this.store.unconfirmed();
  }

  // ---- a manager's hand ----

  /** Transfers to the wallet whose comment named no invoice, newest first. */
  unmatchedTransfers(): TonTransfer[] {
    return this.store.unmatchedTransfers(LIST_LIMIT).map(transferView);
  }

  /** Counts an unmatched transfer toward an invoice (a guest who typed the comment wrong). */
  attachTransfer(hash: string, invoiceId: string, staff: StaffPrincipal): Promise<TonStaffInvoice> {
    return this.context.commands.run((tx) => {
      const transfer = this.store.transfer(hash);
      if (!transfer) throw notFound('This transfer');
      const row = this.store.invoice(invoiceId);
      if (!row) throw notFound('This TON invoice');
      const settings = this.store.settings();
      if (transfer.invoiceId === invoiceId) return this.book.staffView(row, settings);
      if (transfer.invoiceId !== null) {
        throw conflict('transfer_already_attached', 'This transfer already counts toward another invoice; a transfer pays one invoice only.', { invoiceId: transfer.invoiceId });
      }
      this.store.attach(hash, invoiceId, staff.staffId);
      const next = this.book.receive(tx, row, BigInt(transfer.nanotons), { backstop: false });
      this.book.publish(tx, next, settings);
      return this.book.staffView(next, settings);
    });
  }

  /**
   * A manager decides what an overpayment is: a tip (the extra converted back at the invoice's rate,
   * rounded down) or money owed back. The payment goes on the bill with it, unless it already went on
   * when the invoice was first paid exactly (then only owed_back is possible).
   */
  decideOverpaid(id: string, decision: 'tip' | 'owed_back'): Promise<TonStaffInvoice> {
    return this.context.commands.run((tx) => {
      const row = this.store.invoice(id);
      if (!row) throw notFound('This TON invoice');
      const settings = this.store.settings();
      if (row.status !== 'overpaid') throw conflict('not_overpaid', `This invoice is ${row.status}, not overpaid: there is no extra to decide about.`);
      if (row.overpaidDecision === decision) return this.book.staffView(row, settings);
      if (row.overpaidDecision !== null) {
        throw conflict('already_decided', `A manager already decided that the extra is ${row.overpaidDecision === 'tip' ? 'a tip' : 'owed back'}; that decision stands.`);
      }
      if (decision === 'tip' && row.paidAt !== null) {
        throw conflict('tip_too_late', "This invoice's payment is already on the bill (it was first paid exactly): the extra that came later can only be owed back.");
      }
      const extra = BigInt(row.receivedNanotons) - BigInt(row.nanotons);
      const tipMinor = decision === 'tip' ? minorForNanotons(extra, BigInt(row.nanotonsPerMinor)) : 0;
      if (tipMinor > MAX_TIP_MINOR) throw conflict('tip_too_large', 'This extra is too large to keep as a tip: owe it back to the guest.');
      const now = this.context.clock.now().toISOString();
      if (row.paidAt === null) this.book.settle(tx, row, tipMinor, now, { backstop: false });
      const next: TonInvoiceRow = { ...row, overpaidDecision: decision, paidAt: row.paidAt ?? now, updatedAt: now };
      this.store.updateInvoice(next);
      this.book.publish(tx, next, settings);
      return this.book.staffView(next, settings);
    });
  }

  // ---- helpers ----

  /** The invoice as it stands, re-quoted first when it has expired (a command only then). */
  private async current(row: TonInvoiceRow): Promise<TonInvoiceRow> {
    const settings = this.store.settings();
    if (!settings || !hasExpired({ ...row, receivedNanotons: BigInt(row.receivedNanotons) }, settings.lastPollAt)) return row;
    return this.context.commands.run((tx) => {
      const fresh = this.store.invoice(row.id);
      return fresh ? this.refreshed(tx, fresh, this.store.settings(), { strict: false }) : row;
    });
  }

  /**
   * Re-quotes an expired invoice at the current rate and wallet. When the bill no longer allows it
   * (closed, or now less is due): `strict` refuses as the bill does; otherwise the invoice shows expired.
   */
  private refreshed(tx: CommandTx, row: TonInvoiceRow, settings: TonSettingsRow | null, options: { strict: boolean }): TonInvoiceRow {
    if (!settings || !hasExpired({ ...row, receivedNanotons: BigInt(row.receivedNanotons) }, settings.lastPollAt)) return row;
    try {
      const { dueMinor, currency } = this.ledger.dueOf(row.visitId, row.partId);
      assertWithinDue(row.amountMinor, dueMinor, currency, row.partId);
    } catch (error) {
      if (options.strict || !(error instanceof HubError)) throw error;
      if (row.status === 'expired') return row;
      const expired = this.book.expire(row);
      this.book.publish(tx, expired, settings);
      return expired;
    }
    const next = this.book.requote(row, settings);
    this.book.publish(tx, next, settings);
    this.adapter.schedulePoll(tx, 0, 'invoice');
    return next;
  }

  private walletReplaced(tx: CommandTx): void {
    this.store.forgetCursor();
    const settings = this.store.settings();
    for (const row of this.store.openInvoices()) {
      if (row.status !== 'awaiting' || row.receivedNanotons !== '0') continue;
      this.book.publish(tx, this.book.expire(row), settings);
    }
  }

  private uniqueComment(): string {
    for (let attempt = 0; attempt < 8; attempt++) {
      const comment = newComment(this.options.random);
      if (!this.store.commentTaken(comment)) return comment;
    }
    throw new Error('eight random TON comments in a row were taken: the random source is broken');
  }

  /** The network TON_API_URL checks, when it is toncenter's own; null for another provider or a fake. */
  private apiNetwork(): TonNetwork | null {
    let host: string;
    try {
      host = new URL(this.context.config.ton.apiUrl).hostname;
    } catch {
      return null;
    }
    if (host === 'testnet.toncenter.com') return 'testnet';
    if (host === 'toncenter.com') return 'mainnet';
    return null;
  }
}

function assertWithinDue(amountMinor: number, dueMinor: number, currency: string, partId: string | null): void {
  if (amountMinor <= dueMinor) return;
  const what = partId === null ? 'this bill' : 'this part of the bill';
  if (dueMinor === 0) throw conflict('already_paid', `Nothing is due on ${what}: it is paid.`, { dueMinor });
  throw conflict('more_than_due', `Only ${formatMoney(dueMinor, currency)} is due on ${what}: make the TON invoice for ${formatMoney(dueMinor, currency)} or less.`, {
    dueMinor,
    amountMinor,
  });
}

function transferView(row: TonTransferRow): TonTransfer {
  return {
    hash: row.hash,
    lt: row.lt,
    at: new Date(row.utime * 1000).toISOString(),
    source: row.source,
    nanotons: row.nanotons,
    comment: row.comment,
    invoiceId: row.invoiceId,
    attachedBy: row.attachedBy,
    seenAt: row.seenAt,
  };
}
