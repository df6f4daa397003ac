/**
 * What the hub still owes the internet, for the header: the cloud's unsynced changes, the online tasks
 * waiting, the TON payments not confirmed yet. Asked every few seconds while the page is visible (a
 * hidden tab asks nothing), and at once after a payment or a TON invoice changes. A hub without one of
 * these (a module not running: 404) is not asked again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { useVisiblePoll } from '../hooks.ts';
import type { LiveStore } from '../live-store.ts';
import type { OutboxSummary, TonUnconfirmed } from '../types.ts';
import type { OwedInputs, SyncOwed } from './owed-words.ts';

const REFRESH_MS = 10_000;

interface SyncStatus {
  paired: boolean;
  pendingUpdates: number;
  oldestPendingAgeMs: number;
}

type Owed = Omit<OwedInputs, 'currency'>;

export function useOwed(store: LiveStore): Owed & { refresh: () => void } {
  const [owed, setOwed] = useState<Owed>({ sync: null, outbox: null, ton: null });
  const missing = useRef(new Set<string>());
  const refreshRef = useRef<() => void>(() => {});

  const ask = async <T,>(path: string): Promise<T | null> => {
    if (missing.current.has(path)) return null;
    try {
      return await api.get<T>(path);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) missing.current.add(path);
      return null;
    }
  };

  const load = async () => {
    const [sync, outbox, ton] = await Promise.all([
      ask<SyncStatus>('/api/sync/status'),
      ask<OutboxSummary>('/api/outbox/summary'),
      ask<TonUnconfirmed>('/api/payments/ton/unconfirmed'),
    ]);
    const readAt = Date.now();
    const syncOwed: SyncOwed | null = sync ? { paired: sync.paired, pendingUpdates: sync.pendingUpdates, oldestPendingAgeMs: sync.oldestPendingAgeMs, readAt } : null;
    setOwed({ sync: syncOwed, outbox, ton });
  };
  refreshRef.current = () => void load();
  useVisiblePoll(load, REFRESH_MS);

  useEffect(
    () =>
      store.onEvent((event) => {
        if (event.type === 'ton.invoice_updated' || event.type === 'payment.recorded') refreshRef.current();
      }),
    [store],
  );

  return { ...owed, refresh: () => refreshRef.current() };
}
