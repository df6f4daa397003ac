import type Database from 'better-sqlite3';
import { formatMoney } from '@onemoment/shared/money';
import { nightsOf } from '@onemoment/shared/hotel/stay-dates';
import type { Folio, FolioChargeKind, FolioPaymentBody } from '@onemoment/shared/schemas/hotel';
import { newId } from '@onemoment/shared/ids';
import type { HubContext } from '../context.ts';
import type { CommandTx } from '../db/command-runner.ts';
import { conflict, notFound } from '../errors.ts';
import type { LoadedModules } from '../modules/hub-module.ts';
import { applyPayment } from '../payments/tender-rules.ts';
import type { StaffPrincipal } from '../sessions/session-lookup.ts';
import type { BookingRow, BookingService, StayHooks } from './booking-service.ts';
import type { Inventory } from './inventory.ts';

/**
 * VAT on a night's stay: accommodation's reduced rate where the demo venue is (Germany, 7 %). A
 * venue elsewhere changes it here until rate plans carry their own.
 */
export const NIGHT_TAX_RATE_BP = 700;

type FolioCharge = Folio['charges'][number];
type FolioPayment = Folio['payments'][number];

/** A charge posted to a stay by another module (a bar bill charged to the room). */
export interface RoomCharge {
  bookingId: string;
  kind: Extract<FolioChargeKind, 'room_service' | 'bar'>;
  description: string;
  amountMinor: number;
  /** What made it (a payment id): posting it twice adds nothing. */
  sourceId: string;
  staffId: string;
}

/**
 * A stay's folio: the nights (posted at check-in), room service and bar bills charged to the room,
 * extras, and the payments against it. Also the stay's hooks: check-in posts the nights and opens
 * room service; checkout refuses while money is due, then charges room service and closes its visit.
 */
export class FolioService implements StayHooks {
  private readonly sql;

