import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CloudContext } from '../context.ts';
import { esimCsv, esimReport } from './esim-report.ts';
import { EsimReportSchema } from './esim-schemas.ts';
import { errorResponses, SalesQuerySchema, type SalesQuery } from './schemas.ts';

/** HQ's eSIM report, JSON and CSV. `hq` is the login check and `checkRange` the range rule of the other reports. */
export function registerEsimRoutes(app: FastifyInstance, context: CloudContext, hq: (request: FastifyRequest) => Promise<void>, checkRange: (query: SalesQuery) => void): void {
  const tags = ['hq', 'esim'];

  app.get(
    '/api/hq/reports/esim',
    {
      preHandler: hq,
      schema: {
        tags,
        summary: "eSIM sales per business day, venue and package: count, revenue, cost at Airalo's net price, margin; each in its own currency, totals per currency",
        querystring: SalesQuerySchema,
        response: { 200: EsimReportSchema, ...errorResponses },
      },
    },
    async (request) => {
      const query = request.query as SalesQuery;
      checkRange(query);
      return esimReport(context.database.db, query.venueId ?? null, query.from, query.to);
    },
  );

  app.get(
    '/api/hq/reports/esim.csv',
    { preHandler: hq, schema: { tags, summary: 'eSIM sales as CSV: a line per day, venue, package and currency, then a total per currency', querystring: SalesQuerySchema } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const query = request.query as SalesQuery;
      checkRange(query);
      const report = await esimReport(context.database.db, query.venueId ?? null, query.from, query.to);
      const file = `esim-${query.venueId ?? 'all'}-${query.from}-${query.to}.csv`;
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(esimCsv(report));
    },
  );
}
