import * as Y from 'yjs';
import type { Order, OrderItem } from '../schemas/orders.ts';
import type { BillSettled, Payment } from '../schemas/payments.ts';
import { readinessWrites, toStatusTimes, type StatusTimes } from './status-times.ts';

/**
 * The write side of a day document (`venue/{venueId}/day/{YYYY-MM-DD}`). Logical layout (stored key
 * in brackets, see ORDER_KEYS / ITEM_KEYS):
 *
 *   orders: Y.Map  orderId → Y.Map {
 *     number [n], tableId [t], tableName [tn], visitId [v], placedBy [by], currency [c], rush [r],
 *     statusReason [why], statusTimes [st]: Y.Map<state, isoTime>,
 *     items [it]: Y.Map  itemId → Y.Map { menuItemId [m], name [nm], quantity [q],
 *       unitPriceMinor [p], modifiers [mod] (JSON), note [note], station [s], position [i], statusTimes [st] }
 *   }
 *
 *   payments: Y.Map  paymentId → Y.Map {
 *     method [m] (cash | card | ton), amountMinor [a], tipMinor [tip], currency [c], visitId [v],
 *     partId [pt], tonInvoiceId [ton], createdAt [at]
 *   }
 *   bills: Y.Map  visitId → Y.Map {
 *     currency [c], subtotalMinor [sub], discountMinor [dis], serviceChargeMinor [svc], taxMinor [tax],
 *     taxLines [tl] (JSON [[rateBp, netMinor, taxMinor], ...], by rate), totalMinor [tot], paidMinor [paid],
 *     tipsMinor [tips], writtenOffMinor [wo], roomService [rs] (true: a hotel room's room-service
 *     bill; absent means false), statusTimes [st]: Y.Map { settled: isoTime }
 *   }
 *
 * Plain fields are last-writer-wins. Status lives only in statusTimes (see status-times.ts). Totals are
 * never stored: readOrders computes them from the items. A payment is a fact that never changes once
 * recorded; a bill holds the figures of its settlement (paid in full, or the rest written off) and the
 * time it was first settled (a visit reopened and settled again updates the figures, not that time).
 * Money is integer minor units of the record's own currency. What stays on the box: a card's last 4
 * digits and approval code, and who took a payment, are never written here. The eSIMs sold that day
 * have a root of their own, `esimSales` (see esim-sale-records.ts).
 *
 * Sized for the wire (a busy day is thousands of orders, sent after an outage all at once):
 * - Stored keys are short: Yjs writes a map key in full with every entry it sets (the V2 encoder's key
 *   cache is disabled in Yjs 13), and long key names were a third of an order's update.
 * - Nothing is stored twice: `id` is the map key, `createdAt` is statusTimes.placed.
 * - Lines keep the name staff read (`item.name`, the venue language, English) but not the name in every
 *   language: a second language costs ~40 bytes per line (more in Cyrillic, two bytes a letter: en+ru
 *   names made a 3-item order 631 bytes instead of ~505), and reports need one name. Names per
 *   language belong to the menu, in the config document; the hub keeps each order's full names in SQLite.
 * - A field equal to its default (rush false, statusReason/note null, modifiers [], position 0) is not
 *   written on creation, and a field is only written when its value changes, so a command's update
 *   carries just what the command changed.
 * `position` (the line's index in `order.items`) is not in the hub's Order shape: a Y.Map has no order
 * of its own and the kitchen reads lines in order. Items are never deleted: the hub never removes a
 * line (it cancels or voids), and a deletion racing a status change would lose the status.
 */

export const ORDER_KEYS = {
  number: 'n',
  tableId: 't',
  tableName: 'tn',
  visitId: 'v',
  placedBy: 'by',
  currency: 'c',
  rush: 'r',
  statusReason: 'why',
  statusTimes: 'st',
  items: 'it',
} as const;

export const ITEM_KEYS = {
  menuItemId: 'm',
  name: 'nm',
  quantity: 'q',
  unitPriceMinor: 'p',
  modifiers: 'mod',
  note: 'note',
  station: 's',
  position: 'i',
  statusTimes: 'st',
} as const;

export const PAYMENT_KEYS = {
  method: 'm',
  amountMinor: 'a',
  tipMinor: 'tip',
  currency: 'c',
  visitId: 'v',
  partId: 'pt',
  tonInvoiceId: 'ton',
  createdAt: 'at',
} as const;

