import type { HubModule } from '../modules/hub-module.ts';
import { Printing, type PrintingOptions } from './printing.ts';
import { printingRoutes } from './routes.ts';

declare module '../modules/hub-module.ts' {
  interface ModuleApis {
    printing: Printing;
  }
}

/**
 * Printing runs on every hub: printers, their status and a durable queue. With the restaurant, each
 * order's items go to its stations' printers and a bill request's receipt to the receipt printer, the
 * jobs written inside the order's (or the request's) own command. The queue and the status checks
 * start when the app is ready and stop when it closes.
 */
export function printingModule(options: PrintingOptions = {}): HubModule<'printing'> {
  return {
    name: 'printing',
    namespaces: [],
    subscribes: ['order.placed', 'order.items_stopped', 'request.created'],
    timers: ['the print queue (one loop per station)', 'printer status every 5 s', 'old jobs pruned every 6 h'],
    async setup({ app, context, modules }) {
      const printing = new Printing(context, modules.restaurant ?? null, options);
      const recovered = await printing.recoverInterrupted();
      if (recovered > 0) context.log.warn({ jobs: recovered }, 'print jobs were being sent when the hub stopped; marked as failed for staff to check');
      context.events.on('order.placed', printing.service.onOrderPlaced);
      context.events.on('order.items_stopped', printing.service.onItemsStopped);
      context.events.on('request.created', printing.service.onBillRequested);

      await app.register(printingRoutes(context, printing));

      app.addHook('onReady', async () => printing.start());
      app.addHook('onListen', async () => {
        const address = app.server.address();
        if (typeof address === 'object' && address) printing.announce(address.port);
      });
      app.addHook('onClose', async () => printing.stop());
      return printing;
    },
  };
}
