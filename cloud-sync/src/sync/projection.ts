import { and, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type * as Y from 'yjs';
import {
  BILLS_ROOT,
  DAY_ROOT,
  PAYMENTS_ROOT,
  readBillByVisitId,
  readOrderById,
  readPaymentById,
  type BillRecord,
  type OrderRecord,
  type PaymentRecord,
} from '@onemoment/shared/sync/index';
import type { Db } from '../db/database.ts';
import { reportBills, reportBillTaxes, reportOrderItems, reportOrders, reportPayments } from '../db/schema.ts';
import type { TouchedRecords } from './layout.ts';

const CHUNK = 1_000;

export function chunks<T>(list: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) result.push(list.slice(i, i + CHUNK));
  return result;
}

/** The `SET` of an upsert that takes every listed column from the row that was refused (`excluded`). */
export function fromExcluded<T extends PgTable>(table: T, keys: ReadonlyArray<keyof T['_']['columns'] & string>): Record<string, SQL> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, sql.raw(`excluded.${columns[key]!.name}`)]));
}

/**
 * Writes the report rows of every record of a day document that a batch touched: orders, payments
 * and settled bills. Runs inside the transaction that appends the batch.
 */
export async function projectDay(tx: Db, venueId: string, businessDay: string, doc: Y.Doc, touched: TouchedRecords): Promise<void> {
  const none = new Set<string>();
  await projectDayOrders(tx, venueId, businessDay, doc, touched.get(DAY_ROOT) ?? none);
  await projectDayPayments(tx, venueId, businessDay, doc, touched.get(PAYMENTS_ROOT) ?? none);
  await projectDayBills(tx, venueId, businessDay, doc, touched.get(BILLS_ROOT) ?? none);
}

/** The touched records as read from the document, and the keys that no longer hold a readable one. */
function readTouched<T>(touched: ReadonlySet<string>, read: (id: string) => T | null): { records: T[]; gone: string[] } {
  const records: T[] = [];
  const gone: string[] = [];
  for (const id of touched) {
    const record = read(id);
    if (record) records.push(record);
    else gone.push(id);
  }
  return { records, gone };
}

/**
 * Writes the report rows of the touched orders of a day document, read from the document itself
 * (never from the update), so the rows always equal the merged state: a resent or reordered update
 * changes nothing, and a concurrent edit from another hub or node is included. Runs inside the
 * transaction that appends the update.
 */
export async function projectDayOrders(tx: Db, venueId: string, businessDay: string, doc: Y.Doc, touched: ReadonlySet<string>): Promise<void> {
  if (touched.size === 0) return;
  const { records, gone } = readTouched<OrderRecord>(touched, (id) => readOrderById(doc, id));
  for (const ids of chunks(gone)) {
    await tx.delete(reportOrderItems).where(and(sql`${reportOrderItems.venueId} = ${venueId}`, inArray(reportOrderItems.orderId, ids)));
    await tx.delete(reportOrders).where(and(sql`${reportOrders.venueId} = ${venueId}`, inArray(reportOrders.orderId, ids)));
  }
  const orderRows = records.map((order) => ({
    venueId,
    orderId: order.id,
    businessDay,
    number: order.number,
    tableName: order.tableName,
    status: order.status,
    totalMinor: order.totalMinor,
    currency: order.currency,
    placedAt: new Date(order.placedAt),
    readyAt: order.readyAt ? new Date(order.readyAt) : null,
    servedAt: order.servedAt ? new Date(order.servedAt) : null,
    itemCount: order.items.reduce((sum, item) => sum + item.quantity, 0),
  }));
  for (const rows of chunks(orderRows)) {
    await tx
      .insert(reportOrders)
      .values(rows)
      .onConflictDoUpdate({
        target: [reportOrders.venueId, reportOrders.orderId],
        set: fromExcluded(reportOrders, ['businessDay', 'number', 'tableName', 'status', 'totalMinor', 'currency', 'placedAt', 'readyAt', 'servedAt', 'itemCount']),
      });
  }
  const itemRows = records.flatMap((order) =>
    order.items.map((item) => ({
      venueId,
      orderId: order.id,
      itemId: item.id,
      menuItemId: item.menuItemId,
      name: item.name,
      quantity: item.quantity,
      unitPriceMinor: item.unitPriceMinor,
      totalMinor: item.totalMinor,
      station: item.station,
      status: item.status,
    })),
  );
  for (const rows of chunks(itemRows)) {
    await tx
      .insert(reportOrderItems)
      .values(rows)
      .onConflictDoUpdate({
        target: [reportOrderItems.venueId, reportOrderItems.itemId],
        set: fromExcluded(reportOrderItems, ['orderId', 'menuItemId', 'name', 'quantity', 'unitPriceMinor', 'totalMinor', 'station', 'status']),
      });
  }
}

