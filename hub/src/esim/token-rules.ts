// When the hub asks Airalo for a new access token. Pure: the time comes in as an argument, so every rule
// is tested without a clock. The token endpoint allows only 3 calls a minute, so a token is asked for
// when there is none, when it is about to run out, or once after Airalo refuses it (401), never more.

/**
 * The documents say a token lasts 24 hours, while their own example answers an `expires_in` of about a
 * year. The answer is trusted; this lifetime is used only when `expires_in` is missing or unreadable.
 */
export const DOCUMENTED_LIFETIME_SECONDS = 86_400;

/** A token is renewed this long before it runs out at most (a tenth of a short lifetime, see refreshMarginMs). */
export const MAX_REFRESH_MARGIN_MS = 10 * 60_000;

export interface HeldToken {
  accessToken: string;
  /** When the request for it was sent (not answered): a slow answer makes the token look older, never younger. */
  obtainedAtMs: number;
  expiresAtMs: number;
}

/** When a token obtained at `obtainedAtMs` runs out, trusting Airalo's `expires_in` (seconds) when it is readable. */
export function expiresAtMs(obtainedAtMs: number, expiresInSeconds: unknown): number {
  const seconds = typeof expiresInSeconds === 'string' && /^\d+$/.test(expiresInSeconds.trim()) ? Number(expiresInSeconds) : expiresInSeconds;
  const lifetime = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : DOCUMENTED_LIFETIME_SECONDS;
  return obtainedAtMs + lifetime * 1000;
}

/**
 * How long before its end a token is renewed: ten minutes, or a tenth of its lifetime when that is
 * shorter (a token of one minute is renewed after 54 s, not refused ever after).
 */
export function refreshMarginMs(token: Pick<HeldToken, 'obtainedAtMs' | 'expiresAtMs'>): number {
  const lifetime = Math.max(0, token.expiresAtMs - token.obtainedAtMs);
  return Math.min(MAX_REFRESH_MARGIN_MS, lifetime / 10);
}

/** True when the hub must ask for a new token before its next call. */
export function shouldRefresh(token: HeldToken | null, nowMs: number): boolean {
  if (token === null || token.accessToken === '') return true;
  return nowMs >= token.expiresAtMs - refreshMarginMs(token);
}

/**
 * After Airalo answered 401 to a call: the first time, the token is dropped and the call goes once more
 * with a fresh one (a token revoked early, or a clock that drifted); a second 401 means the credentials
 * themselves are refused, and a person must look.
 */
export function afterUnauthorized(unauthorizedSoFar: number): 'refresh_and_retry' | 'give_up' {
  return unauthorizedSoFar <= 1 ? 'refresh_and_retry' : 'give_up';
}
