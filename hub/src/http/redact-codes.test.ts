import { describe, expect, it } from 'vitest';
import { redactTableCode } from './hardening.ts';

describe('secret codes in logged URLs', () => {
  it("hides a table's and a check-in's code, and leaves the pages' own files alone", () => {
    expect(redactTableCode('/t/ab3cd4ef5g?lang=ru')).toBe('/t/[code]?lang=ru');
    expect(redactTableCode('/t/assets/index.js')).toBe('/t/assets/index.js');
    expect(redactTableCode('/checkin/9tqff3xrbc')).toBe('/checkin/[code]');
    expect(redactTableCode('/checkin/assets/app.css')).toBe('/checkin/assets/app.css');
    expect(redactTableCode('/api/guest/check-in/9tqff3xrbc/join')).toBe('/api/guest/check-in/[code]/join');
    expect(redactTableCode('/api/hotel/bookings')).toBe('/api/hotel/bookings');
  });
});
