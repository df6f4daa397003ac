// A download must not hang forever on a network that swallows packets: a firewall that drops them
// leaves a connection attempt (or a half-sent file) waiting for minutes with no error. The guard wraps
// fetch so that a request whose answer, or whose next bytes, do not come within `stallMs` is aborted;
// downloadModel then reports it as unreachable (no answer) or interrupted (the file stopped coming).

export interface StallGuard {
  fetch: typeof fetch;
  /** Bytes arrived: the silence starts over. */
  touch(): void;
  /** The download is over: no more timers. */
  stop(): void;
}

export class StalledError extends Error {
  constructor(stallMs: number) {
    super(`no answer from the model server for ${Math.round(stallMs / 1000)} s`);
    this.name = 'StalledError';
  }
}

export function stallGuard(stallMs: number, fetchImpl: typeof fetch): StallGuard {
  let timer: NodeJS.Timeout | null = null;
  let controller: AbortController | null = null;

  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => controller?.abort(new StalledError(stallMs)), stallMs);
    timer.unref();
  };

  const guarded: typeof fetch = (input, init) => {
    controller = new AbortController();
    arm();
    const signals = init?.signal ? [init.signal, controller.signal] : [controller.signal];
    return fetchImpl(input, { ...init, signal: AbortSignal.any(signals) });
  };

  return {
    fetch: guarded,
    touch: () => {
      if (controller) arm();
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
      controller = null;
    },
  };
}
