import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, errorResponses, IdParamsSchema } from '@onemoment/shared/schemas/common';
import {
  CloseVisitBodySchema,
  GuestCallsResponseSchema,
  GuestRequestBodySchema,
  GuestRequestCreatedSchema,
  GuestRequestSchema,
  GuestVisitSchema,
  JoinVisitBodySchema,
  JoinVisitResponseSchema,
  MoveVisitBodySchema,
  RotatedCodeSchema,
  TablesResponseSchema,
  VisitResponseSchema,
} from '@onemoment/shared/schemas/floor';
import type { HubContext } from '../../context.ts';
import { guestOf, requireGuest, requireStaff, staffOf } from '../../http/guards.ts';
import { qrPng, qrSvg } from './qr-codes.ts';
import { renderQrSheet } from './qr-sheet.ts';
import type { RequestService } from './request-service.ts';
import type { TableService } from './table-service.ts';
import type { VisitService } from './visit-service.ts';

const tags = ['floor'];

/** Binary and page responses: documented for OpenAPI, sent as they are (never JSON-serialized). */
const SvgSchema = Type.String({ description: 'An SVG image (image/svg+xml)' });
const PngSchema = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'A PNG image (image/png)' });
const HtmlSchema = Type.String({ description: 'A printable HTML page (text/html)' });

/** Tables and their QR codes, visits, guests joining a table, and guests calling staff. */
export interface FloorServices {
  tables: TableService;
  visits: VisitService;
  requests: RequestService;
}

export function floorRoutes(context: HubContext, { tables, visits, requests }: FloorServices): FastifyPluginAsyncTypebox {
  const venue = context.venue;
  const anyStaff = requireStaff(context.sessions);
  const floorStaff = requireStaff(context.sessions, 'waiter', 'manager');
  const manager = requireStaff(context.sessions, 'manager');
  const guest = requireGuest(context.sessions);

  return async (app) => {
    // ---- staff: the floor ----

    app.get(
      '/api/tables',
      {
        preHandler: anyStaff,
        schema: { tags, summary: 'Every table with its state, open visit and pending guest calls', response: { 200: TablesResponseSchema, ...errorResponses } },
      },
      async () => tables.list(),
    );

    app.post(
      '/api/tables/:id/visits',
      {
        preHandler: floorStaff,
        schema: {
          tags,
          summary: 'Seat a party: open a visit at the table (a table where guests only browse the menu is seated in their visit)',
          params: IdParamsSchema,
          response: {
            200: { ...VisitResponseSchema, description: 'Guests had opened the menu by the QR code: their visit is now seated' },
            201: VisitResponseSchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { visit, created } = await visits.openVisit(request.params.id, staffOf(request).staffId);
        return reply.status(created ? 201 : 200).send({ visit });
      },
    );

    app.post(
      '/api/visits/:id/close',
      {
        preHandler: floorStaff,
        // A close with nothing to decide may come without a body (as every close did before open items were asked about).
        preValidation: async (request) => {
          if (request.body === undefined || request.body === null) request.body = {};
        },
        schema: {
          tags,
          summary: "Close a visit; its guests' tokens stop working. Items not yet served need a choice (409 visit_has_open_items lists them)",
          params: IdParamsSchema,
          body: CloseVisitBodySchema,
          response: { 200: VisitResponseSchema, ...errorResponses },
        },
      },
      async (request) => ({ visit: await visits.closeVisit(request.params.id, request.body, staffOf(request)) }),
    );

    app.post(
      '/api/visits/:id/move',
      {
        preHandler: floorStaff,
        schema: {
          tags,
          summary: 'Move a party to a free table; its orders and calls move with it',
          params: IdParamsSchema,
          body: MoveVisitBodySchema,
          response: { 200: VisitResponseSchema, ...errorResponses },
        },
      },
      async (request) => ({ visit: await visits.moveVisit(request.params.id, request.body.tableId) }),
    );

    app.post(
      '/api/tables/:id/rotate-code',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: "Give the table a new QR code; the old one stops working",
          params: IdParamsSchema,
          response: { 200: RotatedCodeSchema, ...errorResponses },
        },
      },
      async (request) => tables.rotateCode(request.params.id),
    );

    app.post(
      '/api/requests/:id/acknowledge',
      {
        preHandler: floorStaff,
        schema: {
          tags,
          summary: "Mark a guest's call as seen",
          params: IdParamsSchema,
          response: { 200: GuestRequestSchema, ...errorResponses },
        },
      },
      async (request) => requests.acknowledge(request.params.id, staffOf(request).staffId),
    );

    // ---- staff: QR codes ----

    app.get(
      '/api/tables/:id/qr.svg',
      {
        preHandler: anyStaff,
        schema: { tags, summary: "The table's QR code as SVG", params: IdParamsSchema, response: { 200: SvgSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const table = tables.table(request.params.id);
        const svg = await qrSvg(tables.tableLink(table), 320);
        return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'no-store').send(svg);
      },
    );

    app.get(
      '/api/tables/:id/qr.png',
      {
        preHandler: anyStaff,
        schema: { tags, summary: "The table's QR code as PNG", params: IdParamsSchema, response: { 200: PngSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const table = tables.table(request.params.id);
        const png = await qrPng(tables.tableLink(table));
        return reply.type('image/png').header('cache-control', 'no-store').send(png);
      },
    );

    app.get(
      '/api/tables/qr-sheet',
      {
        preHandler: anyStaff,
        schema: {
          tags,
          summary: "A printable A4 page of every table's QR code (`?rooms=true`: every hotel room's, which opens room service while a guest is in house)",
          querystring: Type.Object({ rooms: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          response: { 200: HtmlSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const entries = await Promise.all(
          tables.tables(request.query.rooms ? 'room' : 'table').map(async (table) => {
            const link = tables.tableLink(table);
            return { name: table.name, link, svg: await qrSvg(link) };
          }),
        );
        const html = renderQrSheet(venue.venue().name, entries);
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
      },
    );

    // ---- guests ----

    app.post(
      '/api/guest/visits',
      {
        schema: {
          tags,
          summary: "Join a table's visit from its QR code (opens one under VISIT_POLICY=auto)",
          security: [],
          body: JoinVisitBodySchema,
          response: { 201: JoinVisitResponseSchema, ...errorResponses, 429: ErrorSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await visits.joinVisit(request.body.tableCode, request.ip)),
    );

    app.get(
      '/api/guest/visit',
      {
        preHandler: guest,
        schema: { tags, summary: "The guest's visit and table", response: { 200: GuestVisitSchema, ...errorResponses } },
      },
      async (request) => visits.guestVisit(guestOf(request)),
    );

    app.get(
      '/api/guest/requests',
      {
        preHandler: guest,
        schema: { tags, summary: "The guest's calls for the waiter or the bill, newest first, and when staff saw each", response: { 200: GuestCallsResponseSchema, ...errorResponses } },
      },
      async (request) => ({ calls: visits.guestCalls(guestOf(request)) }),
    );

    app.post(
      '/api/guest/requests',
      {
        preHandler: guest,
        schema: {
          tags,
          summary: 'Call the waiter or ask for the bill (a repeat returns the pending call with 200)',
          body: GuestRequestBodySchema,
          response: { 200: GuestRequestCreatedSchema, 201: GuestRequestCreatedSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { request: call, created } = await requests.create(guestOf(request), request.body.kind);
        return reply.status(created ? 201 : 200).send(call);
      },
    );
  };
}
