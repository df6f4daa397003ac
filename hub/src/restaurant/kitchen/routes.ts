import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HubContext } from '../../context.ts';

// Filled by the kitchen module.
export function kitchenRoutes(_context: HubContext): FastifyPluginAsyncTypebox {
  return async () => {};
}
