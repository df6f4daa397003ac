import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { csvFile, daysBetween } from './reports.ts';
import { hotelMoney, occupancyPercent, type HotelMoney } from './hotel-figures.ts';

/**
 * The hotel report: per night and venue, the rooms for sale and sold, occupancy, ADR and RevPAR,
 * arrivals and departures, and room-service takings; from report_stay_nights (each booking's nights
 * with their share of its total), report_stays (arrivals, departures), report_room_types (rooms) and
 * the room-service bills of report_bills. Money stays in its own currency (one entry per currency).
 */

export interface HotelNight {
  night: string;
  venueId: string;
  venueName: string;
  /** Rooms the venue has (its room types' counts as its hub last synced them). */
  roomsAvailable: number;
  /** Rooms held by a confirmed, checked-in or checked-out stay that night. */
  roomsSold: number;
  /** Rooms sold over rooms available, in percent with one decimal; null when there are no rooms. */
  occupancyPercent: number | null;
  arrivals: number;
  departures: number;
  money: HotelMoney[];
}

export interface HotelTotal {
  venueId: string;
  venueName: string;
  roomNightsAvailable: number;
  roomNightsSold: number;
  occupancyPercent: number | null;
  arrivals: number;
  departures: number;
  money: HotelMoney[];
}

export interface HotelReport {
  venueId: string | null;
  from: string;
  to: string;
  /** A row per night and venue, every night of the range (venues with rooms, or the one asked for). */
  byNight: HotelNight[];
  /** A row per venue over the whole range. */
  totals: HotelTotal[];
}

/** Stays that sold their nights: a tentative hold, a cancellation and a no-show did not. */
const SOLD = sql`('confirmed', 'checked_in', 'checked_out')`;

type Numeric = string | number;

interface VenueRow {
  id: string;
  name: string;
  currency: string;
}

export async function hotelReport(db: Db, venueId: string | null, from: string, to: string): Promise<HotelReport> {
  const only = (column: string) => (venueId === null ? sql`TRUE` : sql`${sql.identifier(column)} = ${venueId}`);
  const venueRows = await rows<VenueRow>(
    db,
    venueId === null
      ? sql`SELECT id, name, currency FROM venues WHERE id IN (SELECT venue_id FROM report_room_types WHERE rooms > 0 UNION SELECT venue_id FROM report_stays) ORDER BY name, id`
      : sql`SELECT id, name, currency FROM venues WHERE id = ${venueId}`,
  );
  if (venueId !== null && venueRows.length === 0) throw notFound('The venue');

  const roomRows = await rows<{ venue_id: string; rooms: Numeric }>(db, sql`SELECT venue_id, sum(rooms) AS rooms FROM report_room_types WHERE ${only('venue_id')} GROUP BY 1`);
  const soldRows = await rows<{ venue_id: string; night: string; currency: string; sold: Numeric; revenue: Numeric }>(
    db,
    sql`SELECT venue_id, to_char(night, 'YYYY-MM-DD') AS night, currency, count(*) AS sold, sum(revenue_minor) AS revenue
        FROM report_stay_nights WHERE ${only('venue_id')} AND night BETWEEN ${from}::date AND ${to}::date AND status IN ${SOLD} GROUP BY 1, 2, 3`,
  );
  const moveRows = await rows<{ venue_id: string; day: string; arrivals: Numeric; departures: Numeric }>(
    db,
    sql`SELECT venue_id, day, sum(arrivals) AS arrivals, sum(departures) AS departures FROM (
          SELECT venue_id, to_char(arrival, 'YYYY-MM-DD') AS day, 1 AS arrivals, 0 AS departures FROM report_stays
            WHERE ${only('venue_id')} AND arrival BETWEEN ${from}::date AND ${to}::date AND status IN ${SOLD}
          UNION ALL
          SELECT venue_id, to_char(departure, 'YYYY-MM-DD') AS day, 0, 1 FROM report_stays
            WHERE ${only('venue_id')} AND departure BETWEEN ${from}::date AND ${to}::date AND status IN ${SOLD}
        ) moves GROUP BY 1, 2`,
  );
  const serviceRows = await rows<{ venue_id: string; day: string; currency: string; paid: Numeric }>(
    db,
    sql`SELECT venue_id, to_char(business_day, 'YYYY-MM-DD') AS day, currency, sum(paid_minor) AS paid
        FROM report_bills WHERE ${only('venue_id')} AND room_service AND business_day BETWEEN ${from}::date AND ${to}::date GROUP BY 1, 2, 3`,
  );

  const rooms = new Map(roomRows.map((r) => [r.venue_id, Number(r.rooms)]));
  const key = (venue: string, day: string) => `${venue}|${day}`;
  const sold = group(soldRows, (r) => key(r.venue_id, r.night));
  const moves = new Map(moveRows.map((r) => [key(r.venue_id, r.day), r]));
  const service = group(serviceRows, (r) => key(r.venue_id, r.day));

  const byNight: HotelNight[] = [];
  const totals: HotelTotal[] = [];
  for (const venue of venueRows) {
    const available = rooms.get(venue.id) ?? 0;
    const nights = daysBetween(from, to).map((night): HotelNight => {
      const soldHere = sold.get(key(venue.id, night)) ?? [];
      const roomsSold = soldHere.reduce((sum, r) => sum + Number(r.sold), 0);
      const move = moves.get(key(venue.id, night));
      return {
        night,
        venueId: venue.id,
        venueName: venue.name,
        roomsAvailable: available,
        roomsSold,
        occupancyPercent: occupancyPercent(roomsSold, available),
        arrivals: Number(move?.arrivals ?? 0),
        departures: Number(move?.departures ?? 0),
        money: hotelMoney(
          venue.currency,
          available,
          soldHere.map((r) => ({ currency: r.currency, roomsSold: Number(r.sold), roomRevenueMinor: Number(r.revenue) })),
          (service.get(key(venue.id, night)) ?? []).map((r) => ({ currency: r.currency, roomServiceMinor: Number(r.paid) })),
        ),
      };
    });
    byNight.push(...nights);
    totals.push(venueTotal(venue, available * nights.length, nights));
  }
  return { venueId, from, to, byNight, totals };
}

