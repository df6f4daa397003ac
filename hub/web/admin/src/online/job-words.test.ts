import { describe, expect, it } from 'vitest';
import { canCancel, canRetry, nextTryText, problemText, statusHint } from './job-words.ts';

describe('an online task in plain words', () => {
  it("explains the vendor's status before quoting its words", () => {
    expect(statusHint(429)).toContain('slow down');
    expect(statusHint(401)).toContain('credentials');
    expect(statusHint(503)).toContain('on its side');
    expect(statusHint(null)).toBeNull();
    expect(problemText({ lastError: 'Rate limit exceeded', lastStatus: 429, outcomeUnknown: false })).toBe(
      'The service asked the hub to slow down; it waits and tries again. The service said (429): “Rate limit exceeded”',
    );
    expect(problemText({ lastError: 'getaddrinfo ENOTFOUND toncenter.com', lastStatus: null, outcomeUnknown: true })).toBe(
      'Last problem: getaddrinfo ENOTFOUND toncenter.com A send was cut off: before sending again, the hub asks the service whether it went through.',
    );
    expect(problemText({ lastError: null, lastStatus: null, outcomeUnknown: false })).toBeNull();
  });

  it('says when a waiting task is tried next', () => {
    const now = Date.parse('2026-06-01T12:00:00.000Z');
    expect(nextTryText({ state: 'waiting', nextAttemptAt: '2026-06-01T12:03:00.000Z' }, now)).toBe('next try in 3 min');
    expect(nextTryText({ state: 'waiting', nextAttemptAt: '2026-06-01T11:59:00.000Z' }, now)).toBe('next try now');
    expect(nextTryText({ state: 'needs_person', nextAttemptAt: null }, now)).toBeNull();
  });

  it('retries what waits, cancels what is not finished', () => {
    expect([canRetry({ state: 'waiting' }), canRetry({ state: 'needs_person' }), canRetry({ state: 'running' }), canRetry({ state: 'done' })]).toEqual([true, true, false, false]);
    expect([canCancel({ state: 'running' }), canCancel({ state: 'cancelled' }), canCancel({ state: 'done' })]).toEqual([true, false, false]);
  });
});
