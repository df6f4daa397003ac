import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses, IdParamsSchema } from '@onemoment/shared/schemas/common';
import {
  AiraloCredentialsBodySchema,
  AiraloSettingsSchema,
  EsimCatalogueEntrySchema,
  EsimCatalogueQuerySchema,
  EsimOfferBodySchema,
  EsimPackageSchema,
  EsimPackagesQuerySchema,
  EsimPricingBodySchema,
  EsimPurchaseListQuerySchema,
  EsimPurchaseSchema,
  NewEsimPurchaseSchema,
  PackageIdSchema,
  PurchaseActionBodySchema,
} from '@onemoment/shared/schemas/esim';
import type { HubContext } from '../context.ts';
import { guestOf, requireGuest, requireStaff, staffOf } from '../http/guards.ts';
import { unauthorized } from '../errors.ts';
import { bearerToken, hashToken } from '../sessions/tokens.ts';
import type { Catalogue } from './catalogue.ts';
import type { EsimActor, PurchaseService } from './purchase-service.ts';
import type { AiraloSetup } from './airalo-setup.ts';
import type { EsimPrinting } from './esim-printing.ts';

const tags = ['esim'];

/**
 * How long after its visit closed a guest may still open what they bought: paying the bill in full
 * closes a table's visit, and the eSIM may arrive after that (the uplink was down).
 */
export const ESIM_AFTER_CLOSE_MS = 7 * 24 * 3_600_000;

const PurchaseParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' }) }, { additionalProperties: false });
const PackageParamsSchema = Type.Object({ id: PackageIdSchema }, { additionalProperties: false });
const QueuedSchema = Type.Object({ queued: Type.Boolean() });
const PrintedSchema = Type.Object({ printed: Type.Boolean(), jobId: Type.String() });
const withTooSoon = { ...errorResponses, 429: Type.Object({ error: Type.String(), message: Type.String(), retryAfterMs: Type.Optional(Type.Integer()) }) };

declare module 'fastify' {
  interface FastifyRequest {
    esimGuest?: Extract<EsimActor, { kind: 'guest' }>;
  }
}

export interface EsimRouteParts {
  catalogue: Catalogue;
  purchases: PurchaseService;
  airalo: AiraloSetup;
  printing: EsimPrinting;
}

