import { newId } from '@onemoment/shared/ids';
import { renderPreviewSvg, sampleKitchenTicket, sampleReceipt, type PrintDocument, type Receipt } from '@onemoment/printers';
import type { GuestRequest } from '@onemoment/shared/schemas/floor';
import type { Order, OrderItemsStopped } from '@onemoment/shared/schemas/orders';
import type { PrintJob, PrintJobKind, PrintJobsQuery, PreviewQuery, ReprintBody } from '@onemoment/shared/schemas/printing';
import type { HubContext } from '../context.ts';
import type { CommandTx } from '../db/command-runner.ts';
import { conflict, notFound } from '../errors.ts';
import type { RestaurantApi } from '../restaurant/module.ts';
import type { PrinterRegistry } from './printer-registry.ts';
import { receiptDocument, reprintDocument, stopDocument, testPageDocument, ticketDocument, type VenuePrintSettings } from './print-documents.ts';
import type { JobRow, PrintJobStore } from './print-job-store.ts';
import type { PrintQueue } from './print-queue.ts';
import { hasPrinter, printingStations, RECEIPTS_TARGET, type PrintTarget } from './print-routing.ts';

const RECEIPT_QR_CAPTION = 'Scan to open this table’s menu';

/**
 * Print jobs: written inside the orders' and bill requests' transactions (through the order hooks),
 * test pages, reprints and receipts on demand, the queue as staff see it, and previews.
 */
export class PrintingService {
  private venueSettings: (VenuePrintSettings & { currency: string; id: string }) | null = null;
  private billDocuments: ((tx: CommandTx, visitId: string) => Receipt | null) | null = null;

  constructor(
    private readonly context: HubContext,
    private readonly registry: PrinterRegistry,
    private readonly store: PrintJobStore,
    private readonly queue: PrintQueue,
    /** The restaurant's orders and tables, when the hub runs it (receipts are of its orders). */
    private readonly restaurant: Pick<RestaurantApi, 'orders' | 'visits'> | null,
  ) {}

  /** The venue's name, time zone and languages, read once: they do not change while the hub runs. */
  printSettings(): VenuePrintSettings & { currency: string; id: string } {
    if (!this.venueSettings) {
      const venue = this.context.venue.venue();
      this.venueSettings = { id: venue.id, name: venue.name, timeZone: venue.timezone, languages: venue.languages, currency: venue.currency };
    }
    return this.venueSettings;
  }

  // ---- jobs written inside other modules' commands ----

  /**
   * With the payments module, a guest's bill request prints the whole bill (tax, service, what is due,
   * the TON QR) from this, in the request's transaction; without it, a receipt of the visit's orders.
   */
  useBillDocuments(build: (tx: CommandTx, visitId: string) => Receipt | null): void {
    this.billDocuments = build;
  }

  /** Queues a bill or receipt another module built, in that module's command. 409 without a receipt printer. */
  printVisitDocument(tx: CommandTx, document: Receipt, visitId: string): string {
    if (!hasPrinter(RECEIPTS_TARGET, this.registry.printers())) {
      throw conflict('no_receipt_printer', 'No printer prints receipts: tick “Receipts” on a printer in Printers.');
    }
    return this.insertJob(tx, 'receipt', RECEIPTS_TARGET, document, { orderId: null, orderNumber: null, visitId });
  }

  /** On order.placed: one ticket per printing station, in the order's own transaction. Costs nothing without printers. */
  onOrderPlaced = (tx: CommandTx, order: Order): void => {
    this.printAtStations(tx, order, order.items, (station, venue) => ticketDocument(order, station, venue));
  };

  /**
   * On order.items_stopped: a stop chit at each printing station that was making the items, so a
   * kitchen that reads paper stops cooking a cancelled dish as a KDS would show it.
   */
  onItemsStopped = (tx: CommandTx, { order, itemIds }: OrderItemsStopped): void => {
    const stopped = order.items.filter((item) => itemIds.includes(item.id));
    this.printAtStations(tx, order, stopped, (station, venue) => stopDocument(order, itemIds, station, venue));
  };

