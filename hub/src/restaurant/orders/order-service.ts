import { newId } from '@onemoment/shared/ids';
import {
  checkItemTransition,
  checkTransition,
  effectOf,
  isFinal,
  orderStatusAfterItemChange,
  type OrderStatus,
  type TransitionCheck,
} from '@onemoment/shared/restaurant/order-lifecycle';
import type {
  GuestPlaceOrderBody,
  ItemTransitionBody,
  Order,
  OrderItem,
  OrderLineInput,
  OrderList,
  StaffPlaceOrderBody,
  TransitionBody,
} from '@onemoment/shared/schemas/orders';
import type { GuestPrincipal, StaffPrincipal } from '../../sessions/session-lookup.ts';
import type { HubContext } from '../../context.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import { badRequest, conflict, forbidden, notFound, type HubError } from '../../errors.ts';
import type { OpenItem, OpenItemChoice, VisitMoved } from '@onemoment/shared/schemas/floor';
import { isUniqueViolation } from '../../db/sqlite-errors.ts';
import type { VisitStore } from '../floor/visits.ts';
import type { MenuService } from '../menu/menu-service.ts';
import { guestViewOfOrder } from '@onemoment/shared/restaurant/guest-view';
import { orderRooms, type OrderStore } from './order-store.ts';
import { cleanText, nameOf } from './order-text.ts';
import { priceOrder } from './price-order.ts';

export interface PlacedOrder {
  order: Order;
  /** false when the id was already known: the first order is returned and nothing is written. */
  created: boolean;
}

interface Placement {
  id: string;
  visitId: string;
  tableId: string;
  tableName: string;
  placedBy: 'guest' | 'staff';
  staffId: string | null;
  lines: readonly OrderLineInput[];
}

type OrderStatusItems = Parameters<typeof orderStatusAfterItemChange>[1];

const FINAL_STATE: Partial<Record<OrderStatus, string>> = {
  served: 'has been served',
  cancelled: 'was cancelled',
  voided: 'was voided',
};

/** The sentence for an order that no longer takes changes ("Order #12 was cancelled"). */
export function closedOrder(number: number, status: OrderStatus, what: string): HubError {
  return conflict('order_closed', `Order #${number} ${FINAL_STATE[status] ?? 'is closed'}: ${what}`);
}

const idTaken = () =>
  conflict('order_id_taken', 'This order id already belongs to another order. Make a new id and send the order again.');

/** The HTTP refusal for a transition the lifecycle table does not allow. */
function refusalOf(check: Exclude<TransitionCheck, { ok: true }>): HubError {
  if (check.code === 'forbidden') return forbidden(check.message);
  if (check.code === 'reason_required') return badRequest('reason_required', check.message);
  return conflict('invalid_transition', check.message);
}

/**
 * Orders: placing them (the hot path), reading them, and the hand-made lifecycle steps (accept, serve,
 * cancel, void, rush). Each change is one command that writes the rows and its event together.
 */
export class OrderService {
  /** JSON text of the menu's shared, read-only objects (names, allergens), made once per object. */
  private readonly jsonText = new WeakMap<object, string>();
  private dayMemo = { minute: Number.NaN, day: '' };

  constructor(
    private readonly context: HubContext,
    private readonly store: OrderStore,
    private readonly menu: MenuService,
    private readonly visits: VisitStore,
  ) {}

  /**
   * Today's business day. Formatting a date in the venue's time zone is slow for a hot path, and the
   * day can only turn on a whole minute, so the answer is kept for the minute.
   */
  businessDay(at: Date = this.context.clock.now()): string {
    const minute = Math.floor(at.getTime() / 60_000);
    if (minute !== this.dayMemo.minute) this.dayMemo = { minute, day: this.context.venue.businessDay(at) };
    return this.dayMemo.day;
  }

  // ---- placing ----

