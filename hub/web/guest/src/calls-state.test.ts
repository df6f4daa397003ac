import { describe, expect, it } from 'vitest';
import { latestCalls, mergeCalls, upsertCall } from './calls-state.ts';
import type { GuestCall } from './types.ts';

const call = (id: string, kind: GuestCall['kind'], minute: number, acknowledgedAt: string | null = null): GuestCall => ({
  id,
  kind,
  createdAt: `2025-01-01T20:${String(minute).padStart(2, '0')}:00.000Z`,
  acknowledgedAt,
});

describe('guest calls', () => {
  it('marks a call seen and never forgets that for a copy that does not know it', () => {
    const seen = upsertCall([call('a', 'waiter', 14)], call('a', 'waiter', 14, '2025-01-01T20:15:00.000Z'));
    expect(seen[0]!.acknowledgedAt).toBe('2025-01-01T20:15:00.000Z');
    // The POST's own answer (no acknowledgement) arriving late keeps it seen.
    expect(upsertCall(seen, call('a', 'waiter', 14))[0]!.acknowledgedAt).toBe('2025-01-01T20:15:00.000Z');
  });

  it('shows the newest call of each kind, waiter first', () => {
    const calls = mergeCalls([call('b', 'bill', 20)], [call('a', 'waiter', 14, '2025-01-01T20:15:00.000Z'), call('c', 'waiter', 30)]);
    expect(calls.map((c) => c.id)).toEqual(['c', 'b', 'a']);
    expect(latestCalls(calls).map((c) => c.id)).toEqual(['c', 'b']);
    expect(latestCalls([])).toEqual([]);
  });
});
