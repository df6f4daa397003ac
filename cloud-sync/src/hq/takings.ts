import { sql } from 'drizzle-orm';
import { PAYMENT_METHODS, ROOM_CHARGE, type PaymentMethod } from '@onemoment/shared/schemas/payments';
import { rows, type Db } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { csvFile } from './reports.ts';

/** What was taken with one tender: payments, what they paid toward bills, and the tips on top. */
export interface TenderTakings {
  method: PaymentMethod;
  count: number;
  amountMinor: number;
  tipMinor: number;
}

export interface TaxTakings {
  rateBp: number;
  netMinor: number;
  taxMinor: number;
}

/** Takings in one currency: payments by tender, and what the bills settled in it came to. */
export interface TakingsFigures {
  currency: string;
  payments: number;
  /** What the payments paid toward bills (tips not included). */
  takingsMinor: number;
  tipsMinor: number;
  /** Always cash, card, ton and room (charged to a hotel stay), in that order. */
  byTender: TenderTakings[];
  settledBills: number;
  discountMinor: number;
  serviceChargeMinor: number;
  taxMinor: number;
  /** By rate. */
  taxLines: TaxTakings[];
  writtenOffMinor: number;
}

export interface DayTakings extends TakingsFigures {
  day: string;
  venueId: string;
  venueName: string;
}

export interface TakingsReport {
  venueId: string | null;
  from: string;
  to: string;
  /** One entry per currency, over every day and venue of the report: never a sum across currencies. */
  totals: TakingsFigures[];
  /** A row per business day, venue and currency that has a payment or a settled bill. */
  byDay: DayTakings[];
}

type Numeric = string | number;

function emptyFigures(currency: string): TakingsFigures {
  return {
    currency,
    payments: 0,
    takingsMinor: 0,
    tipsMinor: 0,
    byTender: PAYMENT_METHODS.map((method) => ({ method, count: 0, amountMinor: 0, tipMinor: 0 })),
    settledBills: 0,
    discountMinor: 0,
    serviceChargeMinor: 0,
    taxMinor: 0,
    taxLines: [],
    writtenOffMinor: 0,
  };
}

/** Adds `from` into `into` (same currency). */
function addFigures(into: TakingsFigures, from: TakingsFigures): void {
  into.payments += from.payments;
  into.takingsMinor += from.takingsMinor;
  into.tipsMinor += from.tipsMinor;
  from.byTender.forEach((tender, i) => {
    const target = into.byTender[i]!;
    target.count += tender.count;
    target.amountMinor += tender.amountMinor;
    target.tipMinor += tender.tipMinor;
  });
  into.settledBills += from.settledBills;
  into.discountMinor += from.discountMinor;
  into.serviceChargeMinor += from.serviceChargeMinor;
  into.taxMinor += from.taxMinor;
  into.writtenOffMinor += from.writtenOffMinor;
  for (const line of from.taxLines) addTax(into, line.rateBp, line.netMinor, line.taxMinor);
}