  placeGuestOrder(guest: GuestPrincipal, body: GuestPlaceOrderBody): Promise<PlacedOrder> {
    return this.context.commands.run((tx) => {
      const existing = this.store.owner(body.id);
      if (existing) {
        // Another visit's order is never shown, not even its existence beyond "taken".
        if (existing.visitId !== guest.visitId) throw idTaken();
        return { order: this.store.order(body.id)!, created: false };
      }
      const visit = this.visits.visit(guest.visitId);
      if (!visit || visit.status !== 'open') {
        throw conflict('visit_not_open', 'This table visit has ended: scan the table QR code again to order.');
      }
      const order = this.insert(tx, {
        id: body.id,
        visitId: visit.id,
        tableId: visit.tableId,
        tableName: visit.tableName,
        placedBy: 'guest',
        staffId: null,
        lines: body.items,
      });
      return { order, created: true };
    });
  }

  placeStaffOrder(staff: StaffPrincipal, body: StaffPlaceOrderBody): Promise<PlacedOrder> {
    return this.context.commands.run((tx) => {
      const existing = this.store.owner(body.id);
      if (existing) {
        if (existing.tableId !== body.tableId) throw idTaken();
        return { order: this.store.order(body.id)!, created: false };
      }
      const table = this.visits.table(body.tableId);
      if (!table) throw notFound(`Table "${body.tableId}"`);
      // A waiter ordering for guests who have not scanned the QR yet opens their visit in the same command.
      const visit = this.visits.openVisitOf(table.id) ?? this.visits.open(tx, table.id, staff.staffId);
      const order = this.insert(tx, {
        id: body.id,
        visitId: visit.id,
        tableId: table.id,
        tableName: table.name,
        placedBy: 'staff',
        staffId: staff.staffId,
        lines: body.items,
      });
      return { order, created: true };
    });
  }

  private insert(tx: CommandTx, placement: Placement): Order {
    const menuItems = this.menu.itemsForOrder(placement.lines.map((line) => line.menuItemId));
    const priced = priceOrder(placement.lines, menuItems, (item, ids) => this.menu.checkModifiers(item, ids));
    const now = this.context.clock.now();
    const createdAt = now.toISOString();
    const businessDay = this.businessDay(now);
    const number = this.store.nextNumber(businessDay);
    // A waiter's own order is accepted as it is placed: its tickets are on the KDS already, and nobody
    // else would accept it. A guest's order waits for staff to accept it.
    const status: OrderStatus = placement.placedBy === 'staff' ? 'accepted' : 'placed';
    try {
      this.store.insertOrder({
        id: placement.id,
        businessDay,
        number,
        status,
        visitId: placement.visitId,
        tableId: placement.tableId,
        placedBy: placement.placedBy,
        placedByStaffId: placement.staffId,
        totalMinor: priced.totalMinor,
        currency: priced.currency,
        createdAt,
      });
    } catch (error) {
      // Commands run one at a time, so the id and the number were free a moment ago; should another
      // writer (a second hub on the same file) have taken one, the client retries instead of seeing a 500.
      if (isUniqueViolation(error)) throw conflict('order_conflict', 'Another order was placed at the same moment: send the order again.');
      throw error;
    }
    const items = priced.lines.map((line, position): OrderItem => {
      const modifiers = line.modifiers.map((m) => ({ id: m.id, names: m.names, priceMinor: m.priceMinor }));
      const item: OrderItem = {
        id: newId(),
        menuItemId: line.item.id,
        name: nameOf(line.item.names),
        names: line.item.names,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        totalMinor: line.totalMinor,
        modifiers: modifiers.map((m) => ({ id: m.id, name: nameOf(m.names), names: m.names, priceMinor: m.priceMinor })),
        note: line.note,
        station: line.item.station,
        allergens: line.item.allergens,
        status: 'pending',
        readyAt: null,
        statusReason: null,
        guestMessage: null,
        comped: false,
      };
      const modifiersJson = modifiers.length === 0 ? '[]' : JSON.stringify(modifiers);
      this.store.insertItem(placement.id, position, item, line.item.taxRateBp, this.json(line.item.names), modifiersJson, this.json(line.item.allergens));
      return item;
    });
    const order: Order = {
      id: placement.id,
      number,
      businessDay,
      visitId: placement.visitId,
      tableId: placement.tableId,
      tableName: placement.tableName,
      status,
      rush: false,
      placedBy: placement.placedBy,
      totalMinor: priced.totalMinor,
      currency: priced.currency,
      createdAt,
      updatedAt: createdAt,
      statusReason: null,
      guestMessage: null,
      items,
    };
    // Other modules' work for a new order (printing its tickets, sync) joins this transaction through the event.
    this.context.events.publish(tx, 'order.placed', orderRooms(order), order);
    tx.afterCommit(() => this.context.metrics.ordersPlaced.inc({ source: placement.placedBy }));
    return order;
  }

