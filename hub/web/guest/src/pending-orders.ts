/**
 * The guest's outbox for orders on patchy Wi-Fi. An order gets its UUIDv7 id when the guest taps
 * "Order" and is written to localStorage before the first attempt; the SAME id and body are then sent
 * until the hub answers. The hub treats a repeated id as the same order, so a lost answer never makes a
 * second order. Orders go one at a time, in the order they were tapped.
 */
import { ApiError } from '@onemoment/shared/client/api-client';
import type { Order, PlaceOrderBody } from './types.ts';

export interface PendingSummaryLine {
  name: string;
  quantity: number;
  modifierNames: string[];
  note: string;
}

export interface PendingOrder {
  id: string;
  body: PlaceOrderBody;
  /** What the guest saw when ordering, for the "Sending…" card. */
  summary: PendingSummaryLine[];
  totalMinor: number;
  currency: string;
  createdAt: string;
}

export interface OutboxStore {
  load(): PendingOrder[];
  save(orders: readonly PendingOrder[]): void;
}

export interface OutboxOptions {
  store: OutboxStore;
  send(body: PlaceOrderBody): Promise<Order>;
  onChange(orders: readonly PendingOrder[]): void;
  onDelivered(order: Order): void;
  /** The hub refused the order for good (4xx): the guest is told why, and the order is dropped. */
  onRejected(pending: PendingOrder, error: ApiError): void;
  /** Backoff before attempt n+1 (0-based); defaults to 1 s, 2 s, 4 s, then 8 s, with jitter. */
  delayMs?: (attempt: number) => number;
}

export function defaultDelayMs(attempt: number): number {
  const base = Math.min(8000, 1000 * 2 ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Worth trying again: no answer at all, the hub busy or failing, or our token being replaced. */
export function isRetryable(error: ApiError): boolean {
  return error.isNetwork || error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500;
}

export class OrderOutbox {
  private orders: PendingOrder[];
  private paused = true;
  private flushing = false;
  private kickedDuringFlush = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly delayMs: (attempt: number) => number;

  constructor(private readonly options: OutboxOptions) {
    this.orders = options.store.load();
    this.delayMs = options.delayMs ?? defaultDelayMs;
  }

  list(): readonly PendingOrder[] {
    return this.orders;
  }

  /** Persists first, then sends: a crash or reload right after the tap still has the order. */
  add(order: PendingOrder): void {
    if (this.orders.some((o) => o.id === order.id)) return;
    this.orders = [...this.orders, order];
    this.persist();
    this.kick();
  }

  /** Sending waits while the page has no valid session (joining, rejoining after a 401). */
  pause(): void {
    this.paused = true;
    this.clearTimer();
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  /** Try now (the tap, the `online` event, a new session), skipping any backoff wait. */
  kick(): void {
    this.clearTimer();
    this.attempt = 0;
    if (this.flushing) {
      this.kickedDuringFlush = true;
      return;
    }
    void this.flush();
  }

  stop(): void {
    this.pause();
  }

  private async flush(): Promise<void> {
    if (this.paused || this.flushing) return;
    this.flushing = true;
    this.kickedDuringFlush = false;
    try {
      while (!this.paused && this.orders.length > 0) {
        const next = this.orders[0]!;
        try {
          const order = await this.options.send(next.body);
          this.attempt = 0;
          this.drop(next.id);
          this.options.onDelivered(order);
        } catch (error) {
          const apiError = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
          if (!isRetryable(apiError)) {
            this.drop(next.id);
            this.options.onRejected(next, apiError);
            continue;
          }
          if (this.kickedDuringFlush && !this.paused) {
            // The connection came back while this attempt was failing: go again at once.
            this.kickedDuringFlush = false;
            continue;
          }
          this.schedule();
          return;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private schedule(): void {
    if (this.paused) return;
    this.clearTimer();
    const wait = this.delayMs(this.attempt);
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
  }

  private drop(id: string): void {
    this.orders = this.orders.filter((o) => o.id !== id);
    this.persist();
  }

  private persist(): void {
    this.options.store.save(this.orders);
    this.options.onChange(this.orders);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