  constructor(
    private readonly context: HubContext,
    private readonly bookings: BookingService,
    private readonly inventory: Inventory,
    private readonly modules: LoadedModules,
  ) {
    const db: Database.Database = context.store.sqlite;
    this.sql = {
      charges: db.prepare(
        `SELECT id, kind, description, amount_minor AS amountMinor, tax_rate_bp AS taxRateBp, night, created_at AS createdAt
           FROM folio_charges WHERE booking_id = ? AND voided_at IS NULL ORDER BY created_at, night, id`,
      ),
      payments: db.prepare(
        `SELECT id, booking_id AS bookingId, method, amount_minor AS amountMinor, tendered_minor AS tenderedMinor, change_minor AS changeMinor,
                card_last4 AS last4, approval_code AS approvalCode, created_at AS createdAt
           FROM folio_payments WHERE booking_id = ? ORDER BY created_at, id`,
      ),
      payment: db.prepare(
        `SELECT id, booking_id AS bookingId, method, amount_minor AS amountMinor, tendered_minor AS tenderedMinor, change_minor AS changeMinor,
                card_last4 AS last4, approval_code AS approvalCode, created_at AS createdAt
           FROM folio_payments WHERE id = ?`,
      ),
      chargeBySource: db.prepare('SELECT id FROM folio_charges WHERE booking_id = ? AND kind = ? AND source_id = ?').pluck(),
      chargeById: db.prepare(
        `SELECT id, booking_id AS bookingId, kind, description, amount_minor AS amountMinor, tax_rate_bp AS taxRateBp, night, created_at AS createdAt
           FROM folio_charges WHERE id = ?`,
      ),
      insertCharge: db.prepare(
        `INSERT INTO folio_charges (id, booking_id, kind, description, amount_minor, tax_rate_bp, source_id, night, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertPayment: db.prepare(
        `INSERT INTO folio_payments (id, booking_id, method, amount_minor, tendered_minor, change_minor, card_last4, approval_code, staff_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      inHouseOfVisit: db.prepare("SELECT id FROM bookings WHERE visit_id = ? AND status = 'checked_in'").pluck(),
    };
  }

  folio(bookingId: string): Folio | null {
    const booking = this.bookings.row(bookingId);
    return booking ? this.folioOf(booking) : null;
  }

  private folioOf(booking: BookingRow): Folio {
    const charges = this.sql.charges.all(booking.id) as FolioCharge[];
    const payments = (this.sql.payments.all(booking.id) as Array<FolioPayment & { bookingId: string }>).map(({ bookingId: _, ...payment }) => payment);
    const openRoomServiceMinor = this.openRoomService(booking);
    const totalMinor = charges.reduce((sum, c) => sum + c.amountMinor, 0) + openRoomServiceMinor;
    const paidMinor = payments.reduce((sum, p) => sum + p.amountMinor, 0);
    return { bookingId: booking.id, currency: booking.currency, charges, payments, openRoomServiceMinor, totalMinor, paidMinor, dueMinor: Math.max(0, totalMinor - paidMinor) };
  }

  /** What the stay's room-service visit still owes (charged to the folio at checkout). */
  private openRoomService(booking: BookingRow): number {
    const bills = this.modules.payments?.bills;
    if (!booking.visitId || !bills) return 0;
    const visit = this.modules.restaurant?.visits.visit(booking.visitId);
    if (visit?.status !== 'open') return 0;
    return bills.bill(booking.visitId)?.dueMinor ?? 0;
  }

  private requireFolio(bookingId: string): { booking: BookingRow; folio: Folio } {
    const booking = this.bookings.row(bookingId);
    if (!booking) throw notFound('This booking');
    return { booking, folio: this.folioOf(booking) };
  }

  pay(bookingId: string, body: FolioPaymentBody, staff: StaffPrincipal): Promise<{ payment: FolioPayment; created: boolean }> {
    return this.context.commands.run(() => {
      const existing = this.sql.payment.get(body.id) as (FolioPayment & { bookingId: string }) | undefined;
      if (existing) {
        if (existing.bookingId !== bookingId) throw conflict('id_taken', 'This payment id belongs to another folio: make a new id.');
        const { bookingId: _, ...payment } = existing;
        return { payment, created: false };
      }
      const { booking, folio } = this.requireFolio(bookingId);
      if (booking.status === 'cancelled' || booking.status === 'no_show') throw conflict('invalid_transition', 'This booking was cancelled: its folio takes no payments.');
      const money = (minor: number) => formatMoney(minor, folio.currency);
      const applied = applyPayment(folio.dueMinor, body.method === 'cash' ? { method: 'cash', amountMinor: body.amountMinor, tenderedMinor: body.tenderedMinor } : { method: 'card', amountMinor: body.amountMinor, last4: body.last4, approvalCode: body.approvalCode }, money);
      const payment: FolioPayment = {
        id: body.id,
        method: applied.method,
        amountMinor: applied.amountMinor,
        tenderedMinor: body.method === 'cash' ? (body.tenderedMinor ?? applied.amountMinor) : null,
        changeMinor: body.method === 'cash' ? applied.changeMinor : null,
        last4: applied.last4,
        approvalCode: applied.approvalCode,
        createdAt: this.context.clock.now().toISOString(),
      };
      this.sql.insertPayment.run(payment.id, bookingId, payment.method, payment.amountMinor, payment.tenderedMinor, payment.changeMinor, payment.last4, payment.approvalCode, staff.staffId, payment.createdAt);
      return { payment, created: true };
    });
  }

  /** A bar or extra charge posted by the desk, while the guest is in house. */
  charge(bookingId: string, body: { id: string; kind: 'bar' | 'extra'; description: string; amountMinor: number; taxRateBp?: number }, staff: StaffPrincipal): Promise<{ charge: FolioCharge; created: boolean }> {
    return this.context.commands.run(() => {
      const existing = this.sql.chargeById.get(body.id) as (FolioCharge & { bookingId: string }) | undefined;
      if (existing) {
        if (existing.bookingId !== bookingId) throw conflict('id_taken', 'This charge id belongs to another folio: make a new id.');
        const { bookingId: _, ...charge } = existing;
        return { charge, created: false };
      }
      const booking = this.bookings.row(bookingId);
      if (!booking) throw notFound('This booking');
      if (booking.status !== 'checked_in') throw conflict('not_in_house', 'Charges are posted while the guest is in house.');
      const now = this.context.clock.now().toISOString();
      this.sql.insertCharge.run(body.id, bookingId, body.kind, body.description, body.amountMinor, body.taxRateBp ?? 0, body.id, null, staff.staffId, now);
      return { charge: { id: body.id, kind: body.kind, description: body.description, amountMinor: body.amountMinor, taxRateBp: body.taxRateBp ?? 0, night: null, createdAt: now }, created: true };
    });
  }

  /**
   * Inside a command: posts a charge from another module (the room-charge tender). The stay must be
   * in house. Returns false when this source was already posted.
   */
  postRoomChargeIn(_tx: CommandTx, charge: RoomCharge): boolean {
    const booking = this.bookings.row(charge.bookingId);
    if (!booking) throw notFound('This booking');
    if (booking.status !== 'checked_in') throw conflict('not_in_house', `${booking.guestName} is not in house: only a stay that has checked in can be charged.`);
    if (this.sql.chargeBySource.get(booking.id, charge.kind, charge.sourceId)) return false;
    this.sql.insertCharge.run(newId(), booking.id, charge.kind, charge.description, charge.amountMinor, 0, charge.sourceId, null, charge.staffId, this.context.clock.now().toISOString());
    return true;
  }

  /** The stay in house whose room-service visit this is, if any. */
  stayOfVisit(visitId: string): string | null {
    return (this.sql.inHouseOfVisit.get(visitId) as string | undefined) ?? null;
  }

  // ---- the stay's hooks ----

  checkedIn(tx: CommandTx, booking: BookingRow, staff: StaffPrincipal): void {
    const prices = JSON.parse(booking.nightPrices) as number[];
    const now = this.context.clock.now().toISOString();
    nightsOf(booking.arrival, booking.departure).forEach((night, i) => {
      if (this.sql.chargeBySource.get(booking.id, 'night', night)) return;
      this.sql.insertCharge.run(newId(), booking.id, 'night', `Night of ${night}`, prices[i] ?? 0, NIGHT_TAX_RATE_BP, night, night, staff.staffId, now);
    });
    this.openRoomServiceIn(tx, booking, staff);
  }

  /** With a kitchen, the room's QR now opens room service: the stay's visit at the room's table. */
  private openRoomServiceIn(tx: CommandTx, booking: BookingRow, staff: StaffPrincipal): void {
    const restaurant = this.modules.restaurant;
    if (!restaurant || !booking.roomId) return;
    const room = this.inventory.roomRow(booking.roomId)!;
    const type = this.inventory.roomType(room.roomTypeId)!;
    const tableId = room.tableId ?? restaurant.roomTables.ensure(room.id, room.number, type.capacity);
    if (!room.tableId) this.inventory.setTableOf(room.id, tableId);
    const open = restaurant.visits.openVisitOf(tableId);
    // A visit left open by the room's last stay is that stay's: it was closed at its checkout unless
    // the hotel ran without the restaurant then. Start this stay's own.
    const visit = open ?? restaurant.visits.open(tx, tableId, staff.staffId);
    this.bookings.setVisitIn(booking.id, visit.id);
  }

  checkingOut(tx: CommandTx, booking: BookingRow, staff: StaffPrincipal): void {
    const folio = this.folioOf(booking);
    if (folio.dueMinor > 0) {
      throw conflict('folio_not_paid', `${formatMoney(folio.dueMinor, folio.currency)} is still due on this folio: take the payment, then check out.`, { dueMinor: folio.dueMinor });
    }
    const restaurant = this.modules.restaurant;
    if (!booking.visitId || !restaurant || restaurant.visits.visit(booking.visitId)?.status !== 'open') return;
    const owed = restaurant.kitchenOwes.openItemsOfVisit(booking.visitId);
    if (owed.length > 0) {
      throw conflict('room_service_open', `Room service is still being prepared (${owed.map((i) => `${i.quantity}× ${i.name}`).join(', ')}): serve or cancel it, then check out.`);
    }
    const bills = this.modules.payments?.bills;
    if (bills && folio.openRoomServiceMinor > 0) {
      bills.chargeToRoomIn(tx, booking.visitId, { paymentId: newId(), bookingId: booking.id, amountMinor: folio.openRoomServiceMinor }, staff);
    }
    restaurant.closing.closeVisitIn(tx, booking.visitId, {}, staff);
  }
}
