import { describe, expect, it } from 'vitest';
import { backoffMs, decideRetry, DEFAULT_RETRY, failureOf, parseRetryAfter, vendorErrorForStatus, type Failure, type RetryPolicy } from './retry-rules.ts';
import { VendorError } from './vendor-adapter.ts';

const policy: RetryPolicy = { baseMs: 100, capMs: 1_000, maxAttempts: 5, maxRetryAfterMs: 60_000 };
const now = new Date('2026-06-01T12:00:00Z');
const failure = (kind: Failure['kind'], retryAfterMs: number | null = null): Failure => ({ kind, message: 'TON Center answered 503', status: 503, retryAfterMs });

/** mulberry32, so a run can be replayed by its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('backoff with full jitter', () => {
  it('doubles its ceiling with each attempt up to the cap', () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6, 40].map((attempt) => backoffMs(attempt, policy, top))).toEqual([99, 199, 399, 799, 999, 999, 999]);
  });

  it('draws anywhere from 0 to the ceiling, never past it, from the random source given', () => {
    expect(backoffMs(3, policy, () => 0)).toBe(0);
    expect(backoffMs(3, policy, () => 0.5)).toBe(200);
    const random = seeded(42);
    const draws = Array.from({ length: 2_000 }, () => backoffMs(4, policy, random));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(800);
    // Spread over the whole range, not bunched: each quarter gets a fair share.
    const quarters = [0, 1, 2, 3].map((q) => draws.filter((d) => d >= q * 200 && d < (q + 1) * 200).length);
    for (const count of quarters) expect(count).toBeGreaterThan(400);
  });

  it('is the same for the same seed', () => {
    const a = seeded(7);
    const b = seeded(7);
    expect(Array.from({ length: 10 }, (_, i) => backoffMs(i + 1, policy, a))).toEqual(Array.from({ length: 10 }, (_, i) => backoffMs(i + 1, policy, b)));
  });

  it('keeps a huge attempt count finite', () => {
    expect(backoffMs(10_000, DEFAULT_RETRY, () => 0.999)).toBeLessThanOrEqual(DEFAULT_RETRY.capMs);
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('2026', now)).toBe(2_026_000);
  });

  it('reads an HTTP date against now, and a date in the past as no wait', () => {
    expect(parseRetryAfter('Mon, 01 Jun 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 01 Jun 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [null, undefined, '', 'soon', '-5', '1.5', 'Tomorrow-ish']) expect(parseRetryAfter(value, now), String(value)).toBeNull();
  });
});

describe('what happens after a failed send', () => {
  const half = () => 0.5;

  it('waits the backoff for a retryable failure', () => {
    expect(decideRetry(failure('retry'), 1, policy, half)).toEqual({ kind: 'retry', delayMs: 50 });
    expect(decideRetry(failure('retry'), 3, policy, half)).toEqual({ kind: 'retry', delayMs: 200 });
  });

  it('honours a Retry-After that asks for longer than the backoff, and not one that asks for less', () => {
    expect(decideRetry(failure('rate_limited', 5_000), 1, policy, half)).toEqual({ kind: 'retry', delayMs: 5_000 });
    expect(decideRetry(failure('rate_limited', 10), 4, policy, half)).toEqual({ kind: 'retry', delayMs: 400 });
  });

  it('reads an absurd Retry-After as the longest it allows', () => {
    expect(decideRetry(failure('rate_limited', 30 * 86_400_000), 1, policy, half)).toEqual({ kind: 'retry', delayMs: 60_000 });
  });

  it('hands a permanent failure to a person at once, in the vendor’s words', () => {
    expect(decideRetry({ ...failure('permanent'), message: 'Airalo refused: the package no longer exists' }, 1, policy, half)).toEqual({
      kind: 'needs_person',
      message: 'Airalo refused: the package no longer exists',
    });
  });

  it('hands a job to a person after its last attempt, saying how often it tried and the last answer', () => {
    expect(decideRetry(failure('retry'), 4, policy, half).kind).toBe('retry');
    expect(decideRetry(failure('retry'), 5, policy, half)).toEqual({ kind: 'needs_person', message: 'Tried 5 times without success. The last answer: TON Center answered 503' });
    expect(decideRetry(failure('rate_limited', 1_000), 5, policy, half).kind).toBe('needs_person');
    expect(decideRetry(failure('retry'), 1, { ...policy, maxAttempts: 1 }, half)).toMatchObject({ message: expect.stringMatching(/^Tried once/) });
  });
});

describe('reading errors and HTTP answers', () => {
  it('takes a VendorError’s kind, status and Retry-After', () => {
    expect(failureOf(new VendorError('rate_limited', 'Slow down', { status: 429, retryAfterMs: 2_000 }), 'TON')).toEqual({
      kind: 'rate_limited',
      message: 'Slow down',
      status: 429,
      retryAfterMs: 2_000,
    });
  });

  it('counts any other error as worth another try, naming the vendor', () => {
    expect(failureOf(new TypeError('fetch failed'), 'TON payments check')).toEqual({
      kind: 'retry',
      message: 'Could not reach TON payments check: fetch failed',
      status: null,
      retryAfterMs: null,
    });
  });

  it('reads statuses the usual way', () => {
    const kinds = [400, 401, 404, 408, 409, 422, 425, 429, 500, 502, 503].map((status) => [status, vendorErrorForStatus(status, 'x', null, now).kind]);
    expect(kinds).toEqual([
      [400, 'permanent'],
      [401, 'permanent'],
      [404, 'permanent'],
      [408, 'retry'],
      [409, 'permanent'],
      [422, 'permanent'],
      [425, 'retry'],
      [429, 'rate_limited'],
      [500, 'retry'],
      [502, 'retry'],
      [503, 'retry'],
    ]);
    expect(vendorErrorForStatus(429, 'Too many', '3', now).options).toEqual({ status: 429, retryAfterMs: 3_000 });
    expect(vendorErrorForStatus(503, 'Down for maintenance', 'Mon, 01 Jun 2026 12:01:00 GMT', now).options).toEqual({ status: 503, retryAfterMs: 60_000 });
  });
});