  private json(value: object): string {
    let text = this.jsonText.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      this.jsonText.set(value, text);
    }
    return text;
  }

  // ---- reading ----

  guestOrders(guest: GuestPrincipal): OrderList {
    // Both reads run in one synchronous step, so no command can commit between them.
    const latestSeq = this.context.events.latestSeq();
    return { orders: this.store.ordersOfVisit(guest.visitId).map(guestViewOfOrder), latestSeq };
  }

  guestOrder(guest: GuestPrincipal, id: string): Order {
    const order = this.store.order(id);
    // Another visit's order reads exactly like a missing one.
    if (!order || order.visitId !== guest.visitId) throw notFound('This order');
    return guestViewOfOrder(order);
  }

  staffOrders(status: 'open' | 'all'): OrderList {
    const latestSeq = this.context.events.latestSeq();
    return { orders: this.store.ordersOfDay(this.businessDay(), status === 'open'), latestSeq };
  }

  // ---- the lifecycle by hand ----

  transition(staff: StaffPrincipal, id: string, body: TransitionBody): Promise<Order> {
    return this.context.commands.run((tx) => {
      const row = this.store.orderRow(id);
      if (!row) throw notFound('This order');
      const reason = cleanText(body.reason);
      const check = checkTransition(row.status, body.to, staff.role, reason, `Order #${row.number}`);
      if (!check.ok) throw refusalOf(check);
      // What the transition does is data beside it in the lifecycle table.
      const effect = effectOf(body.to);
      const before = this.store.order(id)!;
      this.store.sql.setStatus.run(body.to, effect.reason === 'keep' ? reason : null, this.context.clock.now().toISOString(), id);
      const guestMessage = cleanText(body.guestMessage);
      if (guestMessage) this.store.sql.setGuestMessage.run(guestMessage, id);
      if (effect.items) {
        const { from, to } = effect.items;
        // Voiding food that was already served gives it away: those items are comped, the rest taken off.
        if (to === 'voided' && from.includes('served')) {
          this.store.setItemStatuses(id, ['served'], 'voided', { reason: null, guestMessage: null, comped: true });
        }
        this.store.setItemStatuses(id, from, to);
      }
      return this.announce(tx, id, before);
    });
  }

  /**
   * One item by hand: serve the drinks while the food cooks, cancel one dish, comp one cold burger. The
   * order's other items keep their state, and the order follows its items.
   */
  transitionItem(staff: StaffPrincipal, orderId: string, itemId: string, body: ItemTransitionBody): Promise<Order> {
    return this.context.commands.run((tx) => {
      const row = this.store.orderRow(orderId);
      if (!row) throw notFound('This order');
      const item = this.store.item(orderId, itemId);
      if (!item) throw notFound('This item');
      const reason = cleanText(body.reason);
      const label = `${item.quantity > 1 ? `${item.quantity} × ` : ''}${item.name} of order #${row.number}`;
      const check = checkItemTransition({ status: item.status, label }, row.status, body.to, staff.role, reason);
      if (!check.ok) throw refusalOf(check);
      if (body.comped !== undefined && body.to !== 'voided') {
        throw badRequest('comped_needs_void', 'Only a voided item can be comped: send comped with to "voided".');
      }
      const comped = body.to === 'voided' ? (body.comped ?? item.status === 'served') : false;
      const before = this.store.order(orderId)!;
      this.store.setItemOutcome(itemId, body.to, {
        reason: body.to === 'served' ? null : reason,
        guestMessage: cleanText(body.guestMessage),
        comped,
      });
      const statuses = this.store.sql.itemStatuses.all(orderId) as OrderStatusItems;
      const next = orderStatusAfterItemChange(row.status, statuses);
      this.store.sql.setStatus.run(next, null, this.context.clock.now().toISOString(), orderId);
      return this.announce(tx, orderId, before);
    });
  }

  setRush(id: string, rush: boolean): Promise<Order> {
    return this.context.commands.run((tx) => {
      const row = this.store.orderRow(id);
      if (!row) throw notFound('This order');
      if ((row.rush === 1) === rush) return this.store.order(id)!; // a repeated tap changes nothing
      if (isFinal(row.status)) throw closedOrder(row.number, row.status, 'there is nothing left to rush.');
      this.store.sql.setRush.run(rush ? 1 : 0, this.context.clock.now().toISOString(), id);
      return this.announce(tx, id);
    });
  }

  // ---- a visit closing with food still owed ----

  /** Items of a visit the kitchen still owes (not served, cancelled or voided), oldest order first. */
  openItemsOfVisit(visitId: string): OpenItem[] {
    const open: OpenItem[] = [];
    for (const order of [...this.store.ordersOfVisit(visitId)].reverse()) {
      if (isFinal(order.status)) continue;
      for (const item of order.items) {
        if (item.status !== 'pending' && item.status !== 'ready') continue;
        open.push({ orderId: order.id, orderNumber: order.number, itemId: item.id, name: item.name, quantity: item.quantity, status: item.status });
      }
    }
    return open;
  }

  /**
   * What staff chose for the items still owed when they close a visit: cancel them (the kitchen's
   * tickets go) or mark them served. Runs inside the floor's close command; each order changed is
   * announced, so the KDS and the guest's phone learn it before the visit's sockets close.
   */
  settleOpenItems(tx: CommandTx, visitId: string, choice: OpenItemChoice, outcome: { reason: string | null; guestMessage: string | null }): void {
    const to = choice === 'cancel' ? 'cancelled' : 'served';
    const at = this.context.clock.now().toISOString();
    const orderIds = new Set(this.openItemsOfVisit(visitId).map((item) => item.orderId));
    for (const orderId of orderIds) {
      const before = this.store.order(orderId)!;
      this.store.setItemStatuses(orderId, ['pending', 'ready'], to, {
        reason: to === 'cancelled' ? outcome.reason : null,
        guestMessage: outcome.guestMessage,
        comped: false,
      });
      const row = this.store.orderRow(orderId)!;
      const next = orderStatusAfterItemChange(row.status, this.store.sql.itemStatuses.all(orderId) as OrderStatusItems);
      this.store.sql.setStatus.run(next, next === 'cancelled' ? outcome.reason : null, at, orderId);
      this.announce(tx, orderId, before);
    }
  }

  /**
   * A party moved table (visit.moved, in the floor's command): its orders follow it, so the kitchen's
   * tickets and the waiters' lists name the table they are at now.
   */
  followVisit(tx: CommandTx, moved: VisitMoved): void {
    this.store.moveVisitOrders(moved.id, moved.tableId, this.context.clock.now().toISOString());
    for (const order of this.store.ordersOfVisit(moved.id)) this.context.events.publish(tx, 'order.updated', orderRooms(order), order);
  }

  /**
   * Reads the order as changed and publishes it as order.updated, in the caller's command. Given the
   * order as it was, items the kitchen was still making that are now cancelled or voided are also
   * published as order.items_stopped, for stations that learn it from paper.
   */
  private announce(tx: CommandTx, id: string, before?: Order): Order {
    const order = this.store.order(id)!;
    this.context.events.publish(tx, 'order.updated', orderRooms(order), order);
    if (before) {
      const wasMaking = new Set(before.items.filter((item) => item.status === 'pending' || item.status === 'ready').map((item) => item.id));
      const itemIds = order.items.filter((item) => wasMaking.has(item.id) && (item.status === 'cancelled' || item.status === 'voided')).map((item) => item.id);
      if (itemIds.length > 0) this.context.events.publish(tx, 'order.items_stopped', [], { order, itemIds });
    }
    return order;
  }
}
