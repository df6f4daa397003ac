import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HubContext } from '../../context.ts';

// Filled by the floor module.
export function floorRoutes(_context: HubContext): FastifyPluginAsyncTypebox {
  return async () => {};
}
