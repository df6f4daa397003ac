import { describe, expect, it } from 'vitest';
import { clockTime, clockTimeIn, elapsedText, parseMajor, parsePercent, percentText, setVenueTimeZone, toMajorText } from './format.ts';

describe('prices typed in major units', () => {
  it('converts to minor units without float drift', () => {
    expect(parseMajor('12.50', 'EUR')).toBe(1250);
    expect(parseMajor('0.29', 'EUR')).toBe(29);
    expect(parseMajor('4,9', 'EUR')).toBe(490);
    expect(parseMajor(' 7 ', 'EUR')).toBe(700);
    expect(parseMajor('1500', 'JPY')).toBe(1500);
  });

  it('refuses what is not a price', () => {
    expect(parseMajor('', 'EUR')).toBeNull();
    expect(parseMajor('-3', 'EUR')).toBeNull();
    expect(parseMajor('1.234', 'EUR')).toBeNull();
    expect(parseMajor('abc', 'EUR')).toBeNull();
    expect(parseMajor('1.5', 'JPY')).toBeNull();
  });

  it('shows minor units as an editable major amount', () => {
    expect(toMajorText(1250, 'EUR')).toBe('12.50');
    expect(toMajorText(5, 'EUR')).toBe('0.05');
  });
});

describe('clock times', () => {
  const noonUtc = '2026-06-01T12:00:00.000Z';

  it("shows the venue's clock, whatever zone the tablet is set to", () => {
    expect(clockTimeIn(noonUtc, 'Europe/Moscow')).toBe('15:00');
    expect(clockTimeIn(noonUtc, 'America/New_York')).toBe('08:00');
    expect(clockTimeIn(noonUtc, 'Asia/Kathmandu')).toBe('17:45');
    expect(clockTimeIn('2026-06-01T22:30:00.000Z', 'Asia/Tokyo')).toBe('07:30');
  });

  it('follows summer time in the venue, not on the tablet', () => {
    expect(clockTimeIn('2026-01-15T12:00:00.000Z', 'Europe/Berlin')).toBe('13:00');
    expect(clockTimeIn('2026-07-15T12:00:00.000Z', 'Europe/Berlin')).toBe('14:00');
  });

  it("falls back to the device's clock while the zone is unknown or not a zone", () => {
    const local = new Date(noonUtc).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(clockTimeIn(noonUtc, null)).toBe(local);
    expect(clockTimeIn(noonUtc, 'Mars/Olympus_Mons')).toBe(local);
  });

  it("reads the venue's zone once the shell has set it", () => {
    setVenueTimeZone('Asia/Tokyo');
    expect(clockTime(noonUtc)).toBe('21:00');
    setVenueTimeZone('Europe/Lisbon');
    expect(clockTime(noonUtc)).toBe('13:00');
    setVenueTimeZone(null);
  });
});

describe('rates and waiting times', () => {
  it('says a rate in basis points as a percentage', () => {
    expect(percentText(700)).toBe('7 %');
    expect(percentText(1900)).toBe('19 %');
    expect(percentText(1250)).toBe('12.5 %');
    expect(percentText(5)).toBe('0.05 %');
    expect(percentText(0)).toBe('0 %');
  });

  it('reads a typed percentage as basis points', () => {
    expect(parsePercent('10')).toBe(1000);
    expect(parsePercent('12.5')).toBe(1250);
    expect(parsePercent('7,25')).toBe(725);
    expect(parsePercent('100')).toBe(10_000);
    expect(parsePercent('100.5')).toBeNull();
    expect(parsePercent('-1')).toBeNull();
    expect(parsePercent('1.234')).toBeNull();
    expect(parsePercent('')).toBeNull();
  });

  it('says how long something has waited', () => {
    expect(elapsedText(-3)).toBe('0 s');
    expect(elapsedText(40.9)).toBe('40 s');
    expect(elapsedText(12 * 60 + 59)).toBe('12 min');
    expect(elapsedText(65 * 60)).toBe('1 h 5 min');
    expect(elapsedText(51 * 3600)).toBe('2 d 3 h');
  });
});
