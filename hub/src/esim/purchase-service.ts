import { buyerNotice, checkPurchaseTransition, type PurchaseAction } from '@onemoment/shared/esim/purchase-lifecycle';
import { appleInstallLink, manualCodes } from '@onemoment/shared/esim/lpa-code';
import { shouldFetchUsage } from '@onemoment/shared/esim/usage-cache';
import { formatMoney } from '@onemoment/shared/money';
import type { EsimPurchase, EsimSale, EsimUsage, NewEsimPurchase, PurchaseActionBody } from '@onemoment/shared/schemas/esim';
import type { HubContext } from '../context.ts';
import type { CommandTx } from '../db/command-runner.ts';
import { badRequest, conflict, forbidden, HubError, notFound, tooManyRequests } from '../errors.ts';
import { rooms } from '../events/event-log.ts';
import type { BillItemInput } from '../payments/bill-rules.ts';
import type { StaffPrincipal } from '../sessions/session-lookup.ts';
import type { Catalogue } from './catalogue.ts';
import type { EsimJobs } from './esim-adapter.ts';
import type { EsimStore, PurchaseRow } from './esim-store.ts';

/** Who buys, or who reads a purchase: a guest session of the visit, or a staff login. */
export type EsimActor = { kind: 'guest'; visitId: string; tokenHash: string } | { kind: 'staff'; staff: StaffPrincipal };

/** What the eSIM sales need of the floor and the bills (the restaurant and payments modules). */
export interface EsimFloor {
  visit(visitId: string): { id: string; status: string; tableName: string } | null;
  /** Inside a command: tell the bill's readers that its lines changed. */
  billChangedIn(tx: CommandTx, visitId: string): void;
  /** The stay in house whose room-service visit this is, or null (not a room, no hotel, not in house). */
  inHouseStayOf(visitId: string): string | null;
  /** Inside a command: charges an amount of the visit's bill to its own stay (the room-charge tender). */
  chargeToRoomIn(tx: CommandTx, visitId: string, amountMinor: number, staff: StaffPrincipal | null): void;
}

/**
 * eSIM sales: a purchase is a line on the visit's bill until the bill is paid in full; then its order
 * goes to Airalo through the outbox (esim-adapter.ts) and the eSIM arrives. The install codes are shown
 * only to the buyer: the guest session that bought it, the staff member who sold it, or a manager.
 */
export class PurchaseService {
  constructor(
    private readonly context: HubContext,
    private readonly store: EsimStore,
    private readonly catalogue: Catalogue,
    private readonly floor: EsimFloor,
    private readonly jobs: EsimJobs,
  ) {}

  // ---- reads ----

  /** The purchase as `viewer` may see it; a guest of another visit gets 404, as if it did not exist. */
  view(id: string, viewer: EsimActor): EsimPurchase {
    const row = this.store.purchase(id);
    if (!row || (viewer.kind === 'guest' && row.visitId !== viewer.visitId)) throw notFound('This eSIM purchase');
    return this.viewOf(row, viewer);
  }

  ofVisit(visitId: string, viewer: EsimActor): EsimPurchase[] {
    return this.store.purchasesOfVisit(visitId).map((row) => this.viewOf(row, viewer));
  }

  list(filter: { status?: PurchaseRow['status'] | undefined; visitId?: string | undefined }, viewer: EsimActor): EsimPurchase[] {
    return this.store.purchases(filter).map((row) => this.viewOf(row, viewer));
  }

  /** The bill's lines for a visit's sales; a cancelled sale stays on as a cancelled line. */
  billLinesOf(visitId: string): BillItemInput[] {
    return this.store.purchasesOfVisit(visitId).map((row) => ({
      id: row.id,
      name: `eSIM · ${row.title}`,
      quantity: 1,
      totalMinor: row.priceMinor,
      status: row.status === 'cancelled' ? ('cancelled' as const) : ('served' as const),
      // Resold airtime carries the venue's own tax treatment in its price; the hub adds none.
      taxRateBp: 0,
    }));
  }

  // ---- commands ----

