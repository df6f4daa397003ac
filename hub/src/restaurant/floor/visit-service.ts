import type Database from 'better-sqlite3';
import type { CloseVisitBody, GuestCall, GuestVisit, JoinVisitResponse, OpenItem, OpenItemChoice, Visit, VisitMoved } from '@onemoment/shared/schemas/floor';
import type { CommandTx } from '../../db/command-runner.ts';
import type { GuestPrincipal, StaffPrincipal } from '../../sessions/session-lookup.ts';
import { hashToken, newToken } from '../../sessions/tokens.ts';
import type { HubContext } from '../../context.ts';
import { badRequest, conflict, forbidden, HubError, notFound } from '../../errors.ts';
import { cleanText } from '../orders/order-text.ts';
import { rooms } from '../../events/event-log.ts';
import { isUniqueViolation } from '../../db/sqlite-errors.ts';
import { JoinLimiter } from './join-limiter.ts';
import type { TableRow, VisitStore } from './visits.ts';

/** Unknown codes one client may try per minute before it has to wait. */
const JOIN_FAILURES_PER_MINUTE = 20;

export const tableNotFound = () =>
  new HubError(404, 'table_not_found', 'This QR code is no longer valid: ask a waiter for a new one.');

/**
 * The orders' side of closing a visit: which items the kitchen still owes, and settling them as staff
 * chose. The orders module owns those rows; the floor only asks, inside its close command.
 */
export interface OpenItemsOfVisits {
  openItemsOfVisit(visitId: string): OpenItem[];
  settleOpenItems(tx: CommandTx, visitId: string, choice: OpenItemChoice, outcome: { reason: string | null; guestMessage: string | null }): void;
}

/**
 * The bill's side of closing a visit (the payments module, when it runs): inside the close command, it
 * refuses while money is due (unless a manager writes the rest off) and records the settled bill.
 */
export interface VisitBills {
  settleForClose(tx: CommandTx, visitId: string, writeOff: { reason: string; staff: StaffPrincipal } | null): void;
}

/** Opening, closing and moving visits (staff), and joining a table's visit from its QR code (guests). */
export class VisitService {
  private readonly lastClosedAt: Database.Statement;
  private readonly seatBrowsingVisit: Database.Statement;
  private readonly callsOfVisit: Database.Statement;
  private readonly tableByCode: Database.Statement;
  private readonly closeVisitRow: Database.Statement;
  private readonly revokeSessions: Database.Statement;
  private readonly insertSession: Database.Statement;
  private readonly moveVisitRow: Database.Statement;
  private readonly moveRequests: Database.Statement;
  private bills: VisitBills | null = null;
  private readonly limiter = new JoinLimiter({ maxFailures: JOIN_FAILURES_PER_MINUTE, windowMs: 60_000 });

  constructor(
    private readonly context: HubContext,
    private readonly visits: VisitStore,
    private readonly openItems: OpenItemsOfVisits,
  ) {
    const sqlite = context.store.sqlite;
    this.lastClosedAt = sqlite.prepare("SELECT MAX(closed_at) FROM visits WHERE table_id = ? AND status = 'closed'").pluck();
    // A visit a guest opened by scanning, which a waiter now seats: it is the party's visit from here on.
    this.seatBrowsingVisit = sqlite.prepare("UPDATE visits SET opened_by = ? WHERE id = ? AND status = 'open' AND opened_by = 'guest'");
    this.callsOfVisit = sqlite.prepare(
      'SELECT id, kind, created_at AS createdAt, acknowledged_at AS acknowledgedAt FROM guest_requests WHERE visit_id = ? ORDER BY created_at DESC, id DESC',
    );
    this.tableByCode = sqlite.prepare('SELECT id, name, code, seats, kind FROM dining_tables WHERE code = ?');
    this.closeVisitRow = sqlite.prepare("UPDATE visits SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'");
    this.revokeSessions = sqlite.prepare('UPDATE guest_sessions SET revoked_at = ? WHERE visit_id = ? AND revoked_at IS NULL');
    this.insertSession = sqlite.prepare(
      'INSERT INTO guest_sessions (token_hash, visit_id, created_at, last_seen_at, revoked_at) VALUES (?, ?, ?, ?, NULL)',
    );
    this.moveVisitRow = sqlite.prepare("UPDATE visits SET table_id = ? WHERE id = ? AND status = 'open'");
    // The party's calls follow it (its orders follow visit.moved in the orders module), so tickets and
    // the floor plan name the table they are at now.
    this.moveRequests = sqlite.prepare('UPDATE guest_requests SET table_id = ? WHERE visit_id = ?');
  }

