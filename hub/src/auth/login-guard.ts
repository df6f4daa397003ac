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

/**
 * The hub-wide brake on wrong PINs. A lock per client stops one tablet, but forty devices on the
 * venue Wi-Fi (or one that changes its address) could share the guessing. So every wrong PIN, from
 * anyone, also spends one unit of a budget that refills slowly: `capacity` wrong PINs per `windowMs`.
 * While the budget is spent, no PIN is checked at all (a right one would still tell the guesser it is
 * right); it refills continuously, so an honest login waits seconds, not the whole window.
 */
export interface BrakeState {
  /** Wrong PINs the hub can still take before it brakes (fractional while refilling). */
  budget: number;
  /** ISO time the budget was last computed. */
  updatedAt: string;
  /** ISO time the brake last tripped (budget reached zero); null when it never has. */
  trippedAt: string | null;
}

export interface BrakeRule {
  capacity: number;
  windowMs: number;
}

export type BrakeStatus = { braked: false; budget: number } | { braked: true; retryAfterMs: number };

function refilled(state: BrakeState | null, now: Date, rule: BrakeRule): number {
  if (!state) return rule.capacity;
  const elapsedMs = Math.max(0, now.getTime() - Date.parse(state.updatedAt));
  return Math.min(rule.capacity, state.budget + (elapsedMs * rule.capacity) / rule.windowMs);
}

export function brakeStatus(state: BrakeState | null, now: Date, rule: BrakeRule): BrakeStatus {
  const budget = refilled(state, now, rule);
  if (budget >= 1) return { braked: false, budget };
  // Rounded to the microsecond first: the budget is a float, and 19,999.9999 ms is 20 s to a person.
  const waitMs = Math.round(((1 - budget) * rule.windowMs * 1000) / rule.capacity) / 1000;
  return { braked: true, retryAfterMs: Math.ceil(waitMs) };
}

/** The state after one more wrong PIN anywhere on the hub. */
export function spendBrake(state: BrakeState | null, now: Date, rule: BrakeRule): BrakeState {
  const budget = Math.max(0, refilled(state, now, rule) - 1);
  const trippedAt = budget < 1 ? now.toISOString() : (state?.trippedAt ?? null);
  return { budget, updatedAt: now.toISOString(), trippedAt };
}

export function brakedMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `This hub has had many wrong PINs in the last minutes, so PIN logins are slowed down: try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}. Managers see this on the admin page.`;
}
