import type Database from 'better-sqlite3';
import type { LocalizedText } from '@onemoment/shared/localized-text';
import { checkItemStep, isFinal, statusFromItems, type ItemStatus, type ItemStepName, type OrderStatus } from '@onemoment/shared/restaurant/order-lifecycle';
import {
  EXPO_STATION,
  type AllDayResponse,
  type BumpResponse,
  type RecentItemsResponse,
  type TicketsResponse,
} from '@onemoment/shared/schemas/kitchen';
import type { HubContext } from '../../context.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import { closedOrder } from '../orders/order-service.ts';
import {
  FINAL_STATUSES_SQL,
  ITEM_COLUMNS,
  ORDER_COLUMNS,
  ORDER_FROM,
  orderRooms,
  type ItemRow,
  type OrderRow,
  type OrderStore,
} from '../orders/order-store.ts';
import { nameOf } from '../orders/order-text.ts';
import { ticketsOf } from './tickets.ts';

/** How many bumped items the recall list offers. */
export const RECENT_LIMIT = 20;

interface ItemWithOrder {
  itemId: string;
  names: string;
  status: ItemStatus;
  orderId: string;
  orderStatus: OrderStatus;
  number: number;
}

// Station filters take a JSON array of station ids (one station, or all of them for expo), so one
// statement serves both and SQLite still walks the (station, status) index.
const AT_STATIONS = 'station IN (SELECT value FROM json_each(?))';

function prepare(db: Database.Database) {
  const pendingOrders = `SELECT order_id FROM order_items WHERE ${AT_STATIONS} AND status = 'pending'`;
  return {
    stations: db.prepare('SELECT id FROM stations ORDER BY position, id').pluck(),
    ticketOrders: db.prepare(
      `SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM}
        WHERE o.id IN (${pendingOrders}) AND o.status NOT IN ${FINAL_STATUSES_SQL}`,
    ),
    ticketItems: db.prepare(`SELECT ${ITEM_COLUMNS} FROM order_items i WHERE i.order_id IN (${pendingOrders}) ORDER BY i.position`),
    itemWithOrder: db.prepare(
      `SELECT i.id AS itemId, i.names, i.status, o.id AS orderId, o.status AS orderStatus, o.number
         FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.id = ?`,
    ),
    recent: db.prepare(
      `SELECT ${ITEM_COLUMNS}, o.number AS orderNumber, t.name AS tableName
         FROM order_items i JOIN orders o ON o.id = i.order_id JOIN dining_tables t ON t.id = o.table_id
        WHERE i.${AT_STATIONS} AND i.status = 'ready'
        ORDER BY i.ready_at DESC, i.id DESC LIMIT ${RECENT_LIMIT}`,
    ),
    allDay: db.prepare(
      `SELECT menu_item_id AS menuItemId, MAX(names) AS names, SUM(quantity) AS quantity
         FROM order_items WHERE ${AT_STATIONS} AND status = 'pending'
        GROUP BY menu_item_id ORDER BY quantity DESC, menu_item_id`,
    ),
  };
}

/**
 * The kitchen display's side of orders: each station's open tickets, bumping an item when it is
 * ready (and recalling a bump made by mistake), the recall list and the all-day counts. A bump moves
 * the order along by the lifecycle's statusFromItems rule and announces the whole order.
 */
export class KitchenService {
  private readonly sql: ReturnType<typeof prepare>;
  private stationFilters: Map<string, string> | null = null;

  constructor(
    private readonly context: HubContext,
    private readonly store: OrderStore,
  ) {
    this.sql = prepare(context.store.sqlite);
  }

  /** The station ids a screen for `station` covers, as the JSON the statements take. */
  private stationFilter(station: string): string {
    if (!this.stationFilters) {
      const ids = this.sql.stations.all() as string[];
      this.stationFilters = new Map(ids.map((id) => [id, JSON.stringify([id])]));
      this.stationFilters.set(EXPO_STATION, JSON.stringify(ids));
    }
    const filter = this.stationFilters.get(station);
    if (!filter) {
      const known = [...this.stationFilters.keys()].join(', ');
      throw badRequest('unknown_station', `There is no station "${station}"; the stations are ${known}.`);
    }
    return filter;
  }

  tickets(station: string): TicketsResponse {
    const filter = this.stationFilter(station);
    // One synchronous step: no command commits between the seq and the rows it describes.
    const latestSeq = this.context.events.latestSeq();
    const orders = this.store.assemble(this.sql.ticketOrders.all(filter) as OrderRow[], this.sql.ticketItems.all(filter) as ItemRow[]);
    return { tickets: ticketsOf(orders, station), latestSeq };
  }

  recent(station: string): RecentItemsResponse {
    const rows = this.sql.recent.all(this.stationFilter(station)) as Array<ItemRow & { orderNumber: number; tableName: string }>;
    return {
      items: rows.map((row) => ({ ...this.store.toItem(row), orderId: row.orderId, orderNumber: row.orderNumber, tableName: row.tableName })),
    };
  }

  allDay(station: string): AllDayResponse {
    const rows = this.sql.allDay.all(this.stationFilter(station)) as Array<{ menuItemId: string; names: string; quantity: number }>;
    return {
      counts: rows.map((row) => ({ menuItemId: row.menuItemId, name: nameOf(JSON.parse(row.names) as LocalizedText), quantity: row.quantity })),
    };
  }

  bump(itemId: string): Promise<BumpResponse> {
    return this.step(itemId, 'bump');
  }

  recall(itemId: string): Promise<BumpResponse> {
    return this.step(itemId, 'recall');
  }

  /** One kitchen step on an item, as the lifecycle's ITEM_STEPS table says, then the order follows its items. */
  private step(itemId: string, step: ItemStepName): Promise<BumpResponse> {
    return this.context.commands.run((tx) => {
      const row = this.itemWithOrder(itemId);
      if (isFinal(row.orderStatus)) throw closedOrder(row.number, row.orderStatus, `there is nothing to ${step}.`);
      const check = checkItemStep(step, row.status, this.label(row));
      if (!check.ok) throw conflict(check.code, check.message);
      const now = this.context.clock.now().toISOString();
      this.store.sql.setItemStatus.run(check.to, check.readyAt === 'now' ? now : null, itemId);
      return this.afterItemChange(tx, row, now);
    });
  }

  private itemWithOrder(itemId: string): ItemWithOrder {
    const row = this.sql.itemWithOrder.get(itemId) as ItemWithOrder | undefined;
    if (!row) throw notFound('This order item');
    return row;
  }

  private label(row: ItemWithOrder): string {
    return `${nameOf(JSON.parse(row.names) as LocalizedText)} on order #${row.number}`;
  }

  /** Moves the order to what its items now say, and announces it. */
  private afterItemChange(tx: CommandTx, row: ItemWithOrder, now: string): BumpResponse {
    const statuses = this.store.sql.itemStatuses.all(row.orderId) as ItemStatus[];
    const next = statusFromItems(row.orderStatus, statuses);
    this.store.sql.setStatus.run(next, null, now, row.orderId);
    const order = this.store.order(row.orderId)!;
    this.context.events.publish(tx, 'order.updated', orderRooms(order), order);
    return { item: order.items.find((item) => item.id === row.itemId)!, order };
  }
}
