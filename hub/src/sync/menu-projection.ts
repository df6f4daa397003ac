import type Database from 'better-sqlite3';
import type * as Y from 'yjs';
import { readMenuItems } from '@onemoment/shared/sync/config-doc';
import type { CommandTx } from '../db/command-runner.ts';
import type { EventLog } from '../realtime/event-log.ts';
import { rooms } from '../realtime/event-log.ts';
import type { MenuChanged } from './sync-recorder.ts';

interface MenuRow {
  id: string;
  priceMinor: number;
  available: number;
}

/**
 * Projects the config document into menu_items after a cloud update (HQ changed a price or 86'd an
 * item): each item whose price or availability differs is updated, announced as `menu.changed` (staff
 * and guest pages refetch the menu), and the menu cache is dropped. Runs inside the command that
 * applied the update, so the document, the rows and the events commit together.
 */
export class MenuProjection {
  private readonly rows: Database.Statement;
  private readonly update: Database.Statement;

  constructor(
    sqlite: Database.Database,
    private readonly events: EventLog,
    private readonly invalidateMenu: () => void,
  ) {
    this.rows = sqlite.prepare('SELECT id, price_minor AS priceMinor, available FROM menu_items');
    this.update = sqlite.prepare('UPDATE menu_items SET price_minor = ?, available = ?, updated_at = ? WHERE id = ?');
  }

  /** Returns the changes made; `publish` wraps the announcements so they are not recorded back. */
  project(tx: CommandTx, doc: Y.Doc, now: string, publish: (announce: () => void) => void): MenuChanged[] {
    const current = new Map((this.rows.all() as MenuRow[]).map((row) => [row.id, row]));
    const changes: MenuChanged[] = [];
    for (const record of readMenuItems(doc)) {
      const row = current.get(record.id);
      // An item this hub does not have (HQ's copy of another venue's menu) is left alone.
      if (!row) continue;
      const priceMinor = record.priceMinor ?? row.priceMinor;
      const available = record.available ?? row.available === 1;
      if (priceMinor === row.priceMinor && available === (row.available === 1)) continue;
      this.update.run(priceMinor, available ? 1 : 0, now, record.id);
      changes.push({ itemId: record.id, priceMinor, available });
    }
    if (changes.length === 0) return changes;
    // Dropped now for later commands of this batch, and again after the commit or rollback.
    this.invalidateMenu();
    tx.afterCommit(this.invalidateMenu);
    tx.onRollback(this.invalidateMenu);
    publish(() => {
      for (const change of changes) this.events.publish(tx, 'menu.changed', [rooms.staff, rooms.allGuests], change);
    });
    return changes;
  }
}
