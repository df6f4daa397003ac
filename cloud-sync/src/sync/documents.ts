import { eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { parseDocName, type ParsedDocName } from '@onemoment/shared/sync/index';
import { encodeAck, encodePermissionDenied, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from '@onemoment/shared/sync/protocol';
import type { Database } from '../db/database.ts';
import { venues } from '../db/schema.ts';
import { appendUpdate, applyChanges, compact, DOC_UPDATES_CHANNEL, lockDoc, notifyDocChanged, readChanges } from './doc-store.ts';
import { collectTouched, rootNames, rootsOf, touchedCount, touchedProblems, type TouchedRecords } from './layout.ts';
import { projectDay } from './projection.ts';
import { projectRoomTypes, projectStays } from './hotel-projection.ts';
import { projectEsimSales } from './esim-projection.ts';
import { checkUpdate } from './update-check.ts';

/** A connected client of one document, whatever carries it (a WebSocket in production). */
export interface Peer {
  /** The hub token (hashed) it authenticated with; null for HQ-side peers. */
  readonly hubKey: string | null;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Drops the connection at once, without a closing handshake (a crash, as the client sees it). */
  terminate(): void;
}

export type StoreResult = { ok: true; changed: boolean } | { ok: false; reason: string };

type UpdateJob = {
  kind: 'update';
  update: Uint8Array;
  format: 'v1' | 'v2';
  peer: Peer | null;
  ackId: number | null;
  done?: (result: StoreResult) => void;
};
type MutateJob = { kind: 'mutate'; mutate: (doc: Y.Doc, origin: unknown) => void; done: (result: StoreResult) => void };
type Job =
  | UpdateJob
  | MutateJob
  | { kind: 'read'; run: (doc: Y.Doc) => void }
  | { kind: 'greet'; peer: Peer } | { kind: 'step1'; stateVector: Uint8Array; peer: Peer } | { kind: 'catch-up' };
type StoreJob = UpdateJob | MutateJob;

/** Origins of Yjs transactions that are not a client's: stored changes loaded back, and HQ's edits. */
const STORED = Symbol('stored');
const HQ = Symbol('hq');

class Refused extends Error {}

const GATHER_MS = 20;

interface LiveDoc {
  readonly name: string;
  readonly parsed: ParsedDocName;
  doc: Y.Doc;
  /** The highest doc_updates id this copy holds. */
  lastUpdateId: number;
  updatesSinceSnapshot: number;
  readonly peers: Set<Peer>;
  /** Callers between acquire() and release(): the document stays loaded meanwhile. */
  holds: number;
  readonly queue: Job[];
  running: Promise<void> | null;
  catchUpQueued: boolean;
}

export interface SyncDocumentsOptions {
  compactAfterUpdates: number;
  batchMax: number;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/**
 * The documents of this cloud node, loaded on demand and kept in memory while a hub is connected
 * (the core, apart from any transport, in the manner of Hocuspocus). Every operation on a document
 * runs through its queue, one at a time; consecutive updates are stored together in ONE Postgres
 * transaction that, under the document's lock:
 *   1. loads what other nodes stored since this copy last looked (so the copy is the full state),
 *   2. applies the updates to the live document and checks the records they touched,
 *   3. appends what changed (V2), upserts the report rows of the touched orders, payments, bills,
 *      bookings and room types, NOTIFYs.
 * Only after the commit are the updates acknowledged (message 100) and pushed to the other
 * clients. If anything fails, the live document is rebuilt from Postgres, so memory never holds
 * what the database does not; a batch that failed is retried one update at a time, and only the
 * update that fails alone is refused.
 */
export class SyncDocuments {
  private readonly docs = new Map<string, LiveDoc>();
  private readonly loading = new Map<string, Promise<LiveDoc>>();
  private stopListening: (() => Promise<void>) | null = null;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly options: SyncDocumentsOptions,
  ) {}

  /** LISTENs for updates stored by other nodes (or by this one: a no-op catch-up). */
  async start(): Promise<void> {
    this.stopListening = await this.database.listen(
      DOC_UPDATES_CHANNEL,
      (docName) => this.onStoredElsewhere(docName),
      () => this.docs.forEach((live) => this.onStoredElsewhere(live.name)),
    );
  }

  /** Loads the document (or finds it loaded) and keeps it loaded until release(). */
  async acquire(docName: string): Promise<LiveDoc> {
    if (this.stopped) throw new Error('the cloud is shutting down');
    const loaded = this.docs.get(docName);
    if (loaded) {
      loaded.holds++;
      return loaded;
    }
    let pending = this.loading.get(docName);
    if (!pending) {
      pending = this.load(docName).finally(() => this.loading.delete(docName));
      this.loading.set(docName, pending);
    }
    const live = await pending;
    live.holds++;
    return live;
  }

  release(live: LiveDoc): void {
    live.holds--;
    this.unloadIfIdle(live);
  }

  /** Adds a client: it is greeted with the document's state vector (syncStep1), in queue order. */
  attach(live: LiveDoc, peer: Peer): void {
    live.peers.add(peer);
    this.enqueue(live, { kind: 'greet', peer });
  }

  detach(live: LiveDoc, peer: Peer): void {
    live.peers.delete(peer);
    this.unloadIfIdle(live);
  }

  /** A client's syncStep1: answered with what it lacks, from committed state only. */
  answerStep1(live: LiveDoc, peer: Peer, stateVector: Uint8Array): void {
    this.enqueue(live, { kind: 'step1', stateVector, peer });
  }

  /** A client's update: stored, then acknowledged (when ackId is set) and pushed to the others. */
  submitUpdate(live: LiveDoc, peer: Peer | null, update: Uint8Array, format: 'v1' | 'v2', ackId: number | null): Promise<StoreResult> {
    return new Promise((resolve) => this.enqueue(live, { kind: 'update', update, format, peer, ackId, done: resolve }));
  }

  /** A change made by HQ: stored through the same path as a client's update. */
  async mutate(docName: string, mutate: (doc: Y.Doc, origin: unknown) => void): Promise<StoreResult> {
    const live = await this.acquire(docName);
    try {
      return await new Promise<StoreResult>((resolve) => this.enqueue(live, { kind: 'mutate', mutate, done: resolve }));
    } finally {
      this.release(live);
    }
  }

  /** Reads a document's committed state (loading it for the moment if needed). */
  async read<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T> {
    const live = await this.acquire(docName);
    try {
      // Through the queue, so no uncommitted change of a running batch is seen.
      return await new Promise<T>((resolve, reject) =>
        this.enqueue(live, {
          kind: 'read',
          run: (doc) => {
            try {
              resolve(read(doc));
            } catch (error) {
              reject(error);
            }
          },
        }),
      );
    } finally {
      this.release(live);
    }
  }

  /** Hub tokens with a connection to any document of the venue, on this node. */
  connectedHubs(venueId: string): number {
    const keys = new Set<string>();
    for (const live of this.docs.values()) {
      if (live.parsed.venueId !== venueId) continue;
      for (const peer of live.peers) if (peer.hubKey) keys.add(peer.hubKey);
    }
    return keys.size;
  }

  get loadedCount(): number {
    return this.docs.size;
  }

  /**
   * Stops: clients are closed (1001, or dropped at once when `abrupt`), queued work is dropped
   * (unacknowledged, so hubs send it again), the running transactions finish, LISTEN ends.
   */
  async close(abrupt = false): Promise<void> {
    this.stopped = true;
    const running: Promise<void>[] = [];
    for (const live of this.docs.values()) {
      for (const job of live.queue.splice(0)) {
        if (job.kind === 'update' || job.kind === 'mutate') job.done?.({ ok: false, reason: 'the cloud is shutting down' });
      }
      for (const peer of live.peers) {
        if (abrupt) peer.terminate();
        else peer.close(1001, 'the cloud is shutting down');
      }
      live.peers.clear();
      if (live.running) running.push(live.running);
    }
    await Promise.allSettled([...running, ...this.loading.values()]);
    for (const live of this.docs.values()) live.doc.destroy();
    this.docs.clear();
    await this.stopListening?.().catch(() => undefined);
  }

  // ---- internals ----

  private async load(docName: string): Promise<LiveDoc> {
    const parsed = parseDocName(docName);
    if (!parsed) throw new Error(`"${docName}" is not a document name`);
    const { doc, lastUpdateId, updatesSinceSnapshot } = await this.readStored(docName);
    const live: LiveDoc = {
      name: docName,
      parsed,
      doc,
      lastUpdateId,
      updatesSinceSnapshot,
      peers: new Set(),
      holds: 0,
      queue: [],
      running: null,
      catchUpQueued: false,
    };
    this.docs.set(docName, live);
    return live;
  }

  private async readStored(docName: string) {
    return this.database.transaction(async (tx) => {
      await lockDoc(tx, docName);
      const changes = await readChanges(tx, docName, 0);
      const doc = new Y.Doc({ gc: true });
      applyChanges(doc, changes, STORED);
      return { doc, lastUpdateId: changes.lastUpdateId, updatesSinceSnapshot: changes.updatesSinceSnapshot };
    });
  }

  private unloadIfIdle(live: LiveDoc): void {
    if (live.peers.size > 0 || live.holds > 0 || live.queue.length > 0 || live.running) return;
    if (this.docs.get(live.name) !== live) return;
    this.docs.delete(live.name);
    live.doc.destroy();
  }

  private onStoredElsewhere(docName: string): void {
    const live = this.docs.get(docName);
    if (!live || live.catchUpQueued || this.stopped) return;
    live.catchUpQueued = true;
    this.enqueue(live, { kind: 'catch-up' });
  }

  private enqueue(live: LiveDoc, job: Job): void {
    if (this.stopped) {
      if (job.kind === 'update' || job.kind === 'mutate') job.done?.({ ok: false, reason: 'the cloud is shutting down' });
      return;
    }
    live.queue.push(job);
    this.kick(live);
  }

  private kick(live: LiveDoc): void {
    if (live.running || this.stopped) return;
    live.running = this.drain(live).finally(() => {
      live.running = null;
      if (live.queue.length > 0 && !this.stopped) this.kick(live);
      else this.unloadIfIdle(live);
    });
  }

  private async drain(live: LiveDoc): Promise<void> {
    while (live.queue.length > 0 && !this.stopped) {
      const first = live.queue[0]!;
      try {
        if (first.kind === 'update' || first.kind === 'mutate') {
          await this.gather(live);
          let end = 1;
          while (end < live.queue.length && end < this.options.batchMax) {
            const kind = live.queue[end]!.kind;
            if (kind !== 'update' && kind !== 'mutate') break;
            end++;
          }
          await this.storeBatch(live, live.queue.splice(0, end) as StoreJob[]);
        } else {
          live.queue.shift();
          if (first.kind === 'read') first.run(live.doc);
          else if (first.kind === 'greet') first.peer.send(encodeSyncStep1(Y.encodeStateVector(live.doc)));
          else if (first.kind === 'step1') this.answer(live, first.peer, first.stateVector);
          else {
            live.catchUpQueued = false;
            await this.catchUp(live);
          }
        }
      } catch (error) {
        this.options.log.error({ err: error, doc: live.name }, 'a document job failed');
      }
    }
  }

  /**
   * Group commit: before a batch, let the frames already on their way in (each inflated on its own
   * turn of the event loop) join it, for at most GATHER_MS. PGlite runs a transaction without giving
   * the event loop a turn, so without this every update would get a transaction of its own.
   */
  private async gather(live: LiveDoc): Promise<void> {
    const deadline = Date.now() + GATHER_MS;
    let idleTurns = 0;
    while (live.queue.length < this.options.batchMax && idleTurns < 3 && Date.now() < deadline && !this.stopped) {
      const before = live.queue.length;
      await new Promise((resolve) => setImmediate(resolve));
      idleTurns = live.queue.length === before ? idleTurns + 1 : 0;
    }
  }

  private answer(live: LiveDoc, peer: Peer, stateVector: Uint8Array): void {
    let update: Uint8Array;
    try {
      update = Y.encodeStateAsUpdate(live.doc, stateVector);
    } catch {
      peer.send(encodePermissionDenied('the state vector of your syncStep1 does not decode'));
      return;
    }
    peer.send(encodeSyncStep2(update));
  }

  private async storeBatch(live: LiveDoc, jobs: StoreJob[]): Promise<void> {
    const allowedRoots = new Set(rootNames(live.parsed.kind));
    const checked: StoreJob[] = [];
    for (const job of jobs) {
      const problem = job.kind === 'update' ? checkUpdate(job.update, job.format, allowedRoots) : null;
      if (problem) this.refuse(job, problem);
      else checked.push(job);
    }
    if (checked.length === 0) return;
    const outcome = await this.store(live, checked);
    if (outcome.ok) {
      for (const job of checked) this.accept(job, outcome.changed.has(job));
      return;
    }
    if (this.stopped) return;
    if (checked.length === 1) {
      this.refuse(checked[0]!, outcome.reason);
      return;
    }
    // One bad update must not sink the others: store them one by one.
    for (const job of checked) await this.storeBatch(live, [job]);
  }

  private accept(job: StoreJob, changed: boolean): void {
    if (job.kind === 'update' && job.peer && job.ackId !== null) job.peer.send(encodeAck(job.ackId));
    job.done?.({ ok: true, changed });
  }

  private refuse(job: StoreJob, reason: string): void {
    if (job.kind === 'update' && job.peer) {
      const what = job.ackId !== null ? `update ${job.ackId}` : 'the update';
      job.peer.send(encodePermissionDenied(`${what} was refused: ${reason}`));
    }
    job.done?.({ ok: false, reason });
  }

  /** One transaction for a batch; see the class comment. */
  private async store(live: LiveDoc, jobs: StoreJob[]): Promise<{ ok: true; changed: Set<StoreJob> } | { ok: false; reason: string }> {
    const { parsed, name } = live;
    const doc = live.doc;
    const roots = rootsOf(doc, parsed.kind);
    const outbox: Array<{ update: Uint8Array; origin: unknown }> = [];
    const toStore: Uint8Array[] = [];
    const touched: TouchedRecords = new Map();
    const changed = new Set<StoreJob>();
    let current: StoreJob | null = null;
    const onUpdate = (update: Uint8Array, origin: unknown) => outbox.push({ update, origin });
    const onUpdateV2 = (update: Uint8Array, origin: unknown) => {
      if (origin === STORED || !current) return;
      toStore.push(update);
      changed.add(current);
    };
    const onTransaction = (transaction: Y.Transaction) => {
      if (transaction.origin !== STORED) collectTouched(transaction, roots, touched);
    };
    doc.on('update', onUpdate);
    doc.on('updateV2', onUpdateV2);
    doc.on('afterTransaction', onTransaction);
    let lastUpdateId = live.lastUpdateId;
    let sinceSnapshot = live.updatesSinceSnapshot;
    try {
      await this.database.transaction(async (tx) => {
        await lockDoc(tx, name);
        const changes = await readChanges(tx, name, live.lastUpdateId);
        applyChanges(doc, changes, STORED);
        lastUpdateId = changes.lastUpdateId;
        sinceSnapshot = changes.updatesSinceSnapshot;
        for (const job of jobs) {
          current = job;
          if (job.kind === 'mutate') {
            job.mutate(doc, HQ);
            continue;
          }
          const pendingBefore = [doc.store.pendingStructs, doc.store.pendingDs];
          if (job.format === 'v2') Y.applyUpdateV2(doc, job.update, job.peer ?? HQ);
          else Y.applyUpdate(doc, job.update, job.peer ?? HQ);
          // Parts waiting for an update the cloud lacks are kept as sent, so they are not lost.
          if (doc.store.pendingStructs !== pendingBefore[0] || doc.store.pendingDs !== pendingBefore[1]) {
            toStore.push(job.format === 'v2' ? job.update : Y.convertUpdateFormatV1ToV2(job.update));
            changed.add(job);
          }
        }
        current = null;
        const problems = touchedProblems(doc, parsed.kind, touched, parsed.month);
        if (problems.length > 0) throw new Refused(`it does not fit the document's layout (${problems.join('; ')})`);
        if (toStore.length === 0) return;
        const merged = toStore.length === 1 ? toStore[0]! : Y.mergeUpdatesV2(toStore);
        lastUpdateId = await appendUpdate(tx, name, parsed.venueId, merged);
        sinceSnapshot++;
        if (parsed.kind === 'day' && touchedCount(touched) > 0) {
          await projectDay(tx, parsed.venueId, parsed.day!, doc, touched);
          await projectEsimSales(tx, parsed.venueId, parsed.day!, doc, touched);
        }
        if (parsed.kind === 'stays' && touchedCount(touched) > 0) await projectStays(tx, parsed.venueId, parsed.month!, doc, touched);
        if (parsed.kind === 'config' && touchedCount(touched) > 0) await projectRoomTypes(tx, parsed.venueId, doc, touched);
        await tx.update(venues).set({ lastUpdateAt: sql`now()` }).where(eq(venues.id, parsed.venueId));
        await notifyDocChanged(tx, name);
        if (sinceSnapshot > this.options.compactAfterUpdates && !doc.store.pendingStructs && !doc.store.pendingDs) {
          await compact(tx, name, parsed.venueId, doc, lastUpdateId);
          sinceSnapshot = 0;
        }
      });
    } catch (error) {
      this.stopObserving(doc, onUpdate, onUpdateV2, onTransaction);
      if (this.stopped) return { ok: false, reason: 'the cloud is shutting down' };
      if (!(error instanceof Refused)) this.options.log.error({ err: error, doc: name }, 'storing updates failed');
      await this.rebuild(live, outbox.some((entry) => entry.origin === STORED));
      return { ok: false, reason: error instanceof Refused ? error.message : 'the cloud could not store it just now; send it again' };
    }
    this.stopObserving(doc, onUpdate, onUpdateV2, onTransaction);
    live.lastUpdateId = lastUpdateId;
    live.updatesSinceSnapshot = sinceSnapshot;
    this.broadcast(live, outbox);
    return { ok: true, changed };
  }

  private stopObserving(doc: Y.Doc, ...handlers: Array<(...args: any[]) => void>): void {
    doc.off('update', handlers[0]!);
    doc.off('updateV2', handlers[1]!);
    doc.off('afterTransaction', handlers[2]!);
  }

  /** Loads what other nodes stored and pushes it to this node's clients. */
  private async catchUp(live: LiveDoc): Promise<void> {
    const outbox: Array<{ update: Uint8Array; origin: unknown }> = [];
    const onUpdate = (update: Uint8Array, origin: unknown) => outbox.push({ update, origin });
    live.doc.on('update', onUpdate);
    try {
      await this.database.transaction(async (tx) => {
        await lockDoc(tx, live.name);
        const changes = await readChanges(tx, live.name, live.lastUpdateId);
        applyChanges(live.doc, changes, STORED);
        live.lastUpdateId = changes.lastUpdateId;
        live.updatesSinceSnapshot = changes.updatesSinceSnapshot;
      });
    } catch (error) {
      if (this.stopped) return;
      this.options.log.warn({ err: error, doc: live.name }, 'catching up with other nodes failed; will retry on the next change');
    } finally {
      live.doc.off('update', onUpdate);
    }
    this.broadcast(live, outbox);
  }

  private broadcast(live: LiveDoc, outbox: Array<{ update: Uint8Array; origin: unknown }>): void {
    for (const { update, origin } of outbox) {
      const frame = encodeSyncUpdate(update);
      for (const peer of live.peers) if (peer !== origin) peer.send(frame);
    }
  }

  /**
   * After a failed transaction the live copy may hold what Postgres does not: build it again from
   * Postgres. When the failed batch had loaded other nodes' changes (whose push was dropped with
   * it), the clients get the full state so they miss nothing.
   */
  private async rebuild(live: LiveDoc, resendState: boolean): Promise<void> {
    try {
      const stored = await this.readStored(live.name);
      const old = live.doc;
      live.doc = stored.doc;
      live.lastUpdateId = stored.lastUpdateId;
      live.updatesSinceSnapshot = stored.updatesSinceSnapshot;
      old.destroy();
      if (resendState) {
        const frame = encodeSyncUpdate(Y.encodeStateAsUpdate(live.doc));
        for (const peer of live.peers) peer.send(frame);
      }
    } catch (error) {
      // Postgres is unreachable: drop the document; hubs reconnect and resend what is unacknowledged.
      this.options.log.error({ err: error, doc: live.name }, 'could not reload a document; closing its connections');
      for (const peer of live.peers) peer.close(1011, 'the cloud lost its database; reconnect later');
      live.peers.clear();
      for (const job of live.queue.splice(0)) {
        if (job.kind === 'update' || job.kind === 'mutate') job.done?.({ ok: false, reason: 'the cloud lost its database' });
      }
      if (this.docs.get(live.name) === live) this.docs.delete(live.name);
    }
  }
}

export { HQ as HQ_ORIGIN };
