import { describe, expect, it } from 'vitest';
import { addDays, isRealDate, localDateOf, monthOf, nightsBetween, nightsOf, staysOverlap, weekdayOf } from './stay-dates.ts';

describe('stay dates', () => {
  it('counts nights across a month end, a leap day and a daylight-saving change', () => {
    expect(nightsBetween('2026-01-30', '2026-02-02')).toBe(3);
    expect(nightsBetween('2028-02-28', '2028-03-01')).toBe(2);
    // Europe's clocks go forward on 2026-03-29: still one night, not 23 hours.
    expect(nightsBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(nightsOf('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
  });

  it('gives zero or fewer nights when departure is not after arrival', () => {
    expect(nightsBetween('2026-05-02', '2026-05-02')).toBe(0);
    expect(nightsOf('2026-05-03', '2026-05-02')).toEqual([]);
  });

  it('refuses dates that are not on the calendar', () => {
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('26-01-01')).toBe(false);
  });

  it('numbers weekdays from Monday', () => {
    expect(weekdayOf('2026-12-07')).toBe(0); // a Monday
    expect(weekdayOf('2026-12-13')).toBe(6);
    expect(addDays('2026-12-07', -8)).toBe('2026-11-29');
  });

  it("takes the hotel's own date, not UTC's", () => {
    const lateEvening = new Date('2026-12-07T23:30:00Z');
    expect(localDateOf(lateEvening, 'Europe/Berlin')).toBe('2026-12-08');
    expect(localDateOf(lateEvening, 'America/New_York')).toBe('2026-12-07');
  });

  it('lets one stay leave on the day the next arrives', () => {
    expect(staysOverlap({ arrival: '2026-12-01', departure: '2026-12-03' }, { arrival: '2026-12-03', departure: '2026-12-05' })).toBe(false);
    expect(staysOverlap({ arrival: '2026-12-01', departure: '2026-12-04' }, { arrival: '2026-12-03', departure: '2026-12-05' })).toBe(true);
    expect(staysOverlap({ arrival: '2026-12-02', departure: '2026-12-03' }, { arrival: '2026-12-01', departure: '2026-12-05' })).toBe(true);
    expect(monthOf('2026-12-31')).toBe('2026-12');
  });
});
