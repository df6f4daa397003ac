import type Database from 'better-sqlite3';
import type { Order } from '@onemoment/shared/schemas/orders';
import { docNames } from '@onemoment/shared/sync/doc-names';
import { writeOrder } from '@onemoment/shared/sync/day-doc';
import { setMenuItem } from '@onemoment/shared/sync/config-doc';
import type { Clock } from '../clock.ts';
import type { CommandTx } from '../db/command-runner.ts';
import { LOCAL_ORIGIN, type StoredUpdate, type SyncDocuments } from './sync-documents.ts';

/** The payload of `menu.changed`, as MenuService publishes it. */
export interface MenuChanged {
  itemId: string;
  available: boolean;
  priceMinor: number;
}

/**
 * Turns the hub's events into changes of its sync documents, inside the command that publishes them:
 * `order.placed` / `order.updated` (every order command publishes the whole order) write the order into
 * its business day's document; `menu.changed` writes the item's price and availability into the
 * config document. One Yjs transaction per event, so one update and one row.
 */
export class SyncRecorder {
  private readonly businessDayOf: Database.Statement;
  private readonly menuRows: Database.Statement;
  private venueId: string | null = null;
  /** Above 0 while the hub projects a cloud change: its menu.changed events are not echoed back. */
  private quiet = 0;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly documents: SyncDocuments,
    private readonly committed: (stored: StoredUpdate) => void,
  ) {
    // The order's row is already written in the same command, and its business day never changes.
    this.businessDayOf = sqlite.prepare('SELECT business_day FROM orders WHERE id = ?').pluck();
    this.menuRows = sqlite.prepare('SELECT id, price_minor AS priceMinor, available, updated_at AS updatedAt FROM menu_items ORDER BY id');
  }

  /** The hub's own venue id, which names its documents (the cloud's id is mapped on the wire). */
  localVenueId(): string | null {
    this.venueId ??= (this.sqlite.prepare('SELECT id FROM venue LIMIT 1').pluck().get() as string | undefined) ?? null;
    return this.venueId;
  }

  configDocName(): string | null {
    const venueId = this.localVenueId();
    return venueId ? docNames.config(venueId) : null;
  }

  dayDocName(day: string): string | null {
    const venueId = this.localVenueId();
    return venueId ? docNames.day(venueId, day) : null;
  }

  /** The EventLog listener. */
  readonly onPublish = (tx: CommandTx, type: string, payload: unknown): void => {
    if (type === 'order.placed' || type === 'order.updated') this.recordOrder(tx, payload as Order);
    else if (type === 'menu.changed' && this.quiet === 0) this.recordMenuItem(tx, payload as MenuChanged);
  };

  /** Runs `work` with menu.changed events left out of the documents (they describe a cloud change). */
  quietly<T>(work: () => T): T {
    this.quiet += 1;
    try {
      return work();
    } finally {
      this.quiet -= 1;
    }
  }

  recordOrder(tx: CommandTx, order: Order): void {
    const day = this.businessDayOf.get(order.id) as string | undefined;
    const name = day ? this.dayDocName(day) : null;
    if (!name) return;
    this.store(tx, this.documents.write(tx, name, (doc) => writeOrder(doc, order, LOCAL_ORIGIN)));
  }

  recordMenuItem(tx: CommandTx, change: MenuChanged): void {
    const name = this.configDocName();
    if (!name) return;
    const patch = { priceMinor: change.priceMinor, available: change.available, updatedAt: this.clock.now().toISOString() };
    this.store(tx, this.documents.write(tx, name, (doc) => setMenuItem(doc, change.itemId, patch, LOCAL_ORIGIN)));
  }

  /**
   * Writes every menu item into the config document (only what differs, so usually nothing): the
   * cloud edits only items its copy has, and a map created by both sides at once would lose one side.
   */
  seedMenu(tx: CommandTx): void {
    const name = this.configDocName();
    if (!name) return;
    const rows = this.menuRows.all() as Array<{ id: string; priceMinor: number; available: number; updatedAt: string }>;
    const stored = this.documents.write(tx, name, (doc) =>
      doc.transact(() => {
        for (const row of rows) setMenuItem(doc, row.id, { priceMinor: row.priceMinor, available: row.available === 1, updatedAt: row.updatedAt });
      }, LOCAL_ORIGIN),
    );
    this.store(tx, stored);
  }

  private store(tx: CommandTx, stored: StoredUpdate | null): void {
    if (stored) tx.afterCommit(() => this.committed(stored));
  }
}
