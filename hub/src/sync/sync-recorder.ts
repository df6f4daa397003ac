import type { Order } from '@onemoment/shared/schemas/orders';
import type { BillSettled, Payment } from '@onemoment/shared/schemas/payments';
import { docNames } from '@onemoment/shared/sync/doc-names';
import { writeBill, writeOrder, writePayment } from '@onemoment/shared/sync/day-doc';
import { setMenuItem } from '@onemoment/shared/sync/config-doc';
import type { CommandTx } from '../db/command-runner.ts';
import type { EventLog } from '../events/event-log.ts';
import { EsimSalesSync, type VenueDays } from './esim-sales-sync.ts';
import { LOCAL_ORIGIN, type StoredUpdate, type SyncDocuments } from './sync-documents.ts';
import type { StaysSync } from './stays-sync.ts';

/** A menu item's synced fields, as the menu module lists them (archived items too). */
export interface SyncedMenuItem {
  id: string;
  priceMinor: number;
  available: boolean;
  updatedAt: string;
  /** English names, so HQ can read what the item is. */
  name: string;
  category: string;
  archived: boolean;
}

/**
 * Turns the hub's events into changes of its sync documents, inside the command that publishes them:
 * `order.placed` / `order.updated` (every order command publishes the whole order, with its business
 * day) write the order into its day's document; `payment.recorded` and `bill.settled` write the
 * payment or the settled bill into the document of the business day the payload names (never the card
 * slip's details or who took the money: see shared/src/sync/day-doc.ts); `menu.changed` (an item
 * edited, added or archived, or the menu rearranged) writes every item as the menu module now has it
 * into the config document (only what differs, so a change that came from the cloud is not sent back,
 * and a category's rename reaches each of its items). With the hotel, `booking.changed` writes the
 * booking into the stays document of its arrival month and `room.changed` the room types into the
 * config document (see stays-sync.ts); a settled bill says whether its visit was a room's room service.
 * With eSIMs, `esim.sale_changed` writes the sale into the document of its business day, never its
 * install codes (see esim-sales-sync.ts). One Yjs transaction per event, so one update and one row.
 */
export class SyncRecorder {
  private readonly esimSales: EsimSalesSync;

  constructor(
    private readonly venue: VenueDays,
    private readonly documents: SyncDocuments,
    private readonly committed: (stored: StoredUpdate) => void,
    /** The menu's items as they are inside the running command; null on a hub without the restaurant. */
    private readonly menuItems: (() => SyncedMenuItem[]) | null = null,
    /** Whether a visit is a hotel room's room service (its table is a room's); null without the restaurant. */
    private readonly isRoomVisit: ((visitId: string) => boolean) | null = null,
  ) {
    this.esimSales = new EsimSalesSync(documents, venue, (tx, stored) => this.store(tx, stored));
  }

  /** The hotel's stays, when the hub runs it (set before subscribe). */
  stays: StaysSync | null = null;

  /** From now on every published order, payment, settled bill, eSIM sale and menu change is recorded; returns how to stop. */
  subscribe(events: EventLog): () => void {
    const stops = [
      events.on('order.placed', (tx, order) => this.recordOrder(tx, order)),
      events.on('order.updated', (tx, order) => this.recordOrder(tx, order)),
      events.on('payment.recorded', (tx, payment) => this.recordPayment(tx, payment)),
      events.on('bill.settled', (tx, bill) => this.recordBill(tx, bill)),
      events.on('esim.sale_changed', (tx, sale) => this.esimSales.recordSale(tx, sale)),
      events.on('menu.changed', (tx) => this.recordMenu(tx)),
    ];
    const stays = this.stays;
    if (stays) {
      stops.push(
        events.on('booking.changed', (tx, booking) => stays.recordBooking(tx, booking)),
        // Cheap to compare whole (a hotel has a handful of types), and a room added or retyped changes the counts.
        events.on('room.changed', (tx) => stays.recordRoomTypes(tx)),
      );
    }
    return () => stops.forEach((stop) => stop());
  }

  /** The hub's own venue id, which names its documents (the cloud's id is mapped on the wire). */
  localVenueId(): string | null {
    return this.venue.venueId();
  }

  configDocName(): string | null {
    const venueId = this.localVenueId();
    return venueId ? docNames.config(venueId) : null;
  }

  dayDocName(day: string): string | null {
    const venueId = this.localVenueId();
    return venueId ? docNames.day(venueId, day) : null;
  }

  recordOrder(tx: CommandTx, order: Order): void {
    const name = this.dayDocName(order.businessDay);
    if (!name) return;
    this.store(tx, this.documents.write(tx, name, (doc) => writeOrder(doc, order, LOCAL_ORIGIN)));
  }

  recordPayment(tx: CommandTx, payment: Payment): void {
    const name = this.dayDocName(payment.businessDay);
    if (!name) return;
    this.store(tx, this.documents.write(tx, name, (doc) => writePayment(doc, payment, LOCAL_ORIGIN)));
  }

  recordBill(tx: CommandTx, bill: BillSettled): void {
    const name = this.dayDocName(bill.businessDay);
    if (!name) return;
    const roomService = this.isRoomVisit?.(bill.visitId) ?? false;
    this.store(tx, this.documents.write(tx, name, (doc) => writeBill(doc, { ...bill, roomService }, LOCAL_ORIGIN)));
  }

  /**
   * Whatever the change, the menu is compared whole (a menu is a few hundred items at most): a change
   * that came from the cloud is already in the document, so nothing is written for it.
   */
  recordMenu(tx: CommandTx): void {
    if (this.menuItems) this.seedMenu(tx, this.menuItems());
  }

  /**
   * Writes every menu item into the config document (only what differs, so usually nothing): the
   * cloud edits only items its copy has, and a map created by both sides at once would lose one side.
   */
  seedMenu(tx: CommandTx, rows: readonly SyncedMenuItem[]): void {
    const name = this.configDocName();
    if (!name) return;
    const stored = this.documents.write(tx, name, (doc) =>
      doc.transact(() => {
        for (const row of rows) setMenuItem(doc, row.id, row);
      }, LOCAL_ORIGIN),
    );
    this.store(tx, stored);
  }

  store(tx: CommandTx, stored: StoredUpdate | null): void {
    if (stored) tx.afterCommit(() => this.committed(stored));
  }
}
