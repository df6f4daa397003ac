import { afterEach, describe, expect, it, vi } from 'vitest';
import { StalledError, stallGuard } from './stall-guard.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A fetch that never answers until its signal is aborted, like a connection to a dropping firewall. */
const hangingFetch: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
  });

describe('stallGuard', () => {
  it('aborts a request that gets no answer within the limit', async () => {
    vi.useFakeTimers();
    const guard = stallGuard(30_000, hangingFetch);
    const answer = guard.fetch('http://192.0.2.1/ggml-base.bin').catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(29_999);
    let settled = false;
    void answer.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toBeInstanceOf(StalledError);
  });

  it('starts the silence over with every touch, and keeps the caller’s own signal', async () => {
    vi.useFakeTimers();
    const guard = stallGuard(1000, hangingFetch);
    const cancel = new AbortController();
    const answer = guard.fetch('http://192.0.2.1/x', { signal: cancel.signal }).catch((error: unknown) => error);
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(900);
      guard.touch();
    }
    cancel.abort(new Error('cancelled'));
    expect(await answer).toMatchObject({ message: 'cancelled' });
    guard.stop();
  });
});
