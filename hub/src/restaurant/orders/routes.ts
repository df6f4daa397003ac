import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '@onemoment/shared/schemas/common';
import {
  GuestPlaceOrderBodySchema,
  ItemTransitionBodySchema,
  OrderIdParamsSchema,
  OrderItemParamsSchema,
  OrderListQuerySchema,
  OrderListSchema,
  OrderSchema,
  RushBodySchema,
  StaffPlaceOrderBodySchema,
  TransitionBodySchema,
} from '@onemoment/shared/schemas/orders';
import type { HubContext } from '../../context.ts';
import { guestOf, requireGuest, requireStaff, staffOf } from '../../http/guards.ts';
import type { OrderService } from './order-service.ts';

const tags = ['orders'];
const placedResponses = {
  200: { ...OrderSchema, description: 'The order was already placed with this id: the first order, unchanged' },
  201: { ...OrderSchema, description: 'The order is placed and durable' },
  ...errorResponses,
};

/** Guests and staff place orders; staff follow and change them through their lifecycle. */
export function ordersRoutes(context: HubContext, orders: OrderService): FastifyPluginAsyncTypebox {
  const guest = requireGuest(context.sessions);
  const anyStaff = requireStaff(context.sessions);
  const floorStaff = requireStaff(context.sessions, 'waiter', 'manager');

  return async (app) => {
    // ---- guests ----

    app.post(
      '/api/guest/orders',
      {
        preHandler: guest,
        schema: {
          tags,
          summary: 'Place an order for the guest’s table; the same id again returns the first order',
          body: GuestPlaceOrderBodySchema,
          response: placedResponses,
        },
      },
      async (request, reply) => {
        const placed = await orders.placeGuestOrder(guestOf(request), request.body);
        return reply.status(placed.created ? 201 : 200).send(placed.order);
      },
    );

    app.get(
      '/api/guest/orders',
      {
        preHandler: guest,
        schema: { tags, summary: 'The orders of the guest’s visit, newest first', response: { 200: OrderListSchema, ...errorResponses } },
      },
      async (request) => orders.guestOrders(guestOf(request)),
    );

    app.get(
      '/api/guest/orders/:id',
      {
        preHandler: guest,
        schema: { tags, summary: 'One order of the guest’s visit', params: OrderIdParamsSchema, response: { 200: OrderSchema, ...errorResponses } },
      },
      async (request) => orders.guestOrder(guestOf(request), request.params.id),
    );

    // ---- staff ----

    app.post(
      '/api/orders',
      {
        preHandler: floorStaff,
        schema: {
          tags,
          summary: 'Place an order for a table (opens a visit when none is open); the same id again returns the first order',
          body: StaffPlaceOrderBodySchema,
          response: placedResponses,
        },
      },
      async (request, reply) => {
        const placed = await orders.placeStaffOrder(staffOf(request), request.body);
        return reply.status(placed.created ? 201 : 200).send(placed.order);
      },
    );

    app.get(
      '/api/orders',
      {
        preHandler: anyStaff,
        schema: {
          tags,
          summary: 'Orders of today’s business day, newest first',
          querystring: OrderListQuerySchema,
          response: { 200: OrderListSchema, ...errorResponses },
        },
      },
      async (request) => orders.staffOrders(request.query.status ?? 'open'),
    );

    app.post(
      '/api/orders/:id/transition',
      {
        preHandler: anyStaff,
        schema: {
          tags,
          summary: 'Accept, serve, cancel or void an order (who may do which is the lifecycle table’s rule)',
          params: OrderIdParamsSchema,
          body: TransitionBodySchema,
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request) => orders.transition(staffOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/orders/:orderId/items/:itemId/transition',
      {
        preHandler: anyStaff,
        schema: {
          tags,
          summary: 'Serve, cancel or void one item; the order’s other items keep their state and the order follows its items',
          params: OrderItemParamsSchema,
          body: ItemTransitionBodySchema,
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request) => orders.transitionItem(staffOf(request), request.params.orderId, request.params.itemId, request.body),
    );

    app.post(
      '/api/orders/:id/rush',
      {
        preHandler: anyStaff,
        schema: {
          tags,
          summary: 'Mark an order as a rush (its tickets go first) or take the mark off',
          params: OrderIdParamsSchema,
          body: RushBodySchema,
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request) => orders.setRush(request.params.id, request.body.rush),
    );
  };
}
