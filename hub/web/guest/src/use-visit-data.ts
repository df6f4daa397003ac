/**
 * The visit's live data: the menu in the chosen language and the visit's orders, read over HTTP and
 * then kept current by the `/guest` socket (opened with the read's `latestSeq`, so nothing in between
 * is lost). `menu.changed` and `resync` refetch; `visit.closed` ends the visit; `visit.moved` and the
 * start's `GET /api/guest/visit` name the visit's table (a stored name may be from before a move); the
 * bill's events go to whoever holds the bill, an eSIM sale's change to whoever shows the eSIM.
 */
import type { ApiClient } from '@onemoment/shared/client/api-client';
import { openRealtimeFeed, type FeedState, type HubEvent } from '@onemoment/shared/client/realtime-feed';
import type { EsimSale } from '@onemoment/shared/schemas/esim';
import type { ConversationLineEvent } from '@onemoment/shared/schemas/translator';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { onWorkerTakeover } from './offline/register.ts';
import { mergeFetched, upsertOrder } from './orders-state.ts';
import type { GuestMenu, GuestRequest, GuestVisit, Order, OrdersResponse, VisitMoved } from './types.ts';

const backoff = (attempt: number) => Math.min(8000, 1000 * 2 ** attempt);

/** The bill moved on: changed (read it again), a payment was recorded, a TON invoice changed state. */
export type BillEvent = Extract<HubEvent, { type: 'bill.changed' | 'payment.recorded' | 'ton.invoice_updated' }>;

export interface VisitDataOptions {
  api: ApiClient;
  token: string;
  language: string;
  setOrders: (update: (orders: Order[]) => Order[]) => void;
  onClosed(): void;
  onUnauthorized(): void;
  /** The hub named the visit's table: at start, and live when staff move the party. */
  onTable(table: { tableId: string; tableName: string }, moved: VisitMoved | null): void;
  onRequestAcknowledged(request: GuestRequest): void;
  /** The socket missed too much: whatever the page reads besides orders and menu is read again. */
  onResync(): void;
  /** A translator line for this visit (staff may start talking while the guest is on the menu). */
  onConversationLine?(event: ConversationLineEvent): void;
  onBillEvent?(event: BillEvent): void;
  /** One of the visit's eSIM purchases changed (no codes in it: the purchase is read again). */
  onEsimChanged?(sale: EsimSale): void;
}

export function useVisitData(options: VisitDataOptions) {
  const { api, token, language } = options;
  const [menu, setMenu] = useState<GuestMenu | null>(null);
  const [menuFailed, setMenuFailed] = useState(false);
  const [feedState, setFeedState] = useState<FeedState>('connecting');
  const languageRef = useRef(language);
  languageRef.current = language;
  const callbacks = useRef(options);
  callbacks.current = options;
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

  useEffect(() => onWorkerTakeover(() => void loadMenu()), [loadMenu]);

  // Where the party sits now, and whether the visit is still open: a 401 `visit_closed` reaches the
  // session through the api client; an answer of a closed visit ends it here.
  const loadVisit = useCallback(async () => {
    const visit = await api.get<GuestVisit>('/api/guest/visit');
    if (visit.status === 'closed') callbacks.current.onClosed();
    else callbacks.current.onTable({ tableId: visit.tableId, tableName: visit.tableName }, null);
  }, [api]);

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
        case 'visit.moved':
          callbacks.current.onTable({ tableId: event.payload.tableId, tableName: event.payload.tableName }, event.payload);
          break;
        case 'request.acknowledged':
          callbacks.current.onRequestAcknowledged(event.payload);
          break;
        case 'conversation.line':
          callbacks.current.onConversationLine?.(event.payload);
          break;
        case 'bill.changed':
        case 'payment.recorded':
        case 'ton.invoice_updated':
          callbacks.current.onBillEvent?.(event);
          break;
        case 'esim.sale_changed':
          callbacks.current.onEsimChanged?.(event.payload);
          break;
      }
    };

    const start = async (attempt: number) => {
      if (attempt === 0) void loadVisit().catch(() => undefined); // offline: the stored name stands
      let latestSeq: number;
      try {
        latestSeq = await loadOrders();
      } catch (error) {
        if (cancelled || (error as { status?: number }).status === 401) return;
        setFeedState('offline'); // the hub cannot be reached: the dot says so while the page runs from what it kept
        retry = setTimeout(() => {
          retry = null;
          void start(attempt + 1);
        }, backoff(attempt));
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
          void loadVisit().catch(() => undefined);
          void loadMenu();
          callbacks.current.onResync();
        },
        onState: (state) => {
          if (!cancelled) setFeedState(state);
        },
        onUnauthorized: () => callbacks.current.onUnauthorized(),
      });
    };
    void start(0);
    // Back on the Wi-Fi: read now rather than at the end of the backoff.
    const onOnline = () => {
      if (!retry) return;
      clearTimeout(retry);
      retry = null;
      void start(1);
    };
    window.addEventListener('online', onOnline);
    return () => {
      cancelled = true;
      window.removeEventListener('online', onOnline);
      if (retry) clearTimeout(retry);
      feed?.close();
    };
  }, [token, loadOrders, loadMenu, loadVisit]);

  return { menu, menuFailed, feedState, reloadMenu: () => void loadMenu() };
}