  private table(tableId: string): TableRow {
    const table = this.visits.table(tableId);
    if (!table) throw notFound(`Table "${tableId}"`);
    return table;
  }

  private visit(visitId: string): Visit {
    const visit = this.visits.visit(visitId);
    if (!visit) throw notFound('This visit');
    return visit;
  }

  /**
   * Seats a party. A table where a guest only opened the menu by its QR code ("browsing") is seated in
   * that same visit, so the guests' phones keep working; any other open visit is a conflict.
   */
  openVisit(tableId: string, staffId: string): Promise<{ visit: Visit; created: boolean }> {
    return this.context.commands.run((tx) => {
      const table = this.table(tableId);
      if (table.kind === 'room') throw conflict('room_service_table', `${table.name} is a room: its room service opens when the guest checks in at the front desk.`);
      const existing = this.visits.openVisitOf(tableId);
      if (existing && this.seatBrowsingVisit.run(staffId, existing.id).changes === 1) {
        const seated = this.visit(existing.id);
        this.context.events.publish(tx, 'visit.opened', [rooms.staff], seated);
        return { visit: seated, created: false };
      }
      const opened = this.visits.open(tx, tableId, staffId);
      return { visit: this.visit(opened.id), created: true };
    });
  }

  /** The payments module hands its bills over when it loads (it loads after the restaurant). */
  useBills(bills: VisitBills): void {
    this.bills = bills;
  }

  /**
   * Closes the visit and ends its guests' sessions. Items the kitchen still owes are never left behind
   * silently: without a choice (cancel them, or mark them served) the close is refused with the list;
   * nor is money: with the payments module, a bill with money due is refused unless a manager writes
   * the rest off. Closing a closed visit changes nothing (a retried tap).
   */
  closeVisit(visitId: string, body: CloseVisitBody = {}, staff: StaffPrincipal | null = null): Promise<Visit> {
    return this.context.commands.run((tx) => this.closeVisitIn(tx, visitId, body, staff));
  }

  /**
   * Closes a visit inside a running command: the bill's last payment closes it in its own transaction.
   * Open items are settled first (cancelled items leave the bill), then the bill must be settled.
   */
  closeVisitIn(tx: CommandTx, visitId: string, body: CloseVisitBody, staff: StaffPrincipal | null): Visit {
    const visit = this.visit(visitId);
    if (visit.status === 'closed') return visit;
    const open = this.openItems.openItemsOfVisit(visitId);
    if (open.length > 0) {
      if (!body.openItems) {
        const count = open.reduce((sum, item) => sum + item.quantity, 0);
        throw conflict(
          'visit_has_open_items',
          `${visit.tableName} still has ${count} item${count === 1 ? '' : 's'} not served: cancel them, mark them served, or keep the visit open.`,
          { openItems: open },
        );
      }
      const reason = cleanText(body.reason);
      if (body.openItems === 'cancel' && !reason) throw badRequest('reason_required', 'Say why the items still coming are cancelled.');
      this.openItems.settleOpenItems(tx, visitId, body.openItems, { reason, guestMessage: cleanText(body.guestMessage) });
    }
    const writeOffReason = cleanText(body.writeOffReason);
    if (writeOffReason && staff?.role !== 'manager') throw forbidden('Only a manager can write off what is still due on a bill.');
    this.bills?.settleForClose(tx, visitId, writeOffReason && staff ? { reason: writeOffReason, staff } : null);
    const now = this.context.clock.now().toISOString();
    this.closeVisitRow.run(now, visitId);
    this.revokeSessions.run(now, visitId);
    const closed: Visit = { ...visit, status: 'closed', closedAt: now };
    // The visit's room too: the guest page learns its visit has ended, and then its sockets close.
    this.context.events.publish(tx, 'visit.closed', [rooms.staff, rooms.visit(visitId)], closed);
    this.context.sessions.endedIn(tx, { visitId });
    return closed;
  }

