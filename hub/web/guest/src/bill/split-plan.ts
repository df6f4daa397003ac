/**
 * Splitting the bill on the phone, before the hub is asked: what each person would pay (equally, by
 * amounts typed in, or by the dishes each taps), what is left to assign, and the body of
 * `POST /api/guest/bill/split`. The hub splits what is due with the same rule (whole minor units, the
 * spare ones by largest remainder, ties to the earlier person), so the preview is what the parts will be;
 * the hub's answer is still the truth shown afterwards.
 */
import { apportion as shareByWeights } from '@onemoment/shared/apportion';
import type { SplitBody } from '@onemoment/shared/schemas/payments';

/** More people than this at one table is a slip of the thumb (the hub takes up to 100). */
export const MAX_PEOPLE = 20;

/**
 * Shares `totalMinor` by whole-number weights with the hub's own rule (shared/src/apportion.ts), so the
 * preview is what the parts will be; nothing assigned yet previews as zeros rather than an error.
 */
export function apportion(totalMinor: number, weights: readonly bigint[]): number[] {
  return weights.some((weight) => weight > 0n) ? shareByWeights(totalMinor, weights) : weights.map(() => 0);
}

export function equalParts(dueMinor: number, people: number): number[] {
  return apportion(dueMinor, Array.from({ length: people }, () => 1n));
}

// ---- by amounts ----

/**
 * What the guest typed as money ("12.5", "12,50", "12") in minor units; null when it is not an amount
 * (letters, a minus, more decimals than the currency has).
 */
export function parseAmount(text: string, digits: number): number | null {
  const clean = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  const match = /^(\d{1,9})(?:[.,](\d*))?$/.exec(clean);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** Minor units as the guest would type them, with the language's decimal sign ("16.75", "16,75"). */
export function amountText(minor: number, digits: number, decimal = '.'): string {
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${text.slice(0, -digits)}${decimal}${text.slice(-digits)}`;
}

export interface AmountsCheck {
  /** Each typed amount in minor units; null where the field is empty or not an amount. */
  amounts: Array<number | null>;
  /** What is still to share out: negative when the amounts come to more than is due. */
  leftMinor: number;
  /** Every field holds an amount above zero and together they make exactly what is due. */
  ready: boolean;
}

export function checkAmounts(texts: readonly string[], dueMinor: number, digits: number): AmountsCheck {
  const amounts = texts.map((text) => parseAmount(text, digits));
  const leftMinor = dueMinor - amounts.reduce<number>((sum, amount) => sum + (amount ?? 0), 0);
  return { amounts, leftMinor, ready: leftMinor === 0 && amounts.every((amount) => amount !== null && amount > 0) };
}

// ---- by items ----

export interface SplitLine {
  itemId: string;
  totalMinor: number;
}

/** Who has each dish: the people (0-based) sharing it, keyed by the bill line's item id. */
export type ItemPicks = Readonly<Record<string, readonly number[]>>;

/** The person taps a dish: theirs now (shared with whoever else has it), or no longer theirs. */
export function togglePick(picks: ItemPicks, itemId: string, person: number): ItemPicks {
  const current = picks[itemId] ?? [];
  const next = current.includes(person) ? current.filter((p) => p !== person) : [...current, person].sort((a, b) => a - b);
  return { ...picks, [itemId]: next };
}

/** Fewer people at the table: what the people who left had picked is theirs no more. */
export function keepPeople(picks: ItemPicks, people: number): ItemPicks {
  return Object.fromEntries(Object.entries(picks).map(([itemId, who]) => [itemId, who.filter((p) => p < people)]));
}

export interface ItemsCheck {
  /** Lines nobody has taken yet. */
  untaken: string[];
  /** People (0-based) who have no dish. */
  empty: number[];
  /** What each person would pay of what is due (discounts, service and tax fall as their dishes do). */
  preview: number[];
  ready: boolean;
}

function weights(lines: readonly SplitLine[], picks: ItemPicks, people: number): bigint[] {
  // One common denominator for every sharing, so a third of a bottle is exact.
  const common = BigInt(Array.from({ length: people }, (_, i) => i + 1).reduce((a, b) => lcm(a, b), 1));
  const result = Array.from({ length: people }, () => 0n);
  for (const line of lines) {
    const who = picks[line.itemId] ?? [];
    for (const person of who) result[person]! += (BigInt(line.totalMinor) * common) / BigInt(who.length);
  }
  return result;
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a / gcd(a, b)) * b;
}

export function checkItems(lines: readonly SplitLine[], picks: ItemPicks, people: number, dueMinor: number): ItemsCheck {
  const untaken = lines.filter((line) => (picks[line.itemId] ?? []).length === 0).map((line) => line.itemId);
  const empty = Array.from({ length: people }, (_, person) => person).filter((person) => !lines.some((line) => (picks[line.itemId] ?? []).includes(person)));
  const preview = apportion(dueMinor, weights(lines, picks, people));
  return { untaken, empty, preview, ready: untaken.length === 0 && empty.length === 0 && lines.length > 0 };
}

// ---- the request ----

export type SplitPlan = { kind: 'equal'; people: number } | { kind: 'amounts'; amountsMinor: number[] } | { kind: 'items'; lines: readonly SplitLine[]; picks: ItemPicks; people: number };

/** The body of `POST /api/guest/bill/split`; `id` is made once per tap, so a retry splits once. */
export function splitBody(id: string, plan: SplitPlan): SplitBody {
  if (plan.kind === 'equal') return { id, kind: 'equal', parts: plan.people };
  if (plan.kind === 'amounts') return { id, kind: 'amounts', amountsMinor: plan.amountsMinor };
  const shares = Array.from({ length: plan.people }, (_, person) =>
    plan.lines
      .filter((line) => (plan.picks[line.itemId] ?? []).includes(person))
      .map((line) => ({ lineId: line.itemId, numerator: 1, denominator: (plan.picks[line.itemId] ?? []).length })),
  );
  return { id, kind: 'items', shares };
}
