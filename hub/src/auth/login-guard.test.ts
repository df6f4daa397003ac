import { describe, expect, it } from 'vitest';
import {
  brakedMessage,
  brakeStatus,
  lockedOutMessage,
  lockStatus,
  minutesToWait,
  recordFailure,
  spendBrake,
  type BrakeRule,
  type BrakeState,
  type FailureRecord,
  type LockoutRule,
} from './login-guard.ts';

const rule: LockoutRule = { maxFailures: 5, windowMs: 300_000, lockoutMs: 300_000 };
const at = (iso: string) => new Date(iso);

function failTimes(times: string[]): FailureRecord | null {
  let record: FailureRecord | null = null;
  for (const time of times) record = recordFailure(record, at(time), rule);
  return record;
}

describe('PIN lockout', () => {
  it('locks a client on its fifth wrong PIN, for the lockout time', () => {
    const four = failTimes(['2026-06-01T12:00:00Z', '2026-06-01T12:00:01Z', '2026-06-01T12:00:02Z', '2026-06-01T12:00:03Z']);
    expect(four).toMatchObject({ failures: 4, lockedUntil: null });
    expect(lockStatus(four, at('2026-06-01T12:00:04Z'))).toEqual({ locked: false });

    const five = recordFailure(four, at('2026-06-01T12:00:04Z'), rule);
    expect(five).toEqual({ failures: 5, lockedUntil: '2026-06-01T12:05:04.000Z', updatedAt: '2026-06-01T12:00:04.000Z' });
    expect(lockStatus(five, at('2026-06-01T12:01:04Z'))).toEqual({ locked: true, retryAfterMs: 240_000 });
  });

  it('unlocks when the lockout has run out, and counts from one again', () => {
    const locked = failTimes(Array.from({ length: 5 }, (_, i) => `2026-06-01T12:00:0${i}Z`));
    expect(lockStatus(locked, at('2026-06-01T12:05:04Z'))).toEqual({ locked: false });
    expect(recordFailure(locked, at('2026-06-01T12:05:10Z'), rule)).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it('forgets wrong PINs after a quiet spell longer than the window', () => {
    const record = failTimes(['2026-06-01T12:00:00Z', '2026-06-01T12:00:01Z', '2026-06-01T12:00:02Z', '2026-06-01T12:05:03Z']);
    expect(record).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it('keeps counting while each wrong PIN follows the last within the window', () => {
    const record = failTimes(['2026-06-01T12:00:00Z', '2026-06-01T12:04:00Z', '2026-06-01T12:08:00Z', '2026-06-01T12:12:00Z', '2026-06-01T12:16:00Z']);
    expect(record?.failures).toBe(5);
    expect(record?.lockedUntil).toBe('2026-06-01T12:21:00.000Z');
  });

  it('with a limit of one, the first wrong PIN locks', () => {
    expect(recordFailure(null, at('2026-06-01T12:00:00Z'), { ...rule, maxFailures: 1 }).lockedUntil).not.toBeNull();
  });

  it('says how long to wait in whole minutes, never zero', () => {
    expect(minutesToWait(300_000)).toBe(5);
    expect(minutesToWait(240_001)).toBe(5);
    expect(minutesToWait(1)).toBe(1);
    expect(lockedOutMessage(60_000)).toContain('Wait 1 minute,');
    expect(lockedOutMessage(299_000)).toContain('Wait 5 minutes,');
  });

  it('treats no record and an empty lock as unlocked', () => {
    expect(lockStatus(null, at('2026-06-01T12:00:00Z'))).toEqual({ locked: false });
    expect(lockStatus({ failures: 3, lockedUntil: null, updatedAt: '2026-06-01T12:00:00Z' }, at('2026-06-01T12:00:00Z'))).toEqual({ locked: false });
  });
});

describe('the hub-wide brake', () => {
  const brake: BrakeRule = { capacity: 30, windowMs: 15 * 60_000 };
  const spend = (state: BrakeState | null, times: number, iso: string) => {
    for (let i = 0; i < times; i++) state = spendBrake(state, at(iso), brake);
    return state;
  };

  it('takes capacity wrong PINs at once, then brakes until one unit refills (window / capacity)', () => {
    const state = spend(null, 29, '2026-06-01T12:00:00Z');
    expect(brakeStatus(state, at('2026-06-01T12:00:00Z'), brake)).toEqual({ braked: false, budget: 1 });
    expect(state?.trippedAt).toBeNull();
    const spent = spendBrake(state, at('2026-06-01T12:00:00Z'), brake);
    expect(spent).toEqual({ budget: 0, updatedAt: '2026-06-01T12:00:00.000Z', trippedAt: '2026-06-01T12:00:00.000Z' });
    expect(brakeStatus(spent, at('2026-06-01T12:00:10Z'), brake)).toEqual({ braked: true, retryAfterMs: 20_000 });
    expect(brakeStatus(spent, at('2026-06-01T12:00:30Z'), brake).braked).toBe(false);
  });

  it('lets a steady guesser through at no more than capacity per window', () => {
    let state: BrakeState | null = spend(null, 30, '2026-06-01T12:00:00Z');
    let wrongPins = 0;
    // One attempt every second for an hour: only those the budget allows are checked.
    for (let second = 1; second <= 3600; second++) {
      const now = new Date(Date.parse('2026-06-01T12:00:00Z') + second * 1000);
      if (brakeStatus(state, now, brake).braked) continue;
      state = spendBrake(state, now, brake);
      wrongPins += 1;
    }
    expect(wrongPins).toBe(120);
  });

  it('refills to capacity, no further, and keeps the time it last tripped', () => {
    const spent = spend(null, 30, '2026-06-01T12:00:00Z');
    expect(brakeStatus(spent, at('2026-06-01T18:00:00Z'), brake)).toEqual({ braked: false, budget: 30 });
    expect(spendBrake(spent, at('2026-06-01T18:00:00Z'), brake)).toMatchObject({ budget: 29, trippedAt: '2026-06-01T12:00:00.000Z' });
  });

  it('says the wait in seconds', () => {
    expect(brakedMessage(20_000)).toContain('try again in 20 seconds');
    expect(brakedMessage(1)).toContain('try again in 1 second.');
  });
});
