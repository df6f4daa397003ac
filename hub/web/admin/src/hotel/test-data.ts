/** Rooms, bookings and folios for the hotel pages' pure tests (no person's name: "Guest A"). */
import type { Booking, Folio, Room, RoomType } from '@onemoment/shared/schemas/hotel';

export const ROOM_TYPES: RoomType[] = [
  { id: 'standard', name: 'Standard', capacity: 2, amenities: [], photos: [], rooms: 8 },
  { id: 'suite', name: 'Suite', capacity: 4, amenities: [], photos: [], rooms: 4 },
];

export function room(change: Partial<Room> & { id: string; number: string }): Room {
  return { floor: 1, roomTypeId: 'standard', housekeeping: 'inspected', outOfOrder: null, outOfOrderNow: false, occupiedBy: null, ready: true, ...change };
}

export function booking(change: Partial<Booking> = {}): Booking {
  return {
    id: 'b1',
    status: 'confirmed',
    roomTypeId: 'standard',
    bookedRoomTypeId: 'standard',
    roomId: null,
    roomNumber: null,
    arrival: '2026-12-07',
    departure: '2026-12-09',
    nights: 2,
    guest: { name: 'Guest A', email: null, phone: null },
    adults: 2,
    children: 0,
    notes: null,
    totalMinor: 18000,
    currency: 'EUR',
    source: 'hub',
    cloudbedsId: null,
    checkInUrl: 'http://hub.local/stay/abc',
    registered: false,
    visitId: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    checkedInAt: null,
    checkedOutAt: null,
    cancelReason: null,
    ...change,
  };
}

export function folio(change: Partial<Folio> = {}): Folio {
  return { bookingId: 'b1', currency: 'EUR', charges: [], payments: [], openRoomServiceMinor: 0, totalMinor: 0, paidMinor: 0, dueMinor: 0, ...change };
}
