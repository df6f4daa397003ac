import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthSchema } from '@onemoment/shared/schemas/system';
import type { HubContext } from '../context.ts';
import { forbidden } from '../errors.ts';
import { mayReadMetrics } from './metrics-access.ts';

const VERSION = '0.1.0';

export function systemRoutes(context: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/health',
      { schema: { tags: ['system'], summary: 'Is the hub up, and can it read its database?', response: { 200: HealthSchema } } },
      async () => {
        context.store.sqlite.prepare('SELECT 1').get();
        return { status: 'ok' as const, version: VERSION, uptimeSeconds: Math.round(process.uptime()), db: 'ok' as const };
      },
    );
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (!mayReadMetrics(request.socket.remoteAddress, request.headers.authorization, context.config.metricsToken)) {
        throw forbidden('Metrics are served to the hub itself; from another machine send the METRICS_TOKEN as a bearer token.');
      }
      reply.header('content-type', context.metrics.registry.contentType);
      return context.metrics.registry.metrics();
    });
  };
}
