import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HubContext } from '../../context.ts';

// Filled by the menu module.
export function menuRoutes(_context: HubContext): FastifyPluginAsyncTypebox {
  return async () => {};
}
