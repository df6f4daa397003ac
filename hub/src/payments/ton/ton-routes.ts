import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import { errorResponses } from '@onemoment/shared/schemas/common';
import {
  TonAttachBodySchema,
  TonInvoiceBodySchema,
  TonInvoiceListQuerySchema,
  TonInvoiceListSchema,
  TonInvoiceParamsSchema,
  TonInvoiceSchema,
  TonOverpaidBodySchema,
  TonSettingsBodySchema,
  TonSettingsSchema,
  TonStaffInvoiceSchema,
  TonTransferListSchema,
  TonTransferParamsSchema,
  TonUnconfirmedSchema,
  TonVisitParamsSchema,
} from '@onemoment/shared/schemas/payments';
import type { HubContext } from '../../context.ts';
import { guestOf, requireGuest, requireStaff, staffOf } from '../../http/guards.ts';
import type { TonPayments } from './ton-payments.ts';

const tags = ['payments'];
const SvgSchema = Type.String({ description: 'An SVG image (image/svg+xml) of the invoice\'s ton:// link' });

/** Error correction M survives a smudged print or a cracked phone screen. */
const qrSvg = (link: string) => QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 320 });

/**
 * TON routes: the manager's wallet and rate, guests' and staff's invoices (with their QR codes), the
 * staff's lists, and a manager's hand on unmatched transfers and overpayments. Thin: schema in, one
 * call to the service, schema out.
 */
export function tonRoutes(context: HubContext, ton: TonPayments): FastifyPluginAsyncTypebox {
  const manager = requireStaff(context.sessions, 'manager');
  const waiterOrManager = requireStaff(context.sessions, 'waiter', 'manager');
  const anyStaff = requireStaff(context.sessions);
  const guest = requireGuest(context.sessions);

  return async (app) => {
    // ---- the manager's settings ----

    app.get(
      '/api/admin/payments/ton',
      { preHandler: manager, schema: { tags, summary: "The venue's TON wallet and rate (404 until set), and the last check of payments", response: { 200: TonSettingsSchema, ...errorResponses } } },
      async () => ton.settings(),
    );

    app.put(
      '/api/admin/payments/ton',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Set the wallet that receives TON (raw or user-friendly form, checksum checked) and the rate in nanotons per minor unit',
          body: TonSettingsBodySchema,
          response: { 200: TonSettingsSchema, ...errorResponses },
        },
      },
      async (request) => ton.saveSettings(request.body),
    );

    // ---- guests ----

    app.post(
      '/api/guest/bill/ton-invoices',
      {
        preHandler: guest,
        schema: {
          tags,
          summary: 'Pay (part of) my bill in TON: an invoice with its comment, amount in nanotons and ton:// link; the same id again answers the same invoice',
          body: TonInvoiceBodySchema,
          response: { 200: TonInvoiceSchema, 201: TonInvoiceSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { invoice, created } = await ton.createInvoice(guestOf(request).visitId, request.body, 'guest');
        return reply.code(created ? 201 : 200).send(invoice);
      },
    );

    app.get(
      '/api/guest/bill/ton-invoices/:id',
      {
        preHandler: guest,
        schema: { tags, summary: 'My TON invoice: paid yet? (re-quoted at the current rate when it has expired)', params: TonInvoiceParamsSchema, response: { 200: TonInvoiceSchema, ...errorResponses } },
      },
      async (request) => ton.guestInvoice(guestOf(request).visitId, request.params.id),
    );

    app.get(
      '/api/guest/bill/ton-invoices/:id/qr.svg',
      { preHandler: guest, schema: { tags, summary: "My TON invoice's QR code, for a wallet on another phone", params: TonInvoiceParamsSchema, response: { 200: SvgSchema, ...errorResponses } } },
      async (request, reply) => {
        const invoice = await ton.guestInvoice(guestOf(request).visitId, request.params.id);
        return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'no-store').send(await qrSvg(invoice.link));
      },
    );

    // ---- staff ----

    app.post(
      '/api/visits/:id/ton-invoices',
      {
        preHandler: waiterOrManager,
        schema: {
          tags,
          summary: "A TON invoice for a visit's bill (or a part), for the printed bill's QR code; the same id again answers the same invoice",
          params: TonVisitParamsSchema,
          body: TonInvoiceBodySchema,
          response: { 200: TonStaffInvoiceSchema, 201: TonStaffInvoiceSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { invoice, created } = await ton.createInvoice(request.params.id, request.body, 'staff');
        return reply.code(created ? 201 : 200).send(invoice);
      },
    );

    app.get(
      '/api/payments/ton/invoices',
      {
        preHandler: anyStaff,
        schema: { tags, summary: 'TON invoices, newest first (at most 200), optionally in one state', querystring: TonInvoiceListQuerySchema, response: { 200: TonInvoiceListSchema, ...errorResponses } },
      },
      async (request) => ({ invoices: ton.invoices(request.query.status ?? null) }),
    );

    app.get(
      '/api/payments/ton/invoices/:id',
      {
        preHandler: anyStaff,
        schema: { tags, summary: 'One TON invoice (re-quoted at the current rate when it has expired)', params: TonInvoiceParamsSchema, response: { 200: TonStaffInvoiceSchema, ...errorResponses } },
      },
      async (request) => ton.staffInvoice(request.params.id),
    );

    app.get(
      '/api/payments/ton/invoices/:id/qr.svg',
      { preHandler: anyStaff, schema: { tags, summary: "A TON invoice's QR code", params: TonInvoiceParamsSchema, response: { 200: SvgSchema, ...errorResponses } } },
      async (request, reply) => {
        const invoice = await ton.staffInvoice(request.params.id);
        return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'no-store').send(await qrSvg(invoice.link));
      },
    );

    app.get(
      '/api/payments/ton/unconfirmed',
      {
        preHandler: anyStaff,
        schema: { tags, summary: 'TON invoices still waiting for money: how many, what they come to, and when the oldest was made', response: { 200: TonUnconfirmedSchema, ...errorResponses } },
      },
      async () => ton.unconfirmed(),
    );

    app.get(
      '/api/payments/ton/transfers/unmatched',
      {
        preHandler: manager,
        schema: { tags, summary: 'Transfers to the wallet whose comment names no invoice, newest first (at most 200)', response: { 200: TonTransferListSchema, ...errorResponses } },
      },
      async () => ({ transfers: ton.unmatchedTransfers() }),
    );

    app.post(
      '/api/payments/ton/transfers/:hash/attach',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Count an unmatched transfer toward an invoice (the hash percent-encoded); paid in full puts it on the bill',
          params: TonTransferParamsSchema,
          body: TonAttachBodySchema,
          response: { 200: TonStaffInvoiceSchema, ...errorResponses },
        },
      },
      async (request) => ton.attachTransfer(request.params.hash, request.body.invoiceId, staffOf(request)),
    );

    app.post(
      '/api/payments/ton/invoices/:id/overpaid',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: "Decide an overpaid invoice's extra: a tip (at the invoice rate, rounded down) or owed back; its payment then goes on the bill",
          params: TonInvoiceParamsSchema,
          body: TonOverpaidBodySchema,
          response: { 200: TonStaffInvoiceSchema, ...errorResponses },
        },
      },
      async (request) => ton.decideOverpaid(request.params.id, request.body.decision),
    );
  };
}
