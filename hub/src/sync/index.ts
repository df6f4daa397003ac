import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HubContext } from '../context.ts';
import { syncRoutes } from './routes.ts';
import { SyncService, type SyncOptions } from './sync-service.ts';

export { SyncService, type SyncOptions } from './sync-service.ts';

const modules = new WeakMap<HubContext, SyncService>();

/** The sync module of a hub (tests reach the documents and the client through this). */
export function syncFor(context: HubContext): SyncService {
  const sync = modules.get(context);
  if (!sync) throw new Error('The sync module is not registered on this hub.');
  return sync;
}

/**
 * Cloud sync: every order and menu change is recorded in the venue's Yjs documents in its own command;
 * while paired, a client sends them to the cloud and applies the cloud's changes. Recording starts at
 * registration; the client starts when the app is ready and stops when it closes.
 */
export function syncModule(context: HubContext, options: SyncOptions = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    const sync = new SyncService(context, options);
    modules.set(context, sync);
    sync.attach();
    await app.register(syncRoutes(context, sync));
    app.addHook('onReady', async () => sync.start());
    app.addHook('onClose', async () => sync.stop());
  };
}
