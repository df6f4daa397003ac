import type { BillingSettings, BillSettled, BillView, DiscountBody, Payment, PaymentBody, SplitBody } from '@onemoment/shared/schemas/payments';
import { newId } from '@onemoment/shared/ids';
import { formatMoney } from '@onemoment/shared/money';
import type { HubContext } from '../context.ts';
import type { CommandTx } from '../db/command-runner.ts';
import { badRequest, conflict, forbidden, notFound } from '../errors.ts';
import { rooms } from '../events/event-log.ts';
import type { RestaurantApi } from '../restaurant/module.ts';
import type { StaffPrincipal } from '../sessions/session-lookup.ts';
import { buildBill, type BillItemInput } from './bill-rules.ts';
import { billState } from './bill-state.ts';
import type { BillStore } from './bill-store.ts';
import { noFiscalRecorder, type FiscalRecorder } from './fiscal-recorder.ts';
import { PaymentRefusal } from './payment-errors.ts';
import type { RoomChargePort } from './room-charges.ts';
import { splitByAmounts, splitByItems, splitEqually } from './split-rules.ts';
import { applyPayment } from './tender-rules.ts';
import type { TonBillLedger } from './ton/bill-ledger.ts';

/**
 * What another module keeps on a visit's bill beside the kitchen's items (an eSIM sale), and is told
 * when the bill is paid in full, inside the payment's own command (an eSIM is then ordered).
 */
export interface BillExtras {
  linesOf(visitId: string): BillItemInput[];
  paidInFull(tx: CommandTx, visitId: string): void;
}

/** Who is acting: a staff login, or a guest of the visit (guests split their own bill and pay by TON). */
export type BillActor = { kind: 'staff'; staff: StaffPrincipal } | { kind: 'guest'; visitId: string };

const billNotPaid = (tableName: string, dueMinor: number, currency: string) =>
  conflict(
    'bill_not_paid',
    `${tableName}'s bill still has ${formatMoney(dueMinor, currency)} due: take the payment, or a manager writes the rest off with a reason.`,
    { dueMinor, currency },
  );

/** Refusals write amounts as the venue's money ("€4.50"). */
const moneyIn = (currency: string) => (amountMinor: number) => formatMoney(amountMinor, currency);

/**
 * A visit's bill and everything done to it: payments (cash and card here, TON through its
 * verification), discounts, splits, write-offs and settling it when the visit closes. Every command
 * reads the bill inside its own transaction, so two phones paying the same part at once are serialized:
 * the second finds nothing due. The visit closes in the command that pays the last of it.
 */
export class BillService implements TonBillLedger {
  constructor(
    private readonly context: HubContext,
    private readonly restaurant: RestaurantApi,
    private readonly store: BillStore,
    private readonly fiscal: FiscalRecorder = noFiscalRecorder,
  ) {}

  // ---- reads ----

  /** The bill of a visit; null when there is no such visit. */
  bill(visitId: string): BillView | null {
    const visit = this.restaurant.visits.visit(visitId);
    if (!visit) return null;
    return billState({
      visit: { id: visit.id, tableId: visit.tableId, tableName: visit.tableName },
      currency: this.context.venue.venue().currency,
      items: [...this.restaurant.orders.billItemsOfVisit(visitId), ...this.extras.flatMap((extras) => extras.linesOf(visitId))],
      settings: this.store.settings(),
      discounts: this.store.discounts(visitId),
      payments: this.store.payments(visitId),
      writeOffs: this.store.writeOffs(visitId),
      split: this.store.currentSplit(visitId),
      tonAvailable: this.tonAvailable(),
    });
  }

  /** Whether the venue takes TON: the TON part answers once it runs. */
  private tonAvailable: () => boolean = () => false;

  useTonAvailability(available: () => boolean): void {
    this.tonAvailable = available;
  }

  /** The hotel's folios, when the hotel runs: the room-charge tender posts to them. */
  private roomCharges: RoomChargePort | null = null;

  useRoomCharges(port: RoomChargePort): void {
    this.roomCharges = port;
  }

  private readonly extras: BillExtras[] = [];

  useExtras(extras: BillExtras): void {
    this.extras.push(extras);
  }

  settings(): BillingSettings {
    return this.store.settings();
  }