  /** A new sale on an open visit: refused, with nothing written, when the package or its price is not what the buyer saw. */
  create(visitId: string, body: NewEsimPurchase, buyer: EsimActor): Promise<{ purchase: EsimPurchase; created: boolean }> {
    return this.context.commands.run((tx) => {
      const existing = this.store.purchase(body.id);
      if (existing) {
        if (existing.visitId !== visitId) throw conflict('id_taken', 'This purchase id belongs to another sale: make a new id.');
        return { purchase: this.viewOf(existing, buyer), created: false };
      }
      const visit = this.floor.visit(visitId);
      if (!visit) throw notFound('This visit');
      if (visit.status !== 'open') throw conflict('visit_closed', `${visit.tableName}'s visit is closed: start a new one to buy an eSIM.`);
      const priced = this.catalogue.sellable(body.packageId);
      const currency = this.context.venue.venue().currency;
      if (body.priceMinor !== undefined && body.priceMinor !== priced.priceMinor) {
        throw conflict('price_changed', `The price of ${priced.pkg.title} is now ${formatMoney(priced.priceMinor, currency)}: check it and buy again.`, {
          priceMinor: priced.priceMinor,
          currency,
        });
      }
      const now = this.context.clock.now().toISOString();
      this.store.insertPurchase({
        id: body.id,
        visitId,
        packageId: priced.pkg.id,
        title: priced.pkg.title,
        dataMb: priced.pkg.unlimited ? null : priced.pkg.dataMb,
        unlimited: priced.pkg.unlimited,
        days: priced.pkg.days,
        priceMinor: priced.priceMinor,
        currency,
        netUsdMinor: priced.pkg.netUsdMinor,
        costMinor: priced.costMinor,
        soldBy: buyer.kind,
        buyerTokenHash: buyer.kind === 'guest' ? buyer.tokenHash : null,
        sellerStaffId: buyer.kind === 'staff' ? buyer.staff.staffId : null,
        businessDay: this.context.venue.businessDay(),
        createdAt: now,
      });
      this.changed(tx, this.store.purchase(body.id)!);
      this.floor.billChangedIn(tx, visitId);
      // In a hotel, what a guest in house buys from the room goes on the folio at once, as room
      // service does: the eSIM is ordered now rather than at checkout.
      if (this.floor.inHouseStayOf(visitId) !== null) {
        this.floor.chargeToRoomIn(tx, visitId, priced.priceMinor, buyer.kind === 'staff' ? buyer.staff : null);
        const charged = this.store.purchase(body.id)!;
        if (charged.status === 'awaiting_payment') {
          this.move(tx, charged, 'pay', 'system', null);
          this.jobs.enqueueOrder(tx, charged.id, 'payment');
        }
      }
      return { purchase: this.viewOf(this.store.purchase(body.id)!, buyer), created: true };
    });
  }

  /** Inside the payment's command: the visit's bill is paid in full, so its waiting sales are ordered. */
  paidInFull(tx: CommandTx, visitId: string): void {
    for (const row of this.store.awaitingPaymentOfVisit(visitId)) {
      this.move(tx, row, 'pay', 'system', null);
      this.jobs.enqueueOrder(tx, row.id, 'payment');
    }
  }

  /** Inside the close's command: a sale still unpaid when its visit closes is cancelled (nothing is ordered). */
  visitClosed(tx: CommandTx, visitId: string): void {
    for (const row of this.store.awaitingPaymentOfVisit(visitId)) this.move(tx, row, 'cancel', 'system', 'The visit closed without paying it.');
  }

  cancelByGuest(id: string, guest: Extract<EsimActor, { kind: 'guest' }>): Promise<EsimPurchase> {
    return this.context.commands.run((tx) => {
      const row = this.store.purchase(id);
      if (!row || row.visitId !== guest.visitId) throw notFound('This eSIM purchase');
      const moved = this.move(tx, row, 'cancel', 'guest', null);
      this.floor.billChangedIn(tx, row.visitId);
      return this.viewOf(moved, guest);
    });
  }

