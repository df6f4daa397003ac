import type { FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import { checkRange } from '../hq/routes.ts';
import { salesReport } from '../hq/reports.ts';
import { takingsReport } from '../hq/takings.ts';
import { hotelReport } from '../hq/hotel-report.ts';
import { esimReport } from '../hq/esim-report.ts';
import type { CloudContext } from '../context.ts';
import { bearerToken } from '../hq/routes.ts';
import { CloudError } from '../errors.ts';
import { costProblems } from './cost-limits.ts';

/**
 * The same figures as GET /api/hq/reports/sales, /takings, /hotel and /esim, for tools that prefer
 * GraphQL. Every amount sits beside its currency; totals come one per currency.
 */
export const typeDefs = /* GraphQL */ `
  type CurrencySales { currency: String!, orders: Int!, grossMinor: Float! }
  type DaySales { day: String!, currency: String!, orders: Int!, grossMinor: Float! }
  type HourSales { hour: Int!, currency: String!, orders: Int!, grossMinor: Float! }
  type ItemSales { menuItemId: String!, name: String!, currency: String!, quantity: Int!, grossMinor: Float! }
  type SalesReport {
    venueId: String
    from: String!
    to: String!
    orders: Int!
    "Money in minor units (a Float only because GraphQL's Int is 32-bit); null when the amounts are in several currencies (see totals)"
    grossMinor: Float
    "The one currency of every amount; null when there are several"
    currency: String
    "One per currency"
    totals: [CurrencySales!]!
    byDay: [DaySales!]!
    byHour: [HourSales!]!
    topItems: [ItemSales!]!
    avgTicketSeconds: Int
    p90TicketSeconds: Int
  }
  type TenderTakings { method: String!, count: Int!, amountMinor: Float!, tipMinor: Float! }
  type TaxTakings { rateBp: Int!, netMinor: Float!, taxMinor: Float! }
  "Takings in one currency (money in minor units of it)"
  type CurrencyTakings {
    currency: String!
    payments: Int!
    "What the payments paid toward bills, tips not included"
    takingsMinor: Float!
    tipsMinor: Float!
    "Always cash, card, ton and room (charged to a hotel stay)"
    byTender: [TenderTakings!]!
    settledBills: Int!
    discountMinor: Float!
    serviceChargeMinor: Float!
    taxMinor: Float!
    taxLines: [TaxTakings!]!
    writtenOffMinor: Float!
  }
  "One business day of one venue, in one currency"
  type DayTakings {
    day: String!
    venueId: String!
    venueName: String!
    currency: String!
    payments: Int!
    takingsMinor: Float!
    tipsMinor: Float!
    byTender: [TenderTakings!]!
    settledBills: Int!
    discountMinor: Float!
    serviceChargeMinor: Float!
    taxMinor: Float!
    taxLines: [TaxTakings!]!
    writtenOffMinor: Float!
  }
  type TakingsReport {
    venueId: String
    from: String!
    to: String!
    "One per currency, over every day and venue"
    totals: [CurrencyTakings!]!
    byDay: [DayTakings!]!
  }
  "A night's (or a range's) hotel money in one currency (minor units of it)"
  type HotelMoney {
    currency: String!
    "Room nights sold in this currency"
    roomsSold: Int!
    roomRevenueMinor: Float!
    "Room revenue / rooms sold, half up; null when none sold"
    adrMinor: Float
    "Room revenue / rooms available, half up; null without rooms"
    revparMinor: Float
    roomServiceMinor: Float!
  }
  type HotelNight {
    night: String!
    venueId: String!
    venueName: String!
    roomsAvailable: Int!
    roomsSold: Int!
    "Percent with one decimal; null without rooms"
    occupancyPercent: Float
    arrivals: Int!
    departures: Int!
    money: [HotelMoney!]!
  }
  type HotelTotal {
    venueId: String!
    venueName: String!
    roomNightsAvailable: Int!
    roomNightsSold: Int!
    occupancyPercent: Float
    arrivals: Int!
    departures: Int!
    money: [HotelMoney!]!
  }
  type HotelReport {
    venueId: String
    from: String!
    to: String!
    "Every night of the range, per venue"
    byNight: [HotelNight!]!
    "One per venue over the range"
    totals: [HotelTotal!]!
  }
  "eSIMs sold in one currency (money in minor units of it): paid, delivered or waiting for a person"
  type EsimFigures {
    currency: String!
    count: Int!
    revenueMinor: Float!
    "Airalo's net price, in the venue's currency at the rate of each sale"
    costMinor: Float!
    "Revenue less cost"
    marginMinor: Float!
  }
  "One package's eSIMs sold at one venue on one business day, in one currency"
  type EsimPackageDay {
    day: String!
    venueId: String!
    venueName: String!
    packageId: String!
    title: String!
    currency: String!
    count: Int!
    revenueMinor: Float!
    costMinor: Float!
    marginMinor: Float!
  }
  type EsimReport {
    venueId: String
    from: String!
    to: String!
    "One per currency, over every day, venue and package"
    totals: [EsimFigures!]!
    byDay: [EsimPackageDay!]!
  }
  type Query {
    "Sales over business days from..to (YYYY-MM-DD, inclusive); all venues when venueId is left out"
    sales(venueId: String, from: String!, to: String!): SalesReport!
    "Takings (payments by tender, tips, discounts, service, taxes, written off) over business days from..to; all venues when venueId is left out"
    takings(venueId: String, from: String!, to: String!): TakingsReport!
    "Hotel figures per night (YYYY-MM-DD, inclusive): rooms, occupancy, ADR, RevPAR, arrivals, departures, room service; all venues with rooms when venueId is left out"
    hotel(venueId: String, from: String!, to: String!): HotelReport!
    "eSIM sales per business day (YYYY-MM-DD, inclusive), venue and package: count, revenue, cost, margin; all venues when venueId is left out"
    esim(venueId: String, from: String!, to: String!): EsimReport!
  }
`;

type ReportArgs = { venueId?: string | null; from: string; to: string };

/** Runs a report for GraphQL: the same checks as the REST routes, refusals as GraphQL errors with their code. */
function reportResolver<T>(context: CloudContext, report: (db: CloudContext['database']['db'], venueId: string | null, from: string, to: string) => Promise<T>) {
  return async (_root: unknown, args: ReportArgs): Promise<T> => {
    const venueId = args.venueId ?? null;
    if (venueId !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(venueId)) throw new mercurius.ErrorWithProps('venueId is not a venue id', { code: 'bad_request' });
    try {
      checkRange({ from: args.from, to: args.to });
      return await report(context.database.db, venueId, args.from, args.to);
    } catch (error) {
      if (error instanceof CloudError) throw new mercurius.ErrorWithProps(error.message, { code: error.code });
      throw error;
    }
  };
}

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
          sales: reportResolver(context, salesReport),
          takings: reportResolver(context, takingsReport),
          hotel: reportResolver(context, hotelReport),
          esim: reportResolver(context, esimReport),
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
