import { inArray, lt } from 'drizzle-orm';
import type { Database, Db } from '../db/database.ts';
import { authThrottle } from '../db/schema.ts';
import { afterSuccess, beginAttempt, EMPTY_STATE, forgetAfter, type SuccessEffect, type ThrottlePolicy, type ThrottleState } from './throttle-rule.ts';

export type GateResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * The guessing counters, in Postgres (table auth_throttle), so that all cloud nodes share them. Each
 * attempt locks its keys' rows (in a fixed order, so two attempts never wait on each other in a
 * circle), applies the pure rule of throttle-rule.ts and writes the result in one transaction.
 */
export class AttemptThrottle {
  constructor(
    private readonly database: Database,
    private readonly now: () => number,
  ) {}

  /**
   * Counts an attempt against every key, or refuses it when any key is locked. A refused attempt
   * counts against none of them: a client that is locked out cannot go on using up an account's
   * failures (which would lock its owner out).
   */
  async begin(keys: string[], policy: ThrottlePolicy): Promise<GateResult> {
    const now = this.now();
    await this.database.db.delete(authThrottle).where(lt(authThrottle.expiresAt, new Date(now)));
    return this.database.transaction(async (tx) => {
      const current = await this.lockRows(tx, keys, now);
      const decisions = keys.map((key) => ({ key, decision: beginAttempt(current.get(key) ?? null, now, policy) }));
      const refused = decisions.filter((d) => !d.decision.allowed);
      // When refused, only the keys that refused change (a lock may have started); the others stay.
      for (const { key, decision } of refused.length > 0 ? refused : decisions) await this.write(tx, key, decision.state, policy);
      if (refused.length === 0) return { allowed: true };
      return { allowed: false, retryAfterMs: Math.max(...refused.map((d) => (d.decision.allowed ? 0 : d.decision.retryAfterMs))) };
    });
  }

  /** After an allowed attempt succeeded: see SuccessEffect for what each key forgets. */
  async succeeded(effects: Array<{ key: string; effect: SuccessEffect }>, policy: ThrottlePolicy): Promise<void> {
    const now = this.now();
    await this.database.transaction(async (tx) => {
      const current = await this.lockRows(tx, effects.map((e) => e.key), now);
      for (const { key, effect } of effects) {
        const state = current.get(key);
        if (!state) continue;
        const next = afterSuccess(state, effect);
        if (next) await this.write(tx, key, next, policy);
        else await tx.delete(authThrottle).where(inArray(authThrottle.key, [key]));
      }
    });
  }

  private async lockRows(tx: Db, keys: string[], now: number): Promise<Map<string, ThrottleState>> {
    const sorted = [...new Set(keys)].sort();
    // A row must exist to be locked: two first attempts at once must not both start from nothing.
    await tx
      .insert(authThrottle)
      .values(sorted.map((key) => ({ key, failures: EMPTY_STATE.failures, windowStartedAt: new Date(now), lockedUntil: null, expiresAt: new Date(now) })))
      .onConflictDoNothing();
    const found = await tx.select().from(authThrottle).where(inArray(authThrottle.key, sorted)).orderBy(authThrottle.key).for('update');
    return new Map(
      found.map((row) => [
        row.key,
        { failures: row.failures, windowStartedAt: row.windowStartedAt.getTime(), lockedUntil: row.lockedUntil ? row.lockedUntil.getTime() : null },
      ]),
    );
  }

  private async write(tx: Db, key: string, state: ThrottleState, policy: ThrottlePolicy): Promise<void> {
    const values = {
      failures: state.failures,
      windowStartedAt: new Date(state.windowStartedAt),
      lockedUntil: state.lockedUntil === null ? null : new Date(state.lockedUntil),
      expiresAt: new Date(forgetAfter(state, policy)),
    };
    await tx
      .insert(authThrottle)
      .values({ key, ...values })
      .onConflictDoUpdate({ target: authThrottle.key, set: values });
  }
}
