import type { HubModule } from '../modules/hub-module.ts';
import { syncRoutes } from './routes.ts';
import { SyncService, type SyncOptions } from './sync-service.ts';

declare module '../modules/hub-module.ts' {
  interface ModuleApis {
    sync: SyncService;
  }
}

/**
 * Cloud sync runs on every hub: every order, payment, settled bill, eSIM sale and menu change (and,
 * with the hotel, every booking and the room types) is recorded in the venue's Yjs documents inside
 * its own command; while paired, a client sends them to the cloud and hands the cloud's changes to the
 * menu module (when the restaurant runs), HQ's TON rate to payments and HQ's bookings to the hotel
 * (when they run: they load before sync). Recording starts at setup (before any command); the client
 * starts when the app is ready and stops when it closes.
 */
export function syncModule(options: SyncOptions = {}): HubModule<'sync'> {
  return {
    name: 'sync',
    namespaces: [],
    subscribes: ['order.placed', 'order.updated', 'payment.recorded', 'bill.settled', 'esim.sale_changed', 'menu.changed', 'booking.changed', 'room.changed'],
    timers: ['documents reviewed every minute (the day turns, old days unload)', 'the cloud client: reconnect with backoff, heartbeat'],
    async setup({ app, context, modules }) {
      const visits = modules.restaurant?.visits;
      const sync = new SyncService(context, modules.restaurant?.menu ?? null, options, modules.payments?.ton ?? null, {
        hotel: modules.hotel ?? null,
        isRoomVisit: visits ? (visitId) => visits.table(visits.visit(visitId)?.tableId ?? '')?.kind === 'room' : null,
      });
      sync.attach();
      await app.register(syncRoutes(context, sync));
      app.addHook('onReady', async () => sync.start());
      app.addHook('onClose', async () => sync.stop());
      return sync;
    },
  };
}
