// Money in TON: nanotons (10^-9 TON) are BigInts, kept as decimal strings in SQLite and JSON; they pass
// 2^53 quickly (9,007,199 TON), so no Number ever holds one.
import { badRequest } from '../../errors.ts';

/**
 * The largest rate a manager may set: 10^15 nanotons (a million TON) per minor unit. Far above any
 * real price, it keeps an invoice (at most 10^8 minor units) within the 30 digits the schemas allow.
 */
export const MAX_NANOTONS_PER_MINOR = 10n ** 15n;

const DIGITS = /^[0-9]{1,30}$/;

/** The rate as the body gave it (a whole number, or a decimal string for one past 2^53). */
export function parseRate(value: number | string): bigint {
  let rate: bigint;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw badRequest('bad_ton_rate', `The rate ${value} is not a whole number of nanotons for one minor unit (cent).`);
    // Past 2^53 a JSON number has already lost digits: whatever it was, it is above the largest rate.
    rate = Number.isSafeInteger(value) ? BigInt(value) : MAX_NANOTONS_PER_MINOR + 1n;
  } else {
    if (!DIGITS.test(value)) throw badRequest('bad_ton_rate', 'The rate is a whole number of nanotons for one minor unit (cent), in digits only, e.g. "3300000".');
    rate = BigInt(value);
  }
  if (rate <= 0n) throw badRequest('bad_ton_rate', 'The rate must be at least 1 nanoton for one minor unit (cent).');
  if (rate > MAX_NANOTONS_PER_MINOR) {
    throw badRequest('bad_ton_rate', `The rate ${rate} is above a million TON for one minor unit: check the number (it is nanotons per cent, not per unit).`);
  }
  return rate;
}

/** What an invoice of `amountMinor` asks for at the rate: exact, no rounding. */
export function nanotonsFor(amountMinor: number, nanotonsPerMinor: bigint): bigint {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new RangeError(`amountMinor must be a whole number, zero or more (got ${amountMinor})`);
  return BigInt(amountMinor) * nanotonsPerMinor;
}

/** Nanotons back to minor units at the invoice's rate, rounded down (an overpayment kept as a tip). */
export function minorForNanotons(nanotons: bigint, nanotonsPerMinor: bigint): number {
  if (nanotons <= 0n) return 0;
  const minor = nanotons / nanotonsPerMinor;
  return minor > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(minor);
}

/** A nanoton amount from the TON API or SQLite; null when it is not a plain non-negative integer. */
export function readNanotons(value: unknown): bigint | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
  if (typeof value !== 'string' || !/^[0-9]{1,40}$/.test(value)) return null;
  return BigInt(value);
}
