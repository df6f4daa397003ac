import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema, errorResponses } from '@onemoment/shared/schemas/common';
import type { HubContext } from '../context.ts';
import { requireStaff } from '../http/guards.ts';
import { PairBodySchema, SyncStatusSchema } from './schemas.ts';
import type { SyncService } from './sync-service.ts';

const tags = ['sync'];

/** Pairing with the cloud and the sync status (the admin page's "Cloud sync" card reads it). */
export function syncRoutes(context: HubContext, sync: SyncService): FastifyPluginAsyncTypebox {
  const manager = requireStaff(context.sessions, 'manager');
  const staff = requireStaff(context.sessions);

  return async (app) => {
    app.get(
      '/api/sync/status',
      {
        preHandler: staff,
        schema: {
          tags,
          summary: 'Whether the hub is paired and connected, when it last synced, and what is still waiting to reach the cloud',
          response: { 200: SyncStatusSchema, ...errorResponses },
        },
      },
      async () => sync.status(),
    );

    app.post(
      '/api/sync/pair',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Pair the hub with the cloud venue HQ created, using the code HQ was shown; syncing starts at once',
          body: PairBodySchema,
          response: { 200: SyncStatusSchema, ...errorResponses, 502: ErrorSchema },
        },
      },
      async (request) => sync.pair(request.body.cloudUrl, request.body.pairingCode),
    );

    app.post(
      '/api/sync/unpair',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Stop syncing and forget the cloud token; changes are still recorded for a later pairing',
          response: { 200: SyncStatusSchema, ...errorResponses },
        },
      },
      async () => sync.unpair(),
    );
  };
}
