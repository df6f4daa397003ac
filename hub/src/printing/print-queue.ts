// The print queue's worker. One loop per target (a station, the receipt printers, or one printer), so a
// hung printer holds up only its own tickets; inside a target, jobs print strictly in queue order.
//
// A job is marked `printing` (committed) before its first byte leaves, and `printed` only after the
// printer confirmed it. A failure before any byte was sent puts the job back in the queue with a
// backoff; a failure after that may have printed, so the job fails and a person decides to reprint.
// A ticket therefore prints at most once by itself, and is never dropped without a person knowing.
import { PrinterError, printBytes, renderEscPos, type PrintDocument, type PrintOptions } from '@onemoment/printers';
import type { HubContext } from '../context.ts';
import { backoffMs, mayHavePrintedMessage, noPrinterMessage, statusFromError, unprintableMessage, waitingMessage } from './printer-failure.ts';
import type { PrinterMonitor } from './printer-monitor.ts';
import type { PrinterRegistry } from './printer-registry.ts';
import { choosePrinter, servedTargets, targetKey, type PrinterConfig, type PrintTarget } from './print-routing.ts';
import type { JobRow, PrintJobStore } from './print-job-store.ts';
import type { PrintingMetrics } from './printing-metrics.ts';

export interface QueueOptions {
  /** Transport timeouts (connect, status, write); read at each attempt, so they can be changed at run time. */
  transport: PrintOptions;
  /** How long close() waits for jobs being sent before it lets go of them. */
  stopGraceMs: number;
}

/** One target's loop. `active` is set and cleared synchronously, so a wake is never lost between checks. */
class TargetWorker {
  active = false;
  current: Promise<void> = Promise.resolve();
  private again = false;
  private force = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly queue: PrintQueue,
    readonly target: PrintTarget,
  ) {}

  wake(force: boolean): void {
    if (force) this.force = true;
    if (this.active) {
      this.again = true;
      return;
    }
    this.clearTimer();
    this.active = true;
    this.current = this.loop();
  }

  clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async loop(): Promise<void> {
    try {
      for (;;) {
        this.again = false;
        while (!this.queue.stopped) {
          const job = this.queue.store.head(this.target);
          if (!job) break;
          const wait = job.nextAttemptAt ? Date.parse(job.nextAttemptAt) - this.queue.now().getTime() : 0;
          if (wait > 0 && !this.force) {
            this.schedule(wait);
            break;
          }
          this.force = false;
          // With no printer for the target there is nothing to retry: the loop sleeps until settings change.
          if ((await this.queue.attempt(job, this.target)) === 'park') break;
        }
        if (!this.again || this.queue.stopped) break;
      }
    } catch (error) {
      // The store went away (the hub is closing) or a bug: the job stays in SQLite and is retried on the next start.
      this.queue.context.log.error({ err: error, target: targetKey(this.target) }, 'print queue loop stopped');
    } finally {
      this.active = false;
      this.force = false;
      this.queue.settled();
    }
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake(false);
    }, Math.min(ms, 60_000));
    this.timer.unref();
  }
}

export class PrintQueue {
  stopped = true;
  private readonly workers = new Map<string, TargetWorker>();
  private readonly busy = new Map<string, number>();
  private idleWaiters: Array<{ ready: () => boolean; resolve: () => void }> = [];

  constructor(
    readonly context: HubContext,
    readonly store: PrintJobStore,
    private readonly registry: PrinterRegistry,
    private readonly monitor: () => PrinterMonitor,
    private readonly metrics: PrintingMetrics,
    readonly options: QueueOptions,
  ) {}

  now(): Date {
    return this.context.clock.now();
  }

  /** Starts the loops of every target that has queued jobs (due ones print at once, others after their backoff). */
  start(): void {
    this.stopped = false;
    for (const target of this.store.queuedTargets()) this.worker(target).wake(false);
  }

  /**
   * Stops taking jobs and waits for the ones being sent (at most stopGraceMs). A job still being sent
   * after that stays `printing` in SQLite and is reported as "may have printed" on the next start.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const worker of this.workers.values()) worker.clearTimer();
    const running = [...this.workers.values()].filter((w) => w.active).map((w) => w.current);
    if (running.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.stopGraceMs);
    });
    await Promise.race([Promise.all(running), grace]);
    clearTimeout(timer);
  }

  /** Wakes a target's loop; `force` retries its first job now even if its backoff has not passed. */
  wake(target: PrintTarget, force = false): void {
    if (this.stopped) return;
    this.worker(target).wake(force);
  }

  /** Retry now: every target with queued jobs tries its first job at once. */
  kick(): void {
    if (this.stopped) return;
    for (const target of this.store.queuedTargets()) this.worker(target).wake(true);
  }