  /** The stay in house whose room-service visit this is (the hotel runs and the guest is in), or null. */
  inHouseStayOf(visitId: string): string | null {
    return this.roomCharges?.stayOfVisit(visitId) ?? null;
  }

  /** Inside another module's command that changed a bill's lines (an eSIM sale): tell the bill's readers. */
  billChangedIn(tx: CommandTx, visitId: string): void {
    this.publishChanged(tx, visitId);
  }

  private requireBill(visitId: string): BillView {
    const bill = this.bill(visitId);
    if (!bill) throw notFound('This visit');
    return bill;
  }

  private requireOpenVisit(visitId: string): BillView {
    const bill = this.requireBill(visitId);
    if (this.restaurant.visits.visit(visitId)?.status !== 'open') {
      throw conflict('visit_closed', `${bill.tableName}'s visit is closed: its bill can no longer change.`);
    }
    return bill;
  }

  // ---- commands ----

  /**
   * Records a cash, card or room-charge payment. The same id again answers the first payment (a retried tap);
   * an id already used for another visit's payment is refused.
   */
  pay(visitId: string, body: PaymentBody, staff: StaffPrincipal): Promise<{ payment: Payment; created: boolean }> {
    return this.context.commands.run((tx) => {
      const existing = this.store.payment(body.id);
      if (existing) return { payment: this.sameVisit(existing, visitId), created: false };
      const bill = this.requireOpenVisit(visitId);
      const due = this.dueFor(bill, body.partId ?? null);
      if (body.method === 'room') {
        if (body.tipMinor) throw badRequest('bad_payment', 'A tip is not charged to a room: take it in cash or by card.');
        const payment = this.chargeToRoomIn(tx, visitId, { paymentId: body.id, bookingId: body.bookingId ?? null, amountMinor: body.amountMinor, partId: body.partId ?? null, dueMinor: due }, staff);
        return { payment, created: true };
      }
      const tender =
        body.method === 'cash'
          ? { method: 'cash' as const, amountMinor: body.amountMinor, tipMinor: body.tipMinor, tenderedMinor: body.tenderedMinor }
          : { method: 'card' as const, amountMinor: body.amountMinor, tipMinor: body.tipMinor, last4: body.last4, approvalCode: body.approvalCode };
      const applied = applyPayment(due, tender, moneyIn(bill.currency));
      const payment = this.store.insertPayment({
        id: body.id,
        visitId,
        partId: body.partId ?? null,
        method: applied.method,
        amountMinor: applied.amountMinor,
        tipMinor: applied.tipMinor,
        tenderedMinor: body.method === 'cash' ? (body.tenderedMinor ?? applied.amountMinor + applied.tipMinor) : null,
        changeMinor: applied.changeMinor,
        last4: applied.last4,
        approvalCode: applied.approvalCode,
        tonInvoiceId: null,
        currency: bill.currency,
        businessDay: this.context.venue.businessDay(),
        staffId: staff.staffId,
        createdAt: this.context.clock.now().toISOString(),
      });
      this.afterPayment(tx, payment, staff);
      return { payment, created: true };
    });
  }

