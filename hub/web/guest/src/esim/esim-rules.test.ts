import { describe, expect, it } from 'vitest';
import { countryChoices, daysLeft, formatDataMb, formatDays, matchesWords, secondsLeft, waitClock } from './esim-rules.ts';

const turkey = { title: 'Merhaba 1 GB', area: 'Türkiye', operator: 'Merhaba Mobile', country: 'TR' };
const europe = { title: 'Eurolink 5 GB', area: 'Europe', operator: 'Eurolink' };

describe('the Mobile data page rules', () => {
  it('matches every typed word in the title, area or operator, in any order, without caring for case or accents', () => {
    expect(matchesWords(turkey, '')).toBe(true);
    expect(matchesWords(turkey, '  turkiye ')).toBe(true);
    expect(matchesWords(turkey, 'mobile MERHABA')).toBe(true);
    expect(matchesWords(turkey, 'merhaba europe')).toBe(false);
    expect(matchesWords(europe, 'euro 5')).toBe(true);
    expect(matchesWords(europe, 'asia')).toBe(false);
  });

  it('offers each country of the local packages once, by its name in the guest’s language, sorted as that language sorts', () => {
    const names: Record<string, string> = { TR: 'Турция', DE: 'Германия' };
    const packages = [turkey, { ...turkey, title: 'Merhaba 3 GB' }, europe, { country: 'de', area: 'Germany' }, { country: 'XK', area: 'Kosovo' }];
    expect(countryChoices(packages, (code) => names[code], 'ru')).toEqual([
      { code: 'DE', name: 'Германия' },
      { code: 'TR', name: 'Турция' },
      { code: 'XK', name: 'Kosovo' },
    ]);
    expect(countryChoices([europe], () => 'never asked', 'en')).toEqual([]);
  });

  it('writes data in MB below a gigabyte and in GB (1024 MB) from one, in the guest’s units', () => {
    expect(formatDataMb(500, 'en')).toBe('500 MB');
    expect(formatDataMb(1024, 'en')).toBe('1 GB');
    expect(formatDataMb(1536, 'en')).toBe('1.5 GB');
    expect(formatDataMb(20_480, 'en')).toBe('20 GB');
    expect(formatDataMb(1536, 'ru')).toBe('1,5 ГБ');
    expect(formatDays(7, 'en')).toBe('7 days');
    expect(formatDays(1, 'en')).toBe('1 day');
    expect(formatDays(7, 'ru')).toBe('7 дней');
  });

  it('runs the wait as a clock, hours only once there are some', () => {
    expect(waitClock(-5)).toBe('0:00');
    expect(waitClock(42_999)).toBe('0:42');
    expect(waitClock(12 * 60_000 + 5_000)).toBe('12:05');
    expect(waitClock(3_600_000 + 2 * 60_000 + 5_000)).toBe('1:02:05');
  });

  it('counts the days left to a date Airalo writes without a zone as UTC, a started day as a day', () => {
    const now = Date.parse('2027-01-01T12:00:00Z');
    expect(daysLeft('2027-01-07 12:00:00', now)).toBe(6);
    expect(daysLeft('2027-01-07 12:00:01', now)).toBe(7);
    expect(daysLeft('2027-01-01T14:00:00+02:00', now)).toBe(0);
    expect(daysLeft('2026-12-31 00:00:00', now)).toBe(0);
    expect(daysLeft(null, now)).toBeNull();
    expect(daysLeft('soon', now)).toBeNull();
  });

  it('rounds a wait the hub gave up to whole seconds, never below one', () => {
    expect(secondsLeft(1_000 + 20_001, 1_000)).toBe(21);
    expect(secondsLeft(1_000, 1_000)).toBe(1);
  });
});
