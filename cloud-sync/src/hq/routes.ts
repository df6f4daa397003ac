import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isBusinessDay } from '@onemoment/shared/sync/index';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { rows } from '../db/database.ts';
import { badRequest, unauthorized } from '../errors.ts';
import type { CloudContext } from '../context.ts';
import { salesCsv, salesReport } from './reports.ts';
import { takingsCsv, takingsReport } from './takings.ts';
import { registerHotelRoutes } from './hotel-routes.ts';
import { registerEsimRoutes } from './esim-routes.ts';
import {
  CreatedVenueSchema,
  CreateVenueBodySchema,
  errorResponses,
  LoginBodySchema,
  MenuItemListSchema,
  MenuItemParamsSchema,
  MenuItemPatchSchema,
  MenuItemSchema,
  PairBodySchema,
  PairedSchema,
  PairingCodeSchema,
  SalesQuerySchema,
  SalesReportSchema,
  TakingsReportSchema,
  TokenSchema,
  TonRateBodySchema,
  TonRateSchema,
  VenueListSchema,
  VenueParamsSchema,
  type CreateVenueBody,
  type MenuItemPatchBody,
  type PairBody,
  type SalesQuery,
  type TonRateBody,
} from './schemas.ts';
import { editMenuItem, listMenuItems, readVenueTonRate, requireVenue, setVenueTonRate } from './menu.ts';
import { logIn, pairWithCode } from './secret-attempts.ts';

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}

/** preHandler: the request needs an HQ login. */
export function requireHq(context: CloudContext) {
  return async (request: FastifyRequest) => {
    const token = bearerToken(request);
    if (!token || !(await context.accounts.hqUserOf(token))) throw unauthorized();
  };
}

