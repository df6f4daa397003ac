// What the printing benchmark needs to measure printing the way the hub does it.
import { renderEscPos, type PaperWidth } from '@onemoment/printers';
import type { Order } from '@onemoment/shared/schemas/orders';
import { ticketDocument, type VenuePrintSettings } from '../../hub/src/printing/print-documents.ts';

export const DEMO_PRINT_VENUE: VenuePrintSettings = { name: 'OneMoment Demo Bistro', timeZone: 'Europe/Berlin', languages: ['en', 'ru'] };

/**
 * One station's ticket of an order as bytes for the printer: the document the order hook writes in
 * the order's transaction, then the ESC/POS rendering the queue does before sending. Null when the
 * order has no item for the station.
 */
export function ticketBytes(order: Order, station: { id: string; name: string }, venue: VenuePrintSettings = DEMO_PRINT_VENUE, paper: PaperWidth = 80): Uint8Array | null {
  const document = ticketDocument(order, station, venue);
  return document ? renderEscPos(document, { paper }) : null;
}
