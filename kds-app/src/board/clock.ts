/**
 * One clock for the whole screen: a single interval ticks every second and every timer on every card
 * reads it, so 200 tickets cost one timer, not 200.
 *
 * Ticket ages are measured against the hub's clock, not the tablet's: a cheap kitchen tablet with a
 * wrong clock would otherwise show every ticket as late (or negative). Each live event carries the
 * hub's time `at`; the tablet's offset is the largest `at - now` among recent events (delivery delay
 * only ever makes that difference smaller, so the largest is the closest).
 */
import { useEffect, useRef, useState } from 'preact/hooks';

type Listener = (now: number) => void;

const listeners = new Set<Listener>();
let timer: ReturnType<typeof setInterval> | null = null;
let offsetSamples: number[] = [];
let offsetMs = 0;

const MAX_SAMPLES = 20;
/** Replayed events are old; only events stamped in the last minute say anything about the clock. */
const MAX_PLAUSIBLE_DELAY_MS = 60_000;

export function hubNow(): number {
  return Date.now() + offsetMs;
}

export function noteHubTime(at: string): void {
  const hubMs = Date.parse(at);
  if (!Number.isFinite(hubMs)) return;
  const sample = hubMs - Date.now();
  // A sample far below the current estimate is a replayed (old) event, not a clock change.
  if (offsetSamples.length > 0 && sample < offsetMs - MAX_PLAUSIBLE_DELAY_MS) return;
  offsetSamples = [...offsetSamples.slice(-(MAX_SAMPLES - 1)), sample];
  offsetMs = Math.max(...offsetSamples);
}

function tick(): void {
  const now = hubNow();
  for (const listener of listeners) listener(now);
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (!timer) timer = setInterval(tick, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * A value derived from the clock. The component renders again only when `select(now)` changes, so a
 * card can follow its colour (which changes a few times) without rendering every second.
 */
export function useClock<T>(select: (now: number) => T): T {
  const [value, setValue] = useState(() => select(hubNow()));
  const latest = useRef(select);
  latest.current = select;
  useEffect(() => {
    setValue(latest.current(hubNow()));
    return subscribe((now) => setValue(latest.current(now)));
  }, []);
  return value;
}
