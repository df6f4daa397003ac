/**
 * The guest's calls for the waiter and the bill, as the page holds them: read over HTTP on start,
 * added by the guest's own POST, and marked seen by `request.acknowledged`. Each arrives in any order,
 * so a copy that knows of an acknowledgement is never replaced by one that does not.
 */
import type { GuestCall, RequestKind } from './types.ts';

function byNewest(a: GuestCall, b: GuestCall): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}

export function upsertCall(calls: readonly GuestCall[], incoming: GuestCall): GuestCall[] {
  const existing = calls.find((call) => call.id === incoming.id);
  const merged: GuestCall = existing ? { ...incoming, acknowledgedAt: incoming.acknowledgedAt ?? existing.acknowledgedAt } : incoming;
  return [...calls.filter((call) => call.id !== incoming.id), merged].sort(byNewest);
}

export function mergeCalls(calls: readonly GuestCall[], fetched: readonly GuestCall[]): GuestCall[] {
  return fetched.reduce<GuestCall[]>((list, call) => upsertCall(list, call), [...calls]);
}

/** What the page shows: the newest call of each kind (an older one is answered or superseded). */
export function latestCalls(calls: readonly GuestCall[]): GuestCall[] {
  const kinds: RequestKind[] = ['waiter', 'bill'];
  return kinds.flatMap((kind) => {
    const newest = [...calls].sort(byNewest).find((call) => call.kind === kind);
    return newest ? [newest] : [];
  });
}
