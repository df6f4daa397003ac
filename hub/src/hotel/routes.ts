import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { BookingAction } from '@onemoment/shared/hotel/booking-lifecycle';
import { errorResponses, IdParamsSchema } from '@onemoment/shared/schemas/common';
import {
  AssignRoomBodySchema,
  AvailabilityQuerySchema,
  AvailabilitySchema,
  BookingListQuerySchema,
  BookingSchema,
  BookingTransitionBodySchema,
  ChangeDatesBodySchema,
  CreateBookingBodySchema,
  FolioChargeBodySchema,
  FolioChargeSchema,
  FolioPaymentBodySchema,
  FolioPaymentSchema,
  FolioSchema,
  FrontDeskSchema,
  HousekeepingBodySchema,
  OutOfOrderBodySchema,
  RatePlanBodySchema,
  RatePlanSchema,
  RoomSchema,
  RoomTypeSchema,
  DateSchema,
} from '@onemoment/shared/schemas/hotel';
import type { HubContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { requireStaff, staffOf } from '../http/guards.ts';
import { cleanText } from '../restaurant/orders/order-text.ts';
import type { BookingService } from './booking-service.ts';
import type { FolioService } from './folio-service.ts';
import type { Inventory } from './inventory.ts';

const tags = ['hotel'];

const ACTIONS: ReadonlyArray<{ action: BookingAction; summary: string }> = [
  { action: 'confirm', summary: 'Confirm a tentative booking' },
  { action: 'check-in', summary: 'Check the guest in: a ready room is assigned when none was, the nights are posted to the folio, and room service opens (409 no_room_ready, room_not_ready, too_early)' },
  { action: 'check-out', summary: 'Check the guest out: refused while money is due on the folio (409 folio_not_paid); the room becomes dirty' },
  { action: 'cancel', summary: 'Cancel a booking, with a reason' },
  { action: 'no-show', summary: 'Mark a booking a no-show (manager)' },
];

/** Staff's hotel routes: inventory and availability, bookings and their lifecycle, folios, housekeeping. */
export function hotelRoutes(context: HubContext, parts: { inventory: Inventory; bookings: BookingService; folios: FolioService }): FastifyPluginAsyncTypebox {
  const { inventory, bookings, folios } = parts;
  const anyStaff = requireStaff(context.sessions);
  const desk = requireStaff(context.sessions, 'front_desk', 'manager');
  const housekeepers = requireStaff(context.sessions, 'housekeeping', 'front_desk', 'manager');
  const manager = requireStaff(context.sessions, 'manager');

  const requireBooking = (id: string) => {
    const booking = bookings.get(id);
    if (!booking) throw notFound('This booking');
    return booking;
  };

  return async (app) => {
    // ---- inventory ----

    app.get('/api/hotel/room-types', { preHandler: anyStaff, schema: { tags, summary: 'Room types with their capacity and how many rooms each has', response: { 200: Type.Array(RoomTypeSchema), ...errorResponses } } }, async () =>
      inventory.roomTypes(),
    );

    app.get('/api/hotel/rooms', { preHandler: anyStaff, schema: { tags, summary: 'Rooms with housekeeping state, out of order, who is in them, and whether each is ready', response: { 200: Type.Array(RoomSchema), ...errorResponses } } }, async () =>
      inventory.rooms(),
    );

    app.get(
      '/api/hotel/availability',
      {
        preHandler: anyStaff,
        schema: { tags, summary: 'Per room type and night from `from` up to, not including, `to`: the rooms still free and the night price', querystring: AvailabilityQuerySchema, response: { 200: AvailabilitySchema, ...errorResponses } },
      },
      async (request) => inventory.availability(request.query.from, request.query.to, request.query.roomTypeId),
    );

    app.get('/api/hotel/rate-plans', { preHandler: anyStaff, schema: { tags, summary: 'Rate plans: nightly prices by dates, weekday and minimum stay', response: { 200: Type.Array(RatePlanSchema), ...errorResponses } } }, async () =>
      inventory.ratePlans(),
    );

    app.post(
      '/api/hotel/rate-plans',
      { preHandler: manager, schema: { tags, summary: 'Add a rate plan (the highest priority covering a night prices it); the same id again answers the first', body: RatePlanBodySchema, response: { 200: RatePlanSchema, 201: RatePlanSchema, ...errorResponses } } },
      async (request, reply) => {
        const name = cleanText(request.body.name);
        if (!name) throw badRequest('bad_name', 'A rate plan needs a name.');
        const existed = request.body.id !== undefined && inventory.ratePlans().some((plan) => plan.id === request.body.id);
        return reply.status(existed ? 200 : 201).send(await inventory.addRatePlan({ ...request.body, name }));
      },
    );

    app.delete(
      '/api/hotel/rate-plans/:id',
      { preHandler: manager, schema: { tags, summary: 'Remove a rate plan (bookings keep the prices they were made at)', params: IdParamsSchema, response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        await inventory.removeRatePlan(request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/hotel/rooms/:id/housekeeping',
      { preHandler: housekeepers, schema: { tags, summary: 'Mark a room clean, dirty or inspected', params: IdParamsSchema, body: HousekeepingBodySchema, response: { 200: RoomSchema, ...errorResponses } } },
      async (request) => inventory.setHousekeeping(request.params.id, request.body.state, staffOf(request)),
    );

    app.post(
      '/api/hotel/rooms/:id/out-of-order',
      { preHandler: desk, schema: { tags, summary: 'Take a room out of order from one date up to, not including, another, with the reason (409 room_has_stays or room_needed while a booking needs it)', params: IdParamsSchema, body: OutOfOrderBodySchema, response: { 200: RoomSchema, ...errorResponses } } },
      async (request) => {
        const reason = cleanText(request.body.reason);
        if (!reason) throw badRequest('reason_required', 'Say why the room is out of order.');
        return inventory.setOutOfOrder(request.params.id, { ...request.body, reason });
      },
    );

    app.delete(
      '/api/hotel/rooms/:id/out-of-order',
      { preHandler: desk, schema: { tags, summary: 'Put a room back in order', params: IdParamsSchema, response: { 200: RoomSchema, ...errorResponses } } },
      async (request) => inventory.setOutOfOrder(request.params.id, null),
    );

    // ---- bookings ----

    app.get(
      '/api/hotel/front-desk',
      {
        preHandler: desk,
        schema: { tags, summary: "The desk's day: arrivals, departures, in house, overbooking conflicts with their choices, and the rooms' state", querystring: Type.Object({ date: Type.Optional(DateSchema) }, { additionalProperties: false }), response: { 200: FrontDeskSchema, ...errorResponses } },
      },
      async (request) => bookings.frontDesk(request.query.date),
    );

    app.get(
      '/api/hotel/bookings',
      { preHandler: desk, schema: { tags, summary: 'Bookings whose stay overlaps [from, to), newest arrival first', querystring: BookingListQuerySchema, response: { 200: Type.Array(BookingSchema), ...errorResponses } } },
      async (request) => bookings.list(request.query),
    );

    app.post(
      '/api/hotel/bookings',
      {
        preHandler: desk,
        schema: {
          tags,
          summary: 'Book a room type (and optionally a room). The availability check and the insert are one transaction: no room free → 409 room_unavailable. The same id again answers the first booking',
          body: CreateBookingBodySchema,
          response: { 200: BookingSchema, 201: BookingSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const name = cleanText(request.body.guest.name);
        if (!name) throw badRequest('bad_name', "A booking needs the guest's name.");
        const body = { ...request.body, guest: { ...request.body.guest, name }, notes: cleanText(request.body.notes) ?? undefined };
        const { booking, created } = await bookings.create(body, staffOf(request));
        return reply.status(created ? 201 : 200).send(booking);
      },
    );

    app.get('/api/hotel/bookings/:id', { preHandler: desk, schema: { tags, summary: 'One booking', params: IdParamsSchema, response: { 200: BookingSchema, ...errorResponses } } }, async (request) =>
      requireBooking(request.params.id),
    );

    for (const { action, summary } of ACTIONS) {
      app.post(
        `/api/hotel/bookings/:id/${action}`,
        {
          preHandler: desk,
          // A tap with nothing to say may come without a body.
          preValidation: async (request) => {
            if (request.body === undefined || request.body === null) request.body = {};
          },
          schema: { tags, summary, params: IdParamsSchema, body: BookingTransitionBodySchema, response: { 200: BookingSchema, ...errorResponses } },
        },
        async (request) => bookings.transition(request.params.id, action, staffOf(request), cleanText(request.body.reason) ?? undefined),
      );
    }

    app.post(
      '/api/hotel/bookings/:id/room',
      { preHandler: desk, schema: { tags, summary: 'Assign or move the room; `upgrade: true` gives a room of another type at the booked price', params: IdParamsSchema, body: AssignRoomBodySchema, response: { 200: BookingSchema, ...errorResponses } } },
      async (request) => bookings.assignRoom(request.params.id, request.body, staffOf(request)),
    );

    app.post(
      '/api/hotel/bookings/:id/dates',
      { preHandler: desk, schema: { tags, summary: "Move a booking's dates (repriced; in house, only the departure)", params: IdParamsSchema, body: ChangeDatesBodySchema, response: { 200: BookingSchema, ...errorResponses } } },
      async (request) => bookings.changeDates(request.params.id, request.body, staffOf(request)),
    );

    // ---- folios ----

    app.get(
      '/api/hotel/bookings/:id/folio',
      { preHandler: desk, schema: { tags, summary: "A stay's folio: nights, room service, bar and extras, payments, and what is due", params: IdParamsSchema, response: { 200: FolioSchema, ...errorResponses } } },
      async (request) => {
        const folio = folios.folio(request.params.id);
        if (!folio) throw notFound('This booking');
        return folio;
      },
    );

    app.post(
      '/api/hotel/bookings/:id/folio/payments',
      {
        preHandler: desk,
        schema: { tags, summary: 'Take a cash or card payment on the folio (the same id again answers the first)', params: IdParamsSchema, body: FolioPaymentBodySchema, response: { 200: FolioPaymentSchema, 201: FolioPaymentSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const { payment, created } = await folios.pay(request.params.id, request.body, staffOf(request));
        return reply.status(created ? 201 : 200).send(payment);
      },
    );

    app.post(
      '/api/hotel/bookings/:id/folio/charges',
      {
        preHandler: desk,
        schema: { tags, summary: 'Post a bar or extra charge to a stay in house (the same id again answers the first)', params: IdParamsSchema, body: FolioChargeBodySchema, response: { 200: FolioChargeSchema, 201: FolioChargeSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const description = cleanText(request.body.description);
        if (!description) throw badRequest('bad_description', 'Say what the charge is for.');
        const { charge, created } = await folios.charge(request.params.id, { ...request.body, description }, staffOf(request));
        return reply.status(created ? 201 : 200).send(charge);
      },
    );
  };
}
