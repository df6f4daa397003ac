import { describe, expect, it } from 'vitest';
import { cleanFreeText, datesRefusal, normalizeDocumentNumber, stayClosedRefusal } from './check-in-rules.ts';

describe('check-in rules', () => {
  it('keeps the page open while the stay is booked or in house, and closes it with 410 once it ended', () => {
    expect(stayClosedRefusal('tentative')).toBeNull();
    expect(stayClosedRefusal('confirmed')).toBeNull();
    expect(stayClosedRefusal('checked_in')).toBeNull();
    for (const status of ['checked_out', 'cancelled', 'no_show'] as const) {
      const refusal = stayClosedRefusal(status);
      expect(refusal).toMatchObject({ status: 410, code: 'stay_closed' });
    }
    expect(stayClosedRefusal('cancelled')!.message).toContain('cancelled');
  });

  it('accepts the booked dates and explains any other dates', () => {
    const booking = { arrival: '2026-06-01', departure: '2026-06-04' };
    expect(datesRefusal(booking, { ...booking })).toBeNull();
    const moved = datesRefusal(booking, { arrival: '2026-06-02', departure: '2026-06-04' });
    expect(moved).toMatchObject({ status: 409, code: 'dates_mismatch' });
    expect(moved!.message).toBe(
      'Your booking is from 1 June 2026 to 4 June 2026, but the form says 2 June 2026 to 4 June 2026. Use the booked dates, or ask the front desk to change your booking first.',
    );
    expect(datesRefusal(booking, { arrival: '2026-06-04', departure: '2026-06-01' })).toMatchObject({ status: 400, code: 'dates_invalid' });
  });

  it('keeps HTML and any script as literal text, on one line, without invisible overrides', () => {
    expect(cleanFreeText('  <b>Main St</b> 1\n\r\nAthens ')).toBe('<b>Main St</b> 1 Athens');
    expect(cleanFreeText('Улица Ленина 5, 北京 \u202eevil')).toBe('Улица Ленина 5, 北京 evil');
    expect(cleanFreeText('Cafe\u0301')).toBe('Café');
    expect(cleanFreeText(' \u0000\t ')).toBeNull();
  });

  it('writes document numbers in one form', () => {
    expect(normalizeDocumentNumber(' ab  123 456 ')).toBe('AB 123 456');
  });
});
