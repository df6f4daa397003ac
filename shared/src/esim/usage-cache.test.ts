import { describe, expect, it } from 'vitest';
import type { PurchaseStatus } from './purchase-lifecycle.ts';
import { EXPLICIT_REFRESH_MS, shouldFetchUsage, USAGE_CACHE_MS } from './usage-cache.ts';

const MINUTE = 60_000;
const now = Date.UTC(2026, 11, 7, 12, 0);
const delivered = { status: 'delivered' as PurchaseStatus, explicit: false, now };

describe('usage cache', () => {
  it('fetches a delivered eSIM never asked about', () => {
    expect(shouldFetchUsage({ ...delivered, lastFetchedAt: null })).toEqual({ fetch: true, reason: 'never_fetched' });
  });

  it('serves the cache for 15 minutes, then fetches', () => {
    expect(shouldFetchUsage({ ...delivered, lastFetchedAt: now - 14 * MINUTE })).toEqual({ fetch: false, reason: 'cached', retryAfterMs: MINUTE });
    expect(shouldFetchUsage({ ...delivered, lastFetchedAt: now - USAGE_CACHE_MS + 1 })).toEqual({ fetch: false, reason: 'cached', retryAfterMs: 1 });
    expect(shouldFetchUsage({ ...delivered, lastFetchedAt: now - USAGE_CACHE_MS })).toEqual({ fetch: true, reason: 'cache_expired' });
    expect(shouldFetchUsage({ ...delivered, lastFetchedAt: now - 3 * 24 * 60 * MINUTE })).toEqual({ fetch: true, reason: 'cache_expired' });
  });

  it('never fetches for an eSIM not delivered, even on an explicit refresh', () => {
    for (const status of ['awaiting_payment', 'paid', 'needs_person', 'refunded', 'cancelled'] as const) {
      expect(shouldFetchUsage({ status, lastFetchedAt: null, explicit: true, now })).toEqual({ fetch: false, reason: 'not_delivered', retryAfterMs: null });
    }
  });

  it("honours a person's refresh after one minute, and says how long to wait before that", () => {
    expect(shouldFetchUsage({ ...delivered, explicit: true, lastFetchedAt: now - EXPLICIT_REFRESH_MS })).toEqual({ fetch: true, reason: 'explicit_refresh' });
    expect(shouldFetchUsage({ ...delivered, explicit: true, lastFetchedAt: now - 40_000 })).toEqual({ fetch: false, reason: 'cached', retryAfterMs: 20_000 });
    expect(shouldFetchUsage({ ...delivered, explicit: true, lastFetchedAt: now })).toEqual({ fetch: false, reason: 'cached', retryAfterMs: EXPLICIT_REFRESH_MS });
  });

  it('fetches again when the clock was set back rather than freezing the cache', () => {
    expect(shouldFetchUsage({ ...delivered, lastFetchedAt: now + 2 * 60 * MINUTE })).toEqual({ fetch: true, reason: 'clock_moved_back' });
  });

  it('keeps within Airalo\'s 10 usage calls a minute per ICCID however often a person presses refresh', () => {
    let lastFetchedAt: number | null = null;
    let calls = 0;
    // A press every second for ten minutes.
    for (let t = now; t < now + 10 * MINUTE; t += 1000) {
      const decision = shouldFetchUsage({ status: 'delivered', explicit: true, lastFetchedAt, now: t });
      if (decision.fetch) {
        calls += 1;
        lastFetchedAt = t;
      }
    }
    expect(calls).toBe(10);
  });
});
