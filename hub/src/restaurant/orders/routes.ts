import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HubContext } from '../../context.ts';

// Filled by the orders module.
export function ordersRoutes(_context: HubContext): FastifyPluginAsyncTypebox {
  return async () => {};
}