  private printAtStations(
    tx: CommandTx,
    order: Order,
    items: Order['items'],
    build: (station: { id: string; name: string }, venue: VenuePrintSettings) => PrintDocument | null,
  ): void {
    if (this.registry.isEmpty) return;
    const stations = printingStations(
      items.map((item) => item.station),
      this.registry.modeOf,
      this.registry.printers(),
    );
    if (stations.length === 0) return;
    const venue = this.printSettings();
    const createdAt = this.context.clock.now().toISOString();
    const targets: PrintTarget[] = [];
    for (const stationId of stations) {
      const target: PrintTarget = { kind: 'station', id: stationId };
      const document = this.safely(() => build({ id: stationId, name: this.registry.stationName(stationId) }, venue), order.id);
      if (!document) continue;
      this.store.insert({ id: newId(), kind: 'ticket', target, orderId: order.id, orderNumber: order.number, visitId: order.visitId, document, copyOf: null, createdAt });
      targets.push(target);
    }
    if (targets.length > 0) tx.afterCommit(() => targets.forEach((target) => this.queue.wake(target)));
  }

  /** On request.created of kind bill: the visit's receipt, when a printer prints receipts. */
  onBillRequested = (tx: CommandTx, request: GuestRequest): void => {
    if (request.kind !== 'bill' || !hasPrinter(RECEIPTS_TARGET, this.registry.printers())) return;
    if (this.billDocuments) {
      const bill = this.safely(() => this.billDocuments!(tx, request.visitId), request.visitId);
      if (bill) this.insertJob(tx, 'receipt', RECEIPTS_TARGET, bill, { orderId: null, orderNumber: null, visitId: request.visitId });
      return;
    }
    if (!this.restaurant) return;
    const orders = this.restaurant.orders.ordersOfVisit(request.visitId);
    const document = this.safely(() => this.receipt(orders, request.tableId), request.visitId);
    if (!document) return;
    const single = orders.length === 1 ? orders[0]! : null;
    this.insertJob(tx, 'receipt', RECEIPTS_TARGET, document, { orderId: single?.id ?? null, orderNumber: document.orderNumber, visitId: request.visitId });
  };

  /**
   * A document that cannot be built (it should not happen: names come from the menu) must not refuse
   * the guest's order: the order stands and shows on the KDS, and the problem is logged.
   */
  private safely<T>(build: () => T | null, about: string): T | null {
    try {
      return build();
    } catch (error) {
      this.context.log.error({ err: error, about }, 'a print document could not be built; nothing is printed for it');
      return null;
    }
  }

  private receipt(orders: readonly Order[], tableId: string) {
    const table = this.restaurant?.visits.table(tableId) ?? null;
    const qrUrl = table ? `${this.context.publicUrl()}/t/${encodeURIComponent(table.code)}` : null;
    return receiptDocument(orders, this.printSettings(), { issuedAt: this.context.clock.now(), qrUrl, qrCaption: RECEIPT_QR_CAPTION });
  }

  private insertJob(
    tx: CommandTx,
    kind: PrintJobKind,
    target: PrintTarget,
    document: PrintDocument,
    about: { orderId: string | null; orderNumber: number | null; visitId: string | null; copyOf?: string | null },
  ): string {
    const id = newId();
    this.store.insert({ id, kind, target, document, copyOf: about.copyOf ?? null, orderId: about.orderId, orderNumber: about.orderNumber, visitId: about.visitId, createdAt: this.context.clock.now().toISOString() });
    tx.afterCommit(() => this.queue.wake(target));
    return id;
  }

  // ---- the queue ----

  jobs(query: PrintJobsQuery): PrintJob[] {
    return this.store.list(query.status, query.limit ?? 100).map((row) => this.jobView(row));
  }

  private jobView(row: JobRow): PrintJob {
    const now = this.context.clock.now().getTime();
    return {
      id: row.id,
      kind: row.kind,
      targetKind: row.targetKind,
      target: row.target,
      targetName: this.registry.targetName({ kind: row.targetKind, id: row.target }),
      orderId: row.orderId,
      orderNumber: row.orderNumber,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      printerId: row.printerId,
      copyOf: row.copyOf,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      nextAttemptAt: row.nextAttemptAt,
      printedAt: row.printedAt,
      ageSeconds: Math.max(0, Math.floor((now - Date.parse(row.createdAt)) / 1000)),
    };
  }

