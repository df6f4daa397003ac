import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/database.ts';
import { conflict, notFound } from '../errors.ts';

export interface SalesReport {
  venueId: string | null;
  from: string;
  to: string;
  orders: number;
  grossMinor: number;
  currency: string | null;
  byDay: Array<{ day: string; orders: number; grossMinor: number }>;
  byHour: Array<{ hour: number; orders: number; grossMinor: number }>;
  topItems: Array<{ menuItemId: string; name: string; quantity: number; grossMinor: number }>;
  avgTicketSeconds: number | null;
  p90TicketSeconds: number | null;
}

/** Orders that count as sales: everything but cancelled and voided ones. */
const COUNTED = sql`o.status NOT IN ('cancelled', 'voided')`;

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Sales of one venue, or of all venues when venueId is null (then they must share a currency), over
 * business days from..to inclusive, from the report tables. Hours are in each venue's time zone.
 * Ticket time is placed → ready (the last readiness that stuck), over counted orders that were ready.
 */
export async function salesReport(db: Db, venueId: string | null, from: string, to: string): Promise<SalesReport> {
  const venueFilter = venueId === null ? sql`TRUE` : sql`o.venue_id = ${venueId}`;
  const range = sql`o.business_day BETWEEN ${from}::date AND ${to}::date`;

  let currency: string | null;
  if (venueId !== null) {
    const [venue] = await rows<{ currency: string }>(db, sql`SELECT currency FROM venues WHERE id = ${venueId}`);
    if (!venue) throw notFound('The venue');
    currency = venue.currency;
  } else {
    const currencies = await rows<{ currency: string }>(db, sql`SELECT DISTINCT currency FROM venues ORDER BY currency`);
    if (currencies.length > 1) {
      throw conflict('mixed_currencies', `Venues sell in ${currencies.map((c) => c.currency).join(', ')}: pick one venue to add up its sales.`);
    }
    currency = currencies[0]?.currency ?? null;
  }

  const [totals] = await rows<{ orders: string | number; gross: string | number | null; avg: string | number | null; p90: string | number | null }>(
    db,
    sql`SELECT count(*) AS orders, sum(o.total_minor) AS gross,
          avg(extract(epoch FROM o.ready_at - o.placed_at)) FILTER (WHERE o.ready_at IS NOT NULL) AS avg,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM o.ready_at - o.placed_at)) FILTER (WHERE o.ready_at IS NOT NULL) AS p90
        FROM report_orders o WHERE ${venueFilter} AND ${range} AND ${COUNTED}`,
  );
  const dayRows = await rows<{ day: string | Date; orders: string | number; gross: string | number }>(
    db,
    sql`SELECT to_char(o.business_day, 'YYYY-MM-DD') AS day, count(*) AS orders, sum(o.total_minor) AS gross
        FROM report_orders o WHERE ${venueFilter} AND ${range} AND ${COUNTED} GROUP BY 1`,
  );
  const hourRows = await rows<{ hour: string | number; orders: string | number; gross: string | number }>(
    db,
    sql`SELECT extract(hour FROM o.placed_at AT TIME ZONE v.timezone)::int AS hour, count(*) AS orders, sum(o.total_minor) AS gross
        FROM report_orders o JOIN venues v ON v.id = o.venue_id
        WHERE ${venueFilter} AND ${range} AND ${COUNTED} GROUP BY 1`,
  );
  const itemRows = await rows<{ menu_item_id: string; name: string; quantity: string | number; gross: string | number }>(
    db,
    sql`SELECT i.menu_item_id, max(i.name) AS name, sum(i.quantity) AS quantity, sum(i.total_minor) AS gross
        FROM report_order_items i JOIN report_orders o ON o.venue_id = i.venue_id AND o.order_id = i.order_id
        WHERE ${venueFilter} AND ${range} AND ${COUNTED} AND i.status NOT IN ('cancelled', 'voided')
        GROUP BY i.menu_item_id ORDER BY sum(i.quantity) DESC, sum(i.total_minor) DESC, i.menu_item_id LIMIT 10`,
  );

  const perDay = new Map(dayRows.map((r) => [String(r.day), r]));
  const perHour = new Map(hourRows.map((r) => [Number(r.hour), r]));
  const seconds = (value: string | number | null | undefined) => (value === null || value === undefined ? null : Math.round(Number(value)));
  return {
    venueId,
    from,
    to,
    orders: Number(totals?.orders ?? 0),
    grossMinor: Number(totals?.gross ?? 0),
    currency,
    byDay: daysBetween(from, to).map((day) => ({ day, orders: Number(perDay.get(day)?.orders ?? 0), grossMinor: Number(perDay.get(day)?.gross ?? 0) })),
    byHour: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      orders: Number(perHour.get(hour)?.orders ?? 0),
      grossMinor: Number(perHour.get(hour)?.gross ?? 0),
    })),
    topItems: itemRows.map((r) => ({ menuItemId: r.menu_item_id, name: r.name, quantity: Number(r.quantity), grossMinor: Number(r.gross) })),
    avgTicketSeconds: seconds(totals?.avg),
    p90TicketSeconds: seconds(totals?.p90),
  };
}

/** The report's days as CSV (amounts in minor units, as everywhere in the API). */
export function salesCsv(report: SalesReport): string {
  const lines = ['day,orders,gross_minor,currency'];
  for (const day of report.byDay) lines.push(`${day.day},${day.orders},${day.grossMinor},${report.currency ?? ''}`);
  lines.push(`total,${report.orders},${report.grossMinor},${report.currency ?? ''}`);
  return `${lines.join('\r\n')}\r\n`;
}
