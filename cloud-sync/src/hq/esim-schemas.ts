import { Type } from 'typebox';

/** The eSIM report's payload (the query is the other reports' SalesQuerySchema). */

const NullableString = Type.Unsafe<string | null>({ type: 'string', nullable: true });
const Money = (description: string) => Type.Integer({ description });

const EsimFigures = {
  currency: Type.String({ description: 'ISO 4217: the currency the hub sold in' }),
  count: Type.Integer({ description: 'eSIMs sold: paid, delivered or waiting for a person (not awaiting payment, cancelled or refunded)' }),
  revenueMinor: Money('What the sales were priced at, minor units'),
  costMinor: Money("Airalo's net price of them, in the venue's currency at the rate of each sale"),
  marginMinor: Money('Revenue less cost'),
};

export const EsimReportSchema = Type.Object({
  venueId: NullableString,
  from: Type.String(),
  to: Type.String(),
  totals: Type.Array(Type.Object(EsimFigures), { description: 'One per currency, over every day, venue and package' }),
  byDay: Type.Array(
    Type.Object({
      day: Type.String({ description: 'The business day the sale was put on the bill' }),
      venueId: Type.String(),
      venueName: Type.String(),
      packageId: Type.String(),
      title: Type.String(),
      ...EsimFigures,
    }),
    { description: 'A row per business day, venue, package and currency with a counted sale' },
  ),
});
