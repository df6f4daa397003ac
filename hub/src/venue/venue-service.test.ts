import { describe, expect, it } from 'vitest';
import { businessDayOf } from './venue-service.ts';

describe('businessDayOf', () => {
  it('counts a late order after midnight on the evening it belongs to, in the venue time zone', () => {
    expect(businessDayOf(new Date('2026-06-02T23:30:00Z'), 'Europe/Berlin')).toBe('2026-06-02'); // 01:30 local
    expect(businessDayOf(new Date('2026-06-03T02:30:00Z'), 'Europe/Berlin')).toBe('2026-06-03'); // 04:30 local
    expect(businessDayOf(new Date('2026-06-03T02:30:00Z'), 'America/New_York')).toBe('2026-06-02');
  });
});
