// Live printer status: asks each printer (DLE EOT over TCP) every few seconds while the hub runs, keeps
// the answers in memory, and tells the kitchen when a printer goes down or comes back.
import { PrinterError, readPrinterStatus, type PrinterState } from '@onemoment/printers';
import type { PrinterStatusEvent, PrinterStatusName } from '@onemoment/shared/schemas/printing';
import type { HubContext } from '../context.ts';
import { rooms } from '../events/event-log.ts';
import { statusFromError } from './printer-failure.ts';
import type { PrinterConfig } from './print-routing.ts';
import type { PrinterRegistry } from './printer-registry.ts';

export interface PrinterHealth {
  status: PrinterStatusName;
  message: string;
  checkedAt: string | null;
}

export interface MonitorOptions {
  intervalMs: number;
  timeoutMs: number;
  /** A printer the queue is sending to right now is not asked: many take one connection at a time. */
  isBusy: (printerId: string) => boolean;
  /** Called when a printer's state changes (after the event is written). */
  onChange: (printer: PrinterConfig, status: PrinterStatusName) => void;
}

const NOT_CHECKED: PrinterHealth = { status: 'unknown', message: 'Not checked yet: the hub asks every printer every few seconds.', checkedAt: null };

/** Every station a printer prints for, first or as a backup. */
export function stationsServedBy(printer: PrinterConfig): string[] {
  return [...new Set([...printer.stations, ...printer.backupFor])];
}

export class PrinterMonitor {
  private readonly health = new Map<string, PrinterHealth>();
  private readonly polls = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(
    private readonly context: HubContext,
    private readonly registry: PrinterRegistry,
    private readonly options: MonitorOptions,
  ) {}

  statusOf = (printerId: string): PrinterStatusName => this.health.get(printerId)?.status ?? 'unknown';

  healthOf(printerId: string): PrinterHealth {
    return this.health.get(printerId) ?? NOT_CHECKED;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.pollAll();
    this.timer = setInterval(() => void this.pollAll(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Asks every printer now; resolves when each has answered or timed out. */
  async pollAll(): Promise<void> {
    await Promise.all(this.registry.printers().map((printer) => this.poll(printer)));
  }

  poll(printer: PrinterConfig): Promise<void> {
    const running = this.polls.get(printer.id);
    if (running) return running;
    if (this.options.isBusy(printer.id)) return Promise.resolve();
    const address = `${printer.host}:${printer.port}`;
    const poll = readPrinterStatus(printer.host, printer.port, { timeoutMs: this.options.timeoutMs })
      .then(
        (status) => ({ state: status.state as PrinterState, message: status.message }),
        (error: unknown) => {
          if (error instanceof PrinterError) return statusFromError(printer.name, error);
          this.context.log.warn({ err: error, printerId: printer.id }, 'printer status check failed');
          return { state: 'offline' as const, message: `${printer.name} could not be checked.` };
        },
      )
      .then((result) => {
        // The answer is about the address that was asked: ignore it if the printer moved or was removed meanwhile.
        const current = this.registry.printer(printer.id);
        if (this.stopped || !current || `${current.host}:${current.port}` !== address) return;
        this.report(current, result.state, result.message);
      })
      .finally(() => this.polls.delete(printer.id));
    this.polls.set(printer.id, poll);
    return poll;
  }

  /**
   * Records what the hub learned about a printer (from a poll or from a job). A change of state is
   * published as `printer.status` to staff, expo and the printer's stations, so the KDS can show a
   * banner. The first state after a start is published too, even "online": a screen that saw the
   * printer go down before the hub restarted learns that it is back.
   */
  report(printer: PrinterConfig, status: PrinterStatusName, message: string): void {
    const before = this.statusOf(printer.id);
    const checkedAt = this.context.clock.now().toISOString();
    this.health.set(printer.id, { status, message, checkedAt });
    if (before === status) return;
    if (!this.stopped) this.publish(printer, { status, message, checkedAt });
    this.options.onChange(printer, status);
  }

  /** Forget what was known, after the printer's address changed or it was removed. */
  forget(printerId: string): void {
    this.health.delete(printerId);
  }

  private publish(printer: PrinterConfig, health: PrinterHealth & { checkedAt: string }): void {
    const stations = stationsServedBy(printer);
    const payload: PrinterStatusEvent = {
      printerId: printer.id,
      name: printer.name,
      stations,
      receipts: printer.receipts,
      status: health.status,
      message: health.message,
      checkedAt: health.checkedAt,
    };
    const eventRooms = [rooms.staff, rooms.expo, ...stations.map((station) => rooms.station(station))];
    this.context.commands
      .run((tx) => this.context.events.publish(tx, 'printer.status', eventRooms, payload))
      .catch((error: unknown) => this.context.log.warn({ err: error }, 'could not record a printer status change'));
  }
}