export const BILL_KEYS = {
  currency: 'c',
  subtotalMinor: 'sub',
  discountMinor: 'dis',
  serviceChargeMinor: 'svc',
  taxMinor: 'tax',
  taxLines: 'tl',
  totalMinor: 'tot',
  paidMinor: 'paid',
  tipsMinor: 'tips',
  writtenOffMinor: 'wo',
  roomService: 'rs',
  statusTimes: 'st',
} as const;

/** The orders root (the first root of a day document, and the only one before payments). */
export const DAY_ROOT = 'orders';
export const PAYMENTS_ROOT = 'payments';
export const BILLS_ROOT = 'bills';

type Fields = Y.Map<unknown>;

/** Writes `value` under `key` unless the map already says so (absent counts as `fallback`). */
export function put(map: Fields, key: string, value: unknown, fallback: unknown = undefined): boolean {
  const current = map.get(key);
  if (current === undefined ? value === fallback : current === value) return false;
  map.set(key, value);
  return true;
}

/** The nested map under `key`, created (and integrated) when missing. */
export function child(map: Fields, key: string): { map: Fields; created: boolean } {
  const existing = map.get(key);
  if (existing instanceof Y.Map) return { map: existing as Fields, created: false };
  const created = new Y.Map<unknown>();
  map.set(key, created);
  return { map: created, created: true };
}

/** Adds keys that are absent (a state's first-reached time is never overwritten). */
function addTimes(times: Fields, writes: ReadonlyArray<readonly [string, string]>): boolean {
  let changed = false;
  for (const [key, at] of writes) {
    if (times.get(key) === undefined) {
      times.set(key, at);
      changed = true;
    }
  }
  return changed;
}

/** The statusTimes keys an order needs so that its effective status is `order.status`. */
export function orderStatusWrites(times: StatusTimes, order: Pick<Order, 'status' | 'createdAt' | 'updatedAt'>): Array<[string, string]> {
  const at = order.updatedAt;
  const writes: Array<[string, string]> = [];
  if (times.placed === undefined) writes.push(['placed', order.createdAt]);
  switch (order.status) {
    case 'placed':
      writes.push(...readinessWrites(times, false, at));
      break;
    case 'accepted':
    case 'preparing':
      writes.push([order.status, at], ...readinessWrites(times, false, at));
      break;
    case 'ready':
      writes.push(...readinessWrites(times, true, at));
      break;
    default: // served, cancelled, voided: final, reached once
      writes.push([order.status, at]);
  }
  return writes;
}

/** The statusTimes keys an item needs so that its effective status is `item.status`. */
export function itemStatusWrites(times: StatusTimes, item: Pick<OrderItem, 'status' | 'readyAt'>, at: string): Array<[string, string]> {
  switch (item.status) {
    case 'pending':
      return readinessWrites(times, false, at);
    case 'ready':
      return readinessWrites(times, true, at, item.readyAt);
    default:
      return [[item.status, at]];
  }
}

function modifiersJson(item: OrderItem): string {
  if (item.modifiers.length === 0) return '[]';
  return JSON.stringify(item.modifiers.map((m) => ({ id: m.id, name: m.name, priceMinor: m.priceMinor })));
}

function writeItem(items: Fields, item: OrderItem, position: number, at: string): boolean {
  const K = ITEM_KEYS;
  const { map, created } = child(items, item.id);
  let changed = created;
  changed = put(map, K.menuItemId, item.menuItemId) || changed;
  changed = put(map, K.name, item.name) || changed;
  changed = put(map, K.quantity, item.quantity) || changed;
  changed = put(map, K.unitPriceMinor, item.unitPriceMinor) || changed;
  changed = put(map, K.modifiers, modifiersJson(item), '[]') || changed;
  changed = put(map, K.note, item.note, null) || changed;
  changed = put(map, K.station, item.station) || changed;
  changed = put(map, K.position, position, 0) || changed;
  // Created with the item, never later: two replicas creating the same nested map at once would
  // keep only one of them, and the other's keys would be lost.
  const times = child(map, K.statusTimes).map;
  return addTimes(times, itemStatusWrites(toStatusTimes(times), item, at)) || changed;
}

/**
 * Upserts an order from the hub's Order shape, in one Yjs transaction (one update). Idempotent:
 * writing the same order again changes nothing and produces no update. Returns whether anything
 * was written. `origin` is passed to `doc.transact`, so an observer can tell local writes apart.
 */
