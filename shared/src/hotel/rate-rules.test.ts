import { describe, expect, it } from 'vitest';
import { EVERY_DAY, nightPrice, priceStay, type RateRule } from './rate-rules.ts';

const base: RateRule = { id: 'standard', priceMinor: 9000, validFrom: null, validTo: null, weekdays: EVERY_DAY, minNights: 1, priority: 0 };
const weekend: RateRule = { id: 'weekend', priceMinor: 11000, validFrom: null, validTo: null, weekdays: 0b110_0000, minNights: 1, priority: 10 };
const newYear: RateRule = { id: 'new-year', priceMinor: 20000, validFrom: '2026-12-30', validTo: '2027-01-02', weekdays: EVERY_DAY, minNights: 2, priority: 20 };
const longStay: RateRule = { id: 'long-stay', priceMinor: 7500, validFrom: null, validTo: null, weekdays: EVERY_DAY, minNights: 7, priority: 5 };

describe('rate rules', () => {
  it('prices weekend nights by the weekend plan and weekdays by the standard one', () => {
    // Thursday 2026-12-10 to Monday 2026-12-14: Thu, Fri 9000; Sat, Sun 11000.
    const price = priceStay([base, weekend], '2026-12-10', '2026-12-14');
    expect(price).toEqual({
      ok: true,
      totalMinor: 40000,
      nights: [
        { night: '2026-12-10', priceMinor: 9000 },
        { night: '2026-12-11', priceMinor: 9000 },
        { night: '2026-12-12', priceMinor: 11000 },
        { night: '2026-12-13', priceMinor: 11000 },
      ],
    });
  });

  it('applies a dated plan only inside its dates, and only to stays long enough for it', () => {
    expect(nightPrice([base, newYear], '2026-12-31', 1)?.ruleId).toBe('standard');
    expect(nightPrice([base, newYear], '2026-12-31', 2)?.ruleId).toBe('new-year');
    expect(nightPrice([base, newYear], '2027-01-02', 3)?.ruleId).toBe('standard');
    expect(priceStay([base, newYear], '2026-12-29', '2027-01-03')).toMatchObject({ ok: true, totalMinor: 9000 + 3 * 20000 + 9000 });
  });

  it('gives a long stay its own rate from its seventh night on the whole stay', () => {
    expect(priceStay([base, longStay], '2026-12-07', '2026-12-13')).toMatchObject({ totalMinor: 6 * 9000 });
    expect(priceStay([base, longStay], '2026-12-07', '2026-12-14')).toMatchObject({ totalMinor: 7 * 7500 });
  });

  it('takes the cheaper of two plans of equal priority', () => {
    expect(nightPrice([{ ...base, id: 'dear', priceMinor: 9900 }, base], '2026-12-08', 1)?.ruleId).toBe('standard');
  });

  it('names the nights no plan covers', () => {
    expect(priceStay([weekend], '2026-12-11', '2026-12-14')).toEqual({ ok: false, unpricedNights: ['2026-12-11'] });
  });
});