  moveVisit(visitId: string, targetTableId: string): Promise<Visit> {
    return this.context.commands.run((tx) => {
      const visit = this.visit(visitId);
      if (visit.status !== 'open') throw conflict('visit_not_open', 'This visit is closed; open a new visit at the table instead.');
      const target = this.table(targetTableId);
      if (target.id === visit.tableId) return visit;
      const occupied = () => conflict('table_occupied', `${target.name} already has guests: close or move their visit first.`);
      if (this.visits.openVisitOf(target.id)) throw occupied();
      try {
        this.moveVisitRow.run(target.id, visitId);
      } catch (error) {
        if (isUniqueViolation(error)) throw occupied();
        throw error;
      }
      this.moveRequests.run(target.id, visitId);
      const moved: VisitMoved = { ...visit, tableId: target.id, tableName: target.name, fromTableId: visit.tableId, fromTableName: visit.tableName };
      this.context.events.publish(tx, 'visit.moved', [rooms.staff, rooms.visit(visitId)], moved);
      const { fromTableId: _from, fromTableName: _fromName, ...atNewTable } = moved;
      return atNewTable;
    });
  }

  /**
   * A guest scanned a table's QR code. Joins the table's open visit, or opens one when the venue lets
   * guests do that (VISIT_POLICY=auto). The token is returned once; only its hash is kept.
   */
  async joinVisit(tableCode: string, client: string): Promise<JoinVisitResponse> {
    const nowMs = this.context.clock.now().getTime();
    if (!this.limiter.allows(client, nowMs)) {
      const wait = this.limiter.retryAfterSeconds(client, nowMs);
      throw new HubError(429, 'too_many_attempts', `Too many unknown table codes from this device: try again in ${wait} seconds.`, {
        retryAfterSeconds: wait,
      });
    }
    if (!this.tableByCode.get(tableCode)) {
      this.limiter.recordFailure(client, nowMs);
      throw tableNotFound();
    }
    return this.context.commands.run((tx) => {
      // Read again inside the command: the code may have been rotated in the meantime.
      const table = this.tableByCode.get(tableCode) as TableRow | undefined;
      if (!table) throw tableNotFound();
      let visit = this.visits.openVisitOf(table.id);
      if (!visit) {
        // A room's visit is its stay's: the hotel opens it at check-in and closes it at checkout.
        if (table.kind === 'room') {
          throw conflict('room_not_in_house', `Room service for ${table.name} opens once you have checked in: ask the front desk.`);
        }
        if (this.context.config.visitPolicy !== 'auto') {
          throw conflict('visit_not_open', `${table.name} is not open for orders yet: ask a waiter to open it for you.`);
        }
        // A table staff closed a moment ago is more likely the last party's phone than a new party:
        // reopening it by itself would put it back to "waiting for food" behind the staff's back.
        if (this.closedRecently(table.id)) {
          throw conflict('visit_recently_closed', `Staff closed ${table.name} a few minutes ago: ask a waiter to open it again for you.`);
        }
        visit = this.visits.open(tx, table.id, 'guest');
      }
      const now = this.context.clock.now();
      const token = newToken();
      this.insertSession.run(hashToken(token), visit.id, now.toISOString(), now.toISOString());
      const expiresAt = new Date(now.getTime() + this.context.config.guestTokenIdleMs).toISOString();
      return { token, visitId: visit.id, tableId: table.id, tableName: table.name, expiresAt };
    });
  }

  private closedRecently(tableId: string): boolean {
    const grace = this.context.config.visitReopenGraceMs;
    const closedAt = this.lastClosedAt.get(tableId) as string | null;
    if (grace === 0 || !closedAt) return false;
    return this.context.clock.now().getTime() - Date.parse(closedAt) < grace;
  }

  /** The guest's calls for the waiter or the bill, and whether staff have seen them. */
  guestCalls(guest: GuestPrincipal): GuestCall[] {
    return this.callsOfVisit.all(guest.visitId) as GuestCall[];
  }

  guestVisit(guest: GuestPrincipal): GuestVisit {
    const visit = this.visits.visit(guest.visitId);
    // The guard admitted the token a moment ago, so its visit exists; a race with closing reads as ended.
    if (!visit) throw notFound('This visit');
    return { visitId: visit.id, tableId: visit.tableId, tableName: visit.tableName, status: visit.status };
  }
}