export function writeOrder(doc: Y.Doc, order: Order, origin: unknown = null): boolean {
  const orders = doc.getMap<unknown>(DAY_ROOT);
  let changed = false;
  doc.transact(() => {
    const K = ORDER_KEYS;
    const { map, created } = child(orders as Fields, order.id);
    changed = created;
    changed = put(map, K.number, order.number) || changed;
    changed = put(map, K.tableId, order.tableId) || changed;
    changed = put(map, K.tableName, order.tableName) || changed;
    changed = put(map, K.visitId, order.visitId) || changed;
    changed = put(map, K.placedBy, order.placedBy) || changed;
    changed = put(map, K.currency, order.currency) || changed;
    changed = put(map, K.rush, order.rush, false) || changed;
    changed = put(map, K.statusReason, order.statusReason, null) || changed;
    const times = child(map, K.statusTimes).map;
    changed = addTimes(times, orderStatusWrites(toStatusTimes(times), order)) || changed;
    const items = child(map, K.items).map;
    order.items.forEach((item, position) => {
      changed = writeItem(items, item, position, order.updatedAt) || changed;
    });
  }, origin);
  return changed;
}

/**
 * Upserts a payment (recorded on the hub by `payment.recorded`), in one Yjs transaction. Idempotent:
 * the same payment again writes nothing. Card slip details and the staff id are left out on purpose.
 */
export function writePayment(doc: Y.Doc, payment: Payment, origin: unknown = null): boolean {
  const payments = doc.getMap<unknown>(PAYMENTS_ROOT);
  let changed = false;
  doc.transact(() => {
    const K = PAYMENT_KEYS;
    const { map, created } = child(payments as Fields, payment.id);
    changed = created;
    changed = put(map, K.method, payment.method) || changed;
    changed = put(map, K.amountMinor, payment.amountMinor) || changed;
    changed = put(map, K.tipMinor, payment.tipMinor, 0) || changed;
    changed = put(map, K.currency, payment.currency) || changed;
    changed = put(map, K.visitId, payment.visitId) || changed;
    changed = put(map, K.partId, payment.partId, null) || changed;
    changed = put(map, K.tonInvoiceId, payment.tonInvoiceId, null) || changed;
    changed = put(map, K.createdAt, payment.createdAt) || changed;
  }, origin);
  return changed;
}

/** Tax lines as stored: triples by rate, so the same lines in another order are no change. */
export function taxLinesJson(lines: BillSettled['taxLines']): string {
  if (lines.length === 0) return '[]';
  const sorted = [...lines].sort((a, b) => a.rateBp - b.rateBp);
  return JSON.stringify(sorted.map((line) => [line.rateBp, line.netMinor, line.taxMinor]));
}

/**
 * Upserts a visit's settled bill (`bill.settled`), in one Yjs transaction: its figures as this
 * settlement has them (only those that differ are written), and the first time it was settled.
 * `roomService` says the visit was a hotel room's (the hub knows it from the visit's table), so HQ
 * can report room-service takings beside the rooms.
 */
export function writeBill(doc: Y.Doc, bill: BillSettled & { roomService?: boolean }, origin: unknown = null): boolean {
  const bills = doc.getMap<unknown>(BILLS_ROOT);
  let changed = false;
  doc.transact(() => {
    const K = BILL_KEYS;
    const { map, created } = child(bills as Fields, bill.visitId);
    changed = created;
    changed = put(map, K.currency, bill.currency) || changed;
    changed = put(map, K.subtotalMinor, bill.subtotalMinor) || changed;
    changed = put(map, K.discountMinor, bill.discountMinor, 0) || changed;
    changed = put(map, K.serviceChargeMinor, bill.serviceChargeMinor, 0) || changed;
    changed = put(map, K.taxMinor, bill.taxMinor) || changed;
    changed = put(map, K.taxLines, taxLinesJson(bill.taxLines), '[]') || changed;
    changed = put(map, K.totalMinor, bill.totalMinor) || changed;
    changed = put(map, K.paidMinor, bill.paidMinor) || changed;
    changed = put(map, K.tipsMinor, bill.tipsMinor, 0) || changed;
    changed = put(map, K.writtenOffMinor, bill.writtenOffMinor, 0) || changed;
    changed = put(map, K.roomService, bill.roomService ?? false, false) || changed;
    // Created with the bill, never later (see writeItem).
    const times = child(map, K.statusTimes).map;
    changed = addTimes(times, [['settled', bill.settledAt]]) || changed;
  }, origin);
  return changed;
}
