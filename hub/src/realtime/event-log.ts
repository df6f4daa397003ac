import type Database from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import type { CommandTx } from '../db/command-runner.ts';

export interface HubEvent {
  seq: number;
  type: string;
  payload: unknown;
  at: string;
}

export interface StoredEvent extends HubEvent {
  rooms: string[];
}

export type Broadcast = (event: StoredEvent) => void;

/** A message that is not stored or replayed (progress of a running job): sent to whoever is connected now. */
export interface TransientMessage {
  name: string;
  rooms: string[];
  payload: unknown;
}

/**
 * Work that follows an event inside its command (cloud sync records the change in its documents). It
 * runs synchronously in the command's transaction, so it must be cheap; throwing refuses the command.
 */
export type PublishListener = (tx: CommandTx, type: string, payload: unknown) => void;

/** Room names. A room's prefix says which socket namespace it lives in. */
export const rooms = {
  staff: 'staff',
  station: (station: string) => `kds:${station}`,
  expo: 'kds:expo',
  visit: (visitId: string) => `visit:${visitId}`,
  allGuests: 'guests',
} as const;

export type ReplayResult = { kind: 'events'; events: HubEvent[]; latestSeq: number } | { kind: 'resync'; latestSeq: number };

/**
 * The event log: an event is a row written inside the command's transaction, and broadcast only after
 * that transaction commits. Reconnecting clients get what they missed from here, in seq order.
 */
export class EventLog {
  private readonly insert: Database.Statement;
  private readonly latest: Database.Statement;
  private readonly oldest: Database.Statement;
  private readonly after: Database.Statement;
  private broadcast: Broadcast = () => {};
  private sendTransient: (message: TransientMessage) => void = () => {};
  private listeners: PublishListener[] = [];

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = sqlite.prepare('INSERT INTO events (type, rooms, payload, created_at) VALUES (?, ?, ?, ?) RETURNING seq').pluck();
    this.latest = sqlite.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck();
    this.oldest = sqlite.prepare('SELECT MIN(seq) FROM events').pluck();
    this.after = sqlite.prepare('SELECT seq, type, rooms, payload, created_at AS at FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  }

  /** The realtime server plugs itself in here; until then events are only stored. */
  onBroadcast(broadcast: Broadcast): void {
    this.broadcast = broadcast;
  }

  /** The realtime server plugs itself in here too, for messages that are not stored. */
  onTransient(send: (message: TransientMessage) => void): void {
    this.sendTransient = send;
  }

  /**
   * Sends a message that is not stored and never replayed: only for things that are stale a moment
   * later (a recognition's progress). Anything a client must not miss goes through publish().
   */
  notify(eventRooms: string[], name: string, payload: unknown): void {
    this.sendTransient({ name, rooms: eventRooms, payload });
  }

  /** Adds work that runs inside every publishing command; returns the function that removes it. */
  onPublish(listener: PublishListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Writes the event in the caller's transaction and broadcasts it after the commit. */
  publish(tx: CommandTx, type: string, eventRooms: string[], payload: unknown): number {
    const at = this.clock.now().toISOString();
    const seq = this.insert.get(type, JSON.stringify(eventRooms), JSON.stringify(payload), at) as number;
    for (const listener of this.listeners) listener(tx, type, payload);
    tx.afterCommit(() => this.broadcast({ seq, type, payload, at, rooms: eventRooms }));
    return seq;
  }

  latestSeq(): number {
    return this.latest.get() as number;
  }

  /**
   * Events after `lastSeq` that reach any of `clientRooms`. When more than `limit` rows would have to
   * be read, or the log no longer holds what the client missed, the client must refetch instead.
   */
  replay(lastSeq: number, clientRooms: readonly string[], limit: number): ReplayResult {
    const latestSeq = this.latestSeq();
    // A client ahead of the log saw another database (the hub was reset): it must start over.
    if (lastSeq > latestSeq) return { kind: 'resync', latestSeq };
    if (lastSeq === latestSeq) return { kind: 'events', events: [], latestSeq };
    const oldest = this.oldest.get() as number | null;
    if (oldest === null || lastSeq < oldest - 1) return { kind: 'resync', latestSeq };
    const rows = this.after.all(lastSeq, limit + 1) as Array<{ seq: number; type: string; rooms: string; payload: string; at: string }>;
    if (rows.length > limit) return { kind: 'resync', latestSeq };
    const wanted = new Set(clientRooms);
    const events: HubEvent[] = [];
    for (const row of rows) {
      const eventRooms = JSON.parse(row.rooms) as string[];
      if (!eventRooms.some((room) => wanted.has(room))) continue;
      events.push({ seq: row.seq, type: row.type, payload: JSON.parse(row.payload), at: row.at });
    }
    return { kind: 'events', events, latestSeq };
  }

  /** Deletes events older than the retention window; orders themselves stay in their tables. */
  prune(retentionMs: number): number {
    const cutoff = new Date(this.clock.now().getTime() - retentionMs).toISOString();
    const latestSeq = this.latestSeq();
    // Keep the newest row so seq never restarts and a client's lastSeq stays meaningful.
    return this.sqlite.prepare('DELETE FROM events WHERE created_at < ? AND seq < ?').run(cutoff, latestSeq).changes;
  }
}
