/**
 * The PIN lockout rule, as pure functions over one client's record. A PIN has at most 10^8 values
 * (usually 10^4), so guessing must be slowed down: after `maxFailures` wrong PINs from one client,
 * each within `windowMs` of the one before, that client must wait `lockoutMs`.
 */
export interface FailureRecord {
  failures: number;
  /** ISO time until which the client is locked; null when it is not. */
  lockedUntil: string | null;
  /** ISO time of the latest wrong PIN. */
  updatedAt: string;
}

export interface LockoutRule {
  maxFailures: number;
  /** A wrong PIN older than this (counted from the latest one) is forgotten. */
  windowMs: number;
  lockoutMs: number;
}

export type LockStatus = { locked: false } | { locked: true; retryAfterMs: number };

export function lockStatus(record: FailureRecord | null, now: Date): LockStatus {
  if (!record?.lockedUntil) return { locked: false };
  const retryAfterMs = Date.parse(record.lockedUntil) - now.getTime();
  return retryAfterMs > 0 ? { locked: true, retryAfterMs } : { locked: false };
}

/** The record after one more wrong PIN. A lock that has run out, or a quiet spell, starts the count again. */
export function recordFailure(record: FailureRecord | null, now: Date, rule: LockoutRule): FailureRecord {
  const expiredLock = record?.lockedUntil != null && Date.parse(record.lockedUntil) <= now.getTime();
  const stale = record !== null && now.getTime() - Date.parse(record.updatedAt) > rule.windowMs;
  const failures = (record === null || expiredLock || stale ? 0 : record.failures) + 1;
  const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockoutMs).toISOString() : null;
  return { failures, lockedUntil, updatedAt: now.toISOString() };
}

/** Whole minutes to wait, rounded up, never 0: "wait 0 minutes" helps nobody. */
export function minutesToWait(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 60_000));
}

export function lockedOutMessage(retryAfterMs: number): string {
  const minutes = minutesToWait(retryAfterMs);
  return `Too many wrong PINs from this device. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, then try again, or ask a manager.`;
}
