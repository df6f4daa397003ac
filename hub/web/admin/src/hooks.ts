import { useEffect, useRef, useState } from 'preact/hooks';
import type { LiveSnapshot, LiveStore } from './live-store.ts';

/** Re-render with the live store's newest snapshot. */
export function useLive(store: LiveStore): LiveSnapshot {
  const [snapshot, setSnapshot] = useState(store.getSnapshot());
  useEffect(() => {
    setSnapshot(store.getSnapshot());
    return store.subscribe(() => setSnapshot(store.getSnapshot()));
  }, [store]);
  return snapshot;
}

/** The current time, ticking so ages ("12 min") stay true without a reload. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** An object URL for a Blob-producing loader; revoked when the component or the key changes. */
export function useObjectUrl(key: string | null, load: () => Promise<Blob>): { url: string | null; error: string | null } {
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    let url: string | null = null;
    setState({ url: null, error: null });
    load().then(
      (blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setState({ url, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState({ url: null, error: error instanceof Error ? error.message : 'Could not load.' });
      },
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
    // The key names what is loaded; the loader itself is a fresh closure on every render.
  }, [key]);
  return state;
}

/**
 * Calls `load` now, then `intervalMs` after each answer, while the page is visible: a hidden tab asks
 * the hub nothing, and asks at once when it is shown again. One call at a time, never a pile-up on a
 * slow network. `deps` start it over (a filter changed).
 */
export function useVisiblePoll(load: () => Promise<unknown>, intervalMs: number, deps: readonly unknown[] = []): void {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let inFlight = false;
    let stopped = false;
    const visible = () => document.visibilityState === 'visible';
    const schedule = () => {
      if (!stopped && timer === null && visible()) timer = setTimeout(() => void run(), intervalMs);
    };
    const run = async () => {
      timer = null;
      if (stopped || inFlight || !visible()) return;
      inFlight = true;
      try {
        await latest.current();
      } catch {
        // The loader shows its own failure; the next turn tries again.
      } finally {
        inFlight = false;
        schedule();
      }
    };
    const onVisibility = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (visible()) void run();
    };
    document.addEventListener('visibilitychange', onVisibility);
    void run();
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs, ...deps]);
}
