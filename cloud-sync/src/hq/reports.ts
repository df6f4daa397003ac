import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/database.ts';
import { notFound } from '../errors.ts';

/** Sales figures in one currency. */
export interface CurrencySales {
  currency: string;
  orders: number;
  grossMinor: number;
}

export interface SalesReport {
  venueId: string | null;
  from: string;
  to: string;
  /** Counted orders, whatever their currency. */
  orders: number;
  /** The gross when every amount is in one currency (then `currency` names it); null when there are several. */
  grossMinor: number | null;
  /** The one currency of every amount; null when there are several (see totals). */
  currency: string | null;
  /** One entry per currency: a chain selling in several currencies gets a total in each. */
  totals: CurrencySales[];
  byDay: Array<{ day: string; currency: string; orders: number; grossMinor: number }>;
  byHour: Array<{ hour: number; currency: string; orders: number; grossMinor: number }>;
  topItems: Array<{ menuItemId: string; name: string; currency: string; quantity: number; grossMinor: number }>;
  avgTicketSeconds: number | null;
  p90TicketSeconds: number | null;
}

/** Orders that count as sales: everything but cancelled and voided ones. */
const COUNTED = sql`o.status NOT IN ('cancelled', 'voided')`;

type Numeric = string | number;

export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * The currencies a report lists: those of the amounts found; when there are none, the venue's (or,
 * for all venues, each venue's), so an empty report still says what it would be counted in.
 */
export async function reportCurrencies(db: Db, venueId: string | null, found: Iterable<string>): Promise<string[]> {
  const currencies = new Set(found);
  if (venueId !== null) {
    const [venue] = await rows<{ currency: string }>(db, sql`SELECT currency FROM venues WHERE id = ${venueId}`);
    if (!venue) throw notFound('The venue');
    if (currencies.size === 0) currencies.add(venue.currency);
  } else if (currencies.size === 0) {
    for (const venue of await rows<{ currency: string }>(db, sql`SELECT DISTINCT currency FROM venues`)) currencies.add(venue.currency);
  }
  return [...currencies].sort();
}

/**
 * Sales of one venue, or of all venues when venueId is null, over business days from..to inclusive,
 * from the report tables. Every amount carries its own currency, the one the hub sold in (an order's
 * currency, never the venue record's): amounts are only ever added up within a currency. Hours are in
 * each venue's time zone. Ticket time is placed → ready (the last readiness that stuck), over counted
 * orders that were ready.
 */
export async function salesReport(db: Db, venueId: string | null, from: string, to: string): Promise<SalesReport> {
  const venueFilter = venueId === null ? sql`TRUE` : sql`o.venue_id = ${venueId}`;
  const range = sql`o.business_day BETWEEN ${from}::date AND ${to}::date`;

  const totalRows = await rows<{ currency: string; orders: Numeric; gross: Numeric }>(
    db,
    sql`SELECT o.currency, count(*) AS orders, sum(o.total_minor) AS gross
        FROM report_orders o WHERE ${venueFilter} AND ${range} AND ${COUNTED} GROUP BY o.currency`,
  );
  const currencies = await reportCurrencies(db, venueId, totalRows.map((r) => r.currency));
  const [ticket] = await rows<{ avg: Numeric | null; p90: Numeric | null }>(
    db,
    sql`SELECT avg(extract(epoch FROM o.ready_at - o.placed_at)) AS avg,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM o.ready_at - o.placed_at)) AS p90
        FROM report_orders o WHERE ${venueFilter} AND ${range} AND ${COUNTED} AND o.ready_at IS NOT NULL`,
  );
  const dayRows = await rows<{ day: string; currency: string; orders: Numeric; gross: Numeric }>(
    db,
    sql`SELECT to_char(o.business_day, 'YYYY-MM-DD') AS day, o.currency, count(*) AS orders, sum(o.total_minor) AS gross
        FROM report_orders o WHERE ${venueFilter} AND ${range} AND ${COUNTED} GROUP BY 1, 2`,
  );
  const hourRows = await rows<{ hour: Numeric; currency: string; orders: Numeric; gross: Numeric }>(
    db,
    sql`SELECT extract(hour FROM o.placed_at AT TIME ZONE v.timezone)::int AS hour, o.currency, count(*) AS orders, sum(o.total_minor) AS gross
        FROM report_orders o JOIN venues v ON v.id = o.venue_id
        WHERE ${venueFilter} AND ${range} AND ${COUNTED} GROUP BY 1, 2`,
  );
  const itemRows = await rows<{ menu_item_id: string; currency: string; name: string; quantity: Numeric; gross: Numeric }>(
    db,
    sql`SELECT i.menu_item_id, o.currency, max(i.name) AS name, sum(i.quantity) AS quantity, sum(i.total_minor) AS gross
        FROM report_order_items i JOIN report_orders o ON o.venue_id = i.venue_id AND o.order_id = i.order_id
        WHERE ${venueFilter} AND ${range} AND ${COUNTED} AND i.status NOT IN ('cancelled', 'voided')
        GROUP BY i.menu_item_id, o.currency ORDER BY sum(i.quantity) DESC, sum(i.total_minor) DESC, i.menu_item_id, o.currency LIMIT 10`,
  );

  const key = (a: string | number, currency: string) => `${a}|${currency}`;
  const perTotal = new Map(totalRows.map((r) => [r.currency, r]));
  const perDay = new Map(dayRows.map((r) => [key(r.day, r.currency), r]));
  const perHour = new Map(hourRows.map((r) => [key(Number(r.hour), r.currency), r]));
  const figures = (row: { orders: Numeric; gross: Numeric } | undefined) => ({ orders: Number(row?.orders ?? 0), grossMinor: Number(row?.gross ?? 0) });
  const seconds = (value: Numeric | null | undefined) => (value === null || value === undefined ? null : Math.round(Number(value)));
  const totals = currencies.map((currency) => ({ currency, ...figures(perTotal.get(currency)) }));
  return {
    venueId,
    from,
    to,
    orders: totals.reduce((sum, t) => sum + t.orders, 0),
    grossMinor: totals.length > 1 ? null : (totals[0]?.grossMinor ?? 0),
    currency: totals.length === 1 ? totals[0]!.currency : null,
    totals,
    byDay: daysBetween(from, to).flatMap((day) => currencies.map((currency) => ({ day, currency, ...figures(perDay.get(key(day, currency))) }))),
    byHour: Array.from({ length: 24 }, (_, hour) => currencies.map((currency) => ({ hour, currency, ...figures(perHour.get(key(hour, currency))) }))).flat(),
    topItems: itemRows.map((r) => ({ menuItemId: r.menu_item_id, name: r.name, currency: r.currency, quantity: Number(r.quantity), grossMinor: Number(r.gross) })),
    avgTicketSeconds: seconds(ticket?.avg),
    p90TicketSeconds: seconds(ticket?.p90),
  };
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break, and a leading =, +, - or @ made
 * inert, so a venue's name cannot become a formula in a spreadsheet.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvFile(lines: Array<Array<string | number | null>>): string {
  return `${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The report's days as CSV, a line per day and currency, then a total per currency (amounts in minor units). */
export function salesCsv(report: SalesReport): string {
  const lines: Array<Array<string | number | null>> = [['day', 'orders', 'gross_minor', 'currency']];
  for (const day of report.byDay) lines.push([day.day, day.orders, day.grossMinor, day.currency]);
  if (report.totals.length === 0) lines.push(['total', 0, 0, null]);
  for (const total of report.totals) lines.push(['total', total.orders, total.grossMinor, total.currency]);
  return csvFile(lines);
}
