/**
 * The rule that slows down guessing (HQ passwords, pairing codes), as pure functions over one
 * counter: a key (an account, or a client address) may fail `maxFailures` times within `lockoutMs`
 * of its first failure; the attempt after that is refused and locks the key for `lockoutMs`.
 *
 * Every attempt is counted BEFORE the secret is checked, so parallel guesses cannot all pass the
 * check while the first ones are still being verified; an attempt that then succeeds is taken back
 * (`afterSuccess`). Times are epoch milliseconds.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  lockoutMs: number;
}

export interface ThrottleState {
  /** Attempts counted in the current window that were not taken back by a success. */
  failures: number;
  windowStartedAt: number;
  lockedUntil: number | null;
}

export type AttemptDecision =
  | { allowed: true; state: ThrottleState }
  | { allowed: false; state: ThrottleState; retryAfterMs: number };

/** What a success does to a key's counter. */
export type SuccessEffect =
  /** The account's own secret was shown: its earlier failures were typos, forget them. */
  | 'clear'
  /**
   * A client address: only this attempt is taken back. Earlier failures stay, or someone with one
   * valid login of their own could log in between guesses at other accounts to reset the count.
   */
  | 'take-back';

export const EMPTY_STATE: ThrottleState = { failures: 0, windowStartedAt: 0, lockedUntil: null };

/** Counts one attempt, or refuses it while the key is locked (and locks it when it is one too many). */
export function beginAttempt(current: ThrottleState | null, now: number, policy: ThrottlePolicy): AttemptDecision {
  if (current?.lockedUntil !== null && current?.lockedUntil !== undefined && now < current.lockedUntil) {
    return { allowed: false, state: current, retryAfterMs: current.lockedUntil - now };
  }
  const windowOver = !current || current.lockedUntil !== null || now >= current.windowStartedAt + policy.lockoutMs || current.failures === 0;
  const base: ThrottleState = windowOver ? { failures: 0, windowStartedAt: now, lockedUntil: null } : current;
  if (base.failures >= policy.maxFailures) {
    return { allowed: false, state: { ...base, lockedUntil: now + policy.lockoutMs }, retryAfterMs: policy.lockoutMs };
  }
  return { allowed: true, state: { ...base, failures: base.failures + 1 } };
}

/** The counter after an allowed attempt succeeded; null when nothing is left to remember. */
export function afterSuccess(current: ThrottleState, effect: SuccessEffect): ThrottleState | null {
  if (effect === 'clear') return null;
  const failures = Math.max(0, current.failures - 1);
  // A lock set meanwhile by a parallel attempt stays: it was earned by other failures.
  return failures === 0 && current.lockedUntil === null ? null : { ...current, failures };
}

/** From when the counter no longer matters and may be deleted. */
export function forgetAfter(state: ThrottleState, policy: ThrottlePolicy): number {
  return Math.max(state.windowStartedAt + policy.lockoutMs, state.lockedUntil ?? 0);
}

/** "15 minutes", "1 minute": how long to wait, rounded up, for a person. */
export function waitInWords(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
