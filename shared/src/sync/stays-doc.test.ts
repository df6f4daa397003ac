import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { layoutProblems } from './layout.ts';
import { effectiveStayStatus, readStayById, readStays, removeStay, STAY_KEYS, stayProblems, STAYS_ROOT, writeStay, type StayInput } from './stays-doc.ts';
import { captureUpdate, syncInto, timeAt } from './test-fixtures.ts';

const ID = '0197a3c1-5a2b-7c3d-8e4f-0123456789ab';

function stay(overrides: Partial<StayInput> = {}): StayInput {
  return {
    id: ID,
    roomTypeId: 'double',
    roomId: 'room-201',
    roomNumber: '201',
    arrival: '2026-06-12',
    departure: '2026-06-15',
    status: 'confirmed',
    adults: 2,
    children: 0,
    totalMinor: 36_000,
    currency: 'EUR',
    source: 'hub',
    guestName: 'Guest A',
    statusAt: timeAt(0),
    ...overrides,
  };
}

describe('stays documents', () => {
  it('writes a booking with only the fields HQ needs, and reads it back', () => {
    const doc = new Y.Doc();
    const update = captureUpdate(doc, () => writeStay(doc, stay()))!;
    expect(update.length).toBeLessThan(260);
    expect(readStayById(doc, ID, '2026-06')).toEqual({
      id: ID, roomTypeId: 'double', roomId: 'room-201', roomNumber: '201', arrival: '2026-06-12', departure: '2026-06-15', nights: 3,
      status: 'confirmed', statusTimes: { confirmed: timeAt(0) }, adults: 2, children: 0, totalMinor: 36_000, currency: 'EUR', source: 'hub', guestName: 'Guest A',
    });
    expect(layoutProblems(doc, 'stays')).toEqual([]);
    // The same booking again writes nothing (an echo of a merge sends nothing back).
    expect(captureUpdate(doc, () => writeStay(doc, stay({ statusAt: timeAt(60) })))).toBeNull();
  });

  it('keeps the time each status was first reached; a check-in wins over a cancellation merged from elsewhere', () => {
    const hub = new Y.Doc();
    writeStay(hub, stay());
    const hq = new Y.Doc();
    syncInto(hub, hq);
    writeStay(hub, stay({ status: 'checked_in', statusAt: timeAt(100) }));
    hq.getMap<Y.Map<Y.Map<unknown>>>(STAYS_ROOT).get(ID)!.get(STAY_KEYS.statusTimes)!.set('cancelled', timeAt(90));
    syncInto(hub, hq);
    syncInto(hq, hub);
    expect(readStayById(hub, ID)!.status).toBe('checked_in');
    expect(readStayById(hq, ID)!.statusTimes).toEqual({ confirmed: timeAt(0), cancelled: timeAt(90), checked_in: timeAt(100) });
    expect(effectiveStayStatus({ confirmed: timeAt(0), cancelled: timeAt(5) })).toBe('cancelled');
    expect(effectiveStayStatus({ confirmed: timeAt(0), no_show: timeAt(9), cancelled: timeAt(5) })).toBe('cancelled');
    expect(effectiveStayStatus({ tentative: timeAt(0), confirmed: timeAt(5) })).toBe('confirmed');
    expect(effectiveStayStatus({})).toBeNull();
  });

  it('merges two changes of different fields of one booking', () => {
    const hub = new Y.Doc();
    writeStay(hub, stay());
    const hq = new Y.Doc();
    syncInto(hub, hq);
    writeStay(hub, stay({ roomId: 'room-202', roomNumber: '202' }));
    writeStay(hq, stay({ guestName: 'Guest B' }));
    syncInto(hub, hq);
    syncInto(hq, hub);
    expect(readStayById(hub, ID)).toMatchObject({ roomNumber: '202', guestName: 'Guest B' });
    expect(readStays(hq)).toEqual(readStays(hub));
  });

  it('removes a booking whose arrival moved to another month', () => {
    const june = new Y.Doc();
    writeStay(june, stay());
    expect(removeStay(june, ID)).toBe(true);
    expect(removeStay(june, ID)).toBe(false);
    expect(readStays(june)).toEqual([]);
  });

  it.each([
    ['an email', (m: Y.Map<unknown>) => m.set('email', 'guest@example.com'), /"email" is not a field of a stay/],
    ['a phone', (m: Y.Map<unknown>) => m.set('phone', '+49 30 1234'), /"phone" is not a field of a stay/],
    ['an ID document', (m: Y.Map<unknown>) => m.set('documentNumber', 'X1234567'), /"documentNumber" is not a field/],
    ['departure before arrival', (m: Y.Map<unknown>) => m.set(STAY_KEYS.departure, '2026-06-10'), /departure must be 1 to 366 nights/],
    ['a date that is no date', (m: Y.Map<unknown>) => m.set(STAY_KEYS.arrival, '2026-06-31'), /: a is not a date \(YYYY-MM-DD\)/],
    ['an unknown source', (m: Y.Map<unknown>) => m.set(STAY_KEYS.source, 'fax'), /source is not one of hub, hq, cloudbeds/],
    ['a total that is text', (m: Y.Map<unknown>) => m.set(STAY_KEYS.totalMinor, '360'), /tot is not a whole number/],
    ['no adult', (m: Y.Map<unknown>) => m.set(STAY_KEYS.adults, 0), /ad is not a whole number from 1 to 20/],
    ['an unknown status', (m: Y.Map<unknown>) => (m.get(STAY_KEYS.statusTimes) as Y.Map<unknown>).set('lost', timeAt(1)), /statusTimes.lost is not a status/],
    ['an empty guest name', (m: Y.Map<unknown>) => m.set(STAY_KEYS.guestName, ' '), /guestName is empty/],
  ])('refuses %s', (_what, spoil, reason) => {
    const doc = new Y.Doc();
    writeStay(doc, stay());
    spoil(doc.getMap<Y.Map<unknown>>(STAYS_ROOT).get(ID)!);
    expect(readStayById(doc, ID)).toBeNull();
    expect(stayProblems(doc)).toEqual([expect.stringMatching(reason)]);
    expect(layoutProblems(doc, 'stays')).toHaveLength(1);
  });

  it('refuses a booking that arrives outside the month of its document, and roots that are not bookings', () => {
    const doc = new Y.Doc();
    writeStay(doc, stay({ arrival: '2026-07-01', departure: '2026-07-02' }));
    expect(stayProblems(doc, '2026-06')).toEqual([`stay ${ID}: its arrival 2026-07-01 is not in 2026-06`]);
    const other = new Y.Doc();
    other.getMap('guests').set('x', 1);
    expect(layoutProblems(other, 'stays')).toEqual(['root "guests" is not part of a stays document']);
  });
});
