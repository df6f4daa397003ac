import type { Booking } from '@onemoment/shared/schemas/hotel';
import { describe, expect, it } from 'vitest';
import type { CloudbedsReservation } from './cloudbeds-client.ts';
import { inboundBooking, type InboundLookups } from './cloudbeds-inbound.ts';

const lookups: InboundLookups = {
  roomType: (id) => ({ '501': 'standard', '502': 'suite' })[id] ?? null,
  room: (id) => ({ '9101': 'room-101' })[id] ?? null,
};
const options = { currency: 'EUR', newId: () => 'new-booking-id' };

function reservation(fields: Partial<CloudbedsReservation> = {}): CloudbedsReservation {
  return {
    reservationID: '880001',
    status: 'confirmed',
    startDate: '2026-05-01',
    endDate: '2026-05-03',
    dateModified: '2026-04-01 10:00:00',
    thirdPartyIdentifier: null,
    total: '240.50',
    guest: { firstName: 'Guest', lastName: 'C', name: 'Guest C', email: null, phone: null },
    rooms: [{ roomTypeID: '501', roomID: null, startDate: '2026-05-01', endDate: '2026-05-03', adults: 2, children: 1 }],
    ...fields,
  };
}

function booking(fields: Partial<Booking> = {}): Booking {
  return {
    id: 'hub-booking-1',
    status: 'confirmed',
    roomTypeId: 'standard',
    bookedRoomTypeId: 'standard',
    roomId: null,
    roomNumber: null,
    arrival: '2026-05-01',
    departure: '2026-05-03',
    nights: 2,
    guest: { name: 'Guest A', email: null, phone: null },
    adults: 2,
    children: 0,
    notes: 'late arrival',
    totalMinor: 20000,
    currency: 'EUR',
    source: 'hub',
    cloudbedsId: '880001',
    checkInUrl: 'http://hub/c/x',
    registered: false,
    visitId: null,
    createdAt: '2026-04-01T10:00:00.000Z',
    updatedAt: '2026-04-01T10:00:00.000Z',
    checkedInAt: null,
    checkedOutAt: null,
    cancelReason: null,
    ...fields,
  };
}

describe('a reservation new to the hub', () => {
  it('becomes a Cloudbeds booking with its mapped room type, guest and total in minor units', () => {
    const result = inboundBooking(reservation(), null, lookups, options);
    expect(result).toEqual({
      kind: 'apply',
      remote: {
        id: 'new-booking-id',
        roomTypeId: 'standard',
        roomId: null,
        arrival: '2026-05-01',
        departure: '2026-05-03',
        status: 'confirmed',
        guest: { name: 'Guest C', email: null, phone: null },
        adults: 2,
        children: 1,
        notes: null,
        totalMinor: 24050,
        currency: 'EUR',
        source: 'cloudbeds',
        cloudbedsId: '880001',
      },
    });
  });

  it('takes its assigned room when the room is mapped', () => {
    const result = inboundBooking(reservation({ rooms: [{ roomTypeID: '501', roomID: '9101', startDate: null, endDate: null, adults: 1, children: 0 }] }), null, lookups, options);
    expect(result.kind === 'apply' && result.remote.roomId).toBe('room-101');
  });

  it('is skipped with a reason when its room type is unmapped, it has several rooms, or its status is unknown', () => {
    const unmapped = inboundBooking(reservation({ rooms: [{ roomTypeID: '999', roomID: null, startDate: null, endDate: null, adults: 1, children: 0 }] }), null, lookups, options);
    expect(unmapped).toEqual({ kind: 'skip', reason: 'its room type 999 has no hub room type of the same name' });
    const room = reservation().rooms[0]!;
    expect(inboundBooking(reservation({ rooms: [room, room] }), null, lookups, options)).toMatchObject({ kind: 'skip', reason: expect.stringContaining('2 rooms') });
    expect(inboundBooking(reservation({ status: 'in_progress' }), null, lookups, options)).toMatchObject({ kind: 'skip', reason: expect.stringContaining('in_progress') });
  });
});

describe('a reservation the hub already holds', () => {
  it('made at the hub: only a status that is further on comes in; the rest stays the hub’s', () => {
    const cancelled = inboundBooking(reservation({ status: 'canceled', startDate: '2026-06-01', endDate: '2026-06-09' }), booking(), lookups, options);
    expect(cancelled).toMatchObject({ kind: 'apply', remote: { status: 'cancelled', arrival: '2026-05-01', notes: 'late arrival', totalMinor: 20000, source: 'hub' } });
    expect(inboundBooking(reservation({ status: 'confirmed' }), booking({ status: 'checked_in' }), lookups, options)).toEqual({ kind: 'unchanged' });
  });

  it('made at the hub, whose answer was lost: records its Cloudbeds id', () => {
    const result = inboundBooking(reservation(), booking({ cloudbedsId: null }), lookups, options);
    expect(result).toMatchObject({ kind: 'apply', remote: { id: 'hub-booking-1', cloudbedsId: '880001', status: 'confirmed' } });
  });

  it('made in Cloudbeds: its dates and guests follow Cloudbeds, its room stays the one the desk gave', () => {
    const mine = booking({ source: 'cloudbeds', roomId: 'room-102', children: 1 });
    const moved = inboundBooking(reservation({ rooms: [{ roomTypeID: '502', roomID: '9101', startDate: '2026-05-02', endDate: '2026-05-05', adults: 3, children: 1 }] }), mine, lookups, options);
    expect(moved).toMatchObject({ kind: 'apply', remote: { roomTypeId: 'suite', roomId: 'room-102', arrival: '2026-05-02', departure: '2026-05-05', adults: 3, source: 'cloudbeds' } });
    expect(inboundBooking(reservation(), booking({ source: 'cloudbeds', children: 1 }), lookups, options)).toEqual({ kind: 'unchanged' });
  });
});
