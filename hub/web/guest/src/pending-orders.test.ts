import { ApiError } from '@onemoment/shared/client/api-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OrderOutbox, type PendingOrder } from './pending-orders.ts';
import type { Order, PlaceOrderBody } from './types.ts';

const pendingOrder = (id: string): PendingOrder => ({
  id,
  body: { id, items: [{ menuItemId: 'lemonade', quantity: 1 }] },
  summary: [{ name: 'Lemonade', quantity: 1, modifierNames: [], note: '' }],
  totalMinor: 450,
  currency: 'EUR',
  createdAt: '2025-01-01T12:00:00.000Z',
});

function setup(send: (body: PlaceOrderBody) => Promise<Order>, stored: PendingOrder[] = []) {
  let saved: readonly PendingOrder[] = stored;
  const delivered: Order[] = [];
  const rejected: string[] = [];
  const outbox = new OrderOutbox({
    store: { load: () => [...saved], save: (orders) => (saved = [...orders]) },
    send,
    onChange: () => undefined,
    onDelivered: (order) => delivered.push(order),
    onRejected: (order, error) => rejected.push(`${order.id}:${error.code}`),
    delayMs: (attempt) => 1000 * 2 ** attempt,
  });
  return { outbox, saved: () => saved, delivered, rejected };
}

const asOrder = (body: PlaceOrderBody) => ({ id: body.id, status: 'placed' }) as Order;

describe('order outbox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stores the order before sending and retries the same id and body until the hub answers', async () => {
    const bodies: PlaceOrderBody[] = [];
    let failures = 2;
    const send = vi.fn(async (body: PlaceOrderBody) => {
      bodies.push(body);
      if (failures-- > 0) throw new ApiError(0, 'network', 'offline');
      return asOrder(body);
    });
    const { outbox, saved, delivered } = setup(send);
    outbox.resume();
    outbox.add(pendingOrder('o1'));
    expect(saved().map((o) => o.id)).toEqual(['o1']);
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(send).toHaveBeenCalledTimes(3);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(delivered.map((o) => o.id)).toEqual(['o1']);
    expect(saved()).toEqual([]);
  });

  it('drops an order the hub refuses with a 4xx and tells why', async () => {
    const send = vi.fn(async () => {
      throw new ApiError(409, 'item_unavailable', 'Lemonade is sold out.');
    });
    const { outbox, saved, rejected } = setup(send);
    outbox.resume();
    outbox.add(pendingOrder('o1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(rejected).toEqual(['o1:item_unavailable']);
    expect(saved()).toEqual([]);
  });

  it('sends orders left from before a reload, one at a time, in the order tapped', async () => {
    const order: string[] = [];
    let inFlight = 0;
    const send = vi.fn(async (body: PlaceOrderBody) => {
      inFlight += 1;
      expect(inFlight).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight -= 1;
      order.push(body.id);
      return asOrder(body);
    });
    const { outbox } = setup(send, [pendingOrder('o1'), pendingOrder('o2')]);
    expect(outbox.list()).toHaveLength(2);
    outbox.resume();
    outbox.kick(); // an `online` event while the first is in flight must not start a second request
    await vi.advanceTimersByTimeAsync(50);
    expect(order).toEqual(['o1', 'o2']);
  });

  it('waits while paused and goes at once when kicked (the online event) instead of waiting out the backoff', async () => {
    let online = false;
    const send = vi.fn(async (body: PlaceOrderBody) => {
      if (!online) throw new ApiError(0, 'network', 'offline');
      return asOrder(body);
    });
    const { outbox, delivered } = setup(send);
    outbox.add(pendingOrder('o1'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(send).not.toHaveBeenCalled();
    outbox.resume();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(send).toHaveBeenCalledTimes(3);
    online = true;
    outbox.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered.map((o) => o.id)).toEqual(['o1']);
  });
});