/** eSIM routes: the guest's and the desk's catalogue and sales, the buyer's eSIM, the manager's Airalo settings. Thin: schema in, one call, schema out. */
export function esimRoutes(context: HubContext, parts: EsimRouteParts): FastifyPluginAsyncTypebox {
  const { catalogue, purchases, airalo, printing } = parts;
  const manager = requireStaff(context.sessions, 'manager');
  const sellers = requireStaff(context.sessions, 'waiter', 'front_desk', 'manager');
  const guest = requireGuest(context.sessions);

  const guestActor = (request: FastifyRequest): Extract<EsimActor, { kind: 'guest' }> => {
    const principal = guestOf(request);
    return { kind: 'guest', visitId: principal.visitId, tokenHash: principal.tokenHash };
  };

  /** A guest of an open visit, or of one closed in the last days: they may still read what they bought. */
  const buyerOfRecentVisit = async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    const closedVisit = token ? context.sessions.closedVisitOf(token, ESIM_AFTER_CLOSE_MS) : null;
    if (token && closedVisit) {
      request.esimGuest = { kind: 'guest', visitId: closedVisit, tokenHash: hashToken(token) };
      return;
    }
    await guest(request, undefined as never);
    request.esimGuest = guestActor(request);
  };
  const esimGuestOf = (request: FastifyRequest) => {
    if (!request.esimGuest) throw unauthorized();
    return request.esimGuest;
  };
  const staffActor = (request: FastifyRequest): EsimActor => ({ kind: 'staff', staff: staffOf(request) });

  return async (app) => {
    // ---- guests ----

    app.get(
      '/api/guest/esim/packages',
      { preHandler: guest, schema: { tags, summary: 'The eSIM packages this venue sells, priced in its currency (browsable while offline)', querystring: EsimPackagesQuerySchema, response: { 200: Type.Array(EsimPackageSchema), ...errorResponses } } },
      async (request) => catalogue.offered(request.query),
    );

    app.get(
      '/api/guest/esim/purchases',
      { preHandler: buyerOfRecentVisit, schema: { tags, summary: "My visit's eSIM purchases (the install codes only for the phone that bought each)", response: { 200: Type.Array(EsimPurchaseSchema), ...errorResponses } } },
      async (request) => {
        const actor = esimGuestOf(request);
        return purchases.ofVisit(actor.visitId, actor);
      },
    );

    app.post(
      '/api/guest/esim/purchases',
      {
        preHandler: guest,
        schema: {
          tags,
          summary: 'Buy an eSIM: a line on my bill, ordered once the bill is paid. The same id again answers the same purchase; a price changed since it was shown is refused (409 price_changed)',
          body: NewEsimPurchaseSchema,
          response: { 200: EsimPurchaseSchema, 201: EsimPurchaseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = guestActor(request);
        const { purchase, created } = await purchases.create(actor.visitId, request.body, actor);
        return reply.code(created ? 201 : 200).send(purchase);
      },
    );

    app.get(
      '/api/guest/esim/purchases/:id',
      { preHandler: buyerOfRecentVisit, schema: { tags, summary: 'One of my eSIM purchases: its status, and once delivered the install QR and codes', params: PurchaseParamsSchema, response: { 200: EsimPurchaseSchema, ...errorResponses } } },
      async (request) => purchases.view(request.params.id, esimGuestOf(request)),
    );

    app.post(
      '/api/guest/esim/purchases/:id/cancel',
      { preHandler: guest, schema: { tags, summary: 'Cancel an eSIM not paid yet: its line leaves my bill', params: PurchaseParamsSchema, response: { 200: EsimPurchaseSchema, ...errorResponses } } },
      async (request) => purchases.cancelByGuest(request.params.id, guestActor(request)),
    );

    app.post(
      '/api/guest/esim/purchases/:id/usage',
      { preHandler: buyerOfRecentVisit, schema: { tags, summary: 'Ask for the data left on my eSIM now (at most once a minute; it is read through the outbox)', params: PurchaseParamsSchema, response: { 202: QueuedSchema, ...withTooSoon } } },
      async (request, reply) => reply.code(202).send(await purchases.askUsage(request.params.id, esimGuestOf(request))),
    );

    // ---- the desk ----

    app.get(
      '/api/esim/packages',
      { preHandler: sellers, schema: { tags, summary: 'The eSIM packages on sale, as the guest sees them', querystring: EsimPackagesQuerySchema, response: { 200: Type.Array(EsimPackageSchema), ...errorResponses } } },
      async (request) => catalogue.offered(request.query),
    );

    app.post(
      '/api/visits/:id/esim/purchases',
      {
        preHandler: sellers,
        schema: { tags, summary: "Sell an eSIM at the desk: a line on the visit's bill, ordered once the bill is paid", params: IdParamsSchema, body: NewEsimPurchaseSchema, response: { 200: EsimPurchaseSchema, 201: EsimPurchaseSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const { purchase, created } = await purchases.create(request.params.id, request.body, staffActor(request));
        return reply.code(created ? 201 : 200).send(purchase);
      },
    );

    app.get(
      '/api/esim/purchases',
      { preHandler: sellers, schema: { tags, summary: 'eSIM sales, newest first (the install codes only for who sold each, or a manager)', querystring: EsimPurchaseListQuerySchema, response: { 200: Type.Array(EsimPurchaseSchema), ...errorResponses } } },
      async (request) => purchases.list(request.query, staffActor(request)),
    );

    app.get(
      '/api/esim/purchases/:id',
      { preHandler: sellers, schema: { tags, summary: 'One eSIM sale', params: PurchaseParamsSchema, response: { 200: EsimPurchaseSchema, ...errorResponses } } },
      async (request) => purchases.view(request.params.id, staffActor(request)),
    );

    app.post(
      '/api/esim/purchases/:id/actions',
      {
        preHandler: sellers,
        schema: { tags, summary: 'Cancel an unpaid sale, or retry, swap or refund one waiting for a person (with a reason where money or packages change)', params: PurchaseParamsSchema, body: PurchaseActionBodySchema, response: { 200: EsimPurchaseSchema, ...errorResponses } },
      },
      async (request) => purchases.act(request.params.id, request.body, staffOf(request)),
    );

    app.post(
      '/api/esim/purchases/:id/print',
      { preHandler: sellers, schema: { tags, summary: 'Print the install QR and codes on the receipt printer (who sold it, or a manager)', params: PurchaseParamsSchema, response: { 202: PrintedSchema, ...errorResponses } } },
      async (request, reply) => reply.code(202).send({ printed: true, jobId: await printing.print(request.params.id, staffOf(request)) }),
    );

    app.post(
      '/api/esim/purchases/:id/usage',
      { preHandler: sellers, schema: { tags, summary: 'Ask for the data left on an eSIM now (at most once a minute)', params: PurchaseParamsSchema, response: { 202: QueuedSchema, ...withTooSoon } } },
      async (request, reply) => reply.code(202).send(await purchases.askUsage(request.params.id, staffActor(request))),
    );

    // ---- the manager ----

    app.get(
      '/api/admin/integrations/airalo',
      { preHandler: manager, schema: { tags, summary: 'Airalo: whether it is set up (the client id masked, never the secret), the dollar rate and the catalogue', response: { 200: AiraloSettingsSchema, ...errorResponses } } },
      async () => airalo.settings(),
    );

    app.put(
      '/api/admin/integrations/airalo',
      { preHandler: manager, schema: { tags, summary: "Set Airalo's client id and secret; the catalogue is read at once", body: AiraloCredentialsBodySchema, response: { 200: AiraloSettingsSchema, ...errorResponses } } },
      async (request) => airalo.saveCredentials(request.body),
    );

    app.delete(
      '/api/admin/integrations/airalo',
      { preHandler: manager, schema: { tags, summary: "Forget Airalo's credentials (sales already made keep their eSIMs)", response: { 200: AiraloSettingsSchema, ...errorResponses } } },
      async () => airalo.clearCredentials(),
    );

    app.put(
      '/api/admin/esim/pricing',
      { preHandler: manager, schema: { tags, summary: 'How much one US dollar costs in the venue currency: Airalo prices in dollars', body: EsimPricingBodySchema, response: { 200: AiraloSettingsSchema, ...errorResponses } } },
      async (request) => airalo.saveRate(request.body.usdRate),
    );

    app.post(
      '/api/admin/esim/catalogue/refresh',
      { preHandler: manager, schema: { tags, summary: "Read Airalo's catalogue now (it is read hourly while online)", response: { 202: QueuedSchema, ...errorResponses } } },
      async (_request, reply) => reply.code(202).send(await airalo.refreshCatalogue('manager')),
    );

    app.get(
      '/api/admin/esim/catalogue',
      {
        preHandler: manager,
        schema: { tags, summary: "Airalo's catalogue with the venue's offers and prices, paged", querystring: EsimCatalogueQuerySchema, response: { 200: Type.Object({ total: Type.Integer(), packages: Type.Array(EsimCatalogueEntrySchema) }), ...errorResponses } },
      },
      async (request) => catalogue.entries(request.query),
    );

    app.put(
      '/api/admin/esim/packages/:id',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: "Offer a package (or stop) at the venue's price, never below Airalo's retail price",
          params: PackageParamsSchema,
          body: EsimOfferBodySchema,
          response: { 200: EsimCatalogueEntrySchema, ...errorResponses },
        },
      },
      async (request) => catalogue.setOffer(request.params.id, request.body),
    );
  };
}
