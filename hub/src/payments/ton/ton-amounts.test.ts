import { describe, expect, it } from 'vitest';
import { HubError } from '../../errors.ts';
import { MAX_NANOTONS_PER_MINOR, minorForNanotons, nanotonsFor, parseRate, readNanotons } from './ton-amounts.ts';

const refused = (run: () => unknown): HubError => {
  try {
    run();
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('TON amounts', () => {
  it('multiplies exactly in BigInt, past 2^53', () => {
    expect(nanotonsFor(1234, 3_300_000n)).toBe(4_072_200_000n);
    // 1,000,000.00 at 10^15 nanotons a cent: far past 2^53, still exact.
    expect(nanotonsFor(100_000_000, MAX_NANOTONS_PER_MINOR)).toBe(10n ** 23n);
    expect(() => nanotonsFor(1.5, 1n)).toThrow(RangeError);
  });

  it('reads a rate given as a number or a digit string, and refuses the rest with a sentence', () => {
    expect(parseRate(3_300_000)).toBe(3_300_000n);
    expect(parseRate('999999999999999')).toBe(999_999_999_999_999n);
    expect(parseRate(String(MAX_NANOTONS_PER_MINOR))).toBe(MAX_NANOTONS_PER_MINOR);
    expect(refused(() => parseRate(0)).message).toMatch(/at least 1 nanoton/);
    expect(refused(() => parseRate('0')).code).toBe('bad_ton_rate');
    expect(refused(() => parseRate(2 ** 53 + 2)).message).toMatch(/above a million TON/);
    expect(refused(() => parseRate(1.5)).message).toMatch(/not a whole number/);
    expect(refused(() => parseRate('1e9')).message).toMatch(/digits only/);
    expect(refused(() => parseRate(String(MAX_NANOTONS_PER_MINOR + 1n))).message).toMatch(/above a million TON/);
  });

  it('converts an overpayment back to minor units at the invoice rate, rounded down', () => {
    expect(minorForNanotons(3_299_999n, 3_300_000n)).toBe(0);
    expect(minorForNanotons(6_600_001n, 3_300_000n)).toBe(2);
    expect(minorForNanotons(0n, 3_300_000n)).toBe(0);
    expect(minorForNanotons(-5n, 3_300_000n)).toBe(0);
  });

  it('reads nanotons from the API only when they are plain whole numbers', () => {
    expect(readNanotons('1000000000')).toBe(1_000_000_000n);
    expect(readNanotons(25)).toBe(25n);
    for (const bad of ['-1', '1.5', '', ' 1', '0x10', null, {}, 1.5, -3]) expect(readNanotons(bad)).toBeNull();
  });
});
