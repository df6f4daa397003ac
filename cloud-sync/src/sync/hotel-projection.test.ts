import { describe, expect, it } from 'vitest';
import { nightShares } from './hotel-projection.ts';

describe("a stay's nights", () => {
  it('spread the total so the nights add up to it, the first nights taking the odd cents', () => {
    expect(nightShares({ arrival: '2026-06-29', departure: '2026-07-02', totalMinor: 10_000 })).toEqual([
      { night: '2026-06-29', revenueMinor: 3_334 },
      { night: '2026-06-30', revenueMinor: 3_333 },
      { night: '2026-07-01', revenueMinor: 3_333 },
    ]);
    expect(nightShares({ arrival: '2026-06-01', departure: '2026-06-02', totalMinor: 0 })).toEqual([{ night: '2026-06-01', revenueMinor: 0 }]);
  });
});
