// What a reservation read from Cloudbeds does to the hub's bookings. Pure: the mappings come in as
// lookups, so every rule is tested without a database (cloudbeds-inbound.test.ts).
import { minorDigits } from '@onemoment/shared/money';
import type { Booking } from '@onemoment/shared/schemas/hotel';
import type { RemoteBooking } from '../hotel-api.ts';
import type { CloudbedsReservation } from './cloudbeds-client.ts';
import { hubStatusOf, joinGuestName, mergedStatus, minorFromMajor } from './cloudbeds-rules.ts';

export type Inbound = { kind: 'apply'; remote: RemoteBooking } | { kind: 'unchanged' } | { kind: 'skip'; reason: string };

export interface InboundLookups {
  /** The hub's room type for Cloudbeds' roomTypeID (null when unmapped). */
  roomType(cloudbedsId: string): string | null;
  room(cloudbedsId: string): string | null;
}

const clip = (value: string | null, max: number) => (value === null ? null : value.slice(0, max));

/**
 * The booking a reservation becomes. A reservation new to the hub comes in whole (source cloudbeds). One
 * the hub already holds changes by what Cloudbeds may decide:
 * - its status always, merged so the furthest state wins (a check-in at the hub not yet pushed stays);
 * - for a booking made in Cloudbeds, also its dates, room type and guests (Cloudbeds owns them), and its
 *   room only while the hub has none (the front desk assigns rooms here);
 * - for a booking made at the hub, nothing else: its own copy is the truth, and the echo of the hub's own
 *   push (read back by the next pull) must not overwrite a change made since.
 */
export function inboundBooking(reservation: CloudbedsReservation, existing: Booking | null, lookups: InboundLookups, options: { currency: string; newId: () => string }): Inbound {
  const status = hubStatusOf(reservation.status);
  if (status === null) return { kind: 'skip', reason: `its status "${reservation.status}" is not one the hub knows` };
  if (existing && existing.source !== 'cloudbeds') {
    const merged = mergedStatus(existing.status, status);
    if (merged === existing.status && existing.cloudbedsId === reservation.reservationID) return { kind: 'unchanged' };
    return { kind: 'apply', remote: { ...remoteOf(existing), status: merged, cloudbedsId: reservation.reservationID } };
  }
  if (reservation.rooms.length === 0) return { kind: 'skip', reason: 'it has no room type' };
  if (reservation.rooms.length > 1) return { kind: 'skip', reason: `it holds ${reservation.rooms.length} rooms; the hub keeps one room per booking, so the front desk enters it by hand` };
  const room = reservation.rooms[0]!;
  const roomTypeId = lookups.roomType(room.roomTypeID);
  if (roomTypeId === null) return { kind: 'skip', reason: `its room type ${room.roomTypeID} has no hub room type of the same name` };
  const arrival = room.startDate ?? reservation.startDate;
  const departure = room.endDate ?? reservation.endDate;
  if (!(departure > arrival)) return { kind: 'skip', reason: `its dates ${arrival} to ${departure} are not a stay` };
  const roomId = room.roomID === null ? null : lookups.room(room.roomID);

  if (existing) {
    const next: RemoteBooking = {
      ...remoteOf(existing),
      status: mergedStatus(existing.status, status),
      roomTypeId,
      roomId: existing.roomId ?? roomId,
      arrival,
      departure,
      adults: Math.max(1, room.adults),
      children: room.children,
      cloudbedsId: reservation.reservationID,
    };
    const before = remoteOf(existing);
    const changed = (Object.keys(next) as Array<keyof RemoteBooking>).some((key) => JSON.stringify(next[key]) !== JSON.stringify(before[key]));
    return changed ? { kind: 'apply', remote: next } : { kind: 'unchanged' };
  }

  const { guest } = reservation;
  return {
    kind: 'apply',
    remote: {
      id: options.newId(),
      roomTypeId,
      roomId,
      arrival,
      departure,
      status,
      guest: {
        name: joinGuestName(guest.firstName, guest.lastName, guest.name).slice(0, 120),
        email: clip(guest.email, 200),
        phone: clip(guest.phone, 40),
      },
      adults: Math.max(1, room.adults),
      children: room.children,
      notes: null,
      totalMinor: minorFromMajor(reservation.total, minorDigits(options.currency)) ?? 0,
      currency: options.currency,
      source: 'cloudbeds',
      cloudbedsId: reservation.reservationID,
    },
  };
}

function remoteOf(booking: Booking): RemoteBooking {
  return {
    id: booking.id,
    roomTypeId: booking.roomTypeId,
    roomId: booking.roomId,
    arrival: booking.arrival,
    departure: booking.departure,
    status: booking.status,
    guest: { name: booking.guest.name, email: booking.guest.email, phone: booking.guest.phone },
    adults: booking.adults,
    children: booking.children,
    notes: booking.notes,
    totalMinor: booking.totalMinor,
    currency: booking.currency,
    source: booking.source,
    cloudbedsId: booking.cloudbedsId,
  };
}
