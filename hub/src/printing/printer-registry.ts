import type Database from 'better-sqlite3';
import type { StationPrintMode } from '@onemoment/shared/schemas/printing';
import { DEFAULT_STATION_MODE, type PrinterConfig, type PrintTarget } from './print-routing.ts';

interface PrinterRow {
  id: string;
  name: string;
  host: string;
  port: number;
  paperWidth: number;
  stations: string;
  receipts: number;
  backupFor: string;
  enabled: number;
  createdAt: string;
  updatedAt: string;
}

export interface StationRow {
  id: string;
  name: string;
}


interface Snapshot {
  printers: PrinterConfig[];
  modes: Map<string, StationPrintMode>;
  stations: StationRow[];
}

/**
 * The printer settings: rows in SQLite, and an in-memory snapshot for the hot paths (routing an order
 * inside its command, choosing a printer for each job). The snapshot is dropped after every committed
 * change and read again on first use.
 */
export class PrinterRegistry {
  private snapshot: Snapshot | null = null;
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      printers: db.prepare(
        `SELECT id, name, host, port, paper_width AS paperWidth, stations, receipts, backup_for AS backupFor, enabled,
                created_at AS createdAt, updated_at AS updatedAt
           FROM printers ORDER BY created_at, id`,
      ),
      modes: db.prepare('SELECT station_id AS stationId, mode FROM station_printing'),
      stations: db.prepare('SELECT id, name FROM stations ORDER BY position'),
      insert: db.prepare(
        `INSERT INTO printers (id, name, host, port, paper_width, stations, receipts, backup_for, enabled, created_at, updated_at)
         VALUES (@id, @name, @host, @port, @paperWidth, @stations, @receipts, @backupFor, @enabled, @createdAt, @updatedAt)`,
      ),
      update: db.prepare(
        `UPDATE printers SET name = @name, host = @host, port = @port, paper_width = @paperWidth, stations = @stations,
                receipts = @receipts, backup_for = @backupFor, enabled = @enabled, updated_at = @updatedAt
          WHERE id = @id`,
      ),
      byId: db.prepare(
        `SELECT id, name, host, port, paper_width AS paperWidth, stations, receipts, backup_for AS backupFor, enabled,
                created_at AS createdAt, updated_at AS updatedAt
           FROM printers WHERE id = ?`,
      ),
      remove: db.prepare('DELETE FROM printers WHERE id = ?'),
      byAddress: db.prepare('SELECT id, name FROM printers WHERE host = ? AND port = ?'),
      setMode: db.prepare(
        `INSERT INTO station_printing (station_id, mode, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (station_id) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`,
      ),
    };
  }

  private load(): Snapshot {
    this.snapshot ??= {
      printers: (this.sql.printers.all() as PrinterRow[]).map(toConfig),
      modes: new Map((this.sql.modes.all() as Array<{ stationId: string; mode: StationPrintMode }>).map((row) => [row.stationId, row.mode])),
      stations: this.sql.stations.all() as StationRow[],
    };
    return this.snapshot;
  }

  /** Call after a committed change (tx.afterCommit) so the next read sees it. */
  invalidate(): void {
    this.snapshot = null;
  }

  printers(): PrinterConfig[] {
    return this.load().printers;
  }

  printer(id: string): PrinterConfig | null {
    return this.load().printers.find((p) => p.id === id) ?? null;
  }

  stations(): StationRow[] {
    return this.load().stations;
  }

  station(id: string): StationRow | null {
    return this.load().stations.find((s) => s.id === id) ?? null;
  }

  stationName(id: string): string {
    return this.station(id)?.name ?? id;
  }

  /** What staff call a queue target: the station's name, "Receipts", or the printer's name. */
  targetName(target: PrintTarget): string {
    if (target.kind === 'station') return this.stationName(target.id);
    if (target.kind === 'receipts') return 'Receipts';
    return this.printer(target.id)?.name ?? 'A removed printer';
  }

  modeOf = (stationId: string): StationPrintMode => this.load().modes.get(stationId) ?? DEFAULT_STATION_MODE;

  /** True when no printer is set up at all: an order then costs the printing module nothing. */
  get isEmpty(): boolean {
    return this.load().printers.length === 0;
  }

  // ---- writes (inside a command) ----

  insert(printer: PrinterConfig): void {
    this.sql.insert.run(toParams(printer));
  }

  update(printer: PrinterConfig): void {
    this.sql.update.run(toParams(printer));
  }

  remove(id: string): void {
    this.sql.remove.run(id);
  }

  /** Reads the database, not the snapshot: for checks inside a command. */
  read(id: string): PrinterConfig | null {
    const row = this.sql.byId.get(id) as PrinterRow | undefined;
    return row ? toConfig(row) : null;
  }

  /** Reads the database, not the snapshot: used to check a write inside its own command. */
  byAddress(host: string, port: number): { id: string; name: string } | null {
    return (this.sql.byAddress.get(host, port) as { id: string; name: string } | undefined) ?? null;
  }

  setMode(stationId: string, mode: StationPrintMode, at: string): void {
    this.sql.setMode.run(stationId, mode, at);
  }
}

function toConfig(row: PrinterRow): PrinterConfig {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    paperWidth: row.paperWidth === 58 ? 58 : 80,
    stations: JSON.parse(row.stations) as string[],
    receipts: row.receipts === 1,
    backupFor: JSON.parse(row.backupFor) as string[],
    enabled: row.enabled === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toParams(printer: PrinterConfig) {
  return {
    ...printer,
    stations: JSON.stringify(printer.stations),
    backupFor: JSON.stringify(printer.backupFor),
    receipts: printer.receipts ? 1 : 0,
    enabled: printer.enabled ? 1 : 0,
  };
}
