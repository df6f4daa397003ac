import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HubContext } from '../context.ts';
import { floorRoutes } from './floor/routes.ts';
import { kitchenRoutes } from './kitchen/routes.ts';
import { menuRoutes } from './menu/routes.ts';
import { ordersRoutes } from './orders/routes.ts';

/** The restaurant module: menu, floor (tables, visits, QR, guest requests), orders and the kitchen. */
export function restaurantModule(context: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(menuRoutes(context));
    await app.register(floorRoutes(context));
    await app.register(ordersRoutes(context));
    await app.register(kitchenRoutes(context));
  };
}
