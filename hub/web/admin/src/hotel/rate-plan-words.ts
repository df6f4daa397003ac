import { newId } from '@onemoment/shared/ids';
/**
 * Rate plans as the manager reads and writes them: the weekday mask as seven toggles (bit 0 Monday …
 * bit 6 Sunday, a night counted by the date it starts on), a plan's terms in a few words, and the Add
 * form checked before it is sent. Pure, tested beside it.
 */
import { EVERY_DAY } from '@onemoment/shared/hotel/rate-rules';
import { isRealDate } from '@onemoment/shared/hotel/stay-dates';
import type { RatePlan, RatePlanBody, RoomType } from '@onemoment/shared/schemas/hotel';
import { money, parseMajor, toMajorText } from '../format.ts';
import { shortDate } from './stay-words.ts';

export const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const WEEKDAY_LONG = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** A hotel's weekend is two nights: Friday's and Saturday's (a guest leaves on Sunday). */
export const WEEKEND_NIGHTS = 0b011_0000;
/** Sunday to Thursday nights. */
export const WEEK_NIGHTS = EVERY_DAY & ~WEEKEND_NIGHTS;

/** The seven toggles of a mask, Monday first. */
export function togglesOf(mask: number): boolean[] {
  return WEEKDAY_SHORT.map((_, day) => (mask & (1 << day)) !== 0);
}

/** The mask of seven toggles, Monday first. */
export function maskOf(toggles: readonly boolean[]): number {
  return toggles.reduce((mask, on, day) => (on && day < 7 ? mask | (1 << day) : mask), 0);
}

/** The mask with one day switched. */
export function toggleDay(mask: number, day: number): number {
  return (mask ^ (1 << day)) & EVERY_DAY;
}

/**
 * The nights a mask covers, said: "Every night", "Fri and Sat nights", "Mon–Thu nights" for a run of
 * three or more days, else the days listed. A run may wrap over the week's end ("Sun–Thu nights").
 */
export function weekdaysText(mask: number): string {
  const days = togglesOf(mask);
  const count = days.filter(Boolean).length;
  if (count === 0) return 'No nights';
  if (count === 7) return 'Every night';
  if (count === 1) return `${WEEKDAY_LONG[days.indexOf(true)]} nights`;
  // A run of consecutive days, maybe wrapping: it starts on the day whose day before is off.
  const start = days.findIndex((on, day) => on && !days[(day + 6) % 7]);
  const run = Array.from({ length: count }, (_, i) => (start + i) % 7);
  const consecutive = run.every((day) => days[day]);
  const names = (list: readonly number[]) => list.map((day) => WEEKDAY_SHORT[day]);
  if (consecutive && count >= 3) return `${WEEKDAY_SHORT[run[0]!]}–${WEEKDAY_SHORT[run[count - 1]!]} nights`;
  const listed = names(consecutive ? run : days.flatMap((on, day) => (on ? [day] : [])));
  return `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]} nights`;
}

/** When a plan applies, in words: "Fri and Sat nights · 1 Jul → 1 Sep · 7+ nights". */
export function ratePlanTerms(plan: Pick<RatePlan, 'weekdays' | 'validFrom' | 'validTo' | 'minNights'>): string {
  const parts = [weekdaysText(plan.weekdays)];
  if (plan.validFrom && plan.validTo) parts.push(`${shortDate(plan.validFrom)} → ${shortDate(plan.validTo)}`);
  else if (plan.validFrom) parts.push(`from ${shortDate(plan.validFrom)}`);
  else if (plan.validTo) parts.push(`until ${shortDate(plan.validTo)}`);
  if (plan.minNights > 1) parts.push(`stays of ${plan.minNights}+ nights`);
  return parts.join(' · ');
}

/** A plan's price and terms in one line, for a list or a toast. */
export function ratePlanLine(plan: RatePlan, currency: string): string {
  return `${plan.name}: ${money(plan.priceMinor, currency)} a night, ${ratePlanTerms(plan).replace(/^./, (c) => c.toLowerCase())}`;
}

