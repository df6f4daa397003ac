import { and, eq, inArray } from 'drizzle-orm';
import type * as Y from 'yjs';
import { apportion } from '@onemoment/shared/apportion';
import { nightsOf } from '@onemoment/shared/hotel/stay-dates';
import { readRoomTypes, readStayById, ROOM_TYPES_ROOT, STAYS_ROOT, type StayRecord } from '@onemoment/shared/sync/index';
import type { Db } from '../db/database.ts';
import { reportRoomTypes, reportStayNights, reportStays } from '../db/schema.ts';
import type { TouchedRecords } from './layout.ts';
import { chunks, fromExcluded } from './projection.ts';

/**
 * Each night of a stay with its share of the total: the total spread over the nights by the largest
 * remainder rule (equal weights), so the nights always add up to the booking's total and the first
 * nights take the odd cents.
 */
export function nightShares(stay: Pick<StayRecord, 'arrival' | 'departure' | 'totalMinor'>): Array<{ night: string; revenueMinor: number }> {
  const nights = nightsOf(stay.arrival, stay.departure);
  const shares = apportion(stay.totalMinor, nights.map(() => 1n));
  return nights.map((night, i) => ({ night, revenueMinor: shares[i]! }));
}

/**
 * The touched bookings of a stays document into report_stays and report_stay_nights, read from the
 * merged document (never from the update). A booking no longer in this month's document (its arrival
 * moved) loses only the rows of this month: the new month's rows may already be written.
 */
export async function projectStays(tx: Db, venueId: string, month: string, doc: Y.Doc, touched: TouchedRecords): Promise<void> {
  const ids = [...(touched.get(STAYS_ROOT) ?? [])];
  if (ids.length === 0) return;
  const records: StayRecord[] = [];
  const gone: string[] = [];
  for (const id of ids) {
    const record = readStayById(doc, id, month);
    if (record) records.push(record);
    else gone.push(id);
  }
  for (const chunk of chunks(gone)) {
    const here = and(eq(reportStays.venueId, venueId), eq(reportStays.stayMonth, month), inArray(reportStays.bookingId, chunk));
    await tx.delete(reportStays).where(here);
    await tx
      .delete(reportStayNights)
      .where(and(eq(reportStayNights.venueId, venueId), eq(reportStayNights.stayMonth, month), inArray(reportStayNights.bookingId, chunk)));
  }
  const rows = records.map((stay) => ({
    venueId,
    bookingId: stay.id,
    stayMonth: month,
    roomTypeId: stay.roomTypeId,
    roomId: stay.roomId,
    roomNumber: stay.roomNumber,
    arrival: stay.arrival,
    departure: stay.departure,
    nights: stay.nights,
    status: stay.status,
    adults: stay.adults,
    children: stay.children,
    totalMinor: stay.totalMinor,
    currency: stay.currency,
    source: stay.source,
    guestName: stay.guestName,
  }));
  for (const chunk of chunks(rows)) {
    await tx
      .insert(reportStays)
      .values(chunk)
      .onConflictDoUpdate({
        target: [reportStays.venueId, reportStays.bookingId],
        set: fromExcluded(reportStays, [
          'stayMonth', 'roomTypeId', 'roomId', 'roomNumber', 'arrival', 'departure', 'nights', 'status', 'adults', 'children', 'totalMinor', 'currency', 'source', 'guestName',
        ]),
      });
  }
  // A changed booking's nights are written again whole: its dates, total or status may all have moved.
  for (const chunk of chunks(records.map((stay) => stay.id))) {
    await tx.delete(reportStayNights).where(and(eq(reportStayNights.venueId, venueId), inArray(reportStayNights.bookingId, chunk)));
  }
  const nightRows = records.flatMap((stay) =>
    nightShares(stay).map(({ night, revenueMinor }) => ({
      venueId,
      bookingId: stay.id,
      night,
      stayMonth: month,
      roomTypeId: stay.roomTypeId,
      status: stay.status,
      revenueMinor,
      currency: stay.currency,
    })),
  );
  for (const chunk of chunks(nightRows)) await tx.insert(reportStayNights).values(chunk);
}

/** The config document's room types into report_room_types (the rooms a night has for sale). */
export async function projectRoomTypes(tx: Db, venueId: string, doc: Y.Doc, touched: TouchedRecords): Promise<void> {
  const ids = touched.get(ROOM_TYPES_ROOT);
  if (!ids || ids.size === 0) return;
  const types = readRoomTypes(doc).filter((type) => ids.has(type.id));
  if (types.length === 0) return;
  await tx
    .insert(reportRoomTypes)
    .values(types.map((type) => ({ venueId, roomTypeId: type.id, name: type.name, rooms: type.rooms })))
    .onConflictDoUpdate({ target: [reportRoomTypes.venueId, reportRoomTypes.roomTypeId], set: fromExcluded(reportRoomTypes, ['name', 'rooms']) });
}
