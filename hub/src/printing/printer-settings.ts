import type {
  CreatePrinterBody,
  Printer,
  PrintersResponse,
  StationPrinting,
  StationPrintMode,
  UpdatePrinterBody,
} from '@onemoment/shared/schemas/printing';
import { newId } from '@onemoment/shared/ids';
import type { HubContext } from '../context.ts';
import type { CommandTx } from '../db/command-runner.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { isUniqueViolation } from '../db/sqlite-errors.ts';
import { cleanText } from '../restaurant/orders/order-text.ts';
import { checkPrinterHost } from './printer-host.ts';
import type { PrinterMonitor } from './printer-monitor.ts';
import type { PrinterRegistry } from './printer-registry.ts';
import type { PrintJobStore } from './print-job-store.ts';
import type { PrintQueue } from './print-queue.ts';
import { candidatesFor, hasPrinter, servedTargets, targetKey, type PrinterConfig } from './print-routing.ts';

const DAY_MS = 86_400_000;

/** The printers and the stations' print modes: reading them with live status, and changing them. */
export class PrinterSettings {
  constructor(
    private readonly context: HubContext,
    private readonly registry: PrinterRegistry,
    private readonly store: PrintJobStore,
    private readonly queue: PrintQueue,
    private readonly monitor: PrinterMonitor,
  ) {}

  printers(): PrintersResponse {
    const printers = this.registry.printers();
    const queued = new Map(this.store.queuedCounts().map((row) => [targetKey(row), row.count]));
    const since = new Date(this.context.clock.now().getTime() - DAY_MS).toISOString();
    const byPrinter = this.store.printerCounts(since);
    return {
      printers: printers.map((printer) => this.printerView(printer, queued, byPrinter)),
      stations: this.registry.stations().map((station) => this.stationView(station.id)),
    };
  }

  private printerView(
    printer: PrinterConfig,
    queued: Map<string, number>,
    byPrinter: Map<string, { printing: number; failed: number }>,
  ): Printer {
    const health = this.monitor.healthOf(printer.id);
    const served = servedTargets(printer).map(targetKey);
    const counts = byPrinter.get(printer.id);
    return {
      ...printer,
      status: health.status,
      statusMessage: health.message,
      checkedAt: health.checkedAt,
      queue: {
        queued: served.reduce((sum, key) => sum + (queued.get(key) ?? 0), 0),
        printing: counts?.printing ?? 0,
        failed: counts?.failed ?? 0,
      },
    };
  }

  private printer(id: string): Printer {
    const printer = this.registry.printer(id);
    if (!printer) throw notFound('This printer');
    const queued = new Map(this.store.queuedCounts().map((row) => [targetKey(row), row.count]));
    const since = new Date(this.context.clock.now().getTime() - DAY_MS).toISOString();
    return this.printerView(printer, queued, this.store.printerCounts(since));
  }

  private stationView(stationId: string): StationPrinting {
    const mode = this.registry.modeOf(stationId);
    const { primaries, backups } = candidatesFor({ kind: 'station', id: stationId }, this.registry.printers());
    return {
      id: stationId,
      name: this.registry.stationName(stationId),
      mode,
      printerIds: primaries.map((p) => p.id),
      backupPrinterIds: backups.map((p) => p.id),
      prints: mode !== 'kds' && primaries.length + backups.length > 0,
    };
  }

  private checked(input: {
    name: string;
    host: string;
    port: number;
    stations: string[];
    backupFor: string[];
  }): { name: string; host: string } {
    const name = cleanText(input.name);
    if (!name) throw badRequest('invalid_name', 'Give the printer a name, like "Grill printer".');
    const host = checkPrinterHost(input.host);
    if (!host.ok) throw badRequest('invalid_host', host.message);
    const known = this.registry.stations().map((s) => s.id);
    const unknown = [...input.stations, ...input.backupFor].find((station) => !known.includes(station));
    if (unknown !== undefined) {
      throw badRequest('unknown_station', `There is no station "${unknown}": the stations are ${known.join(', ')}.`);
    }
    const both = input.stations.find((station) => input.backupFor.includes(station));
    if (both !== undefined) {
      throw badRequest('invalid_backup', `${this.registry.stationName(both)} is both a first and a backup station of this printer: choose one.`);
    }
    return { name, host: host.host };
  }

