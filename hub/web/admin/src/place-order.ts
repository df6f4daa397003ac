/**
 * Placing an order from a tablet on venue Wi-Fi: the request may reach the hub while its answer is
 * lost. The order id is made here, once per order, and every retry sends the same id, so the hub
 * answers a repeat with the order it already has (200) instead of cooking the dish twice.
 */
import { ApiError, type ApiClient } from './api.ts';
import type { Order, OrderLineInput } from './types.ts';

export interface PlaceOrderRequest {
  id: string;
  tableId: string;
  items: OrderLineInput[];
}

export interface RetryOptions {
  attempts?: number;
  /** Wait before retry n (1-based); kept injectable so tests need no real time. */
  delayMs?: (attempt: number) => number;
  wait?: (ms: number) => Promise<void>;
  onRetry?: (attempt: number) => void;
}

const defaultWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function placeOrderWithRetry(api: ApiClient, request: PlaceOrderRequest, options: RetryOptions = {}): Promise<Order> {
  const attempts = options.attempts ?? 5;
  const delayMs = options.delayMs ?? ((attempt: number) => Math.min(400 * 2 ** (attempt - 1), 3000));
  const wait = options.wait ?? defaultWait;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await api.post<Order>('/api/orders', request);
    } catch (error) {
      // Only a lost answer is worth repeating; a 4xx is the hub's decision and repeating changes nothing.
      const retryable = error instanceof ApiError && error.isNetwork;
      if (!retryable || attempt >= attempts) throw error;
      options.onRetry?.(attempt);
      await wait(delayMs(attempt));
    }
  }
}
