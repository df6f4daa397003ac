import type Database from 'better-sqlite3';
import type { OrderStatus } from '@onemoment/shared/restaurant/order-lifecycle';
import type { PendingRequest, RequestKind, Table, TablesResponse } from '@onemoment/shared/schemas/floor';
import type { HubContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { rooms } from '../../events/event-log.ts';
import { newTableCode } from '../../venue/demo-seed.ts';
import { NOT_COUNTED, tableState } from './table-state.ts';
import { isUniqueViolation } from '../../db/sqlite-errors.ts';
import type { TableRow, VisitStore } from './visits.ts';

interface TableWithVisitRow extends TableRow {
  visitId: string | null;
  openedAt: string | null;
  openedBy: string | null;
}

interface OrderCountRow {
  visitId: string;
  status: OrderStatus;
  count: number;
  totalMinor: number;
}

interface PendingRequestRow extends PendingRequest {
  visitId: string;
}

/** The floor plan (tables with their state) and the tables' QR codes. */
export class TableService {
  private readonly tablesWithVisits: Database.Statement;
  private readonly ordersOfOpenVisits: Database.Statement;
  private readonly pendingOfOpenVisits: Database.Statement;
  private readonly allTables: Database.Statement;
  private readonly updateCode: Database.Statement;

  constructor(
    private readonly context: HubContext,
    private readonly visits: VisitStore,
  ) {
    const sqlite = context.store.sqlite;
    this.tablesWithVisits = sqlite.prepare(
      `SELECT t.id, t.name, t.code, t.seats, v.id AS visitId, v.opened_at AS openedAt, v.opened_by AS openedBy
         FROM dining_tables t LEFT JOIN visits v ON v.table_id = t.id AND v.status = 'open'
        WHERE t.kind = 'table'
        ORDER BY t.position, t.id`,
    );
    this.ordersOfOpenVisits = sqlite.prepare(
      // An item cancelled or voided on its own no longer counts towards what the table owes.
      `SELECT o.visit_id AS visitId, o.status, COUNT(*) AS count,
              COALESCE(SUM((SELECT SUM(i.total_minor) FROM order_items i WHERE i.order_id = o.id AND i.status NOT IN ('cancelled', 'voided'))), 0) AS totalMinor
         FROM visits v JOIN orders o ON o.visit_id = v.id
        WHERE v.status = 'open'
        GROUP BY o.visit_id, o.status`,
    );
    this.pendingOfOpenVisits = sqlite.prepare(
      `SELECT r.id, r.kind, r.created_at AS createdAt, r.visit_id AS visitId
         FROM visits v JOIN guest_requests r ON r.visit_id = v.id
        WHERE v.status = 'open' AND r.acknowledged_at IS NULL
        ORDER BY r.created_at, r.id`,
    );
    this.allTables = sqlite.prepare('SELECT id, name, code, seats, kind FROM dining_tables WHERE kind = ? ORDER BY position, id');
    this.updateCode = sqlite.prepare('UPDATE dining_tables SET code = ? WHERE id = ?');
  }

  /**
   * Every table with its state. All reads run in one synchronous step, so no command can commit in
   * between: `latestSeq` is exactly the state the rows show.
   */
  list(): TablesResponse {
    const latestSeq = this.context.events.latestSeq();
    const orders = new Map<string, OrderCountRow[]>();
    for (const row of this.ordersOfOpenVisits.all() as OrderCountRow[]) {
      orders.set(row.visitId, [...(orders.get(row.visitId) ?? []), row]);
    }
    const requests = new Map<string, PendingRequest[]>();
    for (const { visitId, ...request } of this.pendingOfOpenVisits.all() as PendingRequestRow[]) {
      requests.set(visitId, [...(requests.get(visitId) ?? []), request]);
    }
    const tables = (this.tablesWithVisits.all() as TableWithVisitRow[]).map((row): Table => {
      const visitOrders = row.visitId ? (orders.get(row.visitId) ?? []) : [];
      const pending = row.visitId ? (requests.get(row.visitId) ?? []) : [];
      const counted = visitOrders.filter((o) => !NOT_COUNTED.includes(o.status));
      const state = tableState({
        hasOpenVisit: row.visitId !== null,
        openedByGuest: row.openedBy === 'guest',
        orderStatuses: visitOrders.map((o) => o.status),
        pendingRequestKinds: pending.map((r) => r.kind as RequestKind),
      });
      return {
        id: row.id,
        name: row.name,
        code: row.code,
        seats: row.seats,
        state,
        visit:
          row.visitId && row.openedAt
            ? {
                id: row.visitId,
                openedAt: row.openedAt,
                ordersCount: counted.reduce((sum, o) => sum + o.count, 0),
                totalMinor: counted.reduce((sum, o) => sum + o.totalMinor, 0),
              }
            : null,
        pendingRequests: pending,
      };
    });
    return { tables, latestSeq };
  }

  /** The dining tables, or the hotel rooms' room-service tables. */
  tables(kind: TableRow['kind'] = 'table'): TableRow[] {
    return this.allTables.all(kind) as TableRow[];
  }

  table(tableId: string): TableRow {
    const table = this.visits.table(tableId);
    if (!table) throw notFound(`Table "${tableId}"`);
    return table;
  }

  /** A new QR code for the table: links with the old code stop working; guests already seated stay. */
  rotateCode(tableId: string): Promise<{ code: string }> {
    return this.context.commands.run((tx) => {
      const table = this.table(tableId);
      let code = newTableCode();
      for (let attempt = 1; ; attempt++) {
        try {
          this.updateCode.run(code, table.id);
          break;
        } catch (error) {
          // 10 characters from 31 make a clash all but impossible; should one happen, draw again.
          if (!isUniqueViolation(error) || attempt >= 3) throw error;
          code = newTableCode();
        }
      }
      this.context.events.publish(tx, 'table.changed', [rooms.staff], { tableId: table.id, tableName: table.name, code });
      return { code };
    });
  }

  /** The link a table's QR code holds. */
  tableLink(table: TableRow): string {
    return `${this.context.publicUrl()}/t/${encodeURIComponent(table.code)}`;
  }
}
