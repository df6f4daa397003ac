/**
 * The floor as the staff see it: tables and today's orders, fetched over HTTP and then kept live by
 * the /staff socket. The fetch returns the event log's `latestSeq`, the socket starts from there, so
 * nothing that happens between the two is lost; after a `resync` the lists are fetched again and
 * the events that arrived meanwhile are applied on top.
 */
import { openRealtimeFeed, type FeedState, type HubEvent, type RealtimeFeed } from '@onemoment/shared/client/realtime-feed';
import { api, ApiError, describeError } from './api.ts';
import type { Order, Table } from './types.ts';

export interface LiveSnapshot {
  tables: Table[] | null;
  orders: Order[] | null;
  feed: FeedState;
  error: string | null;
}

type Listener = () => void;

const RECENT_EVENTS = 300;
const RETRY_MS = 3000;

export class LiveStore {
  private tables: Table[] | null = null;
  private orders = new Map<string, Order>();
  private ordersLoaded = false;
  private feedState: FeedState = 'connecting';
  private error: string | null = null;
  private feed: RealtimeFeed | null = null;
  private recent: HubEvent[] = [];
  private listeners = new Set<Listener>();
  private menuListeners = new Set<Listener>();
  private eventListeners = new Set<(event: HubEvent) => void>();
  private reconnectListeners = new Set<Listener>();
  private snapshot: LiveSnapshot;
  private tablesLoading = false;
  private tablesAgain = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {
    this.snapshot = this.makeSnapshot();
  }

  start(): void {
    void this.boot();
  }