export function checkRange(query: SalesQuery): void {
  if (!isBusinessDay(query.from) || !isBusinessDay(query.to)) throw badRequest('bad_request', 'from and to must be real dates written YYYY-MM-DD.');
  if (query.from > query.to) throw badRequest('bad_request', 'from must not be after to.');
  if (Date.parse(query.to) - Date.parse(query.from) > 366 * 86_400_000) throw badRequest('bad_request', 'Ask for at most 367 days at a time.');
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** HQ: login and logout, venues with their sync state, pairing, sales, takings, hotel and eSIM reports (JSON and CSV), menu edits, TON rates, bookings. */
export function hqRoutes(context: CloudContext) {
  return async function plugin(app: FastifyInstance) {
    const hq = requireHq(context);
    const tags = ['hq'];
    registerHotelRoutes(app, context, hq, checkRange);
    registerEsimRoutes(app, context, hq, checkRange);

    app.post(
      '/api/hq/login',
      { schema: { tags, summary: 'Log in as HQ', body: LoginBodySchema, response: { 200: TokenSchema, ...errorResponses } } },
      async (request) => {
        const { email, password } = request.body as { email: string; password: string };
        return { token: await logIn(context, email, password, { clientAddress: request.ip, log: request.log }) };
      },
    );

    app.post(
      '/api/hq/logout',
      { preHandler: hq, schema: { tags, summary: 'Log out: the session ends at once, on every cloud node', response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        await context.accounts.logout(bearerToken(request)!);
        return reply.status(204).send();
      },
    );

    app.get('/api/hq/venues', { preHandler: hq, schema: { tags, summary: 'Venues with their sync state', response: { 200: VenueListSchema, ...errorResponses } } }, async () => {
      const list = await rows<{
        id: string;
        name: string;
        timezone: string;
        currency: string;
        created_at: string | Date;
        last_seen_at: string | Date | null;
        last_update_at: string | Date | null;
        hubs: string | number;
        lag_ms: string | number | null;
      }>(
        context.database.db,
        sql`SELECT v.id, v.name, v.timezone, v.currency, v.created_at, v.last_seen_at, v.last_update_at,
              (SELECT count(*) FROM hub_tokens t WHERE t.venue_id = v.id) AS hubs,
              (extract(epoch FROM now() - v.last_update_at) * 1000)::bigint AS lag_ms
            FROM venues v ORDER BY v.name, v.id`,
      );
      const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());
      return {
        venues: list.map((v) => ({
          id: v.id,
          name: v.name,
          timezone: v.timezone,
          currency: v.currency,
          createdAt: iso(v.created_at)!,
          lastSeenAt: iso(v.last_seen_at),
          lastUpdateAt: iso(v.last_update_at),
          hubs: Number(v.hubs),
          connectedHubs: context.documents.connectedHubs(v.id),
          lagMs: v.lag_ms === null ? null : Math.max(0, Number(v.lag_ms)),
        })),
      };
    });

    app.post(
      '/api/hq/venues',
      { preHandler: hq, schema: { tags, summary: 'Create a venue and its first pairing code', body: CreateVenueBodySchema, response: { 201: CreatedVenueSchema, ...errorResponses } } },
      async (request, reply) => {
        const body = request.body as CreateVenueBody;
        if (!isTimeZone(body.timezone)) throw badRequest('bad_request', `"${body.timezone}" is not a time zone; use one like Europe/Berlin.`);
        const created = await context.accounts.createVenue({ name: body.name.trim(), timezone: body.timezone, currency: body.currency });
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/api/hq/venues/:venueId/pairing-codes',
      { preHandler: hq, schema: { tags, summary: 'A new pairing code for a venue', params: VenueParamsSchema, response: { 201: PairingCodeSchema, ...errorResponses } } },
      async (request, reply) => {
        const { venueId } = request.params as { venueId: string };
        await requireVenue(context, venueId);
        return reply.status(201).send({ pairingCode: await context.accounts.newPairingCode(venueId) });
      },
    );

    app.post(
      '/api/pair',
      {
        schema: {
          tags: ['hub'],
          summary:
            "A hub spends a pairing code and gets its token. It says what it sells in and its time zone: a venue that never had a hub or data takes them; one that has answers 409 venue_mismatch when they differ",
          body: PairBodySchema,
          response: { 200: PairedSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { pairingCode, hubName, currency, timezone } = request.body as PairBody;
        if ((currency === undefined) !== (timezone === undefined)) throw badRequest('bad_request', 'Send currency and timezone together, or neither.');
        const hub = currency !== undefined && timezone !== undefined ? { currency, timezone } : null;
        return pairWithCode(context, pairingCode, hubName?.trim() || null, { clientAddress: request.ip, log: request.log }, hub);
      },
    );

    app.get(
      '/api/hq/reports/sales',
      { preHandler: hq, schema: { tags, summary: 'Sales, by day and hour, top items, ticket times', querystring: SalesQuerySchema, response: { 200: SalesReportSchema, ...errorResponses } } },
      async (request) => {
        const query = request.query as SalesQuery;
        checkRange(query);
        return salesReport(context.database.db, query.venueId ?? null, query.from, query.to);
      },
    );

    app.get(
      '/api/hq/reports/sales.csv',
      { preHandler: hq, schema: { tags, summary: 'Sales by day as CSV', querystring: SalesQuerySchema } },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const query = request.query as SalesQuery;
        checkRange(query);
        const report = await salesReport(context.database.db, query.venueId ?? null, query.from, query.to);
        const file = `sales-${query.venueId ?? 'all'}-${query.from}-${query.to}.csv`;
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(salesCsv(report));
      },
    );

    app.get(
      '/api/hq/reports/takings',
      {
        preHandler: hq,
        schema: {
          tags,
          summary: 'Takings by day and venue: payments by tender with tips, discounts, service charge, taxes by rate, written off; each in its own currency, totals per currency',
          querystring: SalesQuerySchema,
          response: { 200: TakingsReportSchema, ...errorResponses },
        },
      },
      async (request) => {
        const query = request.query as SalesQuery;
        checkRange(query);
        return takingsReport(context.database.db, query.venueId ?? null, query.from, query.to);
      },
    );

    app.get(
      '/api/hq/reports/takings.csv',
      { preHandler: hq, schema: { tags, summary: 'Takings by day, venue and currency as CSV, with a total per currency', querystring: SalesQuerySchema } },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const query = request.query as SalesQuery;
        checkRange(query);
        const report = await takingsReport(context.database.db, query.venueId ?? null, query.from, query.to);
        const file = `takings-${query.venueId ?? 'all'}-${query.from}-${query.to}.csv`;
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(takingsCsv(report));
      },
    );

    app.get(
      '/api/hq/venues/:venueId/menu/items',
      { preHandler: hq, schema: { tags, summary: "The venue's menu items as its config document has them", params: VenueParamsSchema, response: { 200: MenuItemListSchema, ...errorResponses } } },
      async (request) => ({ items: await listMenuItems(context, (request.params as { venueId: string }).venueId) }),
    );

    app.patch(
      '/api/hq/venues/:venueId/menu/items/:itemId',
      {
        preHandler: hq,
        schema: {
          tags,
          summary: "Change a menu item's price or availability at a venue (reaches its hub)",
          params: MenuItemParamsSchema,
          body: MenuItemPatchSchema,
          response: { 200: MenuItemSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { venueId, itemId } = request.params as { venueId: string; itemId: string };
        return editMenuItem(context, venueId, itemId, request.body as MenuItemPatchBody);
      },
    );

    app.get(
      '/api/hq/venues/:venueId/ton-rate',
      { preHandler: hq, schema: { tags, summary: "The venue's TON rate as HQ set it (null until set)", params: VenueParamsSchema, response: { 200: TonRateSchema, ...errorResponses } } },
      async (request) => {
        const { venueId } = request.params as { venueId: string };
        return { venueId, tonRate: await readVenueTonRate(context, venueId) };
      },
    );

    app.put(
      '/api/hq/venues/:venueId/ton-rate',
      {
        preHandler: hq,
        schema: {
          tags,
          summary: "Set a venue's TON rate, nanotons for one minor unit of its currency (reaches its hub; a manager's later rate there stays)",
          params: VenueParamsSchema,
          body: TonRateBodySchema,
          response: { 200: TonRateSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { venueId } = request.params as { venueId: string };
        return { venueId, tonRate: await setVenueTonRate(context, venueId, (request.body as TonRateBody).nanotonsPerMinor) };
      },
    );
  };
}
