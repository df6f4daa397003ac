import type { FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import { checkRange } from '../hq/routes.ts';
import { salesReport } from '../hq/reports.ts';
import type { CloudContext } from '../context.ts';
import { bearerToken } from '../hq/routes.ts';
import { CloudError } from '../errors.ts';
import { costProblems } from './cost-limits.ts';

/** The same sales figures as GET /api/hq/reports/sales, for tools that prefer GraphQL. */
export const typeDefs = /* GraphQL */ `
  type DaySales { day: String!, orders: Int!, grossMinor: Float! }
  type HourSales { hour: Int!, orders: Int!, grossMinor: Float! }
  type ItemSales { menuItemId: String!, name: String!, quantity: Int!, grossMinor: Float! }
  type SalesReport {
    venueId: String
    from: String!
    to: String!
    orders: Int!
    "Money in minor units (a Float only because GraphQL's Int is 32-bit)"
    grossMinor: Float!
    currency: String
    byDay: [DaySales!]!
    byHour: [HourSales!]!
    topItems: [ItemSales!]!
    avgTicketSeconds: Int
    p90TicketSeconds: Int
  }
  type Query {
    "Sales over business days from..to (YYYY-MM-DD, inclusive); all venues when venueId is left out"
    sales(venueId: String, from: String!, to: String!): SalesReport!
  }
`;

/**
 * GET and POST /graphql, behind the HQ login. The check is a hook of this encapsulated plugin, so it
 * runs for every route mercurius adds here, however the client spells the path (`/%67raphql` is the
 * same route to the router, so it must be the same route to the check). A missing or expired token
 * gets a 401 before GraphQL parses anything.
 */
export function graphqlModule(context: CloudContext) {
  const { graphqlMaxDepth, graphqlMaxAliases, graphqlMaxFields } = context.config;
  return async function plugin(app: FastifyInstance) {
    app.addHook('onRequest', async (request, reply) => {
      const token = bearerToken(request);
      if (!token || !(await context.accounts.hqUserOf(token))) {
        return reply.status(401).send({ error: 'unauthorized', message: 'Log in again: your session is missing or has expired.' });
      }
    });
    await app.register(mercurius, {
      schema: typeDefs,
      graphiql: false,
      path: '/graphql',
      // One query per request: a batch would multiply every limit below by its length.
      allowBatchedQueries: false,
      queryDepth: graphqlMaxDepth,
      resolvers: {
        Query: {
          sales: async (_root: unknown, args: { venueId?: string | null; from: string; to: string }) => {
            const venueId = args.venueId ?? null;
            if (venueId !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(venueId)) throw new mercurius.ErrorWithProps('venueId is not a venue id', { code: 'bad_request' });
            try {
              checkRange({ from: args.from, to: args.to });
              return await salesReport(context.database.db, venueId, args.from, args.to);
            } catch (error) {
              if (error instanceof CloudError) throw new mercurius.ErrorWithProps(error.message, { code: error.code });
              throw error;
            }
          },
        },
      },
    });
    // Before validation (see costProblems); a query that passed once is cached and not checked again.
    app.graphql.addHook('preValidation', async (_schema, document) => {
      const problems = costProblems(document, { maxAliases: graphqlMaxAliases, maxFields: graphqlMaxFields });
      if (problems.length > 0) throw new mercurius.ErrorWithProps(problems.join(' '), { code: 'query_too_costly' }, 400);
    });
  };
}
