import type Database from 'better-sqlite3';
import type { LocalizedText } from '@onemoment/shared/localized-text';
import type { ItemStatus, OrderStatus } from '@onemoment/shared/restaurant/order-lifecycle';
import type { Order, OrderItem, OrderModifier } from '@onemoment/shared/schemas/orders';
import { rooms } from '../../events/event-log.ts';
import { nameOf } from './order-text.ts';
import type { OrderedModifier } from './tables.ts';

/**
 * The orders' rows in SQLite and their shape in the API. Every statement is prepared once per
 * database, and the JSON columns (names, modifiers, allergens) repeat across thousands of rows, so each
 * distinct text is parsed once and shared: the objects handed out are read-only.
 */

export interface OrderRow {
  id: string;
  number: number;
  businessDay: string;
  visitId: string;
  tableId: string;
  tableName: string;
  status: OrderStatus;
  statusReason: string | null;
  guestMessage: string | null;
  rush: number;
  placedBy: 'guest' | 'staff';
  totalMinor: number;
  currency: string;
  createdAt: string;
  updatedAt: string;
}

export interface ItemRow {
  id: string;
  orderId: string;
  menuItemId: string;
  names: string;
  quantity: number;
  unitPriceMinor: number;
  totalMinor: number;
  modifiers: string;
  note: string | null;
  station: string;
  allergens: string;
  status: ItemStatus;
  readyAt: string | null;
  statusReason: string | null;
  guestMessage: string | null;
  comped: number;
}

export interface NewOrderRow {
  id: string;
  businessDay: string;
  number: number;
  status: OrderStatus;
  visitId: string;
  tableId: string;
  placedBy: 'guest' | 'staff';
  placedByStaffId: string | null;
  totalMinor: number;
  currency: string;
  createdAt: string;
}

/** An order item as a bill reads it. */
export interface BillItemRow {
  id: string;
  orderId: string;
  name: string;
  names: LocalizedText;
  quantity: number;
  totalMinor: number;
  status: OrderItem['status'];
  taxRateBp: number;
}

/** Why staff changed an item (kept for staff), what the guest is told, and whether a void was a comp. */
export interface ItemOutcome {
  reason: string | null;
  guestMessage: string | null;
  comped: boolean;
}

const NO_OUTCOME: ItemOutcome = { reason: null, guestMessage: null, comped: false };

export const ORDER_COLUMNS = `o.id, o.number, o.business_day AS businessDay, o.visit_id AS visitId, o.table_id AS tableId, t.name AS tableName, o.status,
  o.status_reason AS statusReason, o.guest_message AS guestMessage, o.rush, o.placed_by AS placedBy, o.total_minor AS totalMinor, o.currency,
  o.created_at AS createdAt, o.updated_at AS updatedAt`;
export const ORDER_FROM = 'orders o JOIN dining_tables t ON t.id = o.table_id';
export const ITEM_COLUMNS = `i.id, i.order_id AS orderId, i.menu_item_id AS menuItemId, i.names, i.quantity,
  i.unit_price_minor AS unitPriceMinor, i.total_minor AS totalMinor, i.modifiers, i.note, i.station, i.allergens,
  i.status, i.ready_at AS readyAt, i.status_reason AS statusReason, i.guest_message AS guestMessage, i.comped`;
export const FINAL_STATUSES_SQL = `('served', 'cancelled', 'voided')`;

/** The socket rooms an order's events reach: staff, its visit, expo and each station it has items at. */
export function orderRooms(order: Pick<Order, 'visitId' | 'items'>): string[] {
  const result = [rooms.staff, rooms.visit(order.visitId), rooms.expo];
  for (const item of order.items) {
    const room = rooms.station(item.station);
    if (!result.includes(room)) result.push(room);
  }
  return result;
}

/** Parses each distinct JSON text once; bounded, so a year of odd notes cannot grow it without end. */
class JsonCache {
  private readonly parsed = new Map<string, unknown>();
  constructor(private readonly limit: number) {}

  get<T>(json: string): T {
    let value = this.parsed.get(json);
    if (value === undefined) {
      value = JSON.parse(json);
      if (this.parsed.size >= this.limit) this.parsed.clear();
      this.parsed.set(json, value);
    }
    return value as T;
  }
}

