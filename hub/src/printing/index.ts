import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HubContext } from '../context.ts';
import { Printing, type PrintingOptions } from './printing.ts';
import { printingRoutes } from './routes.ts';

export { Printing, type PrintingOptions } from './printing.ts';
export { ticketDocument, receiptDocument, printedName, type VenuePrintSettings } from './print-documents.ts';
export { DEMO_PRINT_VENUE, ticketBytes } from './bench-support.ts';

const modules = new WeakMap<HubContext, Printing>();

/** The printing module of a hub (tests and the benchmark kick the queue and wait for it through this). */
export function printingFor(context: HubContext): Printing {
  const printing = modules.get(context);
  if (!printing) throw new Error('The printing module is not registered on this hub.');
  return printing;
}

/**
 * Printing: routes each order's items to its stations' printers and receipts to the receipt printer,
 * through a durable queue written in the same transaction as the order. The queue and the status
 * checks start when the app is ready and stop when it closes (hub.close() closes the app).
 */
export function printingModule(context: HubContext, options: PrintingOptions = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    const printing = new Printing(context, options);
    modules.set(context, printing);
    const recovered = await printing.recoverInterrupted();
    if (recovered > 0) context.log.warn({ jobs: recovered }, 'print jobs were being sent when the hub stopped; marked as failed for staff to check');
    context.orderHooks.placed.push(printing.service.onOrderPlaced);
    context.orderHooks.billRequested.push(printing.service.onBillRequested);

    await app.register(printingRoutes(context, printing));

    app.addHook('onReady', async () => printing.start());
    app.addHook('onListen', async () => {
      const address = app.server.address();
      if (typeof address === 'object' && address) printing.announce(address.port);
    });
    app.addHook('onClose', async () => printing.stop());
  };
}
