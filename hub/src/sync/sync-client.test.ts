import { describe, expect, it } from 'vitest';
import { backoffDelay, socketBase } from './sync-client.ts';

describe('reconnecting', () => {
  it('doubles the wait from 1 s to 30 s, with jitter between half and all of it', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 40].map((attempt) => backoffDelay(attempt, 1_000, 30_000, () => 1));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoffDelay(0, 1_000, 30_000, () => 0)).toBe(500);
    for (let i = 0; i < 100; i += 1) {
      const delay = backoffDelay(3, 1_000, 30_000);
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });

  it('turns the cloud address into its socket address', () => {
    expect(socketBase('http://127.0.0.1:8090/')).toBe('ws://127.0.0.1:8090');
    expect(socketBase('https://cloud.example.com')).toBe('wss://cloud.example.com');
    expect(socketBase('https://cloud.example.com/onemoment/')).toBe('wss://cloud.example.com/onemoment');
  });
});
