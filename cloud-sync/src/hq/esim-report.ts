import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { csvFile } from './reports.ts';

/**
 * The eSIM report: per business day, venue and package, the eSIMs sold, what they brought in, what
 * Airalo charged for them (its net price in the venue's currency at the rate of each sale) and the
 * margin between the two; from report_esim_sales. Money stays in its own currency: totals come one
 * per currency, never a sum across them.
 */

export interface EsimFigures {
  currency: string;
  count: number;
  revenueMinor: number;
  costMinor: number;
  /** Revenue less cost; below zero when a package was sold under its net price. */
  marginMinor: number;
}

export interface EsimPackageDay extends EsimFigures {
  day: string;
  venueId: string;
  venueName: string;
  packageId: string;
  /** The package's title as the latest of its sales that day has it. */
  title: string;
}

export interface EsimReport {
  venueId: string | null;
  from: string;
  to: string;
  /** One per currency, over every day, venue and package of the report. */
  totals: EsimFigures[];
  /** A row per business day, venue, package and currency with a counted sale. */
  byDay: EsimPackageDay[];
}

/**
 * Sales that count: paid, whether delivered yet or waiting for a person to deliver it. One awaiting
 * payment sold nothing yet; a cancelled or refunded one sold nothing at all.
 */
const COUNTED = sql`s.status IN ('paid', 'delivered', 'needs_person')`;

type Numeric = string | number;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** eSIM sales of one venue, or of all venues when venueId is null, over business days from..to inclusive. */
export async function esimReport(db: Db, venueId: string | null, from: string, to: string): Promise<EsimReport> {
  const venues = await rows<{ id: string; name: string }>(db, venueId === null ? sql`SELECT id, name FROM venues` : sql`SELECT id, name FROM venues WHERE id = ${venueId}`);
  if (venueId !== null && venues.length === 0) throw notFound('The venue');
  const venueFilter = venueId === null ? sql`TRUE` : sql`s.venue_id = ${venueId}`;
  const found = await rows<{ venue_id: string; day: string; package_id: string; title: string; currency: string; count: Numeric; revenue: Numeric; cost: Numeric }>(
    db,
    sql`SELECT s.venue_id, to_char(s.business_day, 'YYYY-MM-DD') AS day, s.package_id, s.currency,
          (array_agg(s.title ORDER BY s.created_at DESC, s.sale_id DESC))[1] AS title,
          count(*) AS count, sum(s.price_minor) AS revenue, sum(s.cost_minor) AS cost
        FROM report_esim_sales s
        WHERE ${venueFilter} AND s.business_day BETWEEN ${from}::date AND ${to}::date AND ${COUNTED}
        GROUP BY 1, 2, 3, 4`,
  );
  const names = new Map(venues.map((v) => [v.id, v.name]));
  const byDay = found
    .map((r): EsimPackageDay => {
      const revenueMinor = Number(r.revenue);
      const costMinor = Number(r.cost);
      return {
        day: r.day,
        venueId: r.venue_id,
        venueName: names.get(r.venue_id) ?? r.venue_id,
        packageId: r.package_id,
        title: r.title,
        currency: r.currency,
        count: Number(r.count),
        revenueMinor,
        costMinor,
        marginMinor: revenueMinor - costMinor,
      };
    })
    .sort(
      (a, b) =>
        byText(a.day, b.day) || byText(a.venueName, b.venueName) || byText(a.venueId, b.venueId) || byText(a.title, b.title) || byText(a.packageId, b.packageId) || byText(a.currency, b.currency),
    );
  const totals = new Map<string, EsimFigures>();
  for (const row of byDay) {
    const total = totals.get(row.currency) ?? { currency: row.currency, count: 0, revenueMinor: 0, costMinor: 0, marginMinor: 0 };
    total.count += row.count;
    total.revenueMinor += row.revenueMinor;
    total.costMinor += row.costMinor;
    total.marginMinor += row.marginMinor;
    totals.set(row.currency, total);
  }
  return { venueId, from, to, totals: [...totals.values()].sort((a, b) => byText(a.currency, b.currency)), byDay };
}

/** The report as CSV: a line per day, venue, package and currency, then a total line per currency. */
export function esimCsv(report: EsimReport): string {
  const header = ['day', 'venue_id', 'venue_name', 'package_id', 'package_title', 'currency', 'sold', 'revenue_minor', 'cost_minor', 'margin_minor'];
  const figures = (f: EsimFigures) => [f.currency, f.count, f.revenueMinor, f.costMinor, f.marginMinor];
  return csvFile([
    header,
    ...report.byDay.map((d) => [d.day, d.venueId, d.venueName, d.packageId, d.title, ...figures(d)]),
    ...report.totals.map((t) => ['total', null, null, null, null, ...figures(t)]),
  ]);
}
