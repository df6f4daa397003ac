// At most N engine runs at once, a bounded line of waiters behind them. A translation engine is a
// CPU-heavy child process on a 2-core box that also runs Whisper and the order flow: without a bound,
// a burst of typed lines would starve everything else.

export type Slot = { granted: true; release(): void } | { granted: false; reason: 'busy' | 'aborted' };

interface Waiter {
  grant(): void;
}

export class RunLimiter {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    readonly maxRunning: number,
    /** Waiters beyond this are refused at once (`busy`): an answer in seconds beats a long queue. */
    readonly maxWaiting: number,
  ) {
    if (!Number.isInteger(maxRunning) || maxRunning < 1) throw new Error(`maxRunning must be a whole number of at least 1 (got ${maxRunning})`);
    if (!Number.isInteger(maxWaiting) || maxWaiting < 0) throw new Error(`maxWaiting must be a whole number of at least 0 (got ${maxWaiting})`);
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** A slot once one is free. Release it exactly when the work is over (a second release is ignored). */
  acquire(signal?: AbortSignal): Promise<Slot> {
    if (signal?.aborted) return Promise.resolve({ granted: false, reason: 'aborted' });
    if (this.active < this.maxRunning) {
      this.active += 1;
      return Promise.resolve(this.slot());
    }
    if (this.queue.length >= this.maxWaiting) return Promise.resolve({ granted: false, reason: 'busy' });
    return new Promise((resolve) => {
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        resolve({ granted: false, reason: 'aborted' });
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.slot());
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private slot(): Slot {
    let released = false;
    return {
      granted: true,
      release: () => {
        if (released) return;
        released = true;
        // The slot passes straight to the next waiter, so `active` never dips and lets a newcomer jump the line.
        const next = this.queue.shift();
        if (next) next.grant();
        else this.active -= 1;
      },
    };
  }
}
