import * as Y from 'yjs';
import type { ItemStatus } from '../restaurant/order-lifecycle.ts';
import type { Order, OrderItem } from '../schemas/orders.ts';
import type { BillSettled, Payment } from '../schemas/payments.ts';
import type { OrderRecord } from './order-records.ts';

/** Test helpers for the sync layout (not used by production code). */

export const BASE_TIME = Date.parse('2026-06-01T10:00:00.000Z');
export const timeAt = (second: number): string => new Date(BASE_TIME + second * 1000).toISOString();

export function makeItem(id: string, overrides: Partial<OrderItem> = {}): OrderItem {
  return {
    id,
    menuItemId: 'greek-salad',
    name: 'Greek salad',
    names: { en: 'Greek salad', ru: 'Греческий салат' },
    quantity: 2,
    unitPriceMinor: 1250,
    totalMinor: 2500,
    modifiers: [],
    note: null,
    station: 'kitchen',
    allergens: ['dairy'],
    status: 'pending',
    readyAt: null,
    statusReason: null,
    guestMessage: null,
    comped: false,
    ...overrides,
  };
}

export function makeOrder(id: string, items: OrderItem[], overrides: Partial<Order> = {}): Order {
  const createdAt = overrides.createdAt ?? timeAt(0);
  return {
    id,
    number: 1,
    businessDay: createdAt.slice(0, 10),
    visitId: '0197a3c1-5a2b-7c3d-8e4f-0123456789ac',
    tableId: 't-12',
    tableName: 'Table 12',
    status: 'placed',
    rush: false,
    placedBy: 'guest',
    totalMinor: items.reduce((sum, item) => sum + item.totalMinor, 0),
    currency: 'EUR',
    createdAt,
    updatedAt: createdAt,
    statusReason: null,
    guestMessage: null,
    items,
    ...overrides,
  };
}

/** A card payment as the hub's payments module publishes it (with the slip's details, which never sync). */
export function makePayment(id: string, overrides: Partial<Payment> = {}): Payment {
  const createdAt = overrides.createdAt ?? timeAt(0);
  return {
    id,
    visitId: '0197a3c1-5a2b-7c3d-8e4f-0123456789ac',
    partId: null,
    method: 'card',
    amountMinor: 4_250,
    tipMinor: 300,
    tenderedMinor: null,
    changeMinor: 0,
    last4: '4242',
    approvalCode: 'A1B2C3',
    tonInvoiceId: null,
    currency: 'EUR',
    businessDay: createdAt.slice(0, 10),
    staffId: 'staff-waiter-1',
    createdAt,
    ...overrides,
  };
}

/** A bill paid in full: 42.50 with VAT included at 20 % and 10 %. */
export function makeBill(visitId: string, overrides: Partial<BillSettled> = {}): BillSettled {
  const settledAt = overrides.settledAt ?? timeAt(0);
  return {
    visitId,
    businessDay: settledAt.slice(0, 10),
    currency: 'EUR',
    subtotalMinor: 4_500,
    discountMinor: 250,
    serviceChargeMinor: 0,
    taxMinor: 614,
    taxLines: [
      { rateBp: 2000, netMinor: 2_500, taxMinor: 500 },
      { rateBp: 1000, netMinor: 1_136, taxMinor: 114 },
    ],
    totalMinor: 4_250,
    paidMinor: 4_250,
    tipsMinor: 300,
    writtenOffMinor: 0,
    settledAt,
    ...overrides,
  };
}

/** The hub's Order as a replica sees it, rebuilt from its record (what a hub command would start from). */
export function orderOf(record: OrderRecord, updatedAt: string): Order {
  return {
    id: record.id,
    number: record.number,
    businessDay: record.createdAt.slice(0, 10),
    visitId: record.visitId,
    tableId: record.tableId,
    tableName: record.tableName,
    status: record.status,
    rush: record.rush,
    placedBy: record.placedBy,
    totalMinor: record.totalMinor,
    currency: record.currency,
    createdAt: record.createdAt,
    updatedAt,
    statusReason: record.statusReason,
    guestMessage: null,
    items: record.items.map((item) => ({
      id: item.id,
      menuItemId: item.menuItemId,
      name: item.name,
      names: { en: item.name },
      quantity: item.quantity,
      unitPriceMinor: item.unitPriceMinor,
      totalMinor: item.totalMinor,
      modifiers: item.modifiers.map((m) => ({ ...m, names: { en: m.name } })),
      note: item.note,
      station: item.station,
      allergens: [],
      status: item.status as ItemStatus,
      readyAt: item.readyAt,
      statusReason: null,
      guestMessage: null,
      comped: false,
    })),
  };
}

/** Sends `from` what `to` lacks, as the sync protocol does (state vector → V2 diff). Returns the bytes sent. */
export function syncInto(from: Y.Doc, to: Y.Doc): number {
  const diff = Y.encodeStateAsUpdateV2(from, Y.encodeStateVector(to));
  Y.applyUpdateV2(to, diff, 'remote');
  return diff.length;
}

/** The update one change produces, as a hub would capture it. */
export function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array | null {
  let update: Uint8Array | null = null;
  const listen = (u: Uint8Array) => {
    update = update ? Y.mergeUpdatesV2([update, u]) : u;
  };
  doc.on('updateV2', listen);
  try {
    change();
  } finally {
    doc.off('updateV2', listen);
  }
  return update;
}
