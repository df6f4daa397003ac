import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses, IdParamsSchema, IdSchema } from '@onemoment/shared/schemas/common';
import {
  BillingSettingsSchema,
  BillSchema,
  CardOrCashPaymentBodySchema,
  DiscountBodySchema,
  PaymentSchema,
  SplitBodySchema,
  type BillView,
} from '@onemoment/shared/schemas/payments';
import { guestViewOfBill } from '@onemoment/shared/restaurant/guest-view';
import type { HubContext } from '../context.ts';
import { notFound, unauthorized } from '../errors.ts';
import { guestOf, requireGuest, requireStaff, staffOf } from '../http/guards.ts';
import { bearerToken } from '../sessions/tokens.ts';
import type { BillService } from './bill-service.ts';

const tags = ['payments'];

/** How long after its visit closed a guest's phone may still open its e-receipt. */
export const RECEIPT_WINDOW_MS = 12 * 60 * 60 * 1000;

const DiscountParamsSchema = Type.Object({ id: IdSchema, discountId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/** Bills and their payments, discounts and splits (staff), the guest's own bill and receipt, and the venue's billing settings. */
export function paymentRoutes(context: HubContext, bills: BillService): FastifyPluginAsyncTypebox {
  const anyStaff = requireStaff(context.sessions);
  const floorStaff = requireStaff(context.sessions, 'waiter', 'manager');
  // The front desk takes payments too: a hotel guest's room-service bill, or an eSIM sold at the desk.
  const tillStaff = requireStaff(context.sessions, 'waiter', 'front_desk', 'manager');
  const manager = requireStaff(context.sessions, 'manager');
  const guest = requireGuest(context.sessions);

  const billOf = (visitId: string): BillView => {
    const bill = bills.bill(visitId);
    if (!bill) throw notFound('This visit');
    return bill;
  };

  /** A guest of an open visit, or of one closed in the last hours: the bill becomes their receipt. */
  const guestOrReceipt = async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    const closedVisit = token ? context.sessions.closedVisitOf(token, RECEIPT_WINDOW_MS) : null;
    if (closedVisit) {
      request.guestReceiptVisitId = closedVisit;
      return;
    }
    await guest(request, undefined as never);
    if (!request.guest) throw unauthorized();
  };

  return async (app) => {
    app.get(
      '/api/visits/:id/bill',
      {
        preHandler: anyStaff,
        schema: { tags, summary: "A visit's bill: lines, discounts, service, tax, payments, split, and what is due", params: IdParamsSchema, response: { 200: BillSchema, ...errorResponses } },
      },
      async (request) => billOf(request.params.id),
    );

    app.post(
      '/api/visits/:id/payments',
      {
        preHandler: tillStaff,
        schema: {
          tags,
          summary: 'Record a cash or card payment (the card is charged on the venue terminal). The same id again answers the first payment; more than is due is refused (409) unless the extra is a tip',
          params: IdParamsSchema,
          body: CardOrCashPaymentBodySchema,
          response: { 200: PaymentSchema, 201: PaymentSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { payment, created } = await bills.pay(request.params.id, request.body, staffOf(request));
        return reply.status(created ? 201 : 200).send(payment);
      },
    );

    app.post(
      '/api/visits/:id/bill/discounts',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'A manager gives a discount (an amount or a percentage of the subtotal) with a reason',
          params: IdParamsSchema,
          body: DiscountBodySchema,
          response: { 200: BillSchema, ...errorResponses },
        },
      },
      async (request) => bills.addDiscount(request.params.id, request.body, staffOf(request)),
    );

    app.delete(
      '/api/visits/:id/bill/discounts/:discountId',
      { preHandler: manager, schema: { tags, summary: 'Take a discount back', params: DiscountParamsSchema, response: { 200: BillSchema, ...errorResponses } } },
      async (request) => bills.removeDiscount(request.params.id, request.params.discountId),
    );

    app.post(
      '/api/visits/:id/bill/split',
      {
        preHandler: floorStaff,
        schema: {
          tags,
          summary: 'Split what is due: equally by N, by items (shared in fractions) or by amounts. The parts add up to the cent; each is paid on its own',
          params: IdParamsSchema,
          body: SplitBodySchema,
          response: { 200: BillSchema, ...errorResponses },
        },
      },
      async (request) => bills.split(request.params.id, request.body, { kind: 'staff', staff: staffOf(request) }),
    );

    app.delete(
      '/api/visits/:id/bill/split',
      { preHandler: floorStaff, schema: { tags, summary: 'Undo the split: the bill is paid as one again', params: IdParamsSchema, response: { 200: BillSchema, ...errorResponses } } },
      async (request) => bills.unsplit(request.params.id),
    );

    app.get(
      '/api/admin/billing',
      { preHandler: manager, schema: { tags, summary: 'How the venue bills: tax included or added, the service charge', response: { 200: BillingSettingsSchema, ...errorResponses } } },
      async () => bills.settings(),
    );

    app.put(
      '/api/admin/billing',
      {
        preHandler: manager,
        schema: { tags, summary: 'Set tax included or added, and the service charge (basis points)', body: BillingSettingsSchema, response: { 200: BillingSettingsSchema, ...errorResponses } },
      },
      async (request) => bills.saveSettings(request.body),
    );

    // ---- guests ----

    app.get(
      '/api/guest/bill',
      {
        preHandler: guestOrReceipt,
        schema: {
          tags,
          summary: "The guest's bill; for some hours after the visit closed, its receipt",
          response: { 200: BillSchema, ...errorResponses },
        },
      },
      async (request) => guestViewOfBill(billOf(request.guestReceiptVisitId ?? guestOf(request).visitId)),
    );

    app.post(
      '/api/guest/bill/split',
      {
        preHandler: guest,
        schema: { tags, summary: 'The table splits its bill from a phone (as staff can)', body: SplitBodySchema, response: { 200: BillSchema, ...errorResponses } },
      },
      async (request) => {
        const { visitId } = guestOf(request);
        return guestViewOfBill(await bills.split(visitId, request.body, { kind: 'guest', visitId }));
      },
    );
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for a guest token of a recently closed visit, on the receipt route only. */
    guestReceiptVisitId?: string;
  }
}