  /** A printer's state changed: retry at once where that makes a printer usable (it came back, or a backup took over). */
  printerChanged(printer: PrinterConfig): void {
    const statusOf = this.monitor().statusOf;
    for (const target of servedTargets(printer)) {
      const chosen = choosePrinter(target, this.registry.printers(), statusOf);
      if (chosen && statusOf(chosen.id) === 'online') this.wake(target, true);
    }
  }

  isBusy = (printerId: string): boolean => (this.busy.get(printerId) ?? 0) > 0;

  /**
   * Resolves when no loop is sending or about to send (jobs waiting for their backoff do not count);
   * with a target, when that target's loop is.
   */
  idle(target?: PrintTarget): Promise<void> {
    const ready = () => (target ? !this.workers.get(targetKey(target))?.active : ![...this.workers.values()].some((w) => w.active));
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push({ ready, resolve }));
  }

  settled(): void {
    this.idleWaiters = this.idleWaiters.filter((waiter) => {
      if (!waiter.ready()) return true;
      waiter.resolve();
      return false;
    });
  }

  private worker(target: PrintTarget): TargetWorker {
    const key = targetKey(target);
    let worker = this.workers.get(key);
    if (!worker) {
      worker = new TargetWorker(this, target);
      this.workers.set(key, worker);
    }
    return worker;
  }

  /** One attempt at the target's first job. Every outcome is committed before the next job starts. */
  async attempt(job: JobRow, target: PrintTarget): Promise<'next' | 'park'> {
    const monitor = this.monitor();
    const printer = choosePrinter(target, this.registry.printers(), monitor.statusOf);
    if (!printer) {
      const message = noPrinterMessage(this.registry.targetName(target), job.kind);
      if (job.lastError !== message) {
        await this.context.commands.run(() => this.store.setWaiting(job.id, message, this.now().toISOString()));
      }
      return 'park';
    }

    let bytes: Uint8Array;
    try {
      bytes = renderEscPos(JSON.parse(job.document) as PrintDocument, { paper: printer.paperWidth });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      await this.context.commands.run(() => this.store.fail(job.id, unprintableMessage(job.kind, detail), this.now().toISOString()));
      this.metrics.jobs.inc({ kind: job.kind, outcome: 'failed' });
      return 'next';
    }

    const marked = await this.context.commands.run(() => this.store.markPrinting(job.id, printer.id, this.now().toISOString()));
    if (!marked) return 'next';
    this.busy.set(printer.id, (this.busy.get(printer.id) ?? 0) + 1);
    try {
      const result = await printBytes(printer.host, printer.port, bytes, this.options.transport);
      const printedAt = this.now();
      await this.context.commands.run(() => this.store.markPrinted(job.id, printedAt.toISOString()));
      this.metrics.jobs.inc({ kind: job.kind, outcome: 'printed' });
      this.metrics.latency.observe({ kind: job.kind }, Math.max(0, printedAt.getTime() - Date.parse(job.createdAt)) / 1000);
      const after = result.statusAfter;
      monitor.report(printer, after ? after.state : 'online', after ? after.message : 'The printer is online and ready.');
    } catch (error) {
      await this.failed(job, target, printer, error);
    } finally {
      this.busy.set(printer.id, (this.busy.get(printer.id) ?? 1) - 1);
    }
    return 'next';
  }

  private async failed(job: JobRow, target: PrintTarget, printer: PrinterConfig, error: unknown): Promise<void> {
    const monitor = this.monitor();
    const at = this.now();
    if (error instanceof PrinterError) {
      const seen = statusFromError(printer.name, error);
      monitor.report(printer, seen.state, seen.message);
    }
    if (error instanceof PrinterError && error.delivery === 'not_sent') {
      // Another printer may have become the choice (the first is down, a backup is up): then no need to wait.
      const next = choosePrinter(target, this.registry.printers(), monitor.statusOf);
      const delay = next && next.id !== printer.id && monitor.statusOf(next.id) === 'online' ? 0 : backoffMs(job.attempts + 1);
      const nextAttemptAt = new Date(at.getTime() + delay).toISOString();
      await this.context.commands.run(() => this.store.requeue(job.id, waitingMessage(printer.name, error, job.kind), nextAttemptAt, at.toISOString()));
      this.metrics.jobs.inc({ kind: job.kind, outcome: 'retry' });
      return;
    }
    if (!(error instanceof PrinterError)) this.context.log.error({ err: error, jobId: job.id }, 'unexpected error while printing');
    await this.context.commands.run(() => this.store.fail(job.id, mayHavePrintedMessage(printer.name, job.kind), at.toISOString()));
    this.metrics.jobs.inc({ kind: job.kind, outcome: 'failed' });
  }
}
