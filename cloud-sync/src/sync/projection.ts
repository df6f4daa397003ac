import { and, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type * as Y from 'yjs';
import { readOrderById, type OrderRecord } from '@onemoment/shared/sync/index';
import type { Db } from '../db/database.ts';
import { reportOrderItems, reportOrders } from '../db/schema.ts';

const CHUNK = 1_000;

function chunks<T>(list: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) result.push(list.slice(i, i + CHUNK));
  return result;
}

/** The `SET` of an upsert that takes every listed column from the row that was refused (`excluded`). */
function fromExcluded<T extends PgTable>(table: T, keys: ReadonlyArray<keyof T['_']['columns'] & string>): Record<string, SQL> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, sql.raw(`excluded.${columns[key]!.name}`)]));
}

/**
 * Writes the report rows of the touched orders of a day document, read from the document itself
 * (never from the update), so the rows always equal the merged state: a resent or reordered update
 * changes nothing, and a concurrent edit from another hub or node is included. Runs inside the
 * transaction that appends the update.
 */
export async function projectDayOrders(tx: Db, venueId: string, businessDay: string, doc: Y.Doc, touched: ReadonlySet<string>): Promise<void> {
  const records: OrderRecord[] = [];
  const gone: string[] = [];
  for (const id of touched) {
    const record = readOrderById(doc, id);
    if (record) records.push(record);
    else gone.push(id);
  }
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
