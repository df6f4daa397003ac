import { nightsOf, weekdayOf } from './stay-dates.ts';

/** A rate plan as the pricing needs it (see the rate_plans table). */
export interface RateRule {
  id: string;
  priceMinor: number;
  validFrom: string | null;
  validTo: string | null;
  /** Bit 0 Monday … bit 6 Sunday. */
  weekdays: number;
  minNights: number;
  priority: number;
}

export const EVERY_DAY = 0b111_1111;

/** Whether a plan prices a night of a stay `stayNights` long. */
export function ruleCovers(rule: RateRule, night: string, stayNights: number, weekday = weekdayOf(night)): boolean {
  if (rule.validFrom !== null && night < rule.validFrom) return false;
  if (rule.validTo !== null && night >= rule.validTo) return false;
  if ((rule.weekdays & (1 << weekday)) === 0) return false;
  return stayNights >= rule.minNights;
}

/**
 * The price of one night: the covering plan of the highest priority (then the cheapest, so two equal
 * plans never surprise a guest upward). Null when no plan covers the night.
 */
export function nightPrice(rules: readonly RateRule[], night: string, stayNights: number): { priceMinor: number; ruleId: string } | null {
  let best: RateRule | null = null;
  const weekday = weekdayOf(night);
  for (const rule of rules) {
    if (!ruleCovers(rule, night, stayNights, weekday)) continue;
    if (best === null || rule.priority > best.priority || (rule.priority === best.priority && rule.priceMinor < best.priceMinor)) best = rule;
  }
  return best ? { priceMinor: best.priceMinor, ruleId: best.id } : null;
}

export type StayPrice =
  | { ok: true; totalMinor: number; nights: Array<{ night: string; priceMinor: number }> }
  | { ok: false; unpricedNights: string[] };

/** Each night's price and the stay's total, or the nights no plan covers. */
export function priceStay(rules: readonly RateRule[], arrival: string, departure: string): StayPrice {
  const nights = nightsOf(arrival, departure);
  const priced: Array<{ night: string; priceMinor: number }> = [];
  const unpriced: string[] = [];
  for (const night of nights) {
    const price = nightPrice(rules, night, nights.length);
    if (price) priced.push({ night, priceMinor: price.priceMinor });
    else unpriced.push(night);
  }
  if (unpriced.length > 0) return { ok: false, unpricedNights: unpriced };
  return { ok: true, totalMinor: priced.reduce((sum, n) => sum + n.priceMinor, 0), nights: priced };
}
