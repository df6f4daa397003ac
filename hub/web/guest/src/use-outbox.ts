/**
 * Binds the order outbox to the page: pending orders live in localStorage per table code, sending runs
 * only while a session is ready, and the `online` event triggers an immediate retry.
 */
import type { ApiClient, ApiError } from '@onemoment/shared/client/api-client';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { readJson, writeJson } from '../../common/storage.ts';
import { OrderOutbox, type PendingOrder } from './pending-orders.ts';
import type { Order } from './types.ts';

export interface OutboxHandlers {
  onDelivered(order: Order): void;
  onRejected(pending: PendingOrder, error: ApiError): void;
}

export function useOutbox(tableCode: string, api: ApiClient | null, handlers: OutboxHandlers) {
  const apiRef = useRef(api);
  apiRef.current = api;
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const outbox = useMemo(() => {
    const key = `om.guest.pending.${tableCode}`;
    return new OrderOutbox({
      store: { load: () => readJson<PendingOrder[]>(key) ?? [], save: (orders) => writeJson(key, orders) },
      send: (body) => {
        const client = apiRef.current;
        if (!client) return Promise.reject(new Error('no session'));
        return client.post<Order>('/api/guest/orders', body);
      },
      onChange: (orders) => setPending(orders),
      onDelivered: (order) => handlersRef.current.onDelivered(order),
      onRejected: (order, error) => handlersRef.current.onRejected(order, error),
    });
  }, [tableCode]);
  // Orders left from before a reload show as "Sending…" from the first paint.
  const [pending, setPending] = useState<readonly PendingOrder[]>(() => outbox.list());

  useEffect(() => {
    setPending(outbox.list());
    const onOnline = () => outbox.kick();
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
      outbox.stop();
    };
  }, [outbox]);

  useEffect(() => {
    if (api) outbox.resume();
    else outbox.pause();
  }, [api, outbox]);

  return { outbox, pending };
}
