/**
 * eSIM purchases, kept live: read once, then again on every `esim.sale_changed` the filter could
 * include, and after the socket was away. Reads never overlap: an event during a read asks for one
 * more read after it. A hub without the eSIM module answers 404: `missing`, and the page shows nothing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PurchaseStatus } from '@onemoment/shared/esim/purchase-lifecycle';
import type { EsimPurchase } from '@onemoment/shared/schemas/esim';
import { ApiError, api, describeError } from '../api.ts';
import type { LiveStore } from '../live-store.ts';

export interface PurchaseFilter {
  status?: PurchaseStatus;
  visitId?: string;
}

export interface LivePurchases {
  purchases: EsimPurchase[] | null;
  error: string | null;
  /** The hub runs no eSIM module. */
  missing: boolean;
  reload: () => void;
}

export function purchasesPath(filter: PurchaseFilter): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.visitId) params.set('visitId', filter.visitId);
  const query = params.toString();
  return `/api/esim/purchases${query ? `?${query}` : ''}`;
}

export function useEsimPurchases(store: LiveStore, filter: PurchaseFilter | null): LivePurchases {
  const [purchases, setPurchases] = useState<EsimPurchase[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const reloadRef = useRef<() => void>(() => {});
  const path = filter ? purchasesPath(filter) : null;

  useEffect(() => {
    setPurchases(null);
    setError(null);
    if (path === null) {
      reloadRef.current = () => {};
      return;
    }
    const state = { busy: false, again: false, stopped: false };
    const read = async () => {
      if (state.busy) {
        state.again = true;
        return;
      }
      state.busy = true;
      try {
        const loaded = await api.get<EsimPurchase[]>(path);
        if (!state.stopped) {
          setPurchases(loaded);
          setError(null);
        }
      } catch (failure) {
        if (state.stopped) return;
        if (failure instanceof ApiError && failure.status === 404) setMissing(true);
        else setError(describeError(failure));
      } finally {
        state.busy = false;
        if (state.again && !state.stopped) {
          state.again = false;
          void read();
        }
      }
    };
    reloadRef.current = () => void read();
    void read();
    const offEvent = store.onEvent((event) => {
      if (event.type !== 'esim.sale_changed') return;
      // Another visit's sale cannot change this visit's list. Any other change may move a sale into or
      // out of the status shown (the event carries only the new one), so the list is read again.
      if (filter?.visitId && event.payload.visitId !== filter.visitId) return;
      void read();
    });
    const offReconnect = store.onReconnected(() => void read());
    return () => {
      state.stopped = true;
      offEvent();
      offReconnect();
    };
  }, [store, path]);

  return { purchases, error, missing, reload: () => reloadRef.current() };
}
