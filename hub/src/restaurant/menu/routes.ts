import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '@onemoment/shared/schemas/common';
import { MenuItemParamsSchema, MenuItemPatchSchema, MenuItemSchema, MenuQuerySchema, MenuSchema } from '@onemoment/shared/schemas/menu';
import type { HubContext } from '../../context.ts';
import { requireGuest, requireStaff } from '../../http/guards.ts';
import type { MenuService } from './menu-service.ts';

const tags = ['menu'];

/** The guest menu (86'd items left out), the staff menu (everything), and the manager's item edits. */
export function menuRoutes(context: HubContext, menu: MenuService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/guest/menu',
      {
        preHandler: requireGuest(context.sessions),
        schema: {
          tags,
          summary: "The menu for a guest, in the asked language (English where a text is missing); sold-out items left out",
          querystring: MenuQuerySchema,
          response: { 200: MenuSchema, ...errorResponses },
        },
      },
      async (request) => menu.menu(request.query.lang, 'guest'),
    );

    app.get(
      '/api/menu',
      {
        preHandler: requireStaff(context.sessions),
        schema: {
          tags,
          summary: "The whole menu for staff, 86'd items included (available: false)",
          querystring: MenuQuerySchema,
          response: { 200: MenuSchema, ...errorResponses },
        },
      },
      async (request) => menu.menu(request.query.lang, 'staff'),
    );

    app.patch(
      '/api/menu/items/:id',
      {
        preHandler: requireStaff(context.sessions, 'manager'),
        schema: {
          tags,
          summary: "Change an item's price, names, descriptions, or 86 it; tells staff and guests at once",
          params: MenuItemParamsSchema,
          querystring: MenuQuerySchema,
          body: MenuItemPatchSchema,
          response: { 200: MenuItemSchema, ...errorResponses },
        },
      },
      async (request) => menu.updateItem(request.params.id, request.body, request.query.lang),
    );
  };
}
