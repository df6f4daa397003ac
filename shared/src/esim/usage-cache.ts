import type { PurchaseStatus } from './purchase-lifecycle.ts';

/**
 * When to ask Airalo for an eSIM's usage (remaining data and days). Airalo allows 10 usage calls a
 * minute per ICCID and counts them against the venue's token, and usage moves slowly, so a cached
 * answer is shown for 15 minutes. A person's explicit refresh (a buyer's or the desk's button) is
 * honoured sooner, but not more than once a minute, so a tapping finger cannot spend the budget.
 */
export const USAGE_CACHE_MS = 15 * 60_000;
export const EXPLICIT_REFRESH_MS = 60_000;

export interface UsageFetchInput {
  status: PurchaseStatus;
  /** Epoch ms of the last usage answer for this ICCID (a failed call counts too), or null for never. */
  lastFetchedAt: number | null;
  /** True when a person pressed refresh; false for a page load or the background refresh. */
  explicit: boolean;
  now: number;
}

export type UsageFetchDecision =
  | { fetch: true; reason: 'never_fetched' | 'cache_expired' | 'explicit_refresh' | 'clock_moved_back' }
  | { fetch: false; reason: 'not_delivered' | 'cached'; retryAfterMs: number | null };

export function shouldFetchUsage(input: UsageFetchInput): UsageFetchDecision {
  // There is no ICCID to ask about before delivery; after a refund the eSIM is no longer the buyer's concern.
  if (input.status !== 'delivered') return { fetch: false, reason: 'not_delivered', retryAfterMs: null };
  if (input.lastFetchedAt === null) return { fetch: true, reason: 'never_fetched' };
  const age = input.now - input.lastFetchedAt;
  // A last fetch "in the future" means the hub's clock was set back; waiting for it would freeze the
  // cache for as long as the jump, so fetch now and let the new time start the count again.
  if (age < 0) return { fetch: true, reason: 'clock_moved_back' };
  if (age >= USAGE_CACHE_MS) return { fetch: true, reason: 'cache_expired' };
  if (input.explicit) {
    if (age >= EXPLICIT_REFRESH_MS) return { fetch: true, reason: 'explicit_refresh' };
    return { fetch: false, reason: 'cached', retryAfterMs: EXPLICIT_REFRESH_MS - age };
  }
  return { fetch: false, reason: 'cached', retryAfterMs: USAGE_CACHE_MS - age };
}
