import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParamsSchema } from '@onemoment/shared/schemas/common';
import { MenuQuerySchema, MenuSchema } from '@onemoment/shared/schemas/menu';
import type { HubContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { requireGuest, requireStaff } from '../../http/guards.ts';
import { menuBuilderRoutes } from './builder-routes.ts';
import type { MenuService } from './menu-service.ts';

const tags = ['menu'];

/**
 * The guest menu (86'd items left out), the staff menu (everything live), the menu's photos, and the
 * manager's builder routes.
 */
export function menuRoutes(context: HubContext, menu: MenuService): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(menuBuilderRoutes(context, menu.builder));

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

    app.get(
      '/api/menu/photos/:id',
      {
        schema: {
          tags,
          summary: "A menu photo (or its thumbnail, `<id>-thumb`): no login, as an <img> cannot send one; each upload has a new address, so it is cached for good",
          params: IdParamsSchema,
          response: { 200: Type.Unsafe({ description: 'The image (WebP)', type: 'string', format: 'binary' }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const photo = menu.builder.photo(request.params.id);
        if (!photo) throw notFound('The photo');
        const etag = `"${photo.id}"`;
        reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', etag);
        if (request.headers['if-none-match'] === etag) return reply.status(304).send();
        return reply.type(photo.contentType).send(photo.data);
      },
    );
  };
}
