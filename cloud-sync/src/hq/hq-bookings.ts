import { and, eq, ne } from 'drizzle-orm';
import { isRealDate, monthOf, nightsBetween } from '@onemoment/shared/hotel/stay-dates';
import { docNames, readRoomTypes, readStayById, STAY_LIMITS, writeStay, type RoomTypeRecord, type StayRecord } from '@onemoment/shared/sync/index';
import type { CloudContext } from '../context.ts';
import { reportStays, venues } from '../db/schema.ts';
import { badRequest, CloudError, conflict, notFound } from '../errors.ts';
import type { HqBookingBody } from './hotel-schemas.ts';

/** A booking as HQ sees it: its stays record and the venue it is at. */
export type HqBooking = StayRecord & { venueId: string };

export async function listRoomTypes(context: CloudContext, venueId: string): Promise<RoomTypeRecord[]> {
  await venueCurrency(context, venueId);
  return context.documents.read(docNames.config(venueId), (doc) => readRoomTypes(doc));
}

async function venueCurrency(context: CloudContext, venueId: string): Promise<string> {
  const [venue] = await context.database.db.select({ currency: venues.currency }).from(venues).where(eq(venues.id, venueId));
  if (!venue) throw notFound('The venue');
  return venue.currency;
}

/** The fields a retry of the same booking must repeat (the status and its time are the cloud's). */
function sameBooking(a: StayRecord, b: Omit<StayRecord, 'statusTimes' | 'status' | 'nights'>): boolean {
  return (
    a.roomTypeId === b.roomTypeId && a.arrival === b.arrival && a.departure === b.departure && a.guestName === b.guestName &&
    a.adults === b.adults && a.children === b.children && a.totalMinor === b.totalMinor && a.currency === b.currency && a.source === b.source
  );
}

/**
 * HQ books a stay at a venue: written into the stays document of its arrival month with source 'hq',
 * confirmed, no room yet, and from there it reaches the venue's hub (now, or when it next connects).
 * It is not checked against availability here: the cloud does not know the venue's rooms night by
 * night, and the hub never drops a booking it is sent; should it overbook, the hub's front desk lists
 * the conflict with its choices. The same id again with the same stay is the same booking (200).
 */
export async function createHqBooking(context: CloudContext, venueId: string, body: HqBookingBody): Promise<{ booking: HqBooking; created: boolean }> {
  const venueCurrencyCode = await venueCurrency(context, venueId);
  if (!isRealDate(body.arrival) || !isRealDate(body.departure)) throw badRequest('bad_dates', 'arrival and departure must be real dates written YYYY-MM-DD.');
  const nights = nightsBetween(body.arrival, body.departure);
  if (nights < 1) throw badRequest('bad_dates', 'departure must be at least one night after arrival.');
  if (nights > STAY_LIMITS.maxNights) throw badRequest('bad_dates', `A booking is at most ${STAY_LIMITS.maxNights} nights.`);
  const currency = body.currency ?? venueCurrencyCode;
  if (currency !== venueCurrencyCode) throw badRequest('wrong_currency', `This venue sells in ${venueCurrencyCode}: give the total in ${venueCurrencyCode}, or leave currency out.`);
  const guestName = body.guest.name.trim();
  if (guestName.length === 0) throw badRequest('bad_request', "The guest's name is empty.");

  const types = await context.documents.read(docNames.config(venueId), (doc) => readRoomTypes(doc));
  const type = types.find((t) => t.id === body.roomTypeId);
  if (!type || type.rooms === 0) {
    const known = types.filter((t) => t.rooms > 0).map((t) => t.id);
    throw new CloudError(404, 'unknown_room_type', `The venue's hub has not synced a room type "${body.roomTypeId}"${known.length ? `; it sells ${known.join(', ')}` : ' (it has synced none yet)'}.`);
  }
  const month = monthOf(body.arrival);
  // An id already used in another month's document is another booking (or this one, moved there).
  const [elsewhere] = await context.database.db
    .select({ month: reportStays.stayMonth })
    .from(reportStays)
    .where(and(eq(reportStays.venueId, venueId), eq(reportStays.bookingId, body.id), ne(reportStays.stayMonth, month)));
  if (elsewhere) throw conflict('booking_exists', `Booking ${body.id} already exists at this venue with other dates; give a new booking a new id.`);

  const wanted = {
    id: body.id,
    roomTypeId: body.roomTypeId,
    roomId: null,
    roomNumber: null,
    arrival: body.arrival,
    departure: body.departure,
    adults: body.adults,
    children: body.children ?? 0,
    totalMinor: body.totalMinor ?? 0,
    currency,
    source: 'hq' as const,
    guestName,
  };
  let existing: StayRecord | null = null;
  let stored: StayRecord | null = null;
  const result = await context.documents.mutate(docNames.stays(venueId, month), (doc, origin) => {
    existing = readStayById(doc, body.id);
    if (existing) return;
    writeStay(doc, { ...wanted, status: 'confirmed', statusAt: new Date().toISOString() }, origin);
    stored = readStayById(doc, body.id, month);
  });
  if (!result.ok) throw new CloudError(503, 'not_stored', `The booking was not stored: ${result.reason}`);
  const found = existing as StayRecord | null;
  if (found) {
    if (!sameBooking(found, wanted)) throw conflict('booking_exists', `Booking ${body.id} already exists at this venue with other details; give a new booking a new id.`);
    return { booking: { venueId, ...found }, created: false };
  }
  return { booking: { venueId, ...(stored as unknown as StayRecord) }, created: true };
}
