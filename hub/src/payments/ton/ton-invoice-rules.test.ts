import { describe, expect, it } from 'vitest';
import { EXPIRY_GRACE_MS, hasExpired, isOpen, isVerifiedOnline, remainingNanotons, statusForAmounts, tonTransferLink } from './ton-invoice-rules.ts';

const ADDRESS = 'UQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p9dz';

describe('TON invoice rules', () => {
  it('state follows the money: one nanoton short is underpaid, one over is overpaid', () => {
    expect(statusForAmounts(1000n, 0n)).toBe('awaiting');
    expect(statusForAmounts(1000n, 999n)).toBe('underpaid');
    expect(statusForAmounts(1000n, 1000n)).toBe('paid');
    expect(statusForAmounts(1000n, 1001n)).toBe('overpaid');
    expect(remainingNanotons(1000n, 999n)).toBe(1n);
    expect(remainingNanotons(1000n, 1001n)).toBe(0n);
    expect(isOpen('awaiting') && isOpen('underpaid')).toBe(true);
    expect(['paid', 'overpaid', 'expired', 'cancelled'].some((status) => isOpen(status as never))).toBe(false);
  });

  it('expires only once a poll that started past the expiry and its grace reached the API', () => {
    const invoice = { status: 'awaiting' as const, receivedNanotons: 0n, expiresAt: '2026-06-01T12:15:00.000Z' };
    const at = (ms: number) => new Date(Date.parse(invoice.expiresAt) + ms).toISOString();
    expect(hasExpired(invoice, null)).toBe(false);
    expect(hasExpired(invoice, at(EXPIRY_GRACE_MS - 1))).toBe(false);
    expect(hasExpired(invoice, at(EXPIRY_GRACE_MS))).toBe(true);
    // Money received, or another state: never expires by time.
    expect(hasExpired({ ...invoice, receivedNanotons: 1n }, at(EXPIRY_GRACE_MS * 10))).toBe(false);
    expect(hasExpired({ ...invoice, status: 'underpaid' }, at(EXPIRY_GRACE_MS * 10))).toBe(false);
    expect(hasExpired({ ...invoice, status: 'expired' }, null)).toBe(true);
  });

  it('is verified online only after a successful poll since it was made', () => {
    const invoice = { status: 'awaiting' as const, createdAt: '2026-06-01T12:00:00.000Z' };
    expect(isVerifiedOnline(invoice, { lastPollAt: null, lastPollError: null })).toBe(false);
    expect(isVerifiedOnline(invoice, { lastPollAt: '2026-06-01T11:59:59.999Z', lastPollError: null })).toBe(false);
    expect(isVerifiedOnline(invoice, { lastPollAt: '2026-06-01T12:00:00.000Z', lastPollError: null })).toBe(true);
    expect(isVerifiedOnline(invoice, { lastPollAt: '2026-06-01T12:00:05.000Z', lastPollError: 'The TON API failed (500)' })).toBe(false);
    expect(isVerifiedOnline({ ...invoice, status: 'paid' }, { lastPollAt: null, lastPollError: 'down' })).toBe(true);
  });

  it('builds the ton:// link with the amount in nanotons and the comment percent-encoded', () => {
    expect(tonTransferLink(ADDRESS, 4_072_200_000n, 'OM-7K2QH9XD')).toBe(`ton://transfer/${ADDRESS}?amount=4072200000&text=OM-7K2QH9XD`);
    expect(tonTransferLink(ADDRESS, 1n, 'a b&c=d/é')).toBe(`ton://transfer/${ADDRESS}?amount=1&text=a%20b%26c%3Dd%2F%C3%A9`);
    expect(() => tonTransferLink('0:abc', 1n, 'x')).toThrow(RangeError);
    expect(() => tonTransferLink(ADDRESS, -1n, 'x')).toThrow(RangeError);
  });
});
