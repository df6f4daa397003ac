import type Database from 'better-sqlite3';
import type { Visit } from '@onemoment/shared/schemas/floor';
import { newId } from '@onemoment/shared/ids';
import type { Clock } from '../../clock.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import { isUniqueViolation } from '../../db/sqlite-errors.ts';
import { conflict, notFound } from '../../errors.ts';
import { rooms, type EventLog } from '../../events/event-log.ts';

export interface OpenVisit {
  id: string;
  tableId: string;
  openedAt: string;
}

export interface TableRow {
  id: string;
  name: string;
  code: string;
  seats: number;
  /** 'room': a hotel room's room-service table, open only while a stay is in house. */
  kind: 'table' | 'room';
}

interface VisitRow {
  id: string;
  tableId: string;
  tableName: string;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
}

/**
 * Tables and visits as the rest of the restaurant reads them, and the one place a visit is opened
 * (the floor owns `dining_tables` and `visits`; the orders module asks here when a waiter orders for
 * an empty table, inside its own command). Built once per hub.
 */
export class VisitStore {
  private readonly sql: {
    tableById: Database.Statement;
    openVisitOfTable: Database.Statement;
    insertVisit: Database.Statement;
    visitById: Database.Statement;
    openVisits: Database.Statement;
  };

  constructor(
    sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly events: EventLog,
  ) {
    this.sql = {
      tableById: sqlite.prepare('SELECT id, name, code, seats, kind FROM dining_tables WHERE id = ?'),
      openVisitOfTable: sqlite.prepare("SELECT id, table_id AS tableId, opened_at AS openedAt FROM visits WHERE table_id = ? AND status = 'open'"),
      insertVisit: sqlite.prepare("INSERT INTO visits (id, table_id, status, opened_at, opened_by, closed_at) VALUES (?, ?, 'open', ?, ?, NULL)"),
      openVisits: sqlite.prepare(
        `SELECT v.id, v.table_id AS tableId, t.name AS tableName, v.status, v.opened_at AS openedAt, v.closed_at AS closedAt
           FROM visits v JOIN dining_tables t ON t.id = v.table_id WHERE v.status = 'open' AND t.kind = ? ORDER BY t.position`,
      ),
      visitById: sqlite.prepare(
        `SELECT v.id, v.table_id AS tableId, t.name AS tableName, v.status, v.opened_at AS openedAt, v.closed_at AS closedAt
           FROM visits v JOIN dining_tables t ON t.id = v.table_id
          WHERE v.id = ?`,
      ),
    };
  }

  table(tableId: string): TableRow | null {
    return (this.sql.tableById.get(tableId) as TableRow | undefined) ?? null;
  }

  openVisitOf(tableId: string): OpenVisit | null {
    return (this.sql.openVisitOfTable.get(tableId) as OpenVisit | undefined) ?? null;
  }

  /** A visit with its table's name, as staff actions return it and visit events carry it. */
  /** Every open visit, in the floor's table order (the day's close lists them with what they owe). */
  /** Open visits at dining tables, or at rooms (room service stays open for its stay, settled at checkout). */
  openVisits(kind: TableRow['kind'] = 'table'): Visit[] {
    return this.sql.openVisits.all(kind) as Visit[];
  }

  visit(visitId: string): Visit | null {
    return (this.sql.visitById.get(visitId) as VisitRow | undefined) ?? null;
  }

  /**
   * Opens a visit at a table and announces it (visit.opened, to staff). Runs inside the caller's
   * command, so a later refusal in that command takes the visit back with it.
   */
  open(tx: CommandTx, tableId: string, openedBy: string): OpenVisit {
    const table = this.table(tableId);
    if (!table) throw notFound(`Table "${tableId}"`);
    const alreadyOpen = () => conflict('visit_already_open', `${table.name} already has an open visit.`);
    if (this.openVisitOf(tableId)) throw alreadyOpen();
    const visit: OpenVisit = { id: newId(), tableId, openedAt: this.clock.now().toISOString() };
    try {
      this.sql.insertVisit.run(visit.id, tableId, visit.openedAt, openedBy);
    } catch (error) {
      // The partial unique index allows one open visit per table, whatever reaches it first.
      if (isUniqueViolation(error)) throw alreadyOpen();
      throw error;
    }
    this.events.publish(tx, 'visit.opened', [rooms.staff], { id: visit.id, tableId, tableName: table.name, status: 'open', openedAt: visit.openedAt, closedAt: null });
    return visit;
  }
}
