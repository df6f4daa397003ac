import { describe, expect, it } from 'vitest';
import { JoinLimiter } from './join-limiter.ts';

describe('JoinLimiter', () => {
  it('locks a client out after too many unknown codes, until its window ends', () => {
    const limiter = new JoinLimiter({ maxFailures: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(limiter.allows('10.0.0.5', 1_000 + i)).toBe(true);
      limiter.recordFailure('10.0.0.5', 1_000 + i);
    }
    expect(limiter.allows('10.0.0.5', 2_000)).toBe(false);
    expect(limiter.retryAfterSeconds('10.0.0.5', 2_000)).toBe(59);
    expect(limiter.allows('10.0.0.5', 61_000)).toBe(true);
  });

  it('keeps clients apart', () => {
    const limiter = new JoinLimiter({ maxFailures: 1, windowMs: 60_000 });
    limiter.recordFailure('10.0.0.5', 0);
    expect(limiter.allows('10.0.0.5', 1)).toBe(false);
    expect(limiter.allows('10.0.0.6', 1)).toBe(true);
  });

  it('forgets expired clients once it tracks many, so memory stays bounded', () => {
    const limiter = new JoinLimiter({ maxFailures: 5, windowMs: 1_000, sweepAbove: 10 });
    for (let i = 0; i < 10; i++) limiter.recordFailure(`10.0.0.${i}`, 0);
    limiter.recordFailure('10.0.1.1', 5_000);
    expect(limiter.trackedClients).toBe(1);
  });
});
