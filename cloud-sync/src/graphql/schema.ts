import type { FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import { checkRange } from '../hq/routes.ts';
import { salesReport } from '../hq/reports.ts';
import type { CloudContext } from '../context.ts';
import { bearerToken } from '../hq/routes.ts';
import { CloudError } from '../errors.ts';

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

/** POST /graphql, behind the HQ login (a missing or expired token gets a 401 before GraphQL runs). */
export function graphqlModule(context: CloudContext) {
  return async function plugin(app: FastifyInstance) {
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/graphql')) return;
      const token = bearerToken(request);
      if (!token || !(await context.accounts.hqUserOf(token))) {
        return reply.status(401).send({ error: 'unauthorized', message: 'Log in again: your session is missing or has expired.' });
      }
    });
    await app.register(mercurius, {
      schema: typeDefs,
      graphiql: false,
      path: '/graphql',
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
  };
}
