import * as Y from 'yjs';
import type { ItemStatus, OrderStatus } from '../restaurant/order-lifecycle.ts';
import { DAY_ROOT, ITEM_KEYS, ORDER_KEYS } from './day-doc.ts';
import { childMap, Invalid, int, optionalText as optionalStr, text as str } from './record-fields.ts';
import { effectiveItemStatus, effectiveOrderStatus, readiness, roundKey, toStatusTimes } from './status-times.ts';

/**
 * The read side of a day document: plain records with the effective status and the totals computed.
 * A document can come from any peer, so reading never throws: a record that does not have the layout's
 * shape is left out of `readOrders` and reported by `orderProblems` (the cloud refuses an update that
 * introduces one).
 */

export interface ModifierRecord {
  id: string;
  name: string;
  priceMinor: number;
}

export interface OrderItemRecord {
  id: string;
  menuItemId: string;
  /** The name staff read (the venue language, English). */
  name: string;
  quantity: number;
  unitPriceMinor: number;
  /** unitPriceMinor × quantity, computed. */
  totalMinor: number;
  modifiers: ModifierRecord[];
  note: string | null;
  station: string;
  position: number;
  status: ItemStatus;
  /** When it became ready this time (the kitchen's bump); null when not ready now. */
  readyAt: string | null;
  statusTimes: Record<string, string>;
}

export interface OrderRecord {
  id: string;
  number: number;
  tableId: string;
  tableName: string;
  visitId: string;
  placedBy: 'guest' | 'staff';
  currency: string;
  createdAt: string;
  rush: boolean;
  statusReason: string | null;
  status: OrderStatus;
  statusTimes: Record<string, string>;
  placedAt: string;
  /** When it last became ready and stayed so (a recalled readiness does not count); null if never. */
  readyAt: string | null;
  servedAt: string | null;
  /** The sum of every line, as the hub's order total; cancelled/voided orders keep theirs (reports exclude them). */
  totalMinor: number;
  /** In position order. */
  items: OrderItemRecord[];
}

/** Bounds that keep every total a safe integer whatever a peer writes. */
export const RECORD_LIMITS = { maxQuantity: 10_000, maxAbsUnitPriceMinor: 100_000_000, maxItems: 500, maxText: 2_000 } as const;

function json(map: Y.Map<unknown>, key: string, fallback: string): unknown {
  try {
    return JSON.parse(map.get(key) === undefined ? fallback : str(map, key));
  } catch {
    throw new Invalid(`${key} is not JSON`);
  }
}

function modifiersOf(value: unknown): ModifierRecord[] {
  if (!Array.isArray(value) || value.length > 100) throw new Invalid('modifiers is not a list');
  return value.map((m: unknown) => {
    const mod = m as Partial<ModifierRecord> | null;
    if (
      !mod ||
      typeof mod.id !== 'string' ||
      typeof mod.name !== 'string' ||
      !Number.isSafeInteger(mod.priceMinor) ||
      Math.abs(mod.priceMinor!) > RECORD_LIMITS.maxAbsUnitPriceMinor
    ) {
      throw new Invalid('a modifier is malformed');
    }
    return { id: mod.id, name: mod.name, priceMinor: mod.priceMinor! };
  });
}

function timesOf(map: Y.Map<unknown>): Record<string, string> {
  // Orders and items both keep their status times under the same key.
  const times = childMap(map, ORDER_KEYS.statusTimes);
  times.forEach((value, key) => {
    if (typeof value !== 'string' || key.length > 32 || value.length > 64) throw new Invalid(`statusTimes.${key.slice(0, 32)} is not a time`);
  });
  return toStatusTimes(times);
}

