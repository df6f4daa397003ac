import { describe, expect, it } from 'vitest';
import { afterUnauthorized, DOCUMENTED_LIFETIME_SECONDS, expiresAtMs, MAX_REFRESH_MARGIN_MS, refreshMarginMs, shouldRefresh, type HeldToken } from './token-rules.ts';

const at = Date.UTC(2026, 11, 7, 12, 0, 0);
const held = (lifetimeSeconds: number): HeldToken => ({ accessToken: 'token-1', obtainedAtMs: at, expiresAtMs: at + lifetimeSeconds * 1000 });

describe('Airalo token rules', () => {
  it("trusts expires_in, even a year as in Airalo's own example", () => {
    expect(expiresAtMs(at, 31_622_400)).toBe(at + 31_622_400_000);
    expect(expiresAtMs(at, '3600')).toBe(at + 3_600_000);
  });

  it('falls back to the documented 24 hours when expires_in is missing or unreadable', () => {
    for (const unreadable of [undefined, null, 0, -5, 'soon', Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(expiresAtMs(at, unreadable)).toBe(at + DOCUMENTED_LIFETIME_SECONDS * 1000);
    }
  });

  it('asks for a token when there is none', () => {
    expect(shouldRefresh(null, at)).toBe(true);
    expect(shouldRefresh({ ...held(3600), accessToken: '' }, at)).toBe(true);
  });

  it('keeps a long-lived token until ten minutes before its end', () => {
    const token = held(86_400);
    expect(refreshMarginMs(token)).toBe(MAX_REFRESH_MARGIN_MS);
    expect(shouldRefresh(token, at + 86_400_000 - MAX_REFRESH_MARGIN_MS - 1)).toBe(false);
    expect(shouldRefresh(token, at + 86_400_000 - MAX_REFRESH_MARGIN_MS)).toBe(true);
    expect(shouldRefresh(token, at + 86_400_000 + 1)).toBe(true);
  });

  it('renews a short token a tenth of its lifetime early, so it is still used most of its life', () => {
    const token = held(60);
    expect(refreshMarginMs(token)).toBe(6_000);
    expect(shouldRefresh(token, at + 53_999)).toBe(false);
    expect(shouldRefresh(token, at + 54_000)).toBe(true);
  });

  it('refreshes once after a 401 and gives up on the second', () => {
    expect(afterUnauthorized(1)).toBe('refresh_and_retry');
    expect(afterUnauthorized(2)).toBe('give_up');
    expect(afterUnauthorized(3)).toBe('give_up');
  });
});
