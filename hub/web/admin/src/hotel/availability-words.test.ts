import { describe, expect, it } from 'vitest';
import type { Availability } from '@onemoment/shared/schemas/hotel';
import { columnLabel, freeLevel, gridDates, stayQuote } from './availability-words.ts';

const availability: Availability = {
  from: '2026-12-07',
  to: '2026-12-10',
  roomTypes: [
    {
      roomTypeId: 'standard',
      name: 'Standard',
      rooms: 8,
      nights: [
        { date: '2026-12-07', free: 5, priceMinor: 9000 },
        { date: '2026-12-08', free: 2, priceMinor: 9000 },
        { date: '2026-12-09', free: 4, priceMinor: 11000 },
      ],
    },
    { roomTypeId: 'suite', name: 'Suite', rooms: 2, nights: [{ date: '2026-12-07', free: 0, priceMinor: null }] },
  ],
};

describe('the quote of a stay', () => {
  it('adds the nights and keeps the fewest rooms free over the stay', () => {
    expect(stayQuote(availability, 'standard', '2026-12-07', '2026-12-10')).toEqual({ nights: 3, free: 2, totalMinor: 29000 });
    expect(stayQuote(availability, 'standard', '2026-12-09', '2026-12-10')).toEqual({ nights: 1, free: 4, totalMinor: 11000 });
  });

  it('has no price when a night has no rate, and no quote for nights the answer does not cover', () => {
    expect(stayQuote(availability, 'suite', '2026-12-07', '2026-12-08')).toEqual({ nights: 1, free: 0, totalMinor: null });
    expect(stayQuote(availability, 'standard', '2026-12-09', '2026-12-11')).toBeNull();
    expect(stayQuote(availability, 'standard', '2026-12-09', '2026-12-09')).toBeNull();
    expect(stayQuote(availability, 'nope', '2026-12-07', '2026-12-08')).toBeNull();
  });
});

describe('the grid', () => {
  it('has a column per night from today, labelled with the weekday', () => {
    const dates = gridDates('2026-12-30', 4);
    expect(dates).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(columnLabel('2026-12-07')).toBe('Mon 7');
    expect(columnLabel('2027-01-03')).toBe('Sun 3');
  });

  it('colours a cell by how many rooms are left', () => {
    expect(freeLevel(0, 8)).toBe('none');
    expect(freeLevel(2, 8)).toBe('few');
    expect(freeLevel(3, 8)).toBe('some');
    expect(freeLevel(1, 2)).toBe('few');
    expect(freeLevel(2, 2)).toBe('some');
  });
});