  /** A staff member's action: cancel, or for a sale waiting for a person, retry, swap or refund. */
  act(id: string, body: PurchaseActionBody, staff: StaffPrincipal): Promise<EsimPurchase> {
    return this.context.commands.run((tx) => {
      const row = this.store.purchase(id);
      if (!row) throw notFound('This eSIM purchase');
      const reason = body.reason?.trim() || null;
      const viewer: EsimActor = { kind: 'staff', staff };
      if (body.action === 'swap') {
        if (!body.packageId) throw badRequest('package_required', 'Say which package replaces this one (packageId).');
        this.check(row, 'swap', staff.role, reason);
        const priced = this.catalogue.sellable(body.packageId);
        if (priced.priceMinor > row.priceMinor) {
          throw conflict('swap_costs_more', `${priced.pkg.title} sells for ${formatMoney(priced.priceMinor, row.currency)}, more than the ${formatMoney(row.priceMinor, row.currency)} paid: pick one at the same or a lower price, or refund.`);
        }
        const at = this.context.clock.now().toISOString();
        this.store.swapPackage(
          row.id,
          { packageId: priced.pkg.id, title: priced.pkg.title, dataMb: priced.pkg.unlimited ? null : priced.pkg.dataMb, unlimited: priced.pkg.unlimited, days: priced.pkg.days, netUsdMinor: priced.pkg.netUsdMinor, costMinor: priced.costMinor },
          at,
        );
      }
      const moved = this.move(tx, this.store.purchase(row.id)!, body.action, staff.role, reason);
      if (body.action === 'retry' || body.action === 'swap') this.jobs.enqueueOrder(tx, row.id, `person:${moved.updatedAt}`);
      if (body.action === 'cancel') this.floor.billChangedIn(tx, row.visitId);
      return this.viewOf(moved, viewer);
    });
  }

  /** A person asks for fresh usage: queued through the outbox at most once a minute, and only for a delivered eSIM. */
  askUsage(id: string, viewer: EsimActor): Promise<{ queued: true }> {
    return this.context.commands.run((tx) => {
      const row = this.store.purchase(id);
      if (!row || (viewer.kind === 'guest' && row.visitId !== viewer.visitId)) throw notFound('This eSIM purchase');
      if (!row.iccid || row.status !== 'delivered') throw conflict('not_delivered', 'This eSIM has not been delivered yet, so it has no usage to show.');
      const now = this.context.clock.now().getTime();
      const last = [row.usageFetchedAt, row.usageAskedAt].filter((at): at is string => at !== null).map((at) => Date.parse(at));
      const decision = shouldFetchUsage({ status: row.status, lastFetchedAt: last.length > 0 ? Math.max(...last) : null, explicit: true, now });
      if (!decision.fetch) {
        const seconds = Math.ceil((decision.retryAfterMs ?? 60_000) / 1000);
        const error = tooManyRequests('too_soon', `The usage was read moments ago: ask again in ${seconds} s.`);
        throw new HubError(error.statusCode, error.code, error.message, { retryAfterMs: decision.retryAfterMs });
      }
      const at = new Date(now).toISOString();
      this.store.markUsageAsked(row.id, at);
      this.jobs.enqueueUsage(tx, row.id, row.iccid, at);
      return { queued: true as const };
    });
  }

  // ---- what the outbox's answers change (called by the adapter, inside the job's command) ----

  /** Airalo's order for the sale, with its eSIM: delivered. */
  deliveredIn(tx: CommandTx, saleId: string, sim: Parameters<EsimStore['deliver']>[1]): void {
    const row = this.store.purchase(saleId);
    if (!row || row.status === 'delivered') return;
    const check = checkPurchaseTransition(row.status, 'deliver', 'system');
    if (!check.ok) {
      // Refunded meanwhile, yet Airalo made the eSIM: keep the codes, and say so in the sale's reason.
      this.store.deliver(row.id, sim);
      this.store.setStatus(row.id, row.status, { reason: `Airalo delivered eSIM ${sim.iccid} after this sale was ${row.status}: ask Airalo to refund it.`, at: sim.at, businessDay: row.businessDay });
      this.changed(tx, this.store.purchase(row.id)!);
      return;
    }
    this.store.deliver(row.id, sim);
    this.changed(tx, this.store.purchase(row.id)!);
  }

  /** The order cannot go through without a person (a gone package, a refusal, the outbox gave up). */
  needsPersonIn(tx: CommandTx, saleId: string, why: string): void {
    const row = this.store.purchase(saleId);
    if (!row || row.status !== 'paid') return;
    this.move(tx, row, 'escalate', 'system', why);
  }

  /** The package left Airalo's catalogue: an unpaid sale leaves the bill; a paid one goes to a person to swap or refund. */
  packageGoneIn(tx: CommandTx, saleId: string): void {
    const row = this.store.purchase(saleId);
    if (!row) return;
    if (row.status === 'awaiting_payment') {
      this.move(tx, row, 'cancel', 'system', `${row.title} is no longer sold by the provider.`);
      this.floor.billChangedIn(tx, row.visitId);
    } else if (row.status === 'paid') {
      this.move(tx, row, 'escalate', 'system', `${row.title} left Airalo's catalogue after it was paid: swap it for a live package or refund it.`);
    }
  }

