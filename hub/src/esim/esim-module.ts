import { newId } from '@onemoment/shared/ids';
import type { HubModule } from '../modules/hub-module.ts';
import { AiraloClient } from './airalo-client.ts';
import { AiraloSetup } from './airalo-setup.ts';
import { Catalogue } from './catalogue.ts';
import { CatalogueSync } from './catalogue-sync.ts';
import { EsimAdapter } from './esim-adapter.ts';
import { EsimPrinting } from './esim-printing.ts';
import { EsimStore } from './esim-store.ts';
import { PurchaseService, type EsimFloor } from './purchase-service.ts';
import { esimRoutes } from './routes.ts';
import { clientKeyOf, SqliteTokenProvider } from './token-store.ts';

/** Tuning for tests and benchmarks; the defaults suit a venue. */
export interface EsimOptions {
  /** How often Airalo's catalogue is read (an hour). */
  catalogueIntervalMs?: number;
  /** How long one request to Airalo may take (30 s). */
  requestTimeoutMs?: number;
}

/** What the eSIM module offers the modules loaded after it, and tests. */
export interface EsimApi {
  purchases: PurchaseService;
  catalogue: Catalogue;
  airalo: AiraloSetup;
  store: EsimStore;
}

declare module '../modules/hub-module.ts' {
  interface ModuleApis {
    esim: EsimApi;
  }
}

/**
 * Travel eSIMs through Airalo: the catalogue kept offline, sales as bill lines, orders through the
 * outbox once the bill is paid, the install QR for the buyer, usage. It owns `airalo_*` and `esim_*`.
 * It needs payments (a sale is a bill line, paid with any tender, the room charge included).
 */
export function esimModule(options: EsimOptions = {}): HubModule<'esim'> {
  return {
    name: 'esim',
    namespaces: [],
    // A visit that closes with a sale still unpaid cancels it, in the close's own command.
    subscribes: ['visit.closed'],
    timers: ["Airalo's catalogue read hourly while credentials are set"],
    async setup({ app, context, modules }) {
      const payments = modules.payments!;
      const restaurant = modules.restaurant!;
      const store = new EsimStore(context.store.sqlite);
      const apiUrl = context.config.esim.airaloApiUrl;
      const clientKey = () => {
        const settings = store.settings();
        return settings?.clientId && settings.clientSecret ? clientKeyOf(apiUrl, settings.clientId) : null;
      };
      const tokens = new SqliteTokenProvider(context, store, (): AiraloClient => client, apiUrl);
      const client: AiraloClient = new AiraloClient({ baseUrl: apiUrl, tokens, ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}) });
      const catalogue = new Catalogue(context, store);
      const floor: EsimFloor = {
        visit: (visitId) => {
          const visit = restaurant.visits.visit(visitId);
          return visit ? { id: visit.id, status: visit.status, tableName: visit.tableName } : null;
        },
        billChangedIn: (tx, visitId) => payments.bills.billChangedIn(tx, visitId),
        inHouseStayOf: (visitId) => payments.bills.inHouseStayOf(visitId),
        chargeToRoomIn: (tx, visitId, amountMinor, staff) => {
          payments.bills.chargeToRoomIn(tx, visitId, { paymentId: newId(), bookingId: null, amountMinor }, staff);
        },
      };
      const catalogueSync = new CatalogueSync(context, store, (): PurchaseService => purchases, clientKey);
      const adapter = new EsimAdapter({ context, store, client: () => client, clientKey, purchases: (): PurchaseService => purchases, catalogueSync: () => catalogueSync });
      const purchases: PurchaseService = new PurchaseService(context, store, catalogue, floor, adapter);
      payments.bills.useExtras({ linesOf: (visitId) => purchases.billLinesOf(visitId), paidInFull: (tx, visitId) => purchases.paidInFull(tx, visitId) });
      context.outbox.register(adapter);
      context.events.on('visit.closed', (tx, visit) => purchases.visitClosed(tx, visit.id));
      const airalo = new AiraloSetup(context, store, adapter, options);
      const printing = new EsimPrinting(context, purchases, modules.printing ?? null);
      await app.register(esimRoutes(context, { catalogue, purchases, airalo, printing }));
      app.addHook('onReady', async () => airalo.start());
      app.addHook('onClose', async () => airalo.stop());
      return { purchases, catalogue, airalo, store };
    },
  };
}
