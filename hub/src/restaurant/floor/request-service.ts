import type Database from 'better-sqlite3';
import type { GuestRequest, PendingRequest, RequestKind } from '@onemoment/shared/schemas/floor';
import { newId } from '@onemoment/shared/ids';
import type { GuestPrincipal } from '../../sessions/session-lookup.ts';
import type { HubContext } from '../../context.ts';
import { conflict, notFound } from '../../errors.ts';
import { rooms } from '../../events/event-log.ts';
import type { VisitStore } from './visits.ts';

interface RequestRow {
  id: string;
  kind: RequestKind;
  createdAt: string;
  acknowledgedAt: string | null;
  visitId: string;
  tableId: string;
  tableName: string;
}

/** "Call the waiter" and "the bill, please": one pending call of each kind per visit. */
export class RequestService {
  private readonly pendingOfKind: Database.Statement;
  private readonly insertRequest: Database.Statement;
  private readonly requestById: Database.Statement;
  private readonly acknowledgeRow: Database.Statement;

  constructor(
    private readonly context: HubContext,
    private readonly visits: VisitStore,
  ) {
    const sqlite = context.store.sqlite;
    this.pendingOfKind = sqlite.prepare(
      `SELECT id, kind, created_at AS createdAt FROM guest_requests
        WHERE visit_id = ? AND kind = ? AND acknowledged_at IS NULL
        ORDER BY created_at LIMIT 1`,
    );
    this.insertRequest = sqlite.prepare(
      'INSERT INTO guest_requests (id, visit_id, table_id, kind, created_at, acknowledged_at, acknowledged_by) VALUES (?, ?, ?, ?, ?, NULL, NULL)',
    );
    // The table is the visit's current one: a party that moved is called at the table it sits at.
    this.requestById = sqlite.prepare(
      `SELECT r.id, r.kind, r.created_at AS createdAt, r.acknowledged_at AS acknowledgedAt, r.visit_id AS visitId,
              v.table_id AS tableId, t.name AS tableName
         FROM guest_requests r JOIN visits v ON v.id = r.visit_id JOIN dining_tables t ON t.id = v.table_id
        WHERE r.id = ?`,
    );
    this.acknowledgeRow = sqlite.prepare(
      'UPDATE guest_requests SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL',
    );
  }

  /**
   * A guest calls. Pressing the button again while the first call is pending returns that call
   * (created: false) instead of ringing twice.
   */
  create(guest: GuestPrincipal, kind: RequestKind): Promise<{ request: PendingRequest; created: boolean }> {
    return this.context.commands.run((tx) => {
      const visit = this.visits.visit(guest.visitId);
      if (!visit || visit.status !== 'open') throw conflict('visit_not_open', 'Your visit has ended: scan the table QR code again.');
      const pending = this.pendingOfKind.get(visit.id, kind) as PendingRequest | undefined;
      if (pending) return { request: pending, created: false };
      const request: GuestRequest = {
        id: newId(),
        kind,
        createdAt: this.context.clock.now().toISOString(),
        acknowledgedAt: null,
        visitId: visit.id,
        tableId: visit.tableId,
        tableName: visit.tableName,
      };
      this.insertRequest.run(request.id, visit.id, visit.tableId, kind, request.createdAt);
      this.context.events.publish(tx, 'request.created', [rooms.staff], request);
      return { request: { id: request.id, kind, createdAt: request.createdAt }, created: true };
    });
  }

  /** A waiter has seen the call. Acknowledging twice (two waiters, one tap retried) is not an error. */
  acknowledge(requestId: string, staffId: string): Promise<GuestRequest> {
    return this.context.commands.run((tx) => {
      const request = this.requestById.get(requestId) as RequestRow | undefined;
      if (!request) throw notFound('This request');
      if (request.acknowledgedAt) return request;
      const acknowledged: GuestRequest = { ...request, acknowledgedAt: this.context.clock.now().toISOString() };
      this.acknowledgeRow.run(acknowledged.acknowledgedAt, staffId, requestId);
      // The visit's room too, so the guest page can say the waiter is on the way.
      this.context.events.publish(tx, 'request.acknowledged', [rooms.staff, rooms.visit(request.visitId)], acknowledged);
      return acknowledged;
    });
  }
}
