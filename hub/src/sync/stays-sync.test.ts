import { describe, expect, it } from 'vitest';
import type { Booking } from '@onemoment/shared/schemas/hotel';
import { readStayById, writeStay } from '@onemoment/shared/sync/stays-doc';
import * as Y from 'yjs';
import { remoteOf, sameStay, stayMonthsAround, stayOf } from './stays-sync.ts';

const booking: Booking = {
  id: '0197a3c1-5a2b-7c3d-8e4f-0123456789ab', status: 'confirmed', roomTypeId: 'double', bookedRoomTypeId: 'double', roomId: 'room-201', roomNumber: '201',
  arrival: '2026-12-27', departure: '2026-12-29', nights: 2, guest: { name: 'Guest A', email: 'guest-a@example.com', phone: '+49 30 5550199' },
  adults: 2, children: 0, notes: 'Late arrival', totalMinor: 21_800, currency: 'EUR', source: 'hub', cloudbedsId: 'CB-77', checkInUrl: 'https://hub.local/checkin/abc',
  registered: true, visitId: null, createdAt: '2026-12-07T10:00:00.000Z', updatedAt: '2026-12-07T10:00:00.000Z', checkedInAt: null, checkedOutAt: null, cancelReason: null,
};

describe("the hotel's stays on the hub", () => {
  it('keeps last month to a year ahead, across a year end', () => {
    expect(stayMonthsAround('2027-01-15', 1, 2)).toEqual(['2026-12', '2027-01', '2027-02', '2027-03']);
    expect(stayMonthsAround('2026-12-31')).toHaveLength(14);
  });

  it('syncs a booking without its email, phone, notes, check-in link or registration', () => {
    const stay = stayOf(booking);
    expect(Object.keys(stay).sort()).toEqual(
      ['adults', 'arrival', 'children', 'currency', 'departure', 'guestName', 'id', 'roomId', 'roomNumber', 'roomTypeId', 'source', 'status', 'statusAt', 'totalMinor'].sort(),
    );
    expect(JSON.stringify(stay)).not.toMatch(/example\.com|5550199|Late arrival|checkin|CB-77/);
  });

  it("merges a stay over the hub's booking keeping what only the hub holds, and sees an echo as one", () => {
    const doc = new Y.Doc();
    writeStay(doc, stayOf(booking));
    const stay = readStayById(doc, booking.id)!;
    expect(sameStay(booking, stay)).toBe(true);
    expect(sameStay(booking, { ...stay, guestName: 'Guest B' })).toBe(false);
    expect(remoteOf({ ...stay, guestName: 'Guest B' }, booking)).toMatchObject({
      guest: { name: 'Guest B', email: 'guest-a@example.com', phone: '+49 30 5550199' }, notes: 'Late arrival', cloudbedsId: 'CB-77', source: 'hub',
    });
    expect(remoteOf({ ...stay, source: 'hq' }, null)).toMatchObject({ guest: { name: 'Guest A', email: null, phone: null }, notes: null, cloudbedsId: null, source: 'hq' });
  });
});