function addTax(into: TakingsFigures, rateBp: number, netMinor: number, taxMinor: number): void {
  let line = into.taxLines.find((l) => l.rateBp === rateBp);
  if (!line) {
    line = { rateBp, netMinor: 0, taxMinor: 0 };
    into.taxLines.push(line);
    into.taxLines.sort((a, b) => a.rateBp - b.rateBp);
  }
  line.netMinor += netMinor;
  line.taxMinor += taxMinor;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Takings of one venue, or of all venues when venueId is null, over business days from..to
 * inclusive: payments by tender (count, amount, tips) from report_payments, and discounts, service
 * charge, taxes by rate and what was written off from the bills settled those days. Each row and
 * total is in the currency its payments and bills were made in (the hub's), so a chain in several
 * currencies gets a total per currency.
 */
export async function takingsReport(db: Db, venueId: string | null, from: string, to: string): Promise<TakingsReport> {
  const venueFilter = venueId === null ? sql`TRUE` : sql`t.venue_id = ${venueId}`;
  const range = sql`t.business_day BETWEEN ${from}::date AND ${to}::date`;
  const venues = await rows<{ id: string; name: string }>(db, venueId === null ? sql`SELECT id, name FROM venues` : sql`SELECT id, name FROM venues WHERE id = ${venueId}`);
  if (venueId !== null && venues.length === 0) throw notFound('The venue');

  const paymentRows = await rows<{ venue_id: string; day: string; currency: string; method: string; count: Numeric; amount: Numeric; tips: Numeric }>(
    db,
    sql`SELECT t.venue_id, to_char(t.business_day, 'YYYY-MM-DD') AS day, t.currency, t.method,
          count(*) AS count, sum(t.amount_minor) AS amount, sum(t.tip_minor) AS tips
        FROM report_payments t WHERE ${venueFilter} AND ${range} GROUP BY 1, 2, 3, 4`,
  );
  const billRows = await rows<{ venue_id: string; day: string; currency: string; bills: Numeric; discount: Numeric; service: Numeric; tax: Numeric; written_off: Numeric }>(
    db,
    sql`SELECT t.venue_id, to_char(t.business_day, 'YYYY-MM-DD') AS day, t.currency, count(*) AS bills,
          sum(t.discount_minor) AS discount, sum(t.service_charge_minor) AS service, sum(t.tax_minor) AS tax,
          sum(t.written_off_minor) AS written_off
        FROM report_bills t WHERE ${venueFilter} AND ${range} GROUP BY 1, 2, 3`,
  );
  const taxRows = await rows<{ venue_id: string; day: string; currency: string; rate_bp: Numeric; net: Numeric; tax: Numeric }>(
    db,
    sql`SELECT t.venue_id, to_char(t.business_day, 'YYYY-MM-DD') AS day, t.currency, t.rate_bp, sum(t.net_minor) AS net, sum(t.tax_minor) AS tax
        FROM report_bill_taxes t WHERE ${venueFilter} AND ${range} GROUP BY 1, 2, 3, 4`,
  );

  const names = new Map(venues.map((v) => [v.id, v.name]));
  const days = new Map<string, DayTakings>();
  const row = (r: { venue_id: string; day: string; currency: string }): DayTakings => {
    const key = `${r.day}|${r.venue_id}|${r.currency}`;
    let found = days.get(key);
    if (!found) {
      found = { day: r.day, venueId: r.venue_id, venueName: names.get(r.venue_id) ?? r.venue_id, ...emptyFigures(r.currency) };
      days.set(key, found);
    }
    return found;
  };
  for (const r of paymentRows) {
    const target = row(r);
    const tender = target.byTender.find((t) => t.method === r.method);
    if (!tender) continue; // the layout allows only the known methods
    tender.count += Number(r.count);
    tender.amountMinor += Number(r.amount);
    tender.tipMinor += Number(r.tips);
    target.payments += Number(r.count);
    // A bill charged to a hotel room is not money in yet: the guest pays the folio at checkout.
    if (r.method !== ROOM_CHARGE) target.takingsMinor += Number(r.amount);
    target.tipsMinor += Number(r.tips);
  }
  for (const r of billRows) {
    const target = row(r);
    target.settledBills += Number(r.bills);
    target.discountMinor += Number(r.discount);
    target.serviceChargeMinor += Number(r.service);
    target.taxMinor += Number(r.tax);
    target.writtenOffMinor += Number(r.written_off);
  }
  for (const r of taxRows) addTax(row(r), Number(r.rate_bp), Number(r.net), Number(r.tax));

  const byDay = [...days.values()].sort(
    (a, b) => byText(a.day, b.day) || byText(a.venueName, b.venueName) || byText(a.venueId, b.venueId) || byText(a.currency, b.currency),
  );
  const totals = new Map<string, TakingsFigures>();
  for (const day of byDay) {
    let total = totals.get(day.currency);
    if (!total) totals.set(day.currency, (total = emptyFigures(day.currency)));
    addFigures(total, day);
  }
  return { venueId, from, to, totals: [...totals.values()].sort((a, b) => byText(a.currency, b.currency)), byDay };
}

/**
 * The takings as CSV: a line per day, venue and currency, then a total line per currency. Tenders
 * have three columns each; taxes a net and a tax column for each rate the report has.
 */
export function takingsCsv(report: TakingsReport): string {
  const rates = [...new Set(report.totals.flatMap((t) => t.taxLines.map((l) => l.rateBp)))].sort((a, b) => a - b);
  const header = [
    'day',
    'venue_id',
    'venue_name',
    'currency',
    'payments',
    'takings_minor',
    'tips_minor',
    ...PAYMENT_METHODS.flatMap((m) => [`${m}_count`, `${m}_minor`, `${m}_tips_minor`]),
    'settled_bills',
    'discount_minor',
    'service_charge_minor',
    'tax_minor',
    ...rates.flatMap((rate) => [`net_minor_at_${rate}bp`, `tax_minor_at_${rate}bp`]),
    'written_off_minor',
  ];
  const cells = (f: TakingsFigures) => [
    f.payments,
    f.takingsMinor,
    f.tipsMinor,
    ...f.byTender.flatMap((t) => [t.count, t.amountMinor, t.tipMinor]),
    f.settledBills,
    f.discountMinor,
    f.serviceChargeMinor,
    f.taxMinor,
    ...rates.flatMap((rate) => {
      const line = f.taxLines.find((l) => l.rateBp === rate);
      return [line?.netMinor ?? 0, line?.taxMinor ?? 0];
    }),
    f.writtenOffMinor,
  ];
  return csvFile([
    header,
    ...report.byDay.map((day) => [day.day, day.venueId, day.venueName, day.currency, ...cells(day)]),
    ...report.totals.map((total) => ['total', null, null, total.currency, ...cells(total)]),
  ]);
}