function prepare(db: Database.Database) {
  return {
    insertOrder: db.prepare(
      `INSERT INTO orders (id, business_day, number, visit_id, table_id, status, status_reason, rush, placed_by, placed_by_staff_id,
                           total_minor, currency, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?, ?, ?, ?, ?, ?)`,
    ),
    insertItem: db.prepare(
      `INSERT INTO order_items (id, order_id, position, menu_item_id, names, quantity, unit_price_minor, total_minor, modifiers, note,
                                station, allergens, status, ready_at, tax_rate_bp)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', NULL, ?)`,
    ),
    nextNumber: db.prepare('SELECT COALESCE(MAX(number), 0) + 1 FROM orders WHERE business_day = ?').pluck(),
    owner: db.prepare('SELECT visit_id AS visitId, table_id AS tableId FROM orders WHERE id = ?'),
    order: db.prepare(`SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM} WHERE o.id = ?`),
    itemsOfOrder: db.prepare(`SELECT ${ITEM_COLUMNS} FROM order_items i WHERE i.order_id = ? ORDER BY i.position`),
    ordersOfVisit: db.prepare(`SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM} WHERE o.visit_id = ? ORDER BY o.created_at DESC, o.number DESC`),
    itemsOfVisit: db.prepare(
      `SELECT ${ITEM_COLUMNS} FROM order_items i WHERE i.order_id IN (SELECT id FROM orders WHERE visit_id = ?) ORDER BY i.position`,
    ),
    taxRatesOfVisit: db.prepare(
      `SELECT i.id, COALESCE(i.tax_rate_bp, m.tax_rate_bp, 0) AS taxRateBp FROM order_items i
         JOIN orders o ON o.id = i.order_id LEFT JOIN menu_items m ON m.id = i.menu_item_id WHERE o.visit_id = ?`,
    ),
    ordersOfDay: db.prepare(`SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM} WHERE o.business_day = ? ORDER BY o.number DESC`),
    itemsOfDay: db.prepare(
      `SELECT ${ITEM_COLUMNS} FROM order_items i WHERE i.order_id IN (SELECT id FROM orders WHERE business_day = ?) ORDER BY i.position`,
    ),
    openOrdersOfDay: db.prepare(
      `SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM} WHERE o.business_day = ? AND o.status NOT IN ${FINAL_STATUSES_SQL} ORDER BY o.number DESC`,
    ),
    itemsOfOpenDay: db.prepare(
      `SELECT ${ITEM_COLUMNS} FROM order_items i
        WHERE i.order_id IN (SELECT id FROM orders WHERE business_day = ? AND status NOT IN ${FINAL_STATUSES_SQL}) ORDER BY i.position`,
    ),
    setStatus: db.prepare('UPDATE orders SET status = ?, status_reason = COALESCE(?, status_reason), updated_at = ? WHERE id = ?'),
    setGuestMessage: db.prepare('UPDATE orders SET guest_message = ? WHERE id = ?'),
    touch: db.prepare('UPDATE orders SET updated_at = ? WHERE id = ?'),
    setRush: db.prepare('UPDATE orders SET rush = ?, updated_at = ? WHERE id = ?'),
    moveVisitOrders: db.prepare('UPDATE orders SET table_id = ?, updated_at = ? WHERE visit_id = ?'),
    /** An order transition's effect on its items (the lifecycle table says which statuses move, and to what). */
    setItemStatuses: db.prepare(
      `UPDATE order_items SET status = ?, status_reason = COALESCE(?, status_reason), guest_message = COALESCE(?, guest_message), comped = ?
        WHERE order_id = ? AND status IN (SELECT value FROM json_each(?))`,
    ),
    /** One item changed by hand: its status, and why (for staff) and what the guest is told. */
    setItemOutcome: db.prepare('UPDATE order_items SET status = ?, status_reason = ?, guest_message = ?, comped = ? WHERE id = ?'),
    itemOfOrder: db.prepare(`SELECT ${ITEM_COLUMNS} FROM order_items i WHERE i.order_id = ? AND i.id = ?`),
    setItemStatus: db.prepare('UPDATE order_items SET status = ?, ready_at = ? WHERE id = ?'),
    itemStatuses: db.prepare('SELECT status FROM order_items WHERE order_id = ?').pluck(),
  };
}

export type OrderStatements = ReturnType<typeof prepare>;

/**
 * Reads and writes `orders` and `order_items`, the orders module's tables. Built once by the restaurant
 * module and shared by orders and the kitchen; other modules read orders through it and change them
 * only by asking the orders module.
 */
export class OrderStore {
  readonly sql: OrderStatements;
  private readonly json = new JsonCache(20_000);

  constructor(readonly db: Database.Database) {
    this.sql = prepare(db);
  }

  /** Items of an order in one of `from` take `to`, with the reason and guest message of the change. */
  setItemStatuses(orderId: string, from: readonly ItemStatus[], to: ItemStatus, outcome: ItemOutcome = NO_OUTCOME): void {
    this.sql.setItemStatuses.run(to, outcome.reason, outcome.guestMessage, outcome.comped ? 1 : 0, orderId, JSON.stringify(from));
  }

  setItemOutcome(itemId: string, to: ItemStatus, outcome: ItemOutcome): void {
    this.sql.setItemOutcome.run(to, outcome.reason, outcome.guestMessage, outcome.comped ? 1 : 0, itemId);
  }

  item(orderId: string, itemId: string): OrderItem | null {
    const row = this.sql.itemOfOrder.get(orderId, itemId) as ItemRow | undefined;
    return row ? this.toItem(row) : null;
  }

  moveVisitOrders(visitId: string, tableId: string, at: string): void {
    this.sql.moveVisitOrders.run(tableId, at, visitId);
  }