function readItem(id: string, map: Y.Map<unknown>): OrderItemRecord {
  const K = ITEM_KEYS;
  const quantity = int(map, K.quantity, 1, RECORD_LIMITS.maxQuantity);
  const unitPriceMinor = int(map, K.unitPriceMinor, -RECORD_LIMITS.maxAbsUnitPriceMinor, RECORD_LIMITS.maxAbsUnitPriceMinor);
  const statusTimes = timesOf(map);
  return {
    id,
    menuItemId: str(map, K.menuItemId),
    name: str(map, K.name),
    quantity,
    unitPriceMinor,
    totalMinor: unitPriceMinor * quantity,
    modifiers: modifiersOf(json(map, K.modifiers, '[]')),
    note: optionalStr(map, K.note),
    station: str(map, K.station),
    position: int(map, K.position, 0, RECORD_LIMITS.maxItems, 0),
    status: effectiveItemStatus(statusTimes),
    readyAt: readiness(statusTimes).readyAt,
    statusTimes,
  };
}

function readOrder(id: string, value: unknown): OrderRecord {
  const K = ORDER_KEYS;
  if (!(value instanceof Y.Map)) throw new Invalid('it is not a map');
  const map = value as Y.Map<unknown>;
  if (id.length > 64) throw new Invalid('its id is too long');
  const placedBy = map.get(K.placedBy);
  if (placedBy !== 'guest' && placedBy !== 'staff') throw new Invalid('placedBy is neither guest nor staff');
  const currency = str(map, K.currency);
  if (!/^[A-Z]{3}$/.test(currency)) throw new Invalid('currency is not an ISO 4217 code');
  const rush = map.get(K.rush) ?? false;
  if (typeof rush !== 'boolean') throw new Invalid('rush is not true or false');
  const itemsMap = childMap(map, K.items);
  if (itemsMap.size > RECORD_LIMITS.maxItems) throw new Invalid('it has too many items');
  const items: OrderItemRecord[] = [];
  itemsMap.forEach((item, itemId) => {
    if (!(item instanceof Y.Map) || itemId.length > 64) throw new Invalid(`item ${itemId.slice(0, 64)} is not a map`);
    items.push(readItem(itemId, item as Y.Map<unknown>));
  });
  items.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const statusTimes = timesOf(map);
  const createdAt = statusTimes.placed;
  if (createdAt === undefined) throw new Invalid('it has no placed time');
  const ready = readiness(statusTimes);
  return {
    id,
    number: int(map, K.number, 1, 1_000_000_000),
    tableId: str(map, K.tableId),
    tableName: str(map, K.tableName),
    visitId: str(map, K.visitId),
    placedBy,
    currency,
    createdAt,
    rush,
    statusReason: optionalStr(map, K.statusReason),
    status: effectiveOrderStatus(statusTimes),
    statusTimes,
    placedAt: createdAt,
    // An order served from ready keeps the time of its last readiness (its ticket time).
    readyAt: ready.readyRound > ready.recalledRound ? (statusTimes[roundKey('ready', ready.readyRound)] ?? null) : null,
    servedAt: statusTimes.served ?? null,
    totalMinor: items.reduce((sum, item) => sum + item.totalMinor, 0),
    items,
  };
}

function byNumberThenId(a: OrderRecord, b: OrderRecord): number {
  return a.number - b.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every well-formed order of the day document, by number (then id), with status and totals computed. */
export function readOrders(doc: Y.Doc): OrderRecord[] {
  const result: OrderRecord[] = [];
  doc.getMap<unknown>(DAY_ROOT).forEach((value, key) => {
    try {
      result.push(readOrder(key, value));
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
    }
  });
  return result.sort(byNumberThenId);
}

/** One order by id, or null when it is missing or malformed. */
export function readOrderById(doc: Y.Doc, orderId: string): OrderRecord | null {
  try {
    return readOrder(orderId, doc.getMap<unknown>(DAY_ROOT).get(orderId));
  } catch (error) {
    if (error instanceof Invalid) return null;
    throw error;
  }
}

/** Why each malformed order is left out of readOrders ("order <id>: <reason>"); empty when all are fine. */
export function orderProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  doc.getMap<unknown>(DAY_ROOT).forEach((value, key) => {
    try {
      readOrder(key, value);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      problems.push(`order ${key}: ${error.message}`);
    }
  });
  return problems;
}
