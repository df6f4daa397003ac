import { describe, expect, it } from 'vitest';
import type { RatePlan } from '@onemoment/shared/schemas/hotel';
import { checkRatePlanDraft, maskOf, newRatePlanDraft, plansByRoomType, ratePlanLine, ratePlanTerms, toggleDay, togglesOf, weekdaysText, WEEKEND_NIGHTS, WEEK_NIGHTS, type RatePlanDraft } from './rate-plan-words.ts';
import { ROOM_TYPES } from './test-data.ts';

const plan = (change: Partial<RatePlan> = {}): RatePlan => ({ id: 'p1', roomTypeId: 'standard', name: 'Standard rate', priceMinor: 8900, validFrom: null, validTo: null, weekdays: 127, minNights: 1, priority: 0, ...change });

describe('the weekday toggles', () => {
  it('read and write the mask, Monday first', () => {
    expect(togglesOf(WEEKEND_NIGHTS)).toEqual([false, false, false, false, true, true, false]);
    expect(maskOf([false, false, false, false, true, true, false])).toBe(0b011_0000);
    expect(maskOf(togglesOf(0b101_0101))).toBe(0b101_0101);
    expect(WEEK_NIGHTS).toBe(0b100_1111);
    expect(toggleDay(127, 6)).toBe(0b011_1111);
    expect(toggleDay(0b011_1111, 6)).toBe(127);
  });

  it('say which nights a plan covers', () => {
    expect(weekdaysText(127)).toBe('Every night');
    expect(weekdaysText(WEEKEND_NIGHTS)).toBe('Fri and Sat nights');
    expect(weekdaysText(WEEK_NIGHTS)).toBe('Sun–Thu nights');
    expect(weekdaysText(0b000_1111)).toBe('Mon–Thu nights');
    expect(weekdaysText(0b001_0101)).toBe('Mon, Wed and Fri nights');
    expect(weekdaysText(0b100_0001)).toBe('Sun and Mon nights');
    expect(weekdaysText(0b100_0000)).toBe('Sunday nights');
    expect(weekdaysText(0)).toBe('No nights');
  });
});

describe('a rate plan in words', () => {
  it('says its nights, dates and shortest stay', () => {
    expect(ratePlanTerms(plan())).toBe('Every night');
    expect(ratePlanTerms(plan({ weekdays: WEEKEND_NIGHTS, validFrom: '2026-07-01', validTo: '2026-09-01', minNights: 2 }))).toBe('Fri and Sat nights · 1 Jul → 1 Sep · stays of 2+ nights');
    expect(ratePlanTerms(plan({ validFrom: '2026-07-01' }))).toBe('Every night · from 1 Jul');
    expect(ratePlanTerms(plan({ validTo: '2026-09-01' }))).toBe('Every night · until 1 Sep');
    expect(ratePlanLine(plan({ name: 'Weekend', priceMinor: 10900, weekdays: WEEKEND_NIGHTS }), 'EUR')).toBe('Weekend: €109.00 a night, fri and Sat nights');
  });

  it('lists each room type with the winning plan first', () => {
    const plans = [plan({ id: 'a', priority: 0 }), plan({ id: 'b', priority: 10 }), plan({ id: 'c', roomTypeId: 'suite' }), plan({ id: 'd', roomTypeId: 'castle' })];
    expect(plansByRoomType(plans, ROOM_TYPES).map((group) => [group.roomType.id, group.plans.map((p) => p.id)])).toEqual([
      ['standard', ['b', 'a']],
      ['suite', ['c']],
    ]);
  });
});

describe('the Add rate plan form', () => {
  const PLAN_ID = '01a25114-2460-72d2-9dbf-bc6122411471';
  const draft = (change: Partial<RatePlanDraft> = {}): RatePlanDraft => ({ ...newRatePlanDraft('standard'), id: PLAN_ID, name: 'Weekend', price: '119.50', ...change });
  const problem = (change: Partial<RatePlanDraft>, currency = 'EUR') => {
    const checked = checkRatePlanDraft(draft(change), ROOM_TYPES, currency);
    return checked.ok ? null : [checked.field, checked.problem];
  };

  it('gives each new draft its own id, so a retried save adds the plan once', () => {
    expect(newRatePlanDraft('standard').id).not.toBe(newRatePlanDraft('standard').id);
  });

  it('makes the request in minor units with only what was filled in', () => {
    expect(checkRatePlanDraft(draft({ name: ' Weekend ', weekdays: WEEKEND_NIGHTS }), ROOM_TYPES, 'EUR')).toEqual({
      ok: true,
      body: { id: PLAN_ID, roomTypeId: 'standard', name: 'Weekend', priceMinor: 11950, weekdays: WEEKEND_NIGHTS, minNights: 1, priority: 10 },
    });
    expect(checkRatePlanDraft(draft({ price: '0.29', validFrom: '2026-07-01', validTo: '2026-09-01', minNights: '3', priority: '0' }), ROOM_TYPES, 'EUR')).toEqual({
      ok: true,
      body: { id: PLAN_ID, roomTypeId: 'standard', name: 'Weekend', priceMinor: 29, weekdays: 127, minNights: 3, priority: 0, validFrom: '2026-07-01', validTo: '2026-09-01' },
    });
    // A currency without minor units takes whole numbers only.
    expect(checkRatePlanDraft(draft({ price: '15000' }), ROOM_TYPES, 'JPY')).toMatchObject({ ok: true, body: { priceMinor: 15000 } });
  });

  it('says what is wrong, field by field', () => {
    expect(problem({ roomTypeId: 'castle' })).toEqual(['roomTypeId', 'Pick the room type the plan prices.']);
    expect(problem({ name: '  ' })?.[0]).toBe('name');
    expect(problem({ price: '' })).toEqual(['price', 'Type the price of one night in EUR, like 119.00.']);
    expect(problem({ price: '12.345' })?.[0]).toBe('price');
    expect(problem({ price: '0' })?.[0]).toBe('price');
    expect(problem({ price: '150.5' }, 'JPY')).toEqual(['price', 'Type the price of one night in JPY, like 11900.']);
    expect(problem({ weekdays: 0 })).toEqual(['weekdays', 'Switch on at least one night of the week.']);
    expect(problem({ validFrom: '2026-02-30' })?.[0]).toBe('validFrom');
    expect(problem({ validFrom: '2026-09-01', validTo: '2026-09-01' })?.[0]).toBe('validTo');
    expect(problem({ minNights: '0' })?.[0]).toBe('minNights');
    expect(problem({ minNights: '1.5' })?.[0]).toBe('minNights');
    expect(problem({ priority: '1001' })?.[0]).toBe('priority');
  });
});