function group<T>(list: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of list) {
    const key = keyOf(item);
    map.set(key, [...(map.get(key) ?? []), item]);
  }
  return map;
}

/** A venue's figures over the range: room nights and money added up per currency, then ADR and RevPAR of the sums. */
function venueTotal(venue: VenueRow, roomNightsAvailable: number, nights: HotelNight[]): HotelTotal {
  const soldBy = new Map<string, { roomsSold: number; roomRevenueMinor: number }>();
  const serviceBy = new Map<string, number>();
  for (const night of nights) {
    for (const money of night.money) {
      const entry = soldBy.get(money.currency) ?? { roomsSold: 0, roomRevenueMinor: 0 };
      entry.roomsSold += money.roomsSold;
      entry.roomRevenueMinor += money.roomRevenueMinor;
      soldBy.set(money.currency, entry);
      serviceBy.set(money.currency, (serviceBy.get(money.currency) ?? 0) + money.roomServiceMinor);
    }
  }
  const roomNightsSold = nights.reduce((sum, n) => sum + n.roomsSold, 0);
  return {
    venueId: venue.id,
    venueName: venue.name,
    roomNightsAvailable,
    roomNightsSold,
    occupancyPercent: occupancyPercent(roomNightsSold, roomNightsAvailable),
    arrivals: nights.reduce((sum, n) => sum + n.arrivals, 0),
    departures: nights.reduce((sum, n) => sum + n.departures, 0),
    money: hotelMoney(
      venue.currency,
      roomNightsAvailable,
      [...soldBy].map(([currency, s]) => ({ currency, ...s })),
      [...serviceBy].map(([currency, roomServiceMinor]) => ({ currency, roomServiceMinor })),
    ),
  };
}

/** The report as CSV: a line per night, venue and currency, then a total line per venue and currency. */
export function hotelCsv(report: HotelReport): string {
  const header = [
    'night', 'venue_id', 'venue_name', 'currency', 'rooms_available', 'rooms_sold', 'occupancy_percent', 'arrivals', 'departures',
    'room_revenue_minor', 'adr_minor', 'revpar_minor', 'room_service_minor',
  ];
  const lines: Array<Array<string | number | null>> = [header];
  const money = (m: HotelMoney) => [m.roomRevenueMinor, m.adrMinor, m.revparMinor, m.roomServiceMinor];
  for (const n of report.byNight) {
    for (const m of n.money) lines.push([n.night, n.venueId, n.venueName, m.currency, n.roomsAvailable, n.roomsSold, n.occupancyPercent, n.arrivals, n.departures, ...money(m)]);
  }
  for (const t of report.totals) {
    for (const m of t.money) {
      lines.push(['total', t.venueId, t.venueName, m.currency, t.roomNightsAvailable, t.roomNightsSold, t.occupancyPercent, t.arrivals, t.departures, ...money(m)]);
    }
  }
  return csvFile(lines);
}