  private job(id: string): PrintJob {
    const row = this.store.byId(id);
    if (!row) throw notFound('This print job');
    return this.jobView(row);
  }


  // ---- jobs on demand ----

  async testPrint(printerId: string): Promise<PrintJob> {
    const id = await this.context.commands.run((tx) => {
      const printer = this.registry.read(printerId);
      if (!printer) throw notFound('This printer');
      const prints = [...printer.stations.map((s) => this.registry.stationName(s)), ...(printer.receipts ? ['Receipts'] : [])];
      const document = testPageDocument({ name: printer.name, prints }, this.printSettings(), this.context.clock.now());
      return this.insertJob(tx, 'test', { kind: 'printer', id: printer.id }, document, { orderId: null, orderNumber: null, visitId: null });
    });
    return this.job(id);
  }

  /** A new job with a copy of the document (a ticket says REPRINT); the original stays as it was. */
  async reprint(jobId: string, body: ReprintBody): Promise<PrintJob> {
    const id = await this.context.commands.run((tx) => {
      const job = this.store.byId(jobId);
      if (!job) throw notFound('This print job');
      if (job.status === 'queued' || job.status === 'printing') {
        throw conflict('job_not_finished', `This ${job.kind === 'receipt' ? 'receipt' : 'ticket'} has not printed yet: it is still in the queue and will print once.`);
      }
      let target: PrintTarget = { kind: job.targetKind, id: job.target };
      if (body.printerId !== undefined) {
        if (!this.registry.read(body.printerId)) throw notFound('This printer');
        target = { kind: 'printer', id: body.printerId };
      }
      if (!hasPrinter(target, this.registry.printers())) {
        throw conflict('no_printer', `No printer is set up for ${this.registry.targetName(target)}: choose a printer for the copy.`);
      }
      const document = reprintDocument(JSON.parse(job.document) as PrintDocument);
      return this.insertJob(tx, job.kind, target, document, { orderId: job.orderId, orderNumber: job.orderNumber, visitId: job.visitId, copyOf: job.id });
    });
    return this.job(id);
  }

  async receiptForOrder(orderId: string): Promise<PrintJob> {
    const id = await this.context.commands.run((tx) => {
      const order = this.restaurant?.orders.order(orderId);
      if (!order) throw notFound('This order');
      if (order.status === 'cancelled' || order.status === 'voided') {
        throw conflict('order_closed', `Order #${order.number} was ${order.status}: there is nothing to bill.`);
      }
      if (!hasPrinter(RECEIPTS_TARGET, this.registry.printers())) {
        throw conflict('no_receipt_printer', 'No printer prints receipts: tick “Receipts” on a printer in Printers.');
      }
      const document = this.receipt([order], order.tableId);
      if (!document) throw conflict('nothing_to_bill', `Order #${order.number} has nothing left to bill.`);
      return this.insertJob(tx, 'receipt', RECEIPTS_TARGET, document, { orderId: order.id, orderNumber: order.number, visitId: order.visitId });
    });
    return this.job(id);
  }

  /** Retry now: every waiting job tries its printer at once. */
  retryNow(): { waiting: number } {
    this.queue.kick();
    return { waiting: this.store.waitingCount() };
  }

  // ---- previews ----

  async preview(printerId: string, query: PreviewQuery): Promise<string> {
    const printer = this.registry.printer(printerId);
    if (!printer) throw notFound('This printer');
    let document: PrintDocument;
    if (query.jobId !== undefined) {
      const job = this.store.byId(query.jobId);
      if (!job) throw notFound('This print job');
      document = JSON.parse(job.document) as PrintDocument;
    } else {
      const venue = this.printSettings();
      document = query.kind === 'receipt'
        ? sampleReceipt({ header: [venue.name], timeZone: venue.timeZone })
        : sampleKitchenTicket({ timeZone: venue.timeZone });
    }
    return renderPreviewSvg(document, { paper: printer.paperWidth });
  }
}
