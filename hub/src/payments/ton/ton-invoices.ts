import type { TonInvoice, TonStaffInvoice, TonSettingsView } from '@onemoment/shared/schemas/payments';
import type { HubContext } from '../../context.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import { rooms } from '../../events/event-log.ts';
import { inSavepoint } from '../../outbox/savepoint.ts';
import type { TonBillLedger } from './bill-ledger.ts';
import { friendlyOfRaw } from './ton-address.ts';
import { nanotonsFor } from './ton-amounts.ts';
import { isVerifiedOnline, remainingNanotons, statusForAmounts, tonTransferLink, type PollState } from './ton-invoice-rules.ts';
import type { TonInvoiceRow, TonSettingsRow, TonStore } from './ton-store.ts';

/**
 * The invoice operations that the guest's and staff's commands and the verification's polls share:
 * views, money received, putting a paid invoice on the bill, re-quoting. Each runs inside the caller's
 * transaction and publishes `ton.invoice_updated` to staff and the visit's guests.
 */
export class TonInvoiceBook {
  constructor(
    private readonly context: HubContext,
    private readonly store: TonStore,
    private readonly ledger: TonBillLedger,
  ) {}

  settingsView(settings: TonSettingsRow): TonSettingsView {
    return {
      addressRaw: settings.addressRaw,
      addressFriendly: settings.addressFriendly,
      network: settings.testnet ? 'testnet' : 'mainnet',
      nanotonsPerMinor: settings.nanotonsPerMinor,
      rateSource: settings.rateSource,
      rateSetAt: settings.rateSetAt,
      lastPollAt: settings.lastPollAt,
      lastPollError: settings.lastPollError,
    };
  }

  /** What the guest (and the event) sees; `poll` is the verification's state that `verifiedOnline` reads. */
  view(row: TonInvoiceRow, settings: TonSettingsRow | null, poll: PollState | null = settings): TonInvoice {
    const nanotons = BigInt(row.nanotons);
    const received = BigInt(row.receivedNanotons);
    const address =
      settings && settings.addressRaw === row.addressRaw ? settings.addressFriendly : friendlyOfRaw(row.addressRaw, settings?.testnet ?? false);
    const remaining = row.status === 'underpaid' ? remainingNanotons(nanotons, received) : 0n;
    return {
      id: row.id,
      visitId: row.visitId,
      partId: row.partId,
      amountMinor: row.amountMinor,
      currency: row.currency,
      address,
      nanotons: row.nanotons,
      receivedNanotons: row.receivedNanotons,
      remainingNanotons: remaining.toString(),
      comment: row.comment,
      // An underpaid invoice's link asks for the rest only.
      link: tonTransferLink(address, row.status === 'underpaid' ? remaining : nanotons, row.comment),
      nanotonsPerMinor: row.nanotonsPerMinor,
      rateSetAt: row.rateSetAt,
      status: row.status,
      verifiedOnline: isVerifiedOnline(row, poll ?? { lastPollAt: null, lastPollError: null }),
      expiresAt: row.expiresAt,
      paidAt: row.paidAt,
      createdAt: row.createdAt,
    };
  }

  staffView(row: TonInvoiceRow, settings: TonSettingsRow | null): TonStaffInvoice {
    return { ...this.view(row, settings), createdBy: row.createdBy, overpaidDecision: row.overpaidDecision };
  }

  publish(tx: CommandTx, row: TonInvoiceRow, settings: TonSettingsRow | null): void {
    this.context.events.publish(tx, 'ton.invoice_updated', [rooms.staff, rooms.visit(row.visitId)], this.view(row, settings));
  }

  /**
   * Money reached the invoice (a matched transfer, or one a manager attached). Exactly paid: the
   * payment goes on the bill now. Overpaid from nothing: it waits for a manager's decision (tip or owed
   * back), which puts it on the bill. `backstop`: a bill that refuses it (the visit is gone) is logged
   * rather than failing the whole poll, so the other transfers are still recorded.
   */
  receive(tx: CommandTx, row: TonInvoiceRow, added: bigint, options: { backstop: boolean }): TonInvoiceRow {
    const received = BigInt(row.receivedNanotons) + added;
    const now = this.context.clock.now().toISOString();
    const next: TonInvoiceRow = { ...row, receivedNanotons: received.toString(), status: statusForAmounts(BigInt(row.nanotons), received), updatedAt: now };
    if (next.status === 'paid' && next.paidAt === null && this.settle(tx, next, 0, now, options)) next.paidAt = now;
    this.store.updateInvoice(next);
    return next;
  }

  /** Puts the invoice's payment on the bill (the ledger ignores it a second time). False when the bill refused it under `backstop`. */
  settle(tx: CommandTx, row: TonInvoiceRow, tipMinor: number, at: string, options: { backstop: boolean }): boolean {
    const payment = { invoiceId: row.id, visitId: row.visitId, partId: row.partId, amountMinor: row.amountMinor, tipMinor, at };
    if (!options.backstop) {
      this.ledger.recordTonPayment(tx, payment);
      return true;
    }
    // Under its own savepoint: a refusal takes back only the bill's writes (and its broadcasts).
    const outcome = inSavepoint(this.context.store.sqlite, tx, (inner) => this.ledger.recordTonPayment(inner, payment), (error) =>
      this.context.log.error({ err: error }, 'undoing a refused TON payment failed'),
    );
    if (outcome.ok) return true;
    this.context.log.error({ err: outcome.error, invoiceId: row.id, visitId: row.visitId }, 'a paid TON invoice could not be put on its bill; a manager must record it');
    return false;
  }

  /** A fresh quote for an expired invoice: the current wallet and rate, a new expiry; its comment stays. */
  requote(row: TonInvoiceRow, settings: TonSettingsRow): TonInvoiceRow {
    const now = this.context.clock.now();
    const next: TonInvoiceRow = {
      ...row,
      nanotons: nanotonsFor(row.amountMinor, BigInt(settings.nanotonsPerMinor)).toString(),
      addressRaw: settings.addressRaw,
      nanotonsPerMinor: settings.nanotonsPerMinor,
      rateSetAt: settings.rateSetAt,
      status: 'awaiting',
      expiresAt: new Date(now.getTime() + this.context.config.ton.invoiceLifetimeMs).toISOString(),
      updatedAt: now.toISOString(),
    };
    this.store.updateInvoice(next);
    return next;
  }

  expire(row: TonInvoiceRow): TonInvoiceRow {
    const next: TonInvoiceRow = { ...row, status: 'expired', updatedAt: this.context.clock.now().toISOString() };
    this.store.updateInvoice(next);
    return next;
  }
}