  private refuseTakenAddress(host: string, port: number, ownId: string | null): void {
    const other = this.registry.byAddress(host, port);
    if (other && other.id !== ownId) throw conflict('printer_exists', `"${other.name}" already uses ${host}:${port}.`);
  }

  private write(work: () => void): void {
    try {
      work();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('printer_exists', 'Another printer already uses this address and port.');
      throw error;
    }
  }

  private afterSettingsChange(tx: CommandTx, printerId: string | null, addressChanged: boolean): void {
    tx.afterCommit(() => {
      this.registry.invalidate();
      if (printerId && addressChanged) this.monitor.forget(printerId);
      const printer = printerId ? this.registry.printer(printerId) : null;
      if (printer) void this.monitor.poll(printer);
      // New settings can give waiting jobs a printer: try them now.
      this.queue.kick();
    });
  }

  async createPrinter(body: CreatePrinterBody): Promise<Printer> {
    const port = body.port ?? 9100;
    const backupFor = body.backupFor ?? [];
    const { name, host } = this.checked({ name: body.name, host: body.host, port, stations: body.stations, backupFor });
    const id = await this.context.commands.run((tx) => {
      this.refuseTakenAddress(host, port, null);
      const now = this.context.clock.now().toISOString();
      const printer: PrinterConfig = {
        id: newId(),
        name,
        host,
        port,
        paperWidth: body.paperWidth ?? 80,
        stations: body.stations,
        receipts: body.receipts,
        backupFor,
        enabled: body.enabled ?? true,
        createdAt: now,
        updatedAt: now,
      };
      this.write(() => this.registry.insert(printer));
      this.afterSettingsChange(tx, printer.id, true);
      return printer.id;
    });
    return this.printer(id);
  }

  async updatePrinter(id: string, body: UpdatePrinterBody): Promise<Printer> {
    await this.context.commands.run((tx) => {
      const current = this.registry.read(id);
      if (!current) throw notFound('This printer');
      const next = { ...current, ...body, port: body.port ?? current.port };
      const { name, host } = this.checked(next);
      this.refuseTakenAddress(host, next.port, id);
      const updated: PrinterConfig = { ...next, name, host, updatedAt: this.context.clock.now().toISOString() };
      this.write(() => this.registry.update(updated));
      this.afterSettingsChange(tx, id, host !== current.host || next.port !== current.port);
    });
    return this.printer(id);
  }

  /**
   * Removing a printer is refused while it is printing, or while waiting jobs would be left with no
   * printer at all: assign its stations to another printer first (the jobs then print there), or
   * switch it off instead. Nothing is ever silently dropped or moved.
   */
  async deletePrinter(id: string): Promise<void> {
    await this.context.commands.run((tx) => {
      const printer = this.registry.read(id);
      if (!printer) throw notFound('This printer');
      if (this.store.isPrintingOn(id)) throw conflict('printer_busy', `${printer.name} is printing right now: try again in a moment.`);
      const remaining = this.registry.printers().filter((p) => p.id !== id);
      const served = new Set(servedTargets(printer).map(targetKey));
      const orphaned = this.store.queuedCounts().filter((row) => served.has(targetKey(row)) && !hasPrinter(row, remaining));
      if (orphaned.length > 0) {
        const count = orphaned.reduce((sum, row) => sum + row.count, 0);
        const names = orphaned.map((row) => this.registry.targetName(row)).join(', ');
        throw conflict(
          'printer_has_jobs',
          `${count} ${count === 1 ? 'job is' : 'jobs are'} waiting for ${printer.name} (${names}) and no other printer could print ${count === 1 ? 'it' : 'them'}. ` +
            'Assign those stations to another printer first, or switch this printer off instead of removing it.',
        );
      }
      this.registry.remove(id);
      tx.afterCommit(() => {
        this.registry.invalidate();
        this.monitor.forget(id);
      });
    });
  }

  async setStationMode(stationId: string, mode: StationPrintMode): Promise<StationPrinting> {
    if (!this.registry.station(stationId)) throw notFound(`Station "${stationId}"`);
    await this.context.commands.run((tx) => {
      this.registry.setMode(stationId, mode, this.context.clock.now().toISOString());
      this.afterSettingsChange(tx, null, false);
    });
    return this.stationView(stationId);
  }
}