/** Each room type with its plans, the one that wins a night (highest priority) first. */
export function plansByRoomType(plans: readonly RatePlan[], roomTypes: readonly RoomType[]): Array<{ roomType: RoomType; plans: RatePlan[] }> {
  return roomTypes.map((roomType) => ({
    roomType,
    plans: plans.filter((plan) => plan.roomTypeId === roomType.id).sort((a, b) => b.priority - a.priority || a.priceMinor - b.priceMinor || a.name.localeCompare(b.name)),
  }));
}

export interface RatePlanDraft {
  /** Made with the draft, so a save retried after a lost answer adds the plan once. */
  id: string;
  roomTypeId: string;
  name: string;
  /** The price a night as typed, in the venue's money ("119.00"). */
  price: string;
  weekdays: number;
  /** The first night it prices, or ''. */
  validFrom: string;
  /** The first night it no longer prices, or ''. */
  validTo: string;
  minNights: string;
  priority: string;
}

export type RatePlanField = 'roomTypeId' | 'name' | 'price' | 'weekdays' | 'validFrom' | 'validTo' | 'minNights' | 'priority';
export type CheckedRatePlan = { ok: true; body: RatePlanBody } | { ok: false; field: RatePlanField; problem: string };

export function newRatePlanDraft(roomTypeId: string): RatePlanDraft {
  return { id: newId(), roomTypeId, name: '', price: '', weekdays: EVERY_DAY, validFrom: '', validTo: '', minNights: '1', priority: '10' };
}

const wholeNumber = (text: string, min: number, max: number): number | null => {
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
};

/** The request for the Add form, or what is wrong with it in a sentence. */
export function checkRatePlanDraft(draft: RatePlanDraft, roomTypes: readonly RoomType[], currency: string): CheckedRatePlan {
  if (!roomTypes.some((type) => type.id === draft.roomTypeId)) return { ok: false, field: 'roomTypeId', problem: 'Pick the room type the plan prices.' };
  const name = draft.name.trim();
  if (name === '') return { ok: false, field: 'name', problem: 'Give the plan a name guests and staff recognise, like "Weekend".' };
  if (name.length > 80) return { ok: false, field: 'name', problem: 'The name is at most 80 characters.' };
  const priceMinor = parseMajor(draft.price, currency);
  if (priceMinor === null || priceMinor === 0) return { ok: false, field: 'price', problem: `Type the price of one night in ${currency}, like ${toMajorText(11900, currency)}.` };
  if ((draft.weekdays & EVERY_DAY) === 0) return { ok: false, field: 'weekdays', problem: 'Switch on at least one night of the week.' };
  if (draft.validFrom && !isRealDate(draft.validFrom)) return { ok: false, field: 'validFrom', problem: 'The first night is a date, or leave it empty.' };
  if (draft.validTo && !isRealDate(draft.validTo)) return { ok: false, field: 'validTo', problem: 'The end is a date, or leave it empty.' };
  if (draft.validFrom && draft.validTo && draft.validTo <= draft.validFrom) return { ok: false, field: 'validTo', problem: 'The end comes after the first night (the plan stops pricing on that date).' };
  const minNights = wholeNumber(draft.minNights, 1, 365);
  if (minNights === null) return { ok: false, field: 'minNights', problem: 'The shortest stay is 1 to 365 nights.' };
  const priority = wholeNumber(draft.priority, 0, 1000);
  if (priority === null) return { ok: false, field: 'priority', problem: 'The priority is a whole number from 0 to 1000: the highest plan covering a night prices it.' };
  const body: RatePlanBody = { id: draft.id, roomTypeId: draft.roomTypeId, name, priceMinor, weekdays: draft.weekdays & EVERY_DAY, minNights, priority };
  if (draft.validFrom) body.validFrom = draft.validFrom;
  if (draft.validTo) body.validTo = draft.validTo;
  return { ok: true, body };
}
