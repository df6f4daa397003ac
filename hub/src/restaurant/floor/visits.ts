import type Database from 'better-sqlite3';
import type { Visit } from '@onemoment/shared/schemas/floor';
import { newId } from '@onemoment/shared/ids';
import type { HubContext } from '../../context.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import { conflict, notFound } from '../../errors.ts';
import { rooms } from '../../realtime/event-log.ts';

/**
 * The visit primitives other modules use inside their own commands (the orders module opens a visit
 * when a waiter orders for an empty table). Statements are prepared once per database.
 */
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
}

interface VisitRow {
  id: string;
  tableId: string;
  tableName: string;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
}

function prepare(sqlite: Database.Database) {
  return {
    tableById: sqlite.prepare('SELECT id, name, code, seats FROM dining_tables WHERE id = ?'),
    openVisitOfTable: sqlite.prepare(
      "SELECT id, table_id AS tableId, opened_at AS openedAt FROM visits WHERE table_id = ? AND status = 'open'",
    ),
    insertVisit: sqlite.prepare(
      "INSERT INTO visits (id, table_id, status, opened_at, opened_by, closed_at) VALUES (?, ?, 'open', ?, ?, NULL)",
    ),
    visitById: sqlite.prepare(
      `SELECT v.id, v.table_id AS tableId, t.name AS tableName, v.status, v.opened_at AS openedAt, v.closed_at AS closedAt
         FROM visits v JOIN dining_tables t ON t.id = v.table_id
        WHERE v.id = ?`,
    ),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function statements(sqlite: Database.Database): ReturnType<typeof prepare> {
  let prepared = cache.get(sqlite);
  if (!prepared) {
    prepared = prepare(sqlite);
    cache.set(sqlite, prepared);
  }
  return prepared;
}

export function findTable(sqlite: Database.Database, tableId: string): TableRow | null {
  return (statements(sqlite).tableById.get(tableId) as TableRow | undefined) ?? null;
}

export function findOpenVisit(sqlite: Database.Database, tableId: string): OpenVisit | null {
  return (statements(sqlite).openVisitOfTable.get(tableId) as OpenVisit | undefined) ?? null;
}

/** A visit with its table's name, as staff actions return it and visit events carry it. */
export function findVisit(sqlite: Database.Database, visitId: string): Visit | null {
  return (statements(sqlite).visitById.get(visitId) as VisitRow | undefined) ?? null;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Opens a visit at a table and announces it (visit.opened, to staff). Runs inside the caller's
 * command, so a later refusal in that command takes the visit back with it.
 */
export function openVisitIn(sqlite: Database.Database, tx: CommandTx, context: HubContext, tableId: string, openedBy: string): OpenVisit {
  const table = findTable(sqlite, tableId);
  if (!table) throw notFound(`Table "${tableId}"`);
  const alreadyOpen = () => conflict('visit_already_open', `${table.name} already has an open visit.`);
  if (findOpenVisit(sqlite, tableId)) throw alreadyOpen();
  const visit: OpenVisit = { id: newId(), tableId, openedAt: context.clock.now().toISOString() };
  try {
    statements(sqlite).insertVisit.run(visit.id, tableId, visit.openedAt, openedBy);
  } catch (error) {
    // The partial unique index allows one open visit per table, whatever reaches it first.
    if (isUniqueViolation(error)) throw alreadyOpen();
    throw error;
  }
  const payload: Visit = { id: visit.id, tableId, tableName: table.name, status: 'open', openedAt: visit.openedAt, closedAt: null };
  context.events.publish(tx, 'visit.opened', [rooms.staff], payload);
  return visit;
}
