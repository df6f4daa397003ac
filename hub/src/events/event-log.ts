import type Database from 'better-sqlite3';
import type { DomainEvent, DomainEventName, EventPayload, TransientName, TransientPayload } from '@onemoment/shared/events/domain-events';
import type { Clock } from '../clock.ts';
import type { CommandTx } from '../db/command-runner.ts';

export type StoredEvent = DomainEvent & { rooms: string[] };

export type Broadcast = (event: StoredEvent) => void;

/** A message that is not stored or replayed (progress of a running job): sent to whoever is connected now. */
export interface TransientMessage {
  name: TransientName;
  rooms: string[];
  payload: unknown;
}

/**
 * Work another module adds to the command that publishes an event (printing writes its tickets, sync
 * its Yjs update). It runs synchronously in the command's transaction, so it must be cheap; throwing
 * refuses the whole command.
 */
export type EventHandler<N extends DomainEventName> = (tx: CommandTx, payload: EventPayload<N>) => void;

/** Room names. A room's prefix says which socket namespace it lives in. */
export const rooms = {
  staff: 'staff',
  station: (station: string) => `kds:${station}`,
  expo: 'kds:expo',
  visit: (visitId: string) => `visit:${visitId}`,
  allGuests: 'guests',
} as const;

export type ReplayResult = { kind: 'events'; events: DomainEvent[]; latestSeq: number } | { kind: 'resync'; latestSeq: number };

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
  private readonly handlers = new Map<DomainEventName, Array<EventHandler<never>>>();

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
  notify<N extends TransientName>(eventRooms: string[], name: N, payload: TransientPayload<N>): void {
    this.sendTransient({ name, rooms: eventRooms, payload });
  }

  /**
   * The one way a module adds work to another module's command: `handler` runs inside every command
   * that publishes `type`, in its transaction, with the payload the command published. Returns the
   * function that removes it.
   */
  on<N extends DomainEventName>(type: N, handler: EventHandler<N>): () => void {
    const list = this.handlers.get(type) ?? [];
    this.handlers.set(type, [...list, handler as EventHandler<never>]);
    return () => this.handlers.set(type, (this.handlers.get(type) ?? []).filter((h) => h !== handler));
  }

  /** Writes the event in the caller's transaction, runs its handlers there, and broadcasts it after the commit. */
  publish<N extends DomainEventName>(tx: CommandTx, type: N, eventRooms: string[], payload: EventPayload<N>): number {
    const at = this.clock.now().toISOString();
    const seq = this.insert.get(type, JSON.stringify(eventRooms), JSON.stringify(payload), at) as number;
    for (const handler of this.handlers.get(type) ?? []) (handler as EventHandler<N>)(tx, payload);
    const event = { seq, type, payload, at, rooms: eventRooms } as StoredEvent;
    tx.afterCommit(() => this.broadcast(event));
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
    const events: DomainEvent[] = [];
    for (const row of rows) {
      const eventRooms = JSON.parse(row.rooms) as string[];
      if (!eventRooms.some((room) => wanted.has(room))) continue;
      // Rows were written by publish() from typed payloads.
      events.push({ seq: row.seq, type: row.type, payload: JSON.parse(row.payload), at: row.at } as DomainEvent);
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
