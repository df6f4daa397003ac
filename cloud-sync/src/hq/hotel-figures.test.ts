import { describe, expect, it } from 'vitest';
import { hotelMoney, occupancyPercent } from './hotel-figures.ts';

describe('hotel figures', () => {
  it('gives occupancy in percent with one decimal, none without rooms', () => {
    expect(occupancyPercent(2, 3)).toBe(66.7);
    expect(occupancyPercent(1, 8)).toBe(12.5);
    expect(occupancyPercent(3, 2)).toBe(150); // an overbooked night says so
    expect(occupancyPercent(0, 0)).toBeNull();
  });

  it('gives ADR over rooms sold and RevPAR over rooms available, rounded half up, per currency', () => {
    // 3 rooms of 4 sold for 100.00 + 120.00 + 90.01 = 310.01.
    expect(hotelMoney('EUR', 4, [{ currency: 'EUR', roomsSold: 3, roomRevenueMinor: 31_001 }], [{ currency: 'EUR', roomServiceMinor: 2_450 }])).toEqual([
      { currency: 'EUR', roomsSold: 3, roomRevenueMinor: 31_001, adrMinor: 10_334, revparMinor: 7_750, roomServiceMinor: 2_450 },
    ]);
    expect(hotelMoney('EUR', 0, [], [])).toEqual([{ currency: 'EUR', roomsSold: 0, roomRevenueMinor: 0, adrMinor: null, revparMinor: null, roomServiceMinor: 0 }]);
    expect(hotelMoney('EUR', 2, [{ currency: 'USD', roomsSold: 1, roomRevenueMinor: 5_000 }], [{ currency: 'EUR', roomServiceMinor: 700 }]).map((m) => [m.currency, m.adrMinor, m.revparMinor, m.roomServiceMinor])).toEqual([
      ['EUR', null, 0, 700],
      ['USD', 5_000, 2_500, 0],
    ]);
  });
});
