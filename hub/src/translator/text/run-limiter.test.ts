import { describe, expect, it } from 'vitest';
import { RunLimiter, type Slot } from './run-limiter.ts';

function release(slot: Slot): void {
  if (!slot.granted) throw new Error(`expected a slot, got ${slot.reason}`);
  slot.release();
}

describe('RunLimiter', () => {
  it('grants up to maxRunning at once and hands each freed slot to the next waiter in order', async () => {
    const limiter = new RunLimiter(2, 5);
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    const granted: string[] = [];
    const third = limiter.acquire().then((slot) => (granted.push('third'), slot));
    const fourth = limiter.acquire().then((slot) => (granted.push('fourth'), slot));
    await Promise.resolve();
    expect({ running: limiter.running, waiting: limiter.waiting, granted }).toEqual({ running: 2, waiting: 2, granted: [] });

    release(first);
    expect((await third).granted).toBe(true);
    expect(granted).toEqual(['third']);
    expect({ running: limiter.running, waiting: limiter.waiting }).toEqual({ running: 2, waiting: 1 });

    release(second);
    release(await third);
    release(await fourth);
    expect(granted).toEqual(['third', 'fourth']);
    expect({ running: limiter.running, waiting: limiter.waiting }).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses as busy beyond maxWaiting, and a double release frees one slot only', async () => {
    const limiter = new RunLimiter(1, 1);
    const running = await limiter.acquire();
    const waiting = limiter.acquire();
    expect(await limiter.acquire()).toEqual({ granted: false, reason: 'busy' });
    release(running);
    release(running);
    const next = await waiting;
    expect(limiter.running).toBe(1);
    release(next);
    expect(limiter.running).toBe(0);
  });

  it('lets a waiter leave the line when its signal aborts', async () => {
    const limiter = new RunLimiter(1, 3);
    const running = await limiter.acquire();
    const controller = new AbortController();
    const leaving = limiter.acquire(controller.signal);
    const staying = limiter.acquire();
    controller.abort();
    expect(await leaving).toEqual({ granted: false, reason: 'aborted' });
    expect(limiter.waiting).toBe(1);
    release(running);
    release(await staying);
    expect(limiter.running).toBe(0);
    expect(await limiter.acquire(AbortSignal.abort())).toEqual({ granted: false, reason: 'aborted' });
  });

  it('refuses nonsense limits', () => {
    expect(() => new RunLimiter(0, 1)).toThrow('maxRunning');
    expect(() => new RunLimiter(1, -1)).toThrow('maxWaiting');
  });
});
