import { describe, expect, it } from 'vitest';
import { afterSuccess, beginAttempt, forgetAfter, waitInWords, type ThrottleState } from './throttle-rule.ts';

const policy = { maxFailures: 3, lockoutMs: 15 * 60_000 };
const T0 = Date.parse('2026-06-01T10:00:00Z');
const minutes = (n: number) => n * 60_000;

/** Runs attempts that all fail, returning each decision's `allowed` and the last state. */
function fail(times: number, state: ThrottleState | null, now: number) {
  const allowed: boolean[] = [];
  for (let i = 0; i < times; i++) {
    const decision = beginAttempt(state, now, policy);
    allowed.push(decision.allowed);
    state = decision.state;
  }
  return { allowed, state: state! };
}

describe('the guessing throttle', () => {
  it('allows maxFailures attempts, then refuses and locks for the lockout, even a right secret', () => {
    const { allowed, state } = fail(4, null, T0);
    expect(allowed).toEqual([true, true, true, false]);
    expect(state.lockedUntil).toBe(T0 + policy.lockoutMs);
    const during = beginAttempt(state, T0 + minutes(14), policy);
    expect(during).toMatchObject({ allowed: false, retryAfterMs: minutes(1) });
    // A refused attempt does not lengthen the lock.
    expect(during.state).toEqual(state);
  });

  it('starts counting again once the lock is over', () => {
    const locked = fail(4, null, T0).state;
    const after = beginAttempt(locked, T0 + policy.lockoutMs, policy);
    expect(after).toEqual({ allowed: true, state: { failures: 1, windowStartedAt: T0 + policy.lockoutMs, lockedUntil: null } });
  });

  it('forgets failures older than the window', () => {
    const two = fail(2, null, T0).state;
    const later = fail(3, two, T0 + policy.lockoutMs + 1);
    expect(later.allowed).toEqual([true, true, true]);
    expect(later.state.windowStartedAt).toBe(T0 + policy.lockoutMs + 1);
  });

  it('a client\'s success takes back only its own attempt: earlier failures still count', () => {
    let state = fail(2, null, T0).state;
    const success = beginAttempt(state, T0 + 1, policy);
    expect(success.allowed).toBe(true);
    state = afterSuccess(success.state, 'take-back')!;
    expect(state.failures).toBe(2);
    // One more failure is allowed, then the client is locked: the success reset nothing.
    expect(fail(2, state, T0 + 2).allowed).toEqual([true, false]);
  });

  it('an account\'s success clears its counter', () => {
    const state = fail(2, null, T0).state;
    const success = beginAttempt(state, T0 + 1, policy);
    expect(afterSuccess(success.state, 'clear')).toBeNull();
    expect(fail(4, null, T0 + 2).allowed).toEqual([true, true, true, false]);
  });

  it('keeps a lock that a parallel attempt set while a success was being checked', () => {
    const locked: ThrottleState = { failures: 3, windowStartedAt: T0, lockedUntil: T0 + policy.lockoutMs };
    expect(afterSuccess(locked, 'take-back')).toEqual({ ...locked, failures: 2 });
    expect(afterSuccess({ failures: 1, windowStartedAt: T0, lockedUntil: null }, 'take-back')).toBeNull();
  });

  it('says when a counter may be forgotten, and how long to wait in words', () => {
    expect(forgetAfter({ failures: 1, windowStartedAt: T0, lockedUntil: null }, policy)).toBe(T0 + policy.lockoutMs);
    expect(forgetAfter({ failures: 3, windowStartedAt: T0, lockedUntil: T0 + minutes(20) }, policy)).toBe(T0 + minutes(20));
    expect(waitInWords(minutes(15))).toBe('15 minutes');
    expect(waitInWords(61_000)).toBe('2 minutes');
    expect(waitInWords(1_000)).toBe('1 minute');
  });
});
