/**
 * Counts unknown table codes per client, so nobody on the Wi-Fi can walk through codes to find a
 * table's link. Only failures count: a busy venue's real scans never trip it, and the hub's own tests
 * and benchmarks (all from one address) can join as often as they like.
 */
export interface JoinLimiterOptions {
  maxFailures: number;
  windowMs: number;
  /** Beyond this many tracked clients, expired entries are swept so memory stays bounded. */
  sweepAbove?: number;
}

interface Window {
  startedAt: number;
  failures: number;
}

export class JoinLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly options: JoinLimiterOptions) {}

  /** Whether the client may try a code now; false while it is locked out. */
  allows(client: string, nowMs: number): boolean {
    const window = this.windows.get(client);
    if (!window) return true;
    if (nowMs - window.startedAt >= this.options.windowMs) {
      this.windows.delete(client);
      return true;
    }
    return window.failures < this.options.maxFailures;
  }

  recordFailure(client: string, nowMs: number): void {
    const window = this.windows.get(client);
    if (!window || nowMs - window.startedAt >= this.options.windowMs) {
      this.windows.set(client, { startedAt: nowMs, failures: 1 });
      this.sweep(nowMs);
      return;
    }
    window.failures += 1;
  }

  /** Seconds until the client's window ends (for Retry-After). */
  retryAfterSeconds(client: string, nowMs: number): number {
    const window = this.windows.get(client);
    if (!window) return 0;
    return Math.max(1, Math.ceil((window.startedAt + this.options.windowMs - nowMs) / 1000));
  }

  get trackedClients(): number {
    return this.windows.size;
  }

  private sweep(nowMs: number): void {
    if (this.windows.size <= (this.options.sweepAbove ?? 10_000)) return;
    for (const [client, window] of this.windows) {
      if (nowMs - window.startedAt >= this.options.windowMs) this.windows.delete(client);
    }
  }
}
