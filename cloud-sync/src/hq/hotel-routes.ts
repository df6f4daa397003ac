import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CloudContext } from '../context.ts';
import { createHqBooking, listRoomTypes } from './hq-bookings.ts';
import { hotelCsv, hotelReport } from './hotel-report.ts';
import { HotelQuerySchema, HotelReportSchema, HqBookingBodySchema, HqBookingSchema, RoomTypeListSchema, type HqBookingBody } from './hotel-schemas.ts';
import { errorResponses, ErrorSchema, VenueParamsSchema, type SalesQuery } from './schemas.ts';

/**
 * HQ's hotel routes: the hotel report (JSON and CSV), a venue's room types as its hub synced them,
 * and booking a stay at a venue. `hq` is the login check and `checkRange` the report range rule of
 * the other reports.
 */
export function registerHotelRoutes(app: FastifyInstance, context: CloudContext, hq: (request: FastifyRequest) => Promise<void>, checkRange: (query: SalesQuery) => void): void {
  const tags = ['hq', 'hotel'];

  app.get(
    '/api/hq/reports/hotel',
    {
      preHandler: hq,
      schema: {
        tags,
        summary: 'Hotel figures per night and venue: rooms available and sold, occupancy, ADR, RevPAR, arrivals, departures, room-service takings; money per currency',
        querystring: HotelQuerySchema,
        response: { 200: HotelReportSchema, ...errorResponses },
      },
    },
    async (request) => {
      const query = request.query as SalesQuery;
      checkRange(query);
      return hotelReport(context.database.db, query.venueId ?? null, query.from, query.to);
    },
  );

  app.get(
    '/api/hq/reports/hotel.csv',
    { preHandler: hq, schema: { tags, summary: 'The hotel figures as CSV: a line per night, venue and currency, then totals per venue', querystring: HotelQuerySchema } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const query = request.query as SalesQuery;
      checkRange(query);
      const report = await hotelReport(context.database.db, query.venueId ?? null, query.from, query.to);
      const file = `hotel-${query.venueId ?? 'all'}-${query.from}-${query.to}.csv`;
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(hotelCsv(report));
    },
  );

  app.get(
    '/api/hq/venues/:venueId/room-types',
    { preHandler: hq, schema: { tags, summary: "The venue's room types and room counts, as its hub synced them", params: VenueParamsSchema, response: { 200: RoomTypeListSchema, ...errorResponses } } },
    async (request) => {
      const { venueId } = request.params as { venueId: string };
      return { venueId, roomTypes: await listRoomTypes(context, venueId) };
    },
  );

  app.post(
    '/api/hq/venues/:venueId/bookings',
    {
      preHandler: hq,
      schema: {
        tags,
        summary:
          "Book a stay of a room type at a venue (HQ's front desk): stored in the venue's stays document and sent to its hub, now or when it reconnects; 202 when new, 200 for the same booking again",
        params: VenueParamsSchema,
        body: HqBookingBodySchema,
        response: { 200: HqBookingSchema, 202: HqBookingSchema, ...errorResponses, 503: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { venueId } = request.params as { venueId: string };
      const { booking, created } = await createHqBooking(context, venueId, request.body as HqBookingBody);
      return reply.status(created ? 202 : 200).send(booking);
    },
  );
}
