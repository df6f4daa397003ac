import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '@onemoment/shared/schemas/common';
import {
  AllDayResponseSchema,
  BumpResponseSchema,
  ItemIdParamsSchema,
  RecentItemsResponseSchema,
  StationQuerySchema,
  TicketsResponseSchema,
} from '@onemoment/shared/schemas/kitchen';
import type { HubContext } from '../../context.ts';
import { requireStaff } from '../../http/guards.ts';
import type { KitchenService } from './kitchen-service.ts';

const tags = ['kitchen'];

/** The kitchen display's API: tickets per station, bump and recall, the recall list, all-day counts. */
export function kitchenRoutes(context: HubContext, kitchen: KitchenService): FastifyPluginAsyncTypebox {
  const readers = requireStaff(context.sessions, 'kitchen', 'manager', 'waiter');
  const cooks = requireStaff(context.sessions, 'kitchen', 'manager');

  return async (app) => {
    app.get(
      '/api/kds/tickets',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: 'A station’s open tickets (expo: every station’s), rush first, then the oldest',
          querystring: StationQuerySchema,
          response: { 200: TicketsResponseSchema, ...errorResponses },
        },
      },
      async (request) => kitchen.tickets(request.query.station),
    );

    // Bump and recall take no body: the item in the path is all they need.
    app.post(
      '/api/kds/items/:itemId/bump',
      {
        preHandler: cooks,
        schema: {
          tags,
          summary: 'Mark an item ready; the order moves to preparing, or to ready when all its items are',
          params: ItemIdParamsSchema,
          response: { 200: BumpResponseSchema, ...errorResponses },
        },
      },
      async (request) => kitchen.bump(request.params.itemId),
    );

    app.post(
      '/api/kds/items/:itemId/recall',
      {
        preHandler: cooks,
        schema: {
          tags,
          summary: 'Take back a bump: the item is to make again, and a ready order goes back to preparing',
          params: ItemIdParamsSchema,
          response: { 200: BumpResponseSchema, ...errorResponses },
        },
      },
      async (request) => kitchen.recall(request.params.itemId),
    );

    app.get(
      '/api/kds/recent',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: 'The last 20 items bumped at a station and not yet served, for recalling a mistaken bump',
          querystring: StationQuerySchema,
          response: { 200: RecentItemsResponseSchema, ...errorResponses },
        },
      },
      async (request) => kitchen.recent(request.query.station),
    );

    app.get(
      '/api/kds/all-day',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: 'How many of each dish are still to make at a station',
          querystring: StationQuerySchema,
          response: { 200: AllDayResponseSchema, ...errorResponses },
        },
      },
      async (request) => kitchen.allDay(request.query.station),
    );
  };
}
