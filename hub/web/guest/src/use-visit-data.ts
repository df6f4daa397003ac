/**
 * The visit's live data: the menu in the chosen language and the visit's orders, read over HTTP and
 * then kept current by the `/guest` socket (opened with the read's `latestSeq`, so nothing in between
 * is lost). `menu.changed` and `resync` refetch; `visit.closed` ends the visit.
 */
import type { ApiClient } from '@onemoment/shared/client/api-client';
import { openRealtimeFeed, type FeedState, type HubEvent } from '@onemoment/shared/client/realtime-feed';
import type { ConversationLineEvent } from '@onemoment/shared/schemas/translator';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { mergeFetched, upsertOrder } from './orders-state.ts';
import type { GuestMenu, Order, OrdersResponse } from './types.ts';

const backoff = (attempt: number) => Math.min(8000, 1000 * 2 ** attempt);

export interface VisitDataOptions {
  api: ApiClient;
  token: string;
  language: string;
  setOrders: (update: (orders: Order[]) => Order[]) => void;
  onClosed(): void;
  onUnauthorized(): void;
  /** A translator line for this visit (staff may start talking while the guest is on the menu). */
  onConversationLine?(event: ConversationLineEvent): void;
}

export function useVisitData({ api, token, language, setOrders, onClosed, onUnauthorized, onConversationLine }: VisitDataOptions) {
  const [menu, setMenu] = useState<GuestMenu | null>(null);
  const [menuFailed, setMenuFailed] = useState(false);
  const [feedState, setFeedState] = useState<FeedState>('connecting');
  const languageRef = useRef(language);
  languageRef.current = language;
  const callbacks = useRef({ setOrders, onClosed, onUnauthorized, onConversationLine });
  callbacks.current = { setOrders, onClosed, onUnauthorized, onConversationLine };
  const menuTicket = useRef(0);
  const menuRetry = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadMenu = useCallback(
    async (attempt = 0): Promise<void> => {
      const ticket = ++menuTicket.current; // only the newest request may set the menu
      if (menuRetry.current) clearTimeout(menuRetry.current);
      try {
        const next = await api.get<GuestMenu>(`/api/guest/menu?lang=${encodeURIComponent(languageRef.current)}`);
        if (ticket !== menuTicket.current) return;
        setMenu(next);
        setMenuFailed(false);
      } catch {
        if (ticket !== menuTicket.current) return;
        setMenuFailed(true);
        menuRetry.current = setTimeout(() => void loadMenu(attempt + 1), backoff(attempt));
      }
    },
    [api],
  );

  useEffect(() => {
    void loadMenu();
    return () => {
      menuTicket.current += 1;
      if (menuRetry.current) clearTimeout(menuRetry.current);
    };
  }, [loadMenu, language]);

  const loadOrders = useCallback(async (): Promise<number> => {
    const response = await api.get<OrdersResponse>('/api/guest/orders');
    callbacks.current.setOrders((orders) => mergeFetched(orders, response.orders));
    return response.latestSeq ?? 0;
  }, [api]);

  useEffect(() => {
    let cancelled = false;
    let feed: ReturnType<typeof openRealtimeFeed> | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;

    const onEvent = (event: HubEvent) => {
      switch (event.type) {
        case 'order.placed':
        case 'order.updated':
          callbacks.current.setOrders((orders) => upsertOrder(orders, event.payload));
          break;
        case 'menu.changed':
          void loadMenu();
          break;
        case 'visit.closed':
          callbacks.current.onClosed();
          break;
        case 'conversation.line':
          callbacks.current.onConversationLine?.(event.payload);
          break;
      }
    };

    const start = async (attempt: number) => {
      let latestSeq: number;
      try {
        latestSeq = await loadOrders();
      } catch (error) {
        if (!cancelled && (error as { status?: number }).status !== 401) retry = setTimeout(() => void start(attempt + 1), backoff(attempt));
        return;
      }
      if (cancelled) return;
      feed = openRealtimeFeed({
        namespace: '/guest',
        token,
        lastSeq: latestSeq,
        onEvent,
        onResync: () => {
          void loadOrders().catch(() => undefined);
          void loadMenu();
        },
        onState: (state) => {
          if (!cancelled) setFeedState(state);
        },
        onUnauthorized: () => callbacks.current.onUnauthorized(),
      });
    };
    void start(0);
    return () => {
      cancelled = true;
      if (retry) clearTimeout(retry);
      feed?.close();
    };
  }, [token, loadOrders, loadMenu]);

  return { menu, menuFailed, feedState, reloadMenu: () => void loadMenu() };
}
