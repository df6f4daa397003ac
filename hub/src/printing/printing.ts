import { DEFAULT_TIMEOUTS, type PrintOptions } from '@onemoment/printers';
import type { HubContext } from '../context.ts';
import type { RestaurantApi } from '../restaurant/module.ts';
import { HubAnnouncer } from './printer-discovery.ts';
import { interruptedMessage } from './printer-failure.ts';
import { PrinterMonitor } from './printer-monitor.ts';
import { PrinterRegistry } from './printer-registry.ts';
import { createPrintingMetrics } from './printing-metrics.ts';
import { PrinterSettings } from './printer-settings.ts';
import { PrintingService } from './printing-service.ts';
import { PrintJobStore } from './print-job-store.ts';
import { PrintQueue } from './print-queue.ts';

export interface PrintingOptions {
  /** Transport timeouts; the printers package's defaults (connect 3 s, status 2 s, write 10 s). */
  transport?: PrintOptions;
  /** How often every printer is asked for its status. */
  statusIntervalMs?: number;
  statusTimeoutMs?: number;
  /** How long closing the hub waits for jobs being sent. */
  stopGraceMs?: number;
  /** Printed and failed jobs are kept this long for the admin page and reprints. */
  keepJobsMs?: number;
}

const PRUNE_EVERY_MS = 6 * 3_600_000;

/** The printing module's parts, wired together once by its module (tests reach it as `hub.modules.printing`). */
export class Printing {
  readonly registry: PrinterRegistry;
  readonly store: PrintJobStore;
  readonly queue: PrintQueue;
  readonly monitor: PrinterMonitor;
  readonly service: PrintingService;
  readonly settings: PrinterSettings;
  private readonly announcer: HubAnnouncer;
  private pruneTimer: NodeJS.Timeout | null = null;
  private readonly keepJobsMs: number;

  constructor(
    private readonly context: HubContext,
    restaurant: Pick<RestaurantApi, 'orders' | 'visits'> | null,
    options: PrintingOptions = {},
  ) {
    const sqlite = context.store.sqlite;
    this.registry = new PrinterRegistry(sqlite);
    this.store = new PrintJobStore(sqlite);
    const metrics = createPrintingMetrics(context.metrics.registry);
    this.queue = new PrintQueue(context, this.store, this.registry, () => this.monitor, metrics, {
      transport: { ...DEFAULT_TIMEOUTS, ...options.transport },
      stopGraceMs: options.stopGraceMs ?? 5000,
    });
    this.monitor = new PrinterMonitor(context, this.registry, {
      intervalMs: options.statusIntervalMs ?? 5000,
      timeoutMs: options.statusTimeoutMs ?? DEFAULT_TIMEOUTS.statusTimeoutMs,
      isBusy: this.queue.isBusy,
      onChange: (printer) => this.queue.printerChanged(printer),
    });
    this.service = new PrintingService(context, this.registry, this.store, this.queue, restaurant);
    this.settings = new PrinterSettings(context, this.registry, this.store, this.queue, this.monitor);
    this.announcer = new HubAnnouncer(context);
    this.keepJobsMs = options.keepJobsMs ?? 7 * 86_400_000;
  }

  /**
   * Jobs a previous run was sending when it stopped may have printed: they fail with a message that
   * says so, and staff reprint if the paper is missing. Queued jobs simply resume.
   */
  async recoverInterrupted(): Promise<number> {
    return this.context.commands.run(() => {
      const at = this.context.clock.now().toISOString();
      const interrupted = this.store.interrupted();
      for (const job of interrupted) this.store.fail(job.id, interruptedMessage(job.kind), at);
      return interrupted.length;
    });
  }

  start(): void {
    this.queue.start();
    this.monitor.start();
    this.prune();
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  announce(port: number): void {
    const venue = this.service.printSettings();
    this.announcer.announce(port, venue);
  }

  async stop(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    this.monitor.stop();
    await Promise.all([this.queue.stop(), this.announcer.stop()]);
  }

  private prune(): void {
    const before = new Date(this.context.clock.now().getTime() - this.keepJobsMs).toISOString();
    this.context.commands
      .run(() => this.store.prune(before))
      .catch((error: unknown) => this.context.log.warn({ err: error }, 'could not prune old print jobs'));
  }
}