  /** A manager's discount with its reason; it may not take the bill below what was already paid. */
  addDiscount(visitId: string, body: DiscountBody, staff: StaffPrincipal): Promise<BillView> {
    return this.context.commands.run((tx) => {
      const existing = this.store.discountOwner(body.id);
      if (existing) {
        if (existing.visitId !== visitId) throw conflict('id_taken', 'This discount id belongs to another bill: make a new id.');
        return this.requireBill(visitId);
      }
      const bill = this.requireOpenVisit(visitId);
      const input =
        body.kind === 'amount'
          ? { kind: 'amount' as const, amountMinor: body.amountMinor ?? 0, reason: body.reason }
          : { kind: 'percent' as const, rateBp: body.rateBp ?? 0, reason: body.reason };
      if ((body.kind === 'amount') !== (body.amountMinor !== undefined) || (body.kind === 'percent') !== (body.rateBp !== undefined)) {
        throw new PaymentRefusal('bad_bill', 'An amount discount gives amountMinor and a percent discount gives rateBp (1000 is 10 %), not both.');
      }
      // Checked against the bill as it is, with the discounts it already has.
      const checked = buildBill({
        items: bill.lines.map((line) => ({ id: line.itemId, name: line.name, quantity: line.quantity, totalMinor: line.totalMinor, status: 'served', taxRateBp: line.taxRateBp })),
        taxMode: bill.taxMode,
        serviceChargeBp: bill.serviceChargeBp,
        money: moneyIn(bill.currency),
        discounts: [...bill.discounts.map((d) => (d.kind === 'amount' ? { kind: 'amount' as const, amountMinor: d.amountMinor, reason: d.reason ?? '' } : { kind: 'percent' as const, rateBp: d.rateBp ?? 0, reason: d.reason ?? '' })), input],
      });
      if (checked.totalMinor < bill.paidMinor + bill.writtenOffMinor) {
        throw conflict('discount_below_paid', `With this discount the bill would be ${formatMoney(checked.totalMinor, bill.currency)}, less than the ${formatMoney(bill.paidMinor, bill.currency)} already paid: give a smaller discount.`, {
          totalMinor: checked.totalMinor,
          paidMinor: bill.paidMinor,
        });
      }
      this.store.insertDiscount({
        id: body.id,
        visitId,
        kind: body.kind,
        amountMinor: body.kind === 'amount' ? (body.amountMinor ?? null) : null,
        rateBp: body.kind === 'percent' ? (body.rateBp ?? null) : null,
        reason: body.reason.trim(),
        staffId: staff.staffId,
        createdAt: this.context.clock.now().toISOString(),
      });
      return this.publishChanged(tx, visitId);
    });
  }

  removeDiscount(visitId: string, discountId: string): Promise<BillView> {
    return this.context.commands.run((tx) => {
      const owner = this.store.discountOwner(discountId);
      if (!owner || owner.visitId !== visitId) throw notFound('This discount');
      this.requireOpenVisit(visitId);
      if (!this.store.removeDiscount(discountId, this.context.clock.now().toISOString())) return this.requireBill(visitId);
      return this.publishChanged(tx, visitId);
    });
  }

  /** Splits what is due now into parts paid on their own; a new split replaces the last one. */
  split(visitId: string, body: SplitBody, actor: BillActor): Promise<BillView> {
    return this.context.commands.run((tx) => {
      if (this.store.splitOwner(body.id) !== null) {
        if (this.store.splitOwner(body.id) !== visitId) throw conflict('id_taken', 'This split id belongs to another bill: make a new id.');
        return this.requireBill(visitId);
      }
      const bill = this.requireOpenVisit(visitId);
      if (bill.dueMinor === 0) throw new PaymentRefusal('already_paid', 'Nothing is due on this bill, so there is nothing to split.');
      const amounts = this.splitAmounts(bill, body);
      const now = this.context.clock.now().toISOString();
      this.store.replaceSplits(visitId, now);
      this.store.insertSplit(
        { id: body.id, visitId, kind: body.kind, baseMinor: bill.dueMinor, createdAt: now, createdBy: actor.kind === 'staff' ? actor.staff.staffId : 'guest' },
        amounts.map((amountMinor, index) => ({
          id: `${body.id}:${index + 1}`,
          label: `Guest ${index + 1}`,
          amountMinor,
          shares: body.kind === 'items' ? (body.shares[index] ?? []) : null,
        })),
      );
      return this.publishChanged(tx, visitId);
    });
  }

  private splitAmounts(bill: BillView, body: SplitBody): number[] {
    if (body.kind === 'equal') return splitEqually(bill.dueMinor, body.parts);
    if (body.kind === 'amounts') return splitByAmounts(bill.dueMinor, body.amountsMinor, moneyIn(bill.currency));
    // By items: what is due is shared out in proportion to each person's lines, so discounts, service
    // and tax added fall on each person as their dishes do.
    const lines = bill.lines.map((line) => ({ id: line.itemId, name: line.name, totalMinor: line.totalMinor }));
    return splitByItems(lines, body.shares, bill.dueMinor);
  }

  unsplit(visitId: string): Promise<BillView> {
    return this.context.commands.run((tx) => {
      this.requireOpenVisit(visitId);
      this.store.replaceSplits(visitId, this.context.clock.now().toISOString());
      return this.publishChanged(tx, visitId);
    });
  }

