/**
 * Splitting a bill, as the Split dialog plans it before asking the hub: equally by N, by amounts that
 * must add up to what is due (what is left to assign, live), or by items, each line given to one
 * person or shared in portions (2 of 3 beers to one guest, 1 to another). The preview shares the due
 * amount the way the hub does (largest remainder, ties to the earlier guest), so what the dialog
 * shows is what the parts will be. Pure, tested beside it.
 */
import { apportion as shareByWeights } from '@onemoment/shared/apportion';
import type { SplitBody } from '@onemoment/shared/schemas/payments';
import { money, parseMajor } from '../format.ts';
import type { BillView } from '../types.ts';

/** The hub's limits: parts per split, and the denominator of one share of a line. */
export const MAX_PEOPLE = 20;
export const MAX_PORTIONS_PER_LINE = 100;

type Line = Pick<BillView['lines'][number], 'itemId' | 'name' | 'totalMinor'>;
export type SplitRequest = Extract<SplitBody, { kind: 'equal' }> | Extract<SplitBody, { kind: 'amounts' }> | Extract<SplitBody, { kind: 'items' }>;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export type PlanCheck = { ok: true; request: WithoutId<SplitRequest>; partsMinor: number[] } | { ok: false; problem: string; partsMinor: number[] };

/**
 * Shares `totalMinor` by whole-number weights with the hub's own rule (shared/src/apportion.ts), so the
 * preview is what the parts will be; nothing assigned yet previews as zeros rather than an error.
 */
export function apportion(totalMinor: number, weights: readonly bigint[]): number[] {
  return weights.some((weight) => weight > 0n) ? shareByWeights(totalMinor, weights) : weights.map(() => 0);
}

// ---- equally ----

export function checkEqual(people: number, dueMinor: number): PlanCheck {
  const count = Math.max(1, Math.min(MAX_PEOPLE, Math.floor(people)));
  const partsMinor = apportion(dueMinor, Array.from({ length: count }, () => 1n));
  if (count < 2) return { ok: false, problem: 'Split between two people or more.', partsMinor };
  return { ok: true, request: { kind: 'equal', parts: count }, partsMinor };
}

// ---- by amounts ----

export interface AmountsCheck {
  /** Each typed amount in minor units; null where it is not an amount (yet). */
  amountsMinor: Array<number | null>;
  assignedMinor: number;
  /** What is still to give out: below zero when the amounts come to more than is due. */
  leftMinor: number;
  result: PlanCheck;
}

export function checkAmounts(texts: readonly string[], dueMinor: number, currency: string): AmountsCheck {
  const amountsMinor = texts.map((text) => (text.trim() === '' ? null : parseMajor(text, currency)));
  const assignedMinor = amountsMinor.reduce<number>((sum, amount) => sum + (amount ?? 0), 0);
  const leftMinor = dueMinor - assignedMinor;
  const partsMinor = amountsMinor.map((amount) => amount ?? 0);
  const fail = (problem: string): AmountsCheck => ({ amountsMinor, assignedMinor, leftMinor, result: { ok: false, problem, partsMinor } });
  const bad = texts.findIndex((text, index) => text.trim() !== '' && amountsMinor[index] === null);
  if (bad >= 0) return fail(`Guest ${bad + 1}: type an amount like 12.50.`);
  if (texts.length < 2) return fail('Split between two people or more.');
  const empty = amountsMinor.findIndex((amount) => amount === null || amount === 0);
  if (leftMinor > 0) return fail(`${money(leftMinor, currency)} is still to give out.`);
  if (leftMinor < 0) return fail(`The amounts come to ${money(-leftMinor, currency)} more than is due.`);
  if (empty >= 0) return fail(`Guest ${empty + 1} has nothing to pay: take them out, or give them an amount.`);
  return { amountsMinor, assignedMinor, leftMinor, result: { ok: true, request: { kind: 'amounts', amountsMinor: partsMinor }, partsMinor } };
}

// ---- by items ----

/** portions[lineId][p]: how many portions of that line guest p takes (0: none of it). */
export interface ItemsPlan {
  people: number;
  portions: Record<string, number[]>;
}

