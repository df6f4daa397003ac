import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParamsSchema } from '@onemoment/shared/schemas/common';
import { CloseDayBodySchema, DayTotalsSchema } from '@onemoment/shared/schemas/payments';
import { cleanText } from '../restaurant/orders/order-text.ts';
import type { HubContext } from '../context.ts';
import { requireStaff, staffOf } from '../http/guards.ts';
import type { BillPrinting } from './bill-printing.ts';
import type { DayClose } from './day-close.ts';

const tags = ['payments'];
const DayParamsSchema = Type.Object({ day: Type.String({ minLength: 1, maxLength: 10, description: 'YYYY-MM-DD, or "today"' }) }, { additionalProperties: false });
const PrintBodySchema = Type.Object(
  { kind: Type.Union([Type.Literal('bill'), Type.Literal('receipt')], { description: 'bill: before paying (with the TON QR when TON is set up); receipt: after' }) },
  { additionalProperties: false },
);
const PrintedSchema = Type.Object({ jobIds: Type.Array(Type.String()) });

/** The day's close, and printing a bill, a receipt or the close on the receipt printer. */
export function dayRoutes(context: HubContext, days: DayClose, printing: BillPrinting | null): FastifyPluginAsyncTypebox {
  const manager = requireStaff(context.sessions, 'manager');
  const floorStaff = requireStaff(context.sessions, 'waiter', 'manager');

  return async (app) => {
    app.get(
      '/api/payments/days/:day',
      {
        preHandler: manager,
        schema: { tags, summary: "A business day's figures: takings by tender, tips, discounts, service, taxes, open tables, unconfirmed TON", params: DayParamsSchema, response: { 200: DayTotalsSchema, ...errorResponses } },
      },
      async (request) => days.totals(request.params.day),
    );

    app.post(
      '/api/payments/days/:day/close',
      {
        preHandler: manager,
        // Closing needs nothing but the day: a close may come without a body.
        preValidation: async (request) => {
          if (request.body === undefined || request.body === null) request.body = {};
        },
        schema: {
          tags,
          summary: 'Close a business day, with an optional note: its figures are kept as they are now (409 when it is closed already)',
          params: DayParamsSchema,
          body: CloseDayBodySchema,
          response: { 200: DayTotalsSchema, ...errorResponses },
        },
      },
      async (request) => days.close(request.params.day, staffOf(request), cleanText(request.body.note)),
    );

    if (!printing) return;

    app.post(
      '/api/payments/days/:day/print',
      {
        preHandler: manager,
        schema: { tags, summary: "Print a day's figures on the receipt printer", params: DayParamsSchema, response: { 202: PrintedSchema, ...errorResponses } },
      },
      async (request, reply) => reply.status(202).send({ jobIds: [await printing.printDay(request.params.day)] }),
    );

    app.post(
      '/api/visits/:id/bill/print',
      {
        preHandler: floorStaff,
        schema: { tags, summary: "Print a visit's bill (before paying) or receipt (after) on the receipt printer", params: IdParamsSchema, body: PrintBodySchema, response: { 202: PrintedSchema, ...errorResponses } },
      },
      async (request, reply) => reply.status(202).send({ jobIds: [await printing.printBill(request.params.id, request.body.kind)] }),
    );
  };
}
