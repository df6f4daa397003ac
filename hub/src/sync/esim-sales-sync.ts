import type { EsimSale } from '@onemoment/shared/schemas/esim';
import { docNames } from '@onemoment/shared/sync/doc-names';
import { hasEsimSale, removeEsimSale, writeEsimSale } from '@onemoment/shared/sync/esim-sale-records';
import type { CommandTx } from '../db/command-runner.ts';
import { LOCAL_ORIGIN, type StoredUpdate, type SyncDocuments } from './sync-documents.ts';

/** What eSIM sync asks of the venue: its id, which names the documents, and the business day of a time. */
export interface VenueDays {
  venueId(): string | null;
  businessDay(at: Date): string;
}

/**
 * eSIM sales into the day documents: every `esim.sale_changed` writes the sale into the document of
 * the business day its payload names, inside the command that changed it. That day is the one it was
 * put on the bill until it is paid, then the one it was paid (the eSIM module's rule), so a sale paid
 * after the day turned leaves the document of the day it was created, which is the business day of
 * its `createdAt`. The cloud keeps the paid copy should the two documents reach it in either order.
 */
export class EsimSalesSync {
  constructor(
    private readonly documents: SyncDocuments,
    private readonly venue: VenueDays,
    private readonly store: (tx: CommandTx, stored: StoredUpdate | null) => void,
  ) {}

  recordSale(tx: CommandTx, sale: EsimSale): void {
    const venueId = this.venue.venueId();
    if (!venueId) return;
    const createdOn = this.venue.businessDay(new Date(sale.createdAt));
    if (createdOn !== sale.businessDay) {
      const first = docNames.day(venueId, createdOn);
      if (hasEsimSale(this.documents.get(first), sale.id)) this.store(tx, this.documents.write(tx, first, (doc) => removeEsimSale(doc, sale.id, LOCAL_ORIGIN)));
    }
    this.store(tx, this.documents.write(tx, docNames.day(venueId, sale.businessDay), (doc) => writeEsimSale(doc, sale, LOCAL_ORIGIN)));
  }
}
