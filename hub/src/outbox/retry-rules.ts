// When a failed job is tried again, and when it stops being tried and waits for a person. Pure: time
// and randomness come in as arguments, so every rule is tested without a clock or a timer.
import { VendorError } from './vendor-adapter.ts';

export interface RetryPolicy {
  /** The first retry waits up to this long; each later one up to twice the one before. */
  baseMs: number;
  /** No backoff waits longer than this (a vendor's Retry-After may). */
  capMs: number;
  /** Sends of one job (each counts when it starts); after the last one fails, a person looks. */
  maxAttempts: number;
  /** A Retry-After further away than this is read as this (a vendor asking for a week is a mistake). */
  maxRetryAfterMs: number;
}

/**
 * Defaults for a venue: about two hours of tries (the backoff reaches its 10-minute cap after ten) before
 * a job waits for a person, so an evening's outage drains by itself and a dead request does not linger.
 */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 2_000, capMs: 600_000, maxAttempts: 30, maxRetryAfterMs: 86_400_000 };

/**
 * Exponential backoff with full jitter (uniform between 0 and the capped exponential step), so jobs that
 * failed together do not all come back together. `attempt` is the number of sends made so far (1 after
 * the first); `random` returns [0, 1).
 */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs'>, random: () => number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 52);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.floor(draw * ceiling);
}

/**
 * An HTTP Retry-After header as milliseconds from `now`: either delta-seconds ("120") or an HTTP date
 * ("Wed, 21 Oct 2026 07:28:00 GMT"). A date in the past is 0; anything else unreadable is null.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only dates that look like dates: Date.parse reads "1" or "-5" as years.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

/** What went wrong with one send, as the outbox sees it. */
export interface Failure {
  kind: 'retry' | 'rate_limited' | 'permanent';
  message: string;
  status: number | null;
  retryAfterMs: number | null;
}

/** A thrown error as a failure: a VendorError says its kind; anything else is worth another try. */
export function failureOf(error: unknown, vendorLabel: string): Failure {
  if (error instanceof VendorError) {
    return { kind: error.kind, message: error.message, status: error.options.status ?? null, retryAfterMs: error.options.retryAfterMs ?? null };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'retry', message: `Could not reach ${vendorLabel}: ${detail}`, status: null, retryAfterMs: null };
}

export type RetryDecision = { kind: 'retry'; delayMs: number } | { kind: 'needs_person'; message: string };

/**
 * After a failed send (`attempts` sends made so far, this one included): wait and try again, or stop and
 * wait for a person. A Retry-After is honoured when it asks for longer than the backoff would wait.
 */
export function decideRetry(failure: Failure, attempts: number, policy: RetryPolicy, random: () => number): RetryDecision {
  if (failure.kind === 'permanent') return { kind: 'needs_person', message: failure.message };
  if (attempts >= policy.maxAttempts) {
    const tries = attempts === 1 ? 'once' : `${attempts} times`;
    return { kind: 'needs_person', message: `Tried ${tries} without success. The last answer: ${failure.message}` };
  }
  const backoff = backoffMs(attempts, policy, random);
  const asked = failure.retryAfterMs === null ? 0 : Math.min(Math.max(failure.retryAfterMs, 0), policy.maxRetryAfterMs);
  return { kind: 'retry', delayMs: Math.max(backoff, asked) };
}

/**
 * The usual reading of an HTTP answer that was not a success, for adapters: 429 is rate limited (with its
 * Retry-After), 408, 425 and 5xx are worth another try, any other 4xx is the request's own fault.
 */
export function vendorErrorForStatus(status: number, message: string, retryAfter: string | null, now: Date): VendorError {
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return new VendorError('rate_limited', message, retryAfterMs === null ? { status } : { status, retryAfterMs });
  }
  if (status === 408 || status === 425 || status >= 500) {
    const retryAfterMs = status === 503 ? parseRetryAfter(retryAfter, now) : null;
    return new VendorError('retry', message, retryAfterMs === null ? { status } : { status, retryAfterMs });
  }
  return new VendorError('permanent', message, { status });
}
