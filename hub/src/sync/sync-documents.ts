import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { Clock } from '../clock.ts';
import type { CommandTx } from '../db/command-runner.ts';

/** Transaction origins, so a document's observers can tell the hub's own writes from the cloud's. */
export const LOCAL_ORIGIN = 'hub';
export const REMOTE_ORIGIN = 'cloud';

/** An update as written to sync_updates. */
export interface StoredUpdate {
  id: number;
  docName: string;
  /** Yjs V2 encoding. */
  update: Uint8Array;
}

/** A row of sync_updates, as read back. */
export interface PendingRow {
  id: number;
  update: Buffer;
}

function prepare(db: Database.Database) {
  return {
    insert: db.prepare('INSERT INTO sync_updates (doc_name, "update", created_at, acked_at) VALUES (?, ?, ?, ?) RETURNING id').pluck(),
    rows: db.prepare('SELECT id, "update" FROM sync_updates WHERE doc_name = ? ORDER BY id'),
    pendingOf: db.prepare('SELECT id, "update" FROM sync_updates WHERE doc_name = ? AND acked_at IS NULL ORDER BY id'),
    pendingAfter: db.prepare('SELECT id, "update" FROM sync_updates WHERE doc_name = ? AND acked_at IS NULL AND id > ? ORDER BY id LIMIT ?'),
    pendingDocs: db.prepare('SELECT DISTINCT doc_name FROM sync_updates WHERE acked_at IS NULL').pluck(),
    hasPending: db.prepare('SELECT 1 FROM sync_updates WHERE doc_name = ? AND acked_at IS NULL LIMIT 1').pluck(),
    ack: db.prepare('UPDATE sync_updates SET acked_at = ? WHERE doc_name = ? AND id BETWEEN ? AND ? AND acked_at IS NULL'),
    unackAll: db.prepare('UPDATE sync_updates SET acked_at = NULL WHERE acked_at IS NOT NULL'),
    pendingSummary: db.prepare(
      'SELECT COUNT(*) AS updates, COALESCE(SUM(length("update")), 0) AS bytes, MIN(created_at) AS oldest FROM sync_updates WHERE acked_at IS NULL',
    ),
  };
}

/** A zero-copy Buffer view of an update, as better-sqlite3 binds blobs. */
const asBuffer = (update: Uint8Array) => Buffer.from(update.buffer, update.byteOffset, update.byteLength);

/**
 * The hub's sync documents, in memory and in sync_updates. Each change to a document is one Yjs
 * transaction inside a command: its update is captured from the document's `updateV2` event (the one
 * encode Yjs makes anyway) and inserted in the command's SQLite transaction. Should the command roll
 * back, the document is rebuilt from the rows SQLite still holds, so memory never runs ahead of disk.
 *
 * Documents are loaded on first use, by replaying their rows; the module unloads old ones.
 */
export class SyncDocuments {
  readonly sql: ReturnType<typeof prepare>;
  private readonly docs = new Map<string, Y.Doc>();
  /** The update the latest transaction on a document produced, set by its updateV2 listener. */
  private captured: Uint8Array | null = null;
  /** Documents each running command changed, so one rollback rebuilds each once. */
  private readonly touched = new WeakMap<CommandTx, Set<string>>();

  constructor(
    sqlite: Database.Database,
    private readonly clock: Clock,
    /** A stored row that Yjs cannot read (a damaged disk): reported and skipped, so the hub still boots. */
    private readonly onUnreadable: (docName: string, rowId: number, error: unknown) => void = () => {},
  ) {
    this.sql = prepare(sqlite);
  }

  /** The document, loaded from its rows when it is not in memory. */
  get(name: string): Y.Doc {
    let doc = this.docs.get(name);
    if (!doc) {
      doc = this.load(name);
      this.docs.set(name, doc);
    }
    return doc;
  }

  isLoaded(name: string): boolean {
    return this.docs.has(name);
  }

  loadedNames(): string[] {
    return [...this.docs.keys()];
  }

