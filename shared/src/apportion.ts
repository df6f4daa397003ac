// Sharing a whole number of minor units by weights so that the parts always add up to the whole:
// the largest remainder method (Hamilton). Every part is the floor of its exact share, and the
// cents left over go one each to the parts with the largest fractional remainders; ties go to the
// earlier part, so the same input always gives the same parts. BigInt throughout, because
// amount × weight can pass 2^53 long before either does.

/**
 * Splits `totalMinor` (a whole number, zero or more) in proportion to `weights` (whole numbers, zero
 * or more, not all zero). Each part differs from its exact share by less than one minor unit.
 */
export function apportion(totalMinor: number, weights: readonly bigint[]): number[] {
  if (!Number.isSafeInteger(totalMinor) || totalMinor < 0) throw new RangeError(`apportion: total must be a whole amount, zero or more (got ${totalMinor})`);
  if (weights.some((weight) => weight < 0n)) throw new RangeError('apportion: weights must be zero or more');
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  if (weightSum === 0n) {
    if (totalMinor === 0) return weights.map(() => 0);
    throw new RangeError('apportion: nothing to share by (all weights are zero)');
  }
  const total = BigInt(totalMinor);
  const floors = weights.map((weight) => (total * weight) / weightSum);
  const remainders = weights.map((weight) => (total * weight) % weightSum);
  let left = total - floors.reduce((sum, part) => sum + part, 0n);
  // Indices by remainder, largest first; a stable sort keeps equal remainders in part order.
  const order = weights.map((_, index) => index).sort((a, b) => compareDescending(remainders[a]!, remainders[b]!));
  for (const index of order) {
    if (left === 0n) break;
    floors[index]! += 1n;
    left -= 1n;
  }
  return floors.map(Number);
}

function compareDescending(a: bigint, b: bigint): number {
  return a === b ? 0 : a > b ? -1 : 1;
}

/** round(value × numerator / denominator), halves rounded up; for amounts and rates zero or more. */
export function mulDivHalfUp(value: number, numerator: number, denominator: number): number {
  if (value < 0 || numerator < 0 || denominator <= 0) throw new RangeError('mulDivHalfUp: expects amounts and rates zero or more');
  const product = BigInt(value) * BigInt(numerator);
  const d = BigInt(denominator);
  const result = (2n * product + d) / (2n * d);
  return toSafeNumber(result);
}

function toSafeNumber(value: bigint): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError('money amount is out of range');
  return number;
}
