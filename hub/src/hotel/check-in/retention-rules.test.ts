import { describe, expect, it } from 'vitest';
import { photoDeleteAt, photosDue } from './retention-rules.ts';

describe('ID photo retention', () => {
  const checkout = '2026-06-10T10:00:00.000Z';
  const photos = [
    { bookingId: 'in-house', endedAt: null },
    { bookingId: 'left-30-days-ago', endedAt: checkout },
    { bookingId: 'left-yesterday', endedAt: '2026-07-09T10:00:00.000Z' },
  ];

  it('deletes a photo the given number of days after the stay ended, to the millisecond', () => {
    expect(photoDeleteAt(checkout, 30).toISOString()).toBe('2026-07-10T10:00:00.000Z');
    expect(photosDue(photos, new Date('2026-07-10T09:59:59.999Z'), 30)).toEqual([]);
    expect(photosDue(photos, new Date('2026-07-10T10:00:00.000Z'), 30)).toEqual(['left-30-days-ago']);
  });

  it('never deletes the photo of a stay still open, however old', () => {
    expect(photosDue(photos, new Date('2036-01-01T00:00:00Z'), 30)).toEqual(['left-30-days-ago', 'left-yesterday']);
  });

  it('with 0 days, deletes at the moment the stay ends', () => {
    expect(photosDue(photos, new Date(checkout), 0)).toEqual(['left-30-days-ago']);
  });
});