  unload(name: string): void {
    this.docs.get(name)?.destroy();
    this.docs.delete(name);
  }

  /**
   * Runs `change` on the document (it must make at most one Yjs transaction, with LOCAL_ORIGIN) and
   * stores the update it made, unacked, in the caller's command. Null when nothing changed.
   */
  write(tx: CommandTx, name: string, change: (doc: Y.Doc) => void): StoredUpdate | null {
    return this.record(tx, name, change, null);
  }

  /**
   * Applies a V1 update from the cloud and stores what it changed as an acked row (the cloud already
   * holds it). Null when the update held nothing new (an echo, or a step 2 we already had).
   */
  applyRemote(tx: CommandTx, name: string, updateV1: Uint8Array): StoredUpdate | null {
    return this.record(tx, name, (doc) => Y.applyUpdate(doc, updateV1, REMOTE_ORIGIN), this.clock.now().toISOString());
  }

  private record(tx: CommandTx, name: string, change: (doc: Y.Doc) => void, ackedAt: string | null): StoredUpdate | null {
    const doc = this.get(name);
    this.rebuildOnRollback(tx, name);
    this.captured = null;
    change(doc);
    const update = this.captured as Uint8Array | null;
    this.captured = null;
    if (!update) return null;
    const id = this.sql.insert.get(name, asBuffer(update), this.clock.now().toISOString(), ackedAt) as number;
    return { id, docName: name, update };
  }

  private rebuildOnRollback(tx: CommandTx, name: string): void {
    let names = this.touched.get(tx);
    if (!names) {
      names = new Set();
      this.touched.set(tx, names);
    }
    if (names.has(name)) return;
    names.add(name);
    tx.onRollback(() => {
      // Dropped rather than reloaded at once: the next use rebuilds it from what SQLite now holds.
      if (this.docs.has(name)) this.unload(name);
    });
  }

  /** Replays a document's rows into a fresh Y.Doc (a new client id, so no clock is ever reused). */
  private load(name: string): Y.Doc {
    const doc = new Y.Doc({ gc: true });
    const rows = this.sql.rows.all(name) as PendingRow[];
    if (rows.length > 0) {
      doc.transact(() => {
        for (const row of rows) {
          try {
            Y.applyUpdateV2(doc, row.update);
          } catch (error) {
            this.onUnreadable(name, row.id, error);
          }
        }
      });
    }
    // Listening only after the replay: the replay itself needs no update encoded.
    doc.on('updateV2', (update: Uint8Array) => {
      this.captured = update;
    });
    return doc;
  }

  pendingRows(name: string): PendingRow[] {
    return this.sql.pendingOf.all(name) as PendingRow[];
  }

  /** The next `limit` unacked rows of a document after row `afterId`, oldest first. */
  pendingRowsAfter(name: string, afterId: number, limit: number): PendingRow[] {
    return this.sql.pendingAfter.all(name, afterId, limit) as PendingRow[];
  }

  /** Unacked rows of a document one at a time, oldest first (stops reading when the caller stops). */
  *iteratePending(name: string): Generator<PendingRow> {
    yield* this.sql.pendingOf.iterate(name) as IterableIterator<PendingRow>;
  }

  pendingDocNames(): string[] {
    return this.sql.pendingDocs.all() as string[];
  }

  hasPending(name: string): boolean {
    return this.sql.hasPending.get(name) !== undefined;
  }

  /** Marks the unacked rows of a document with ids in [fromId, toId] as stored by the cloud. */
  ack(name: string, fromId: number, toId: number): number {
    return this.sql.ack.run(this.clock.now().toISOString(), name, fromId, toId).changes;
  }

  /** A new pairing: the cloud venue has nothing yet, so every row is to be sent again. */
  unackAll(): void {
    this.sql.unackAll.run();
  }

  pendingSummary(): { updates: number; bytes: number; oldest: string | null } {
    return this.sql.pendingSummary.get() as { updates: number; bytes: number; oldest: string | null };
  }
}
