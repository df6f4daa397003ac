/**
 * Keeps a hotel page's own copy of the hub's data fresh: it reads once, then again whenever a
 * booking, a room or an overbooking changes (the /staff socket), and after the socket comes back from
 * offline (events may have been missed). Reads never pile up: a change during a read asks for one more.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HubEvent } from '@onemoment/shared/client/realtime-feed';
import { describeError } from '../api.ts';
import type { LiveStore } from '../live-store.ts';

export const HOTEL_EVENTS: ReadonlySet<HubEvent['type']> = new Set(['booking.changed', 'room.changed', 'overbooking.detected']);

export interface HotelLive<T> {
  data: T | null;
  error: string | null;
  /** Read again now (after one of this page's own actions, before its event arrives). */
  reload: () => void;
}

export function useHotelLive<T>(store: LiveStore, load: () => Promise<T>): HotelLive<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(load);
  latest.current = load;
  const state = useRef({ loading: false, again: false, stopped: false });
  const reload = useRef(() => {});

  reload.current = () => {
    const s = state.current;
    if (s.loading) {
      s.again = true;
      return;
    }
    s.loading = true;
    latest.current().then(
      (next) => {
        if (s.stopped) return;
        setData(next);
        setError(null);
      },
      (failure: unknown) => {
        if (!s.stopped) setError(describeError(failure));
      },
    ).finally(() => {
      s.loading = false;
      if (s.again && !s.stopped) {
        s.again = false;
        reload.current();
      }
    });
  };

  useEffect(() => {
    state.current.stopped = false;
    reload.current();
    const offEvent = store.onEvent((event) => {
      if (HOTEL_EVENTS.has(event.type)) reload.current();
    });
    const offReconnect = store.onReconnected(() => reload.current());
    return () => {
      state.current.stopped = true;
      offEvent();
      offReconnect();
    };
  }, [store]);

  return { data, error, reload: () => reload.current() };
}
