import { and, asc, count, eq, gt, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/database.ts';
import { docSnapshots, docUpdates } from '../db/schema.ts';

/**
 * Persistence of documents in Postgres: an append-only table of V2 updates and one snapshot per
 * document. Every read or write of a document's rows runs under its transaction-scoped advisory
 * lock, so on one Postgres the writers of one document (on any node) take turns: update ids of a
 * document grow in commit order, and "the updates after id N" never misses one committed later.
 */
export const DOC_UPDATES_CHANNEL = 'onemoment_doc_updates';

export async function lockDoc(tx: Db, docName: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${docName}, 0))`);
}

export interface StoredChanges {
  /** The snapshot, when it is newer than what the caller has. */
  snapshot: { state: Uint8Array; lastUpdateId: number } | null;
  updates: Array<{ id: number; update: Uint8Array }>;
  /** The highest update id included (the caller's after id when nothing is newer). */
  lastUpdateId: number;
  /** Updates stored after the snapshot (for compaction). */
  updatesSinceSnapshot: number;
}

/** What was stored for a document after `afterId` (0: everything). Call under lockDoc. */
export async function readChanges(tx: Db, docName: string, afterId: number): Promise<StoredChanges> {
  const [snap] = await tx.select().from(docSnapshots).where(eq(docSnapshots.docName, docName));
  const snapshot = snap && snap.lastUpdateId > afterId ? { state: snap.state, lastUpdateId: snap.lastUpdateId } : null;
  const from = Math.max(afterId, snapshot?.lastUpdateId ?? 0);
  const updates = await tx
    .select({ id: docUpdates.id, update: docUpdates.update })
    .from(docUpdates)
    .where(and(eq(docUpdates.docName, docName), gt(docUpdates.id, from)))
    .orderBy(asc(docUpdates.id));
  const [counted] = await tx
    .select({ n: count() })
    .from(docUpdates)
    .where(and(eq(docUpdates.docName, docName), gt(docUpdates.id, snap?.lastUpdateId ?? 0)));
  return {
    snapshot,
    updates,
    lastUpdateId: updates.at(-1)?.id ?? snapshot?.lastUpdateId ?? afterId,
    updatesSinceSnapshot: Number(counted?.n ?? 0),
  };
}

/** Applies stored changes to a document (idempotent: Yjs ignores what the document already has). */
export function applyChanges(doc: Y.Doc, changes: StoredChanges, origin: unknown): void {
  if (changes.snapshot) Y.applyUpdateV2(doc, changes.snapshot.state, origin);
  for (const row of changes.updates) Y.applyUpdateV2(doc, row.update, origin);
}

export async function appendUpdate(tx: Db, docName: string, venueId: string, update: Uint8Array): Promise<number> {
  const [row] = await tx.insert(docUpdates).values({ docName, venueId, update }).returning({ id: docUpdates.id });
  return row!.id;
}

/**
 * Folds every update up to `lastUpdateId` into the snapshot. `doc` must hold exactly the stored
 * state (caught up, under the lock) and have no pending structs, which encodeStateAsUpdate omits.
 */
export async function compact(tx: Db, docName: string, venueId: string, doc: Y.Doc, lastUpdateId: number): Promise<void> {
  const state = Y.encodeStateAsUpdateV2(doc);
  await tx
    .insert(docSnapshots)
    .values({ docName, venueId, state, lastUpdateId })
    .onConflictDoUpdate({ target: docSnapshots.docName, set: { state, lastUpdateId, updatedAt: sql`now()` } });
  await tx.delete(docUpdates).where(and(eq(docUpdates.docName, docName), lte(docUpdates.id, lastUpdateId)));
}

export async function notifyDocChanged(tx: Db, docName: string): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${DOC_UPDATES_CHANNEL}, ${docName})`);
}