  usageIn(tx: CommandTx, saleId: string, usage: EsimUsage): void {
    const row = this.store.purchase(saleId);
    if (!row) return;
    this.store.saveUsage(row.id, JSON.stringify(usage), usage.fetchedAt);
    this.changed(tx, this.store.purchase(row.id)!);
  }

  // ---- helpers ----

  private check(row: PurchaseRow, action: PurchaseAction, actor: Parameters<typeof checkPurchaseTransition>[2], reason: string | null) {
    const check = checkPurchaseTransition(row.status, action, actor, reason ?? undefined);
    if (!check.ok) {
      if (check.code === 'forbidden') throw forbidden(check.message);
      if (check.code === 'reason_required') throw badRequest('reason_required', check.message);
      throw conflict('invalid_transition', check.message);
    }
    return check.transition;
  }

  /** Moves a sale by the lifecycle table, and tells the staff and the visit. */
  private move(tx: CommandTx, row: PurchaseRow, action: PurchaseAction, actor: Parameters<typeof checkPurchaseTransition>[2], reason: string | null): PurchaseRow {
    const transition = this.check(row, action, actor, reason);
    this.store.setStatus(row.id, transition.to, { reason, at: this.context.clock.now().toISOString(), businessDay: this.context.venue.businessDay() });
    const moved = this.store.purchase(row.id)!;
    this.changed(tx, moved);
    return moved;
  }

  private changed(tx: CommandTx, row: PurchaseRow): void {
    this.context.events.publish(tx, 'esim.sale_changed', [rooms.staff, rooms.visit(row.visitId)], saleOf(row));
  }

  private viewOf(row: PurchaseRow, viewer: EsimActor): EsimPurchase {
    const now = this.context.clock.now().getTime();
    const view: EsimPurchase = {
      id: row.id,
      visitId: row.visitId,
      tableName: this.floor.visit(row.visitId)?.tableName ?? '',
      packageId: row.packageId,
      title: row.title,
      dataMb: row.dataMb,
      unlimited: row.unlimited,
      days: row.days,
      priceMinor: row.priceMinor,
      currency: row.currency,
      status: row.status,
      notice: buyerNotice(row.status, row.paidAt ? Date.parse(row.paidAt) : null, now),
      soldBy: row.soldBy,
      reason: viewer.kind === 'staff' ? row.reason : null,
      createdAt: row.createdAt,
      paidAt: row.paidAt,
      deliveredAt: row.deliveredAt,
      // Usage is no secret from the desk, which answers the buyer's questions about it.
      ...(row.status === 'delivered' && (viewer.kind === 'staff' || this.isBuyer(row, viewer)) ? { usage: row.usage ? (JSON.parse(row.usage) as EsimUsage) : null } : {}),
    };
    if (!this.isBuyer(row, viewer) || !row.activationCode || !row.iccid || !row.smdpAddress || !row.matchingId) return view;
    const activation = { code: row.activationCode, smdpAddress: row.smdpAddress, matchingId: row.matchingId };
    const manual = manualCodes(activation);
    return {
      ...view,
      iccid: row.iccid,
      lpa: row.activationCode,
      qr: row.activationCode,
      install: {
        activationCode: row.activationCode,
        smdpAddress: manual.smdpAddress,
        iosActivationCode: manual.iosActivationCode,
        androidActivationCode: manual.androidActivationCode,
        appleInstallUrl: appleInstallLink(activation),
        apn: row.apn,
        roaming: row.roaming,
      },
    };
  }

  /** The buyer: the guest session that bought it, the staff member who sold it, or a manager. */
  private isBuyer(row: PurchaseRow, viewer: EsimActor): boolean {
    if (viewer.kind === 'guest') return row.buyerTokenHash !== null && row.buyerTokenHash === viewer.tokenHash;
    return viewer.staff.role === 'manager' || row.sellerStaffId === viewer.staff.staffId;
  }
}

/** A sale as events and HQ carry it: never the install codes. */
export function saleOf(row: PurchaseRow): EsimSale {
  return {
    id: row.id,
    visitId: row.visitId,
    packageId: row.packageId,
    title: row.title,
    status: row.status,
    priceMinor: row.priceMinor,
    currency: row.currency,
    costMinor: row.costMinor,
    businessDay: row.businessDay,
    createdAt: row.createdAt,
    paidAt: row.paidAt,
    deliveredAt: row.deliveredAt,
    refundedAt: row.refundedAt,
    updatedAt: row.updatedAt,
  };
}