  saveSettings(settings: BillingSettings): Promise<BillingSettings> {
    return this.context.commands.run(() => {
      this.store.saveSettings(settings, this.context.clock.now().toISOString());
      return this.store.settings();
    });
  }

  // ---- seams: closing a visit, TON ----

  /**
   * Inside the floor's close command. A bill with money due is refused unless a manager writes the
   * rest off (with a reason); the bill as it stands is then kept as the visit's settlement.
   */
  settleForClose(tx: CommandTx, visitId: string, writeOff: { reason: string; staff: StaffPrincipal } | null): void {
    const bill = this.requireBill(visitId);
    if (bill.dueMinor > 0) {
      if (!writeOff) throw billNotPaid(bill.tableName, bill.dueMinor, bill.currency);
      if (writeOff.staff.role !== 'manager') throw forbidden('Only a manager can write off what is still due on a bill.');
      this.store.insertWriteOff({
        id: newId(),
        visitId,
        amountMinor: bill.dueMinor,
        reason: writeOff.reason,
        staffId: writeOff.staff.staffId,
        businessDay: this.context.venue.businessDay(),
        createdAt: this.context.clock.now().toISOString(),
      });
    }
    const settled = this.requireBill(visitId);
    // A visit where nothing was ordered or paid leaves no settlement (guests who only browsed).
    if (settled.lines.length === 0 && settled.payments.length === 0) return;
    const now = this.context.clock.now().toISOString();
    const businessDay = this.context.venue.businessDay();
    if (!this.store.insertSettlement(visitId, businessDay, settled.currency, settled, now)) return;
    this.fiscal.settled(tx, settled, businessDay);
    const record: BillSettled = {
      visitId,
      businessDay,
      currency: settled.currency,
      subtotalMinor: settled.subtotalMinor,
      discountMinor: settled.discountMinor,
      serviceChargeMinor: settled.serviceChargeMinor,
      taxMinor: settled.taxMinor,
      taxLines: settled.taxLines.map((line) => ({ rateBp: line.rateBp, netMinor: line.netMinor, taxMinor: line.taxMinor })),
      totalMinor: settled.totalMinor,
      paidMinor: settled.paidMinor,
      tipsMinor: settled.tipsMinor,
      writtenOffMinor: settled.writtenOffMinor,
      settledAt: now,
    };
    this.context.events.publish(tx, 'bill.settled', [rooms.staff], record);
    this.publishChanged(tx, visitId);
  }

  /**
   * Inside a command: charges (part of) a bill to a stay in house, the room-charge tender. On a
   * room-service visit the stay is its own; elsewhere (the bar) the staff name the stay. The folio
   * gets the charge in this same transaction, so the two never disagree.
   */
  chargeToRoomIn(
    tx: CommandTx,
    visitId: string,
    charge: { paymentId: string; bookingId: string | null; amountMinor: number; partId?: string | null; dueMinor?: number },
    staff: StaffPrincipal | null,
  ): Payment {
    const port = this.roomCharges;
    if (!port) throw conflict('no_hotel', 'This venue runs no hotel: there is no room to charge.');
    const bill = this.requireOpenVisit(visitId);
    const dueMinor = charge.dueMinor ?? this.dueFor(bill, charge.partId ?? null);
    const money = moneyIn(bill.currency);
    if (dueMinor === 0) throw new PaymentRefusal('already_paid', 'This bill is already paid in full: nothing is due.', { dueMinor });
    if (charge.amountMinor > dueMinor) {
      throw new PaymentRefusal('more_than_due', `Only ${money(dueMinor)} is due: charge ${money(dueMinor)} to the room.`, { dueMinor, amountMinor: charge.amountMinor });
    }
    const ownStay = port.stayOfVisit(visitId);
    const bookingId = charge.bookingId ?? ownStay;
    if (!bookingId) throw badRequest('booking_required', 'Say which stay to charge (bookingId): this is not a room-service visit.');
    port.postIn(tx, {
      bookingId,
      kind: bookingId === ownStay ? 'room_service' : 'bar',
      description: `${bill.tableName}: bill of ${bill.lines.length} line${bill.lines.length === 1 ? '' : 's'}`,
      amountMinor: charge.amountMinor,
      sourceId: charge.paymentId,
      // A guest in house charges their own room (an eSIM bought from the room's QR).
      staffId: staff?.staffId ?? 'guest',
    });
    const payment = this.store.insertPayment({
      id: charge.paymentId,
      visitId,
      partId: charge.partId ?? null,
      method: 'room',
      amountMinor: charge.amountMinor,
      tipMinor: 0,
      tenderedMinor: null,
      changeMinor: 0,
      last4: null,
      approvalCode: null,
      tonInvoiceId: null,
      currency: bill.currency,
      businessDay: this.context.venue.businessDay(),
      staffId: staff?.staffId ?? null,
      createdAt: this.context.clock.now().toISOString(),
    });
    this.afterPayment(tx, payment, staff);
    return payment;
  }

