/**
 * A visit's bill, kept live: read once, then read again whenever an event touches it (an order, a
 * payment, a discount, a split, a TON invoice) and after the socket was away. Reads never overlap: an
 * event during a read asks for one more read after it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import type { LiveStore } from '../live-store.ts';
import type { BillView } from '../types.ts';
import { billVisitOf } from './bill-words.ts';

export interface LiveBill {
  bill: BillView | null;
  error: string | null;
  /** Show a bill the hub just answered to one of our own actions, before its event arrives. */
  show: (bill: BillView) => void;
  reload: () => void;
}

export function useBill(store: LiveStore, visitId: string | null): LiveBill {
  const [bill, setBill] = useState<BillView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reading = useRef<{ busy: boolean; again: boolean; visitId: string | null }>({ busy: false, again: false, visitId });
  const reloadRef = useRef<() => void>(() => {});

  useEffect(() => {
    const state = { busy: false, again: false, visitId };
    reading.current = state;
    let stopped = false;
    const read = async () => {
      if (state.busy) {
        state.again = true;
        return;
      }
      state.busy = true;
      try {
        const loaded = await api.get<BillView>(`/api/visits/${encodeURIComponent(visitId!)}/bill`);
        if (!stopped) {
          setBill(loaded);
          setError(null);
        }
      } catch (failure) {
        if (!stopped) setError(describeError(failure));
      } finally {
        state.busy = false;
        if (state.again && !stopped) {
          state.again = false;
          void read();
        }
      }
    };
    setBill(null);
    setError(null);
    if (visitId === null) {
      reloadRef.current = () => {};
      return;
    }
    reloadRef.current = () => void read();
    void read();
    const offEvent = store.onEvent((event) => {
      if (billVisitOf(event) === visitId) void read();
    });
    const offReconnect = store.onReconnected(() => void read());
    return () => {
      stopped = true;
      offEvent();
      offReconnect();
    };
  }, [store, visitId]);

  return {
    bill,
    error,
    show: (next) => {
      if (next.visitId === reading.current.visitId) setBill(next);
    },
    reload: () => reloadRef.current(),
  };
}
