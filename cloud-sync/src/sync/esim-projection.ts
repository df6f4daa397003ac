import { and, eq, inArray, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import { ESIM_SALES_ROOT, readEsimSaleById, type EsimSaleRecord } from '@onemoment/shared/sync/index';
import type { Db } from '../db/database.ts';
import { reportEsimSales } from '../db/schema.ts';
import type { TouchedRecords } from './layout.ts';
import { chunks, fromExcluded } from './projection.ts';

/**
 * The touched eSIM sales of a day document into report_esim_sales, read from the merged document
 * (never from the update), keyed by venue and sale id: a resent update, or the same sale paid,
 * delivered and refunded later, rewrites its one row. Runs inside the transaction that appends the batch.
 *
 * A sale paid after its day turned moves from the document of the day it was put on the bill to the
 * day it was paid (see shared/src/sync/esim-sale-records.ts), and the two documents may reach the
 * cloud in either order: a row is replaced by its own day's document, or by another day's copy that
 * was paid when the row's was not; a sale gone from a document drops only that day's row.
 */
export async function projectEsimSales(tx: Db, venueId: string, businessDay: string, doc: Y.Doc, touched: TouchedRecords): Promise<void> {
  const ids = [...(touched.get(ESIM_SALES_ROOT) ?? [])];
  if (ids.length === 0) return;
  const records: EsimSaleRecord[] = [];
  const gone: string[] = [];
  for (const id of ids) {
    const record = readEsimSaleById(doc, id);
    if (record) records.push(record);
    else gone.push(id);
  }
  for (const chunk of chunks(gone)) {
    const here = and(eq(reportEsimSales.venueId, venueId), eq(reportEsimSales.businessDay, businessDay), inArray(reportEsimSales.saleId, chunk));
    await tx.delete(reportEsimSales).where(here);
  }
  const time = (value: string | null) => (value === null ? null : new Date(value));
  const rows = records.map((sale) => ({
    venueId,
    saleId: sale.id,
    businessDay,
    visitId: sale.visitId,
    packageId: sale.packageId,
    title: sale.title,
    status: sale.status,
    priceMinor: sale.priceMinor,
    costMinor: sale.costMinor,
    currency: sale.currency,
    createdAt: new Date(sale.createdAt),
    paidAt: time(sale.paidAt),
    deliveredAt: time(sale.deliveredAt),
    refundedAt: time(sale.refundedAt),
  }));
  for (const chunk of chunks(rows)) {
    await tx
      .insert(reportEsimSales)
      .values(chunk)
      .onConflictDoUpdate({
        target: [reportEsimSales.venueId, reportEsimSales.saleId],
        set: fromExcluded(reportEsimSales, [
          'businessDay', 'visitId', 'packageId', 'title', 'status', 'priceMinor', 'costMinor', 'currency', 'createdAt', 'paidAt', 'deliveredAt', 'refundedAt',
        ]),
        setWhere: sql`${reportEsimSales.businessDay} = excluded.business_day OR (${reportEsimSales.paidAt} IS NULL AND excluded.paid_at IS NOT NULL)`,
      });
  }
}
