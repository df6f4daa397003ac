import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema, errorResponses, IdParamsSchema } from '@onemoment/shared/schemas/common';
import {
  ArchivedSchema,
  MenuCategoryCreateSchema,
  MenuCategoryPatchSchema,
  MenuCategorySchema,
  MenuItemCreateSchema,
  MenuItemParamsSchema,
  MenuItemPatchSchema,
  MenuItemSchema,
  MenuOrderSchema,
  MenuQuerySchema,
  MenuSchema,
  PHOTO_CONTENT_TYPES,
} from '@onemoment/shared/schemas/menu';
import type { HubContext } from '../../context.ts';
import { requireStaff } from '../../http/guards.ts';
import type { MenuBuilder } from './menu-builder.ts';
import { checkPhotoContentType, MAX_PHOTO_BYTES, PHOTO_TYPES_TEXT, resizePhoto } from './menu-photos.ts';

const tags = ['menu'];
const photoResponses = { ...errorResponses, 413: ErrorSchema, 415: ErrorSchema };

/**
 * The manager's menu builder: categories and items added, edited, ordered and archived; modifier
 * groups; photos. Every write tells staff and guests (`menu.changed`) and reaches HQ through sync.
 */
export function menuBuilderRoutes(context: HubContext, builder: MenuBuilder): FastifyPluginAsyncTypebox {
  const manager = requireStaff(context.sessions, 'manager');

  return async (app) => {
    // Photos arrive as raw bytes; this plugin's parser reads them (the hub reads the bytes to be sure).
    const unparsed = PHOTO_CONTENT_TYPES.filter((type) => !app.hasContentTypeParser(type));
    if (unparsed.length > 0) app.addContentTypeParser(unparsed, { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_request, body, done) => done(null, body));

    app.post(
      '/api/menu/categories',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Add a category, last on the menu (guests see it once it has an item)',
          querystring: MenuQuerySchema,
          body: MenuCategoryCreateSchema,
          response: { 200: MenuCategorySchema, 201: MenuCategorySchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { category, created } = await builder.createCategory(request.body, request.query.lang);
        return reply.status(created ? 201 : 200).send(category);
      },
    );

    app.patch(
      '/api/menu/categories/:id',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Rename a category',
          params: IdParamsSchema,
          querystring: MenuQuerySchema,
          body: MenuCategoryPatchSchema,
          response: { 200: MenuCategorySchema, ...errorResponses },
        },
      },
      async (request) => builder.updateCategory(request.params.id, request.body, request.query.lang),
    );

    app.post(
      '/api/menu/categories/:id/archive',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Archive a category and the items in it: they leave the menus (old orders keep their names)',
          params: IdParamsSchema,
          response: { 200: ArchivedSchema, ...errorResponses },
        },
      },
      async (request) => builder.archiveCategory(request.params.id),
    );

    app.post(
      '/api/menu/categories/order',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Put the categories in a new order: every live category id once',
          querystring: MenuQuerySchema,
          body: MenuOrderSchema,
          response: { 200: MenuSchema, ...errorResponses },
        },
      },
      async (request) => builder.orderCategories(request.body.ids, request.query.lang),
    );

    app.post(
      '/api/menu/categories/:id/items/order',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: "Put a category's items in a new order: every live item id of the category once",
          params: IdParamsSchema,
          querystring: MenuQuerySchema,
          body: MenuOrderSchema,
          response: { 200: MenuCategorySchema, ...errorResponses },
        },
      },
      async (request) => builder.orderItems(request.params.id, request.body.ids, request.query.lang),
    );

    app.post(
      '/api/menu/items',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Add an item, last in its category; on the guest menu at once',
          querystring: MenuQuerySchema,
          body: MenuItemCreateSchema,
          response: { 200: MenuItemSchema, 201: MenuItemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { item, created } = await builder.createItem(request.body, request.query.lang);
        return reply.status(created ? 201 : 200).send(item);
      },
    );

    app.patch(
      '/api/menu/items/:id',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: "Change an item: names, descriptions, price, 86, station, allergens, tax rate, category, modifier groups; tells staff and guests at once",
          params: MenuItemParamsSchema,
          querystring: MenuQuerySchema,
          body: MenuItemPatchSchema,
          response: { 200: MenuItemSchema, ...errorResponses },
        },
      },
      async (request) => builder.updateItem(request.params.id, request.body, request.query.lang),
    );

    app.post(
      '/api/menu/items/:id/archive',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Archive an item: it leaves the menus (old orders keep their names)',
          params: MenuItemParamsSchema,
          response: { 200: ArchivedSchema, ...errorResponses },
        },
      },
      async (request) => builder.archiveItem(request.params.id),
    );

    app.put(
      '/api/menu/items/:id/photo',
      {
        // Who is asking and what they send are checked before megabytes are read.
        onRequest: [manager, async (request) => checkPhotoContentType(request.headers['content-type'])],
        bodyLimit: MAX_PHOTO_BYTES,
        schema: {
          tags,
          summary: "Set an item's photo: the body is the image; the hub keeps it at most 1200 px and a 320 px thumbnail",
          description: `Send the image as the body with its content type (${PHOTO_TYPES_TEXT}), at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`,
          params: MenuItemParamsSchema,
          querystring: MenuQuerySchema,
          response: { 200: MenuItemSchema, ...photoResponses },
        },
      },
      async (request) => {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return builder.setPhoto(request.params.id, await resizePhoto(bytes), request.query.lang);
      },
    );

    app.delete(
      '/api/menu/items/:id/photo',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: "Remove an item's photo",
          params: MenuItemParamsSchema,
          querystring: MenuQuerySchema,
          response: { 200: MenuItemSchema, ...errorResponses },
        },
      },
      async (request) => builder.removePhoto(request.params.id, request.query.lang),
    );
  };
}
