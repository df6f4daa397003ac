import type Database from 'better-sqlite3';
import type { LoginBrake } from '@onemoment/shared/schemas/auth';
import type { HubConfig } from '../config.ts';
import { HubError } from '../errors.ts';
import {
  brakedMessage,
  brakeStatus,
  lockedOutMessage,
  lockStatus,
  recordFailure,
  spendBrake,
  type BrakeRule,
  type BrakeState,
  type FailureRecord,
  type LockoutRule,
} from './login-guard.ts';

export type ThrottleVerdict = { kind: 'open' } | { kind: 'locked'; retryAfterMs: number } | { kind: 'braked'; retryAfterMs: number };

/**
 * The SQLite side of the PIN rules in login-guard.ts: wrong PINs per client key (an IP address, or
 * `pin-check:<staffId>` for a manager learning that a PIN is taken) and the hub-wide brake. Every
 * method must run inside a command, so a counted failure commits with the rest of it.
 */
export class LoginThrottle {
  private readonly lockout: LockoutRule;
  private readonly brake: BrakeRule;
  private readonly sql: {
    failuresOf: Database.Statement;
    saveFailures: Database.Statement;
    forgetOldFailures: Database.Statement;
    brakeState: Database.Statement;
    saveBrake: Database.Statement;
  };

  constructor(sqlite: Database.Database, config: Pick<HubConfig, 'pinMaxFailures' | 'pinLockoutMs' | 'pinHubMaxFailures' | 'pinHubWindowMs'>) {
    this.lockout = { maxFailures: config.pinMaxFailures, windowMs: config.pinLockoutMs, lockoutMs: config.pinLockoutMs };
    this.brake = { capacity: config.pinHubMaxFailures, windowMs: config.pinHubWindowMs };
    this.sql = {
      failuresOf: sqlite.prepare('SELECT failures, locked_until AS lockedUntil, updated_at AS updatedAt FROM login_failures WHERE client_key = ?'),
      saveFailures: sqlite.prepare(
        `INSERT INTO login_failures (client_key, failures, locked_until, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (client_key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
      ),
      // Keeps the table as small as the set of clients that failed recently.
      forgetOldFailures: sqlite.prepare('DELETE FROM login_failures WHERE updated_at < ? AND (locked_until IS NULL OR locked_until < ?)'),
      brakeState: sqlite.prepare('SELECT budget, updated_at AS updatedAt, tripped_at AS trippedAt FROM login_brake WHERE id = 1'),
      saveBrake: sqlite.prepare(
        `INSERT INTO login_brake (id, budget, updated_at, tripped_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET budget = excluded.budget, updated_at = excluded.updated_at, tripped_at = excluded.tripped_at`,
      ),
    };
  }

  /** Whether a PIN from this client may be checked now. The client's own lock is told first: it is the one it can wait out. */
  verdict(clientKey: string, now: Date, options: { hubBrake: boolean } = { hubBrake: true }): ThrottleVerdict {
    const lock = lockStatus(this.record(clientKey), now);
    if (lock.locked) return { kind: 'locked', retryAfterMs: lock.retryAfterMs };
    if (options.hubBrake) {
      const brake = brakeStatus(this.brakeState(), now, this.brake);
      if (brake.braked) return { kind: 'braked', retryAfterMs: brake.retryAfterMs };
    }
    return { kind: 'open' };
  }

  /**
   * Counts one wrong PIN against the client (and, for logins, the hub's budget). A right PIN later
   * forgives nothing: failures only age out, or the lock would be free to step around.
   * Returns whether this failure tripped the hub's brake.
   */
  countFailure(clientKey: string, now: Date, options: { hubBrake: boolean } = { hubBrake: true }): { trippedBrake: boolean } {
    const next = recordFailure(this.record(clientKey), now, this.lockout);
    this.sql.saveFailures.run(clientKey, next.failures, next.lockedUntil, next.updatedAt);
    const cutoff = new Date(now.getTime() - this.lockout.windowMs).toISOString();
    this.sql.forgetOldFailures.run(cutoff, now.toISOString());
    if (!options.hubBrake) return { trippedBrake: false };
    const before = this.brakeState();
    const after = spendBrake(before, now, this.brake);
    this.sql.saveBrake.run(after.budget, after.updatedAt, after.trippedAt);
    return { trippedBrake: after.trippedAt !== null && after.trippedAt !== before?.trippedAt };
  }

  /** The brake as a manager sees it. */
  brakeReport(now: Date): LoginBrake {
    const state = this.brakeState();
    const status = brakeStatus(state, now, this.brake);
    return {
      braked: status.braked,
      retryAfterSeconds: status.braked ? Math.max(1, Math.ceil(status.retryAfterMs / 1000)) : null,
      failuresLeft: status.braked ? 0 : Math.floor(status.budget),
      maxFailures: this.brake.capacity,
      windowMinutes: Math.round(this.brake.windowMs / 60_000),
      lastTrippedAt: state?.trippedAt ?? null,
    };
  }

  private record(clientKey: string): FailureRecord | null {
    return (this.sql.failuresOf.get(clientKey) as FailureRecord | undefined) ?? null;
  }

  private brakeState(): BrakeState | null {
    return (this.sql.brakeState.get() as BrakeState | undefined) ?? null;
  }
}

/** The 429 for a verdict that is not open, with its Retry-After in the details. */
export function throttledError(verdict: Exclude<ThrottleVerdict, { kind: 'open' }>): HubError {
  const retryAfterSeconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
  if (verdict.kind === 'braked') return new HubError(429, 'logins_braked', brakedMessage(verdict.retryAfterMs), { retryAfterSeconds });
  return new HubError(429, 'locked_out', lockedOutMessage(verdict.retryAfterMs), { retryAfterSeconds });
}