  nextNumber(businessDay: string): number {
    return this.sql.nextNumber.get(businessDay) as number;
  }

  /** Who an order id belongs to, without reading the order. */
  owner(id: string): { visitId: string; tableId: string } | null {
    return (this.sql.owner.get(id) as { visitId: string; tableId: string } | undefined) ?? null;
  }

  orderRow(id: string): OrderRow | null {
    return (this.sql.order.get(id) as OrderRow | undefined) ?? null;
  }

  order(id: string): Order | null {
    const row = this.orderRow(id);
    if (!row) return null;
    return this.toOrder(row, (this.sql.itemsOfOrder.all(id) as ItemRow[]).map((item) => this.toItem(item)));
  }

  ordersOfVisit(visitId: string): Order[] {
    return this.assemble(this.sql.ordersOfVisit.all(visitId) as OrderRow[], this.sql.itemsOfVisit.all(visitId) as ItemRow[]);
  }

  /**
   * A visit's items as its bill reads them, oldest order first, each with the tax rate it was ordered at
   * (orders from before tax rates were copied take the menu item's rate).
   */
  billItemsOfVisit(visitId: string): BillItemRow[] {
    const rates = new Map((this.sql.taxRatesOfVisit.all(visitId) as { id: string; taxRateBp: number }[]).map((row) => [row.id, row.taxRateBp]));
    return this.ordersOfVisit(visitId)
      .reverse()
      .flatMap((order) =>
        order.items.map((item) => ({
          id: item.id,
          orderId: order.id,
          name: item.name,
          names: item.names,
          quantity: item.quantity,
          totalMinor: item.totalMinor,
          status: item.status,
          taxRateBp: rates.get(item.id) ?? 0,
        })),
      );
  }

  ordersOfDay(businessDay: string, openOnly: boolean): Order[] {
    if (openOnly) {
      return this.assemble(this.sql.openOrdersOfDay.all(businessDay) as OrderRow[], this.sql.itemsOfOpenDay.all(businessDay) as ItemRow[]);
    }
    return this.assemble(this.sql.ordersOfDay.all(businessDay) as OrderRow[], this.sql.itemsOfDay.all(businessDay) as ItemRow[]);
  }

  /** Orders in the given row order, each with its items (rows in position order). */
  assemble(orderRows: OrderRow[], itemRows: ItemRow[]): Order[] {
    const itemsByOrder = new Map<string, OrderItem[]>();
    for (const row of itemRows) {
      const list = itemsByOrder.get(row.orderId);
      const item = this.toItem(row);
      if (list) list.push(item);
      else itemsByOrder.set(row.orderId, [item]);
    }
    return orderRows.map((row) => this.toOrder(row, itemsByOrder.get(row.id) ?? []));
  }

  toOrder(row: OrderRow, items: OrderItem[]): Order {
    return {
      id: row.id,
      number: row.number,
      businessDay: row.businessDay,
      visitId: row.visitId,
      tableId: row.tableId,
      tableName: row.tableName,
      status: row.status,
      rush: row.rush === 1,
      placedBy: row.placedBy,
      totalMinor: row.totalMinor,
      currency: row.currency,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      statusReason: row.statusReason,
      guestMessage: row.guestMessage,
      items,
    };
  }

  toItem(row: ItemRow): OrderItem {
    const names = this.json.get<LocalizedText>(row.names);
    return {
      id: row.id,
      menuItemId: row.menuItemId,
      name: nameOf(names),
      names,
      quantity: row.quantity,
      unitPriceMinor: row.unitPriceMinor,
      totalMinor: row.totalMinor,
      modifiers: this.modifiers(row.modifiers),
      note: row.note,
      station: row.station,
      allergens: this.json.get<string[]>(row.allergens),
      status: row.status,
      readyAt: row.readyAt,
      statusReason: row.statusReason,
      guestMessage: row.guestMessage,
      comped: row.comped === 1,
    };
  }

  private modifiers(json: string): OrderModifier[] {
    if (json === '[]') return [];
    return this.json.get<OrderedModifier[]>(json).map((m) => ({ id: m.id, name: nameOf(m.names), names: m.names, priceMinor: m.priceMinor }));
  }

  insertOrder(row: NewOrderRow): void {
    this.sql.insertOrder.run(
      row.id,
      row.businessDay,
      row.number,
      row.visitId,
      row.tableId,
      row.status,
      row.placedBy,
      row.placedByStaffId,
      row.totalMinor,
      row.currency,
      row.createdAt,
      row.createdAt,
    );
  }

  insertItem(orderId: string, position: number, item: OrderItem, taxRateBp: number, namesJson: string, modifiersJson: string, allergensJson: string): void {
    this.sql.insertItem.run(
      item.id,
      orderId,
      position,
      item.menuItemId,
      namesJson,
      item.quantity,
      item.unitPriceMinor,
      item.totalMinor,
      modifiersJson,
      item.note,
      item.station,
      allergensJson,
      taxRateBp,
    );
  }
}
