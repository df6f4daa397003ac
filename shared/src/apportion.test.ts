import { describe, expect, it } from 'vitest';
import { apportion, mulDivHalfUp } from './apportion.ts';
import { seededRandom } from './seeded-random.ts';

describe('apportion (largest remainder)', () => {
  it('gives the spare cents to the largest remainders, ties to the earlier part', () => {
    expect(apportion(1000, [1n, 1n, 1n])).toEqual([334, 333, 333]);
    expect(apportion(2, [1n, 1n, 1n])).toEqual([1, 1, 0]);
    // Exact shares 1.6, 2.4, 6.0 → floors 1, 2, 6; the one cent left goes to the 0.6 remainder.
    expect(apportion(10, [4n, 6n, 15n])).toEqual([2, 2, 6]);
    expect(apportion(0, [0n, 0n])).toEqual([0, 0]);
  });

  it('handles amounts whose products pass 2^53', () => {
    const big = Number.MAX_SAFE_INTEGER - 1;
    expect(apportion(big, [BigInt(big), BigInt(big)])).toEqual([big / 2, big / 2]);
  });

  it('refuses what cannot be shared', () => {
    expect(() => apportion(5, [0n, 0n])).toThrow(RangeError);
    expect(() => apportion(-1, [1n])).toThrow(RangeError);
    expect(() => apportion(1.5, [1n])).toThrow(RangeError);
  });

  it('always adds up, and each part is within one cent of its exact share (seeded)', () => {
    const random = seededRandom(15);
    for (let round = 0; round < 2000; round += 1) {
      const total = random.int(0, 1_000_000);
      const weights = Array.from({ length: random.int(1, 12) }, () => BigInt(random.int(0, 50_000)));
      if (!weights.some((weight) => weight > 0n)) weights[0] = 1n;
      const parts = apportion(total, weights);
      const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
      expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total);
      parts.forEach((part, index) => {
        expect(part).toBeGreaterThanOrEqual(0);
        // |part − total × w / W| < 1, in whole numbers.
        const gap = BigInt(part) * weightSum - BigInt(total) * weights[index]!;
        expect(gap < weightSum && -gap < weightSum).toBe(true);
      });
    }
  });
});

describe('mulDivHalfUp', () => {
  it('rounds halves up and everything else to the nearest', () => {
    expect(mulDivHalfUp(5, 1000, 10_000)).toBe(1); // 0.5
    expect(mulDivHalfUp(4, 1000, 10_000)).toBe(0); // 0.4
    expect(mulDivHalfUp(6, 1000, 10_000)).toBe(1); // 0.6
    expect(mulDivHalfUp(1200, 2000, 12_000)).toBe(200);
  });

  it('is exact past 2^53 in the product', () => {
    expect(mulDivHalfUp(900_719_925_474_099, 10_000, 10_000)).toBe(900_719_925_474_099);
  });
});