  dueOf(visitId: string, partId: string | null): { dueMinor: number; currency: string } {
    const bill = this.requireOpenVisit(visitId);
    return { dueMinor: this.dueFor(bill, partId), currency: bill.currency };
  }

  recordTonPayment(tx: CommandTx, ton: { invoiceId: string; visitId: string; partId: string | null; amountMinor: number; tipMinor: number; at: string }): void {
    if (this.store.paymentOfInvoice(ton.invoiceId)) return;
    const bill = this.requireBill(ton.visitId);
    // A transfer that arrives after the bill was settled some other way is still money received: it is
    // recorded (the bill then shows it as owed back) rather than lost.
    const payment = this.store.insertPayment({
      id: newId(),
      visitId: ton.visitId,
      partId: ton.partId,
      method: 'ton',
      amountMinor: ton.amountMinor,
      tipMinor: ton.tipMinor,
      tenderedMinor: null,
      changeMinor: 0,
      last4: null,
      approvalCode: null,
      tonInvoiceId: ton.invoiceId,
      currency: bill.currency,
      businessDay: this.context.venue.businessDay(new Date(ton.at)),
      staffId: null,
      createdAt: ton.at,
    });
    this.afterPayment(tx, payment, null);
  }

  // ---- helpers ----

  private dueFor(bill: BillView, partId: string | null): number {
    if (partId === null) return bill.dueMinor;
    const part = bill.split?.parts.find((candidate) => candidate.id === partId);
    if (!part) throw notFound('This part of the bill');
    if (!bill.split!.current) {
      throw conflict('split_out_of_date', `${bill.tableName}'s bill changed after it was split: split it again, or pay without naming a part.`);
    }
    return part.dueMinor;
  }

  private sameVisit(payment: Payment, visitId: string): Payment {
    if (payment.visitId !== visitId) throw conflict('id_taken', 'This payment id belongs to another bill: make a new id.');
    return payment;
  }

  /** After a payment: tell the room, and close the visit when it is paid in full and the kitchen owes nothing. */
  private afterPayment(tx: CommandTx, payment: Payment, staff: StaffPrincipal | null): void {
    this.context.events.publish(tx, 'payment.recorded', [rooms.staff, rooms.visit(payment.visitId)], payment);
    const bill = this.publishChanged(tx, payment.visitId);
    if (bill.dueMinor === 0) for (const extras of this.extras) extras.paidInFull(tx, payment.visitId);
    const visit = this.restaurant.visits.visit(payment.visitId);
    // A room's visit is its stay's: it stays open for more room service until checkout closes it.
    const roomService = visit ? this.restaurant.visits.table(visit.tableId)?.kind === 'room' : false;
    if (bill.dueMinor === 0 && visit?.status === 'open' && !roomService && this.restaurant.kitchenOwes.openItemsOfVisit(payment.visitId).length === 0) {
      this.restaurant.closing.closeVisitIn(tx, payment.visitId, {}, staff);
    }
  }

  private publishChanged(tx: CommandTx, visitId: string): BillView {
    const bill = this.requireBill(visitId);
    this.context.events.publish(tx, 'bill.changed', [rooms.staff, rooms.visit(visitId)], {
      visitId,
      currency: bill.currency,
      status: bill.status,
      totalMinor: bill.totalMinor,
      paidMinor: bill.paidMinor,
      dueMinor: bill.dueMinor,
    });
    return bill;
  }
}
