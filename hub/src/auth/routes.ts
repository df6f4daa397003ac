import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HubContext } from '../context.ts';

// Filled by the auth module: PIN login, logout, me, staff management.
export function authRoutes(_context: HubContext): FastifyPluginAsyncTypebox {
  return async () => {};
}
