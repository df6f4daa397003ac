/**
 * A GET that refreshes when the board changes, at most every THROTTLE_MS: a rush of 200 orders costs
 * a handful of requests, and the panel never lags more than that behind. Answers that arrive out of
 * order are dropped, so an old answer never replaces a newer one.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';

const THROTTLE_MS = 400;

export interface Refreshing<T> {
  data: T | null;
  failed: boolean;
}

export function useRefreshing<T>(path: string, changes: number): Refreshing<T> {
  const [state, setState] = useState<Refreshing<T>>({ data: null, failed: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const requested = useRef(0);
  const applied = useRef(0);
  const lastStart = useRef(Number.NEGATIVE_INFINITY);
  const mounted = useRef(true);

  useEffect(() => {
    if (timer.current) return; // a refresh is already on its way and will see this change
    // The first change after a quiet spell is fetched at once; the ones behind it wait their turn.
    const delay = Math.max(0, lastStart.current + THROTTLE_MS - performance.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      lastStart.current = performance.now();
      const ticket = ++requested.current;
      api
        .get<T>(path)
        .then((data) => {
          if (!mounted.current || ticket < applied.current) return;
          applied.current = ticket;
          setState({ data, failed: false });
        })
        .catch(() => {
          if (mounted.current) setState((current) => ({ ...current, failed: true }));
        });
    }, delay);
  }, [path, changes]);

  useEffect(
    () => () => {
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return state;
}