  stop(): void {
    this.stopped = true;
    this.feed?.close();
    this.feed = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.listeners.clear();
    this.menuListeners.clear();
    this.eventListeners.clear();
    this.reconnectListeners.clear();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Pages that show the menu refresh when a manager changes it anywhere. */
  onMenuChanged(listener: Listener): () => void {
    this.menuListeners.add(listener);
    return () => this.menuListeners.delete(listener);
  }

  /** Every event as it arrives, for pages that keep their own state (the translator). */
  onEvent(listener: (event: HubEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /**
   * After the socket came back from offline, or the hub could not replay what was missed: pages that
   * keep their own copy of something (a bill) read it again, as events may have been missed.
   */
  onReconnected(listener: Listener): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  getSnapshot(): LiveSnapshot {
    return this.snapshot;
  }

  /** Apply an order the hub just returned to one of our own actions, before its event arrives. */
  upsertOrder(order: Order): void {
    this.mergeOrder(order);
    this.publish();
    this.refreshTables();
  }

  refreshTables(): void {
    void this.loadTables();
  }

  /** Everything again, e.g. after a resync or when the person taps "refresh". */
  async reload(): Promise<void> {
    await Promise.all([this.loadOrders(), this.loadTables()]);
  }

  private async boot(): Promise<void> {
    try {
      const [ordersSeq, tablesSeq] = await Promise.all([this.loadOrders(true), this.loadTables(true)]);
      if (this.stopped) return;
      this.openFeed(Math.min(ordersSeq, tablesSeq));
    } catch (error) {
      if (this.stopped) return;
      this.error = describeError(error);
      this.feedState = 'offline';
      this.publish();
      this.retryTimer = setTimeout(() => void this.boot(), RETRY_MS);
    }
  }

  private openFeed(lastSeq: number): void {
    this.feed = openRealtimeFeed({
      namespace: '/staff',
      token: this.token,
      lastSeq,
      onEvent: (event) => this.handleEvent(event),
      onResync: () => {
        void this.reload().catch((error: unknown) => this.fail(error));
        this.notifyReconnected();
      },
      onState: (state) => {
        const wasOffline = this.feedState === 'offline';
        this.feedState = state;
        this.publish();
        // Events missed while offline come back by replay; tables are derived state, so refresh them too.
        if (state === 'live' && wasOffline) {
          this.refreshTables();
          this.notifyReconnected();
        }
      },
      onUnauthorized: () => this.onUnauthorized(),
    });
  }

  private notifyReconnected(): void {
    for (const listener of this.reconnectListeners) listener();
  }

  private handleEvent(event: HubEvent): void {
    this.recent.push(event);
    if (this.recent.length > RECENT_EVENTS) this.recent.shift();
    this.applyEvent(event);
    this.publish();
    for (const listener of this.eventListeners) listener(event);
  }

  private applyEvent(event: HubEvent): void {
    switch (event.type) {
      case 'order.placed':
      case 'order.updated':
        this.mergeOrder(event.payload);
        this.refreshTables();
        break;
      case 'menu.changed':
        for (const listener of this.menuListeners) listener();
        break;
      case 'conversation.started':
      case 'conversation.updated':
      case 'conversation.closed':
      case 'conversation.line': // the translator's own; no table changes
      case 'printer.status':
      case 'bill.changed': // the bill's own; the table panel's bill reads it (its total is the orders')
      case 'payment.recorded':
      case 'bill.settled':
      case 'ton.invoice_updated':
      case 'booking.changed': // the hotel pages follow these themselves
      case 'room.changed':
      case 'overbooking.detected':
      case 'esim.sale_changed': // the eSIM lists and the bill follow it themselves
        break;
      default:
        // visit.*, request.*, table.changed: the table's state is computed by the hub.
        this.refreshTables();
    }
  }

  /** Keep the newest version of an order; a late replay never rolls a status back. */
  private mergeOrder(order: Order): void {
    const known = this.orders.get(order.id);
    if (known && Date.parse(known.updatedAt) > Date.parse(order.updatedAt)) return;
    this.orders.set(order.id, order);
  }

  private async loadOrders(throwOnError = false): Promise<number> {
    try {
      const result = await api.get<{ orders: Order[]; latestSeq?: number }>('/api/orders?status=all');
      const latestSeq = result.latestSeq ?? 0;
      this.orders = new Map(result.orders.map((order) => [order.id, order]));
      this.ordersLoaded = true;
      // Events that arrived while the list was in flight are newer than it: apply them again.
      for (const event of this.recent) {
        if (event.seq > latestSeq && (event.type === 'order.placed' || event.type === 'order.updated')) {
          this.mergeOrder(event.payload);
        }
      }
      this.error = null;
      this.publish();
      return latestSeq;
    } catch (error) {
      // A hub without the restaurant (a hotel's front desk) has no orders: nothing to show, nothing wrong.
      if (isNotHere(error)) return this.noRestaurant();
      if (throwOnError) throw error;
      this.fail(error);
      return 0;
    }
  }

  private noRestaurant(): number {
    this.ordersLoaded = true;
    this.error = null;
    this.publish();
    return 0;
  }

  private async loadTables(throwOnError = false): Promise<number> {
    if (this.tablesLoading && !throwOnError) {
      this.tablesAgain = true;
      return 0;
    }
    this.tablesLoading = true;
    try {
      const result = await api.get<{ tables: Table[]; latestSeq?: number }>('/api/tables');
      this.tables = result.tables;
      this.error = null;
      this.publish();
      return result.latestSeq ?? 0;
    } catch (error) {
      if (isNotHere(error)) return this.noRestaurant();
      if (throwOnError) throw error;
      this.fail(error);
      return 0;
    } finally {
      this.tablesLoading = false;
      if (this.tablesAgain && !this.stopped) {
        this.tablesAgain = false;
        void this.loadTables();
      }
    }
  }

  private fail(error: unknown): void {
    this.error = describeError(error);
    this.publish();
  }

  private makeSnapshot(): LiveSnapshot {
    const orders = this.ordersLoaded
      ? [...this.orders.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
      : null;
    return { tables: this.tables, orders, feed: this.feedState, error: this.error };
  }

  private publish(): void {
    if (this.stopped) return;
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}

/** The hub answered 404: this hub does not run the module the list belongs to. */
function isNotHere(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
