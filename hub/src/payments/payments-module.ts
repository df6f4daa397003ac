import { newId } from '@onemoment/shared/ids';
import type { HubModule } from '../modules/hub-module.ts';
import { BillPrinting } from './bill-printing.ts';
import { BillService } from './bill-service.ts';
import { BillStore } from './bill-store.ts';
import { DayClose } from './day-close.ts';
import { dayRoutes } from './day-routes.ts';
import { paymentRoutes } from './routes.ts';
import { TonPayments, type TonOptions } from './ton/ton-payments.ts';
import { tonRoutes } from './ton/ton-routes.ts';

/** Tuning for tests and benchmarks (how often TON is checked); the defaults suit a venue. */
export interface PaymentsOptions {
  ton?: TonOptions;
}

/** What payments offer the modules loaded after them: the bills (printing's bill and receipt). */
export interface PaymentsApi {
  bills: BillService;
  days: DayClose;
  ton: TonPayments;
}

declare module '../modules/hub-module.ts' {
  interface ModuleApis {
    payments: PaymentsApi;
  }
}

/**
 * Payments: a visit's bill (tax, service, discounts, splits, tips), cash, card and TON payments, and
 * the day's close. It owns `billing_settings`, `bill_*`, `payments`, `day_closes` and the `ton_*`
 * tables. Every close of a visit goes through its bill: money due is paid or written off first.
 */
export function paymentsModule(options: PaymentsOptions = {}): HubModule<'payments'> {
  return {
    name: 'payments',
    namespaces: [],
    subscribes: [],
    timers: ['TON payments checked through the outbox every few seconds while an invoice is open'],
    async setup({ app, context, modules }) {
      const restaurant = modules.restaurant!;
      const store = new BillStore(context.store.sqlite);
      const bills = new BillService(context, restaurant, store);
      const days = new DayClose(context, restaurant, store, bills);
      const printing = modules.printing ? new BillPrinting(context, modules.printing, bills, days, restaurant) : null;
      const ton = new TonPayments(context, bills, context.outbox, options.ton);
      context.outbox.register(ton.adapter);
      bills.useTonAvailability(() => ton.isSetUp());
      days.useUnconfirmedTon(() => ton.unconfirmed());
      // A printed bill carries a TON invoice for what is due, made in the print's own command.
      printing?.useTonLinks((tx, visitId, dueMinor) => (ton.isSetUp() ? ton.createInvoiceIn(tx, visitId, { id: newId(), amountMinor: dueMinor }, 'staff').invoice.link : null));
      restaurant.closing.useBills(bills);
      await app.register(paymentRoutes(context, bills));
      await app.register(dayRoutes(context, days, printing));
      await app.register(tonRoutes(context, ton));
      return { bills, days, ton };
    },
  };
}