export function startItemsPlan(lines: readonly Line[], people: number): ItemsPlan {
  return { people, portions: Object.fromEntries(lines.map((line) => [line.itemId, Array.from({ length: people }, () => 0)])) };
}

/** More or fewer guests; the portions of guests who remain are kept. */
export function withPeople(plan: ItemsPlan, people: number): ItemsPlan {
  const count = Math.max(1, Math.min(MAX_PEOPLE, Math.floor(people)));
  const portions = Object.fromEntries(Object.entries(plan.portions).map(([lineId, row]) => [lineId, Array.from({ length: count }, (_, p) => row[p] ?? 0)]));
  return { people: count, portions };
}

/** Sets guest p's portions of a line (0 takes them off it); past the hub's limit nothing changes. */
export function setPortions(plan: ItemsPlan, lineId: string, person: number, count: number): ItemsPlan {
  const row = plan.portions[lineId];
  if (!row || person < 0 || person >= plan.people) return plan;
  const next = row.map((value, index) => (index === person ? Math.max(0, Math.floor(count)) : value));
  if (next.reduce((sum, value) => sum + value, 0) > MAX_PORTIONS_PER_LINE) return plan;
  return { ...plan, portions: { ...plan.portions, [lineId]: next } };
}

/** A tap on a guest's chip: the line is theirs (one portion), or no longer. */
export function togglePerson(plan: ItemsPlan, lineId: string, person: number): ItemsPlan {
  const current = plan.portions[lineId]?.[person] ?? 0;
  return setPortions(plan, lineId, person, current > 0 ? 0 : 1);
}

/** Every line to every guest in equal portions (a shared table), as a starting point. */
export function shareEverything(plan: ItemsPlan): ItemsPlan {
  return { ...plan, portions: Object.fromEntries(Object.keys(plan.portions).map((lineId) => [lineId, Array.from({ length: plan.people }, () => 1)])) };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** "1/2", "2/3" of a line for a guest, or null when none of it is theirs. */
export function shareText(plan: ItemsPlan, lineId: string, person: number): string | null {
  const row = plan.portions[lineId] ?? [];
  const mine = row[person] ?? 0;
  const total = row.reduce((sum, value) => sum + value, 0);
  if (mine === 0 || total === 0) return null;
  if (mine === total) return 'all';
  const divisor = gcd(mine, total);
  return `${mine / divisor}/${total / divisor}`;
}

export function checkItems(plan: ItemsPlan, lines: readonly Line[], dueMinor: number): PlanCheck {
  const shares: Array<Array<{ lineId: string; numerator: number; denominator: number }>> = Array.from({ length: plan.people }, () => []);
  let common = 1n;
  for (const line of lines) {
    const row = plan.portions[line.itemId] ?? [];
    const total = row.reduce((sum, value) => sum + value, 0);
    row.forEach((mine, person) => {
      if (mine === 0) return;
      const divisor = gcd(mine, total);
      const share = { lineId: line.itemId, numerator: mine / divisor, denominator: total / divisor };
      shares[person]!.push(share);
      const d = BigInt(share.denominator);
      common = (common / gcdBig(common, d)) * d;
    });
  }
  // Each guest's weight over one common denominator: exact, as the hub weighs them.
  const weights = shares.map((mine) =>
    mine.reduce((sum, share) => {
      const line = lines.find((candidate) => candidate.itemId === share.lineId)!;
      return sum + (BigInt(line.totalMinor) * BigInt(share.numerator) * common) / BigInt(share.denominator);
    }, 0n),
  );
  const partsMinor = apportion(dueMinor, weights);
  const fail = (problem: string): PlanCheck => ({ ok: false, problem, partsMinor });
  if (plan.people < 2) return fail('Split between two people or more.');
  const unassigned = lines.filter((line) => (plan.portions[line.itemId] ?? []).every((value) => value === 0));
  if (unassigned.length > 0) return fail(`Give ${unassigned.map((line) => line.name).join(', ')} to someone.`);
  const idle = shares.findIndex((mine) => mine.length === 0);
  if (idle >= 0) return fail(`Guest ${idle + 1} has nothing yet: give them something, or split between fewer people.`);
  return { ok: true, request: { kind: 'items', shares }, partsMinor };
}
