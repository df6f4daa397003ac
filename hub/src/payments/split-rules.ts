// Splitting an amount into parts that are paid on their own. Whatever the way of splitting, the
// parts add up exactly to the amount: the cents that do not divide evenly go, by largest remainder,
// to the parts that were closest to deserving them, ties to the earlier part (so the first person
// of a €10.00 bill split by three pays 334 and the others 333, every time).
import { sumMinor } from '@onemoment/shared/money';
import { apportion } from '@onemoment/shared/apportion';
import { assertMinor, minorUnits, PaymentRefusal, type MoneyWords } from './payment-errors.ts';

/** More parts than people at one table is a typing slip, not a split. */
export const MAX_SPLIT_PARTS = 100;

export function splitEqually(totalMinor: number, parts: number): number[] {
  assertMinor(totalMinor, 'The amount to split', 'bad_split');
  assertPartCount(parts);
  return apportion(totalMinor, Array.from({ length: parts }, () => 1n));
}

/** A bill line as the split sees it. */
export interface SplitLine {
  id: string;
  name: string;
  totalMinor: number;
}

/** One person's share of one line: numerator/denominator of it (1/1 for the whole line, 1/3 of a shared bottle). */
export interface LineShare {
  lineId: string;
  numerator: number;
  denominator: number;
}

/**
 * Each person pays for their shares of the lines. `shares[p]` is person p's list; every line must be
 * shared out exactly (its fractions add up to 1). `totalMinor` defaults to the lines' sum; give the
 * bill's total to split discounts, service, tax added and tips in the same proportions.
 *
 * Rounding happens once over each person's whole share, not per line: rounding per line would hand
 * the same person the spare cent of every shared line.
 */
export function splitByItems(lines: readonly SplitLine[], shares: readonly (readonly LineShare[])[], totalMinor?: number): number[] {
  assertPartCount(shares.length);
  const byId = new Map<string, SplitLine>();
  for (const line of lines) {
    assertMinor(line.totalMinor, `The amount of "${line.name}"`, 'bad_split');
    if (byId.has(line.id)) throw new PaymentRefusal('bad_split', `The line "${line.name}" appears twice in the bill.`, { lineId: line.id });
    byId.set(line.id, line);
  }
  const total = totalMinor ?? sumMinor(lines.map((line) => line.totalMinor));
  assertMinor(total, 'The amount to split', 'bad_split');
  for (const share of shares.flat()) assertShare(share, byId);

  // Exact arithmetic over one common denominator: each person's weight is Σ amount × n/d scaled by it.
  const common = shares.flat().reduce((acc, share) => lcm(acc, BigInt(share.denominator)), 1n);
  assertEveryLineAssigned(lines, shares, common);
  const weights = shares.map((personShares) =>
    personShares.reduce((sum, share) => {
      const line = byId.get(share.lineId)!;
      return sum + (BigInt(line.totalMinor) * BigInt(share.numerator) * common) / BigInt(share.denominator);
    }, 0n),
  );
  if (weights.every((weight) => weight === 0n)) {
    if (total === 0) return weights.map(() => 0);
    throw new PaymentRefusal('bad_split', 'Every shared line costs nothing, so there is nothing to split the amount by: split it equally instead.');
  }
  return apportion(total, weights);
}

/** Amounts named by the guests; they must add up to the amount to the cent. */
export function splitByAmounts(totalMinor: number, amounts: readonly number[], money: MoneyWords = minorUnits): number[] {
  assertMinor(totalMinor, 'The amount to split', 'bad_split');
  assertPartCount(amounts.length);
  for (const amount of amounts) assertMinor(amount, 'Each part', 'bad_split', { positive: true });
  const sum = sumMinor(amounts);
  if (sum !== totalMinor) {
    const differenceMinor = sum - totalMinor;
    const how = differenceMinor > 0 ? `${money(differenceMinor)} too much` : `${money(-differenceMinor)} short`;
    throw new PaymentRefusal('split_does_not_add_up', `The parts come to ${money(sum)} but the amount is ${money(totalMinor)}: ${how}. Change a part so they add up.`, {
      sumMinor: sum,
      totalMinor,
      differenceMinor,
    });
  }
  return [...amounts];
}

function assertPartCount(parts: number): void {
  if (!Number.isSafeInteger(parts) || parts < 1 || parts > MAX_SPLIT_PARTS) {
    throw new PaymentRefusal('bad_split', `A split has from 1 to ${MAX_SPLIT_PARTS} parts; got ${String(parts)}.`, { parts });
  }
}

function assertShare(share: LineShare, byId: ReadonlyMap<string, SplitLine>): void {
  if (!byId.has(share.lineId)) throw new PaymentRefusal('bad_split', `A share names a line that is not on this bill (${share.lineId}).`, { lineId: share.lineId });
  const { numerator, denominator } = share;
  // A denominator above the part cap cannot be a person's share of a line at one table.
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 1 || denominator < 1 || denominator > MAX_SPLIT_PARTS || numerator > denominator) {
    const name = byId.get(share.lineId)!.name;
    throw new PaymentRefusal('bad_split', `A share of "${name}" must be a fraction like 1/3, from 1/${MAX_SPLIT_PARTS} to 1/1; got ${String(numerator)}/${String(denominator)}.`, {
      lineId: share.lineId,
    });
  }
}

/** Every line's fractions add up to exactly 1, compared in whole numbers over the common denominator. */
function assertEveryLineAssigned(lines: readonly SplitLine[], shares: readonly (readonly LineShare[])[], common: bigint): void {
  const assigned = new Map<string, bigint>();
  for (const share of shares.flat()) {
    assigned.set(share.lineId, (assigned.get(share.lineId) ?? 0n) + (BigInt(share.numerator) * common) / BigInt(share.denominator));
  }
  for (const line of lines) {
    const got = assigned.get(line.id) ?? 0n;
    if (got === common) continue;
    const fraction = reduce(got, common);
    if (got < common) {
      throw new PaymentRefusal('line_not_fully_assigned', `"${line.name}" is shared out only ${fraction} of the way: give the rest to someone.`, {
        lineId: line.id,
        assigned: fraction,
      });
    }
    throw new PaymentRefusal('bad_split', `"${line.name}" is shared out ${fraction} times over: its shares must add up to exactly one.`, {
      lineId: line.id,
      assigned: fraction,
    });
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

function reduce(numerator: bigint, denominator: bigint): string {
  const divisor = gcd(numerator, denominator) || 1n;
  return `${numerator / divisor}/${denominator / divisor}`;
}
