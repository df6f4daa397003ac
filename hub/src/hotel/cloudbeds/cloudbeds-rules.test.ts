import { describe, expect, it } from 'vitest';
import {
  cloudbedsDateTime,
  cloudbedsStatusOf,
  formEncode,
  hubStatusOf,
  joinGuestName,
  mapByName,
  mergedStatus,
  minorFromMajor,
  nextCursor,
  splitGuestName,
} from './cloudbeds-rules.ts';

describe('statuses between the hub and Cloudbeds', () => {
  it('translate both ways, with Cloudbeds’ spelling of canceled', () => {
    expect(cloudbedsStatusOf('tentative')).toBe('not_confirmed');
    expect(cloudbedsStatusOf('cancelled')).toBe('canceled');
    expect(cloudbedsStatusOf('checked_in')).toBe('checked_in');
    expect(hubStatusOf('canceled')).toBe('cancelled');
    expect(hubStatusOf('not_confirmed')).toBe('tentative');
    expect(hubStatusOf('in_progress')).toBeNull();
    expect(hubStatusOf(42)).toBeNull();
  });

  it('merge to the furthest state reached, and an end (cancel, no-show) wins', () => {
    expect(mergedStatus('checked_in', 'confirmed')).toBe('checked_in');
    expect(mergedStatus('confirmed', 'checked_out')).toBe('checked_out');
    expect(mergedStatus('tentative', 'confirmed')).toBe('confirmed');
    expect(mergedStatus('checked_in', 'cancelled')).toBe('cancelled');
    expect(mergedStatus('no_show', 'checked_in')).toBe('no_show');
    expect(mergedStatus('cancelled', 'no_show')).toBe('cancelled');
  });
});

describe('guest names', () => {
  it('split at the last word, and a one-word name goes as both and comes back as one', () => {
    expect(splitGuestName('Guest A')).toEqual({ first: 'Guest', last: 'A' });
    expect(splitGuestName('  Guest   of room  101 ')).toEqual({ first: 'Guest of room', last: '101' });
    expect(splitGuestName('Ünïcödé')).toEqual({ first: 'Ünïcödé', last: 'Ünïcödé' });
    expect(joinGuestName('Ünïcödé', 'Ünïcödé', null)).toBe('Ünïcödé');
    expect(joinGuestName('Guest', 'A', 'ignored')).toBe('Guest A');
    expect(joinGuestName(null, '', 'Guest B')).toBe('Guest B');
    expect(joinGuestName(null, null, null)).toBe('Cloudbeds guest');
  });
});

describe('form bodies', () => {
  it('write arrays of objects with PHP-style indexes and leave out empty fields', () => {
    const form = formEncode({ propertyID: '77', rooms: [{ roomTypeID: 'rt-1', quantity: 1 }], guestPhone: null, notes: undefined });
    expect(form.toString()).toBe('propertyID=77&rooms%5B0%5D%5BroomTypeID%5D=rt-1&rooms%5B0%5D%5Bquantity%5D=1');
    expect([...form.keys()]).toEqual(['propertyID', 'rooms[0][roomTypeID]', 'rooms[0][quantity]']);
  });
});

describe('times, money and the pull cursor', () => {
  it('writes Cloudbeds’ date-time format', () => {
    expect(cloudbedsDateTime(new Date('2026-03-04T05:06:07.890Z'))).toBe('2026-03-04 05:06:07');
  });

  it('reads a decimal amount as minor units, and refuses what is not an amount', () => {
    expect(minorFromMajor(120.5, 2)).toBe(12050);
    expect(minorFromMajor('99.99', 2)).toBe(9999);
    expect(minorFromMajor(1500, 0)).toBe(1500);
    expect(minorFromMajor('abc', 2)).toBeNull();
    expect(minorFromMajor(-1, 2)).toBeNull();
    expect(minorFromMajor(null, 2)).toBeNull();
  });

  it('moves the cursor to the newest modification read, never back, and skips what is not a time', () => {
    expect(nextCursor(null, ['2026-01-02 10:00:00', '2026-01-03 09:00:00', null])).toBe('2026-01-03 09:00:00');
    expect(nextCursor('2026-02-01 00:00:00', ['2026-01-03 09:00:00'])).toBe('2026-02-01 00:00:00');
    expect(nextCursor('2026-02-01 00:00:00', ['garbage', '2026-02-01T00:00:01Z'])).toBe('2026-02-01 00:00:01');
    expect(nextCursor(null, [])).toBeNull();
  });
});

describe('mapping by name', () => {
  it('pairs names loosely (case, spaces) and leaves ambiguous or unknown names unmapped', () => {
    const hub = [
      { id: 'standard', name: 'Standard' },
      { id: 'double', name: 'Double' },
      { id: 'twin-a', name: 'Twin' },
      { id: 'twin-b', name: 'twin' },
    ];
    const theirs = [
      { id: '11', name: ' standard ' },
      { id: '12', name: 'DOUBLE' },
      { id: '13', name: 'Twin' },
      { id: '14', name: 'Penthouse' },
      { id: '15', name: 'Double' },
    ];
    expect(mapByName(theirs, hub)).toEqual([
      { cloudbedsId: '11', hubId: 'standard' },
      { cloudbedsId: '12', hubId: 'double' },
    ]);
  });
});