/**
 * The payments of a day document into report_payments, keyed by venue and payment id: a payment
 * resent, or read again from a replayed update, is the same row.
 */
export async function projectDayPayments(tx: Db, venueId: string, businessDay: string, doc: Y.Doc, touched: ReadonlySet<string>): Promise<void> {
  if (touched.size === 0) return;
  const { records, gone } = readTouched<PaymentRecord>(touched, (id) => readPaymentById(doc, id));
  for (const ids of chunks(gone)) {
    await tx.delete(reportPayments).where(and(sql`${reportPayments.venueId} = ${venueId}`, inArray(reportPayments.paymentId, ids)));
  }
  const rows = records.map((payment) => ({
    venueId,
    paymentId: payment.id,
    businessDay,
    visitId: payment.visitId,
    partId: payment.partId,
    method: payment.method,
    amountMinor: payment.amountMinor,
    tipMinor: payment.tipMinor,
    currency: payment.currency,
    tonInvoiceId: payment.tonInvoiceId,
    createdAt: new Date(payment.createdAt),
  }));
  for (const chunk of chunks(rows)) {
    await tx
      .insert(reportPayments)
      .values(chunk)
      .onConflictDoUpdate({
        target: [reportPayments.venueId, reportPayments.paymentId],
        set: fromExcluded(reportPayments, ['businessDay', 'visitId', 'partId', 'method', 'amountMinor', 'tipMinor', 'currency', 'tonInvoiceId', 'createdAt']),
      });
  }
}

/**
 * The settled bills of a day document into report_bills (one row per visit) and their taxes by rate
 * into report_bill_taxes; a bill settled again replaces its tax rows, so a rate it no longer has goes.
 */
export async function projectDayBills(tx: Db, venueId: string, businessDay: string, doc: Y.Doc, touched: ReadonlySet<string>): Promise<void> {
  if (touched.size === 0) return;
  const { records, gone } = readTouched<BillRecord>(touched, (id) => readBillByVisitId(doc, id));
  for (const ids of chunks([...touched])) {
    await tx.delete(reportBillTaxes).where(and(sql`${reportBillTaxes.venueId} = ${venueId}`, inArray(reportBillTaxes.visitId, ids)));
  }
  for (const ids of chunks(gone)) {
    await tx.delete(reportBills).where(and(sql`${reportBills.venueId} = ${venueId}`, inArray(reportBills.visitId, ids)));
  }
  const rows = records.map((bill) => ({
    venueId,
    visitId: bill.visitId,
    businessDay,
    currency: bill.currency,
    subtotalMinor: bill.subtotalMinor,
    discountMinor: bill.discountMinor,
    serviceChargeMinor: bill.serviceChargeMinor,
    taxMinor: bill.taxMinor,
    totalMinor: bill.totalMinor,
    paidMinor: bill.paidMinor,
    tipsMinor: bill.tipsMinor,
    writtenOffMinor: bill.writtenOffMinor,
    roomService: bill.roomService,
    settledAt: new Date(bill.settledAt),
  }));
  for (const chunk of chunks(rows)) {
    await tx
      .insert(reportBills)
      .values(chunk)
      .onConflictDoUpdate({
        target: [reportBills.venueId, reportBills.visitId],
        set: fromExcluded(reportBills, [
          'businessDay',
          'currency',
          'subtotalMinor',
          'discountMinor',
          'serviceChargeMinor',
          'taxMinor',
          'totalMinor',
          'paidMinor',
          'tipsMinor',
          'writtenOffMinor',
          'roomService',
          'settledAt',
        ]),
      });
  }
  const taxRows = records.flatMap((bill) =>
    bill.taxLines.map((line) => ({ venueId, visitId: bill.visitId, rateBp: line.rateBp, businessDay, currency: bill.currency, netMinor: line.netMinor, taxMinor: line.taxMinor })),
  );
  for (const chunk of chunks(taxRows)) await tx.insert(reportBillTaxes).values(chunk);
}
