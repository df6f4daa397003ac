import type { FastifyBaseLogger } from 'fastify';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { renameVenue } from '@onemoment/shared/sync/doc-names';
import type { StoredUpdate, SyncDocuments } from './sync-documents.ts';
import { CLOSE_UNAUTHORIZED, decodeFrame, encodeClientUpdate, encodeSyncStep1, encodeSyncStep2, type SyncFrame } from '@onemoment/shared/sync/protocol';

export interface SyncClientOptions {
  /** First reconnect delay; it doubles per failed attempt up to maxBackoffMs, with jitter. Default 1 s. */
  minBackoffMs?: number;
  /** Longest reconnect delay. Default 30 s. */
  maxBackoffMs?: number;
  /** Pending updates merged into one frame when resending after a reconnect. Default 500. */
  resendBatchUpdates?: number;
  /** Bytes of pending updates (V2) merged into one frame at most. Default 256 KiB. */
  resendBatchBytes?: number;
  /**
   * A socket that answers neither a ping nor anything else for this long is dropped and reconnected:
   * a pulled cable leaves a TCP connection open that would otherwise look healthy for hours. Default 30 s.
   */
  heartbeatMs?: number;
  /** Random source for the jitter (tests pin it). */
  random?: () => number;
}

/** Where the hub's documents go, and the token it shows there. */
export interface CloudLink {
  cloudUrl: string;
  cloudVenueId: string;
  hubToken: string;
}

export interface AckRange {
  docName: string;
  fromId: number;
  toId: number;
}

export interface SyncClientDeps {
  documents: SyncDocuments;
  localVenueId: string;
  link: CloudLink;
  log: FastifyBaseLogger;
  /** Applies a cloud update to the document, projects it and stores it, in one command. */
  applyRemote(docName: string, updateV1: Uint8Array): Promise<void>;
  /** Marks ranges of rows as stored by the cloud, in one command. */
  ack(ranges: AckRange[]): Promise<void>;
  /** The handshake of a document finished (its step 2 arrived). */
  onSynced?(docName: string): void;
}

const DEFAULTS = { minBackoffMs: 1_000, maxBackoffMs: 30_000, resendBatchUpdates: 500, resendBatchBytes: 256 * 1024, heartbeatMs: 30_000 };

/** The delay before reconnect attempt `attempt` (0-based): doubling from min to max, then 50–100 % of it. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

/** `http://host:8090/` → `ws://host:8090`, `https://…` → `wss://…`. */
export function socketBase(cloudUrl: string): string {
  const url = new URL(cloudUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString().replace(/\/+$/, '');
}

/** An empty V1 update: the step 2 sent when the cloud lacks nothing but what is being resent anyway. */
const EMPTY_UPDATE_V1 = Y.encodeStateAsUpdate(new Y.Doc());

class DocLink {
  socket: WebSocket | null = null;
  open = false;
  synced = false;
  /** The backlog is sent: new updates go out as they commit. */
  live = false;
  attempt = 0;
  timer: NodeJS.Timeout | null = null;
  heartbeat: NodeJS.Timeout | null = null;
  /** Heard from the cloud since the last heartbeat. */
  alive = false;
  /** Highest row id sent on this socket: the resend reads on from it, and a push at or below it is old. */
  sentUpTo = 0;
  /** clientUpdateId of each frame awaiting its ack → the first row id the frame carries. */
  readonly inflight = new Map<number, number>();

  constructor(
    readonly docName: string,
    readonly wireName: string,
  ) {}
}

/**
 * One WebSocket per active document to the cloud. On connect: our state vector (step 1), then every
 * unacked update of the document, merged into a few frames. After that each committed local update
 * is sent as it happens. Cloud updates are applied through the hub's commands (one transaction with
 * their projection and their row); acks mark rows as stored. A dropped socket reconnects with
 * backoff and resends what is still unacked, so an outage of any length loses nothing, and the CRDT
 * makes anything sent twice harmless.
 */
export class SyncClient {
  private readonly links = new Map<string, DocLink>();
  private readonly options: Required<SyncClientOptions>;
  private stopped = false;
  private ackQueue: AckRange[] = [];
  private ackScheduled = false;
  private readonly work = new Set<Promise<void>>();
  lastError: string | null = null;

  constructor(
    private readonly deps: SyncClientDeps,
    options: SyncClientOptions = {},
  ) {
    this.options = { ...DEFAULTS, random: Math.random, ...options };
  }

  /** Opens sockets for documents newly in `names` and closes those no longer in it. */
  setActive(names: Iterable<string>): void {
    if (this.stopped) return;
    const wanted = new Set(names);
    for (const [name, link] of this.links) {
      if (!wanted.has(name)) this.drop(link);
    }
    for (const name of wanted) this.activate(name);
  }

  activeNames(): string[] {
    return [...this.links.keys()];
  }

  documentStates(): Array<{ name: string; connected: boolean }> {
    return [...this.links.values()].map((link) => ({ name: link.docName, connected: link.open }));
  }

  /** Every active document's socket is open. */
  connected(): boolean {
    if (this.links.size === 0) return false;
    for (const link of this.links.values()) if (!link.open) return false;
    return true;
  }

  /** A local update has committed: send it now if its document's socket is open (else on reconnect). */
  push(stored: StoredUpdate): void {
    if (this.stopped) return;
    const link = this.links.get(stored.docName) ?? this.activate(stored.docName);
    // Before the link is live the resend loop will read this row from SQLite.
    if (!link?.open || !link.live || stored.id <= link.sentUpTo) return;
    this.send(link, encodeClientUpdate(stored.id, stored.update));
    link.inflight.set(stored.id, stored.id);
    link.sentUpTo = stored.id;
  }

  /** Skips the backoff wait of every closed socket (a person pressed "retry", or a test). */
  reconnectNow(): void {
    for (const link of this.links.values()) {
      if (link.open || link.socket) continue;
      if (link.timer) clearTimeout(link.timer);
      link.timer = null;
      link.attempt = 0;
      this.connect(link);
    }
  }

  /** Closes every socket and waits for the cloud work already started (acks, remote updates). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const link of this.links.values()) this.drop(link);
    this.flushAcks();
    await Promise.allSettled([...this.work]);
  }

  private activate(name: string): DocLink | undefined {
    if (this.stopped) return undefined;
    const existing = this.links.get(name);
    if (existing) return existing;
    let wireName: string;
    try {
      wireName = renameVenue(name, this.deps.localVenueId, this.deps.link.cloudVenueId);
    } catch (error) {
      this.deps.log.warn({ err: error, doc: name }, 'a sync document of another venue is not sent to the cloud');
      return undefined;
    }
    const link = new DocLink(name, wireName);
    this.links.set(name, link);
    this.connect(link);
    return link;
  }

  private drop(link: DocLink): void {
    this.links.delete(link.docName);
    if (link.timer) clearTimeout(link.timer);
    link.timer = null;
    this.stopHeartbeat(link);
    const socket = link.socket;
    link.socket = null;
    link.open = false;
    // terminate, not close: a cloud that no longer answers must not hold the hub's shutdown.
    socket?.terminate();
  }

  private connect(link: DocLink): void {
    const url = `${socketBase(this.deps.link.cloudUrl)}/sync/${encodeURIComponent(link.wireName)}`;
    const socket = new WebSocket(url, {
      headers: { authorization: `Bearer ${this.deps.link.hubToken}` },
      handshakeTimeout: 10_000,
    });
    link.socket = socket;
    socket.on('open', () => this.opened(link, socket));
    socket.on('pong', () => {
      link.alive = true;
    });
    socket.on('message', (data, isBinary) => {
      if (link.socket !== socket) return;
      link.alive = true;
      if (!isBinary) {
        const text = String(data).slice(0, 500);
        this.lastError = `${link.wireName}: ${text}`;
        this.deps.log.warn({ doc: link.docName, message: text }, 'the cloud sent a text frame');
        return;
      }
      this.received(link, toBytes(data));
    });
    socket.on('error', (error) => {
      if (link.socket === socket) this.lastError = `${link.wireName}: ${error.message}`;
    });
    socket.on('close', (code, reason) => this.closed(link, socket, code, reason.toString()));
  }

  private opened(link: DocLink, socket: WebSocket): void {
    if (link.socket !== socket) return;
    link.open = true;
    link.synced = false;
    link.live = false;
    link.attempt = 0;
    link.sentUpTo = 0;
    link.inflight.clear();
    this.startHeartbeat(link, socket);
    const doc = this.deps.documents.get(link.docName);
    this.send(link, encodeSyncStep1(Y.encodeStateVector(doc)));
    this.resend(link, socket);
  }

  /**
   * Every unacked update of the document, oldest first, merged into frames of bounded size, one frame
   * per turn of the event loop so a long outage's backlog never stalls the orders coming in. Updates
   * committed meanwhile are read by a later turn; once a read finds nothing left the link goes live
   * and each new update is sent as it commits.
   */
  private resend(link: DocLink, socket: WebSocket): void {
    if (link.socket !== socket || !link.open) return;
    const rows = this.deps.documents.pendingRowsAfter(link.docName, link.sentUpTo, this.options.resendBatchUpdates);
    if (rows.length === 0) {
      link.live = true;
      return;
    }
    let end = 1;
    let bytes = rows[0]!.update.length;
    while (end < rows.length && bytes + rows[end]!.update.length <= this.options.resendBatchBytes) {
      bytes += rows[end]!.update.length;
      end += 1;
    }
    const chunk = rows.slice(0, end);
    const update = chunk.length === 1 ? chunk[0]!.update : Y.mergeUpdatesV2(chunk.map((row) => row.update));
    const last = chunk[chunk.length - 1]!.id;
    this.send(link, encodeClientUpdate(last, update));
    link.inflight.set(last, chunk[0]!.id);
    link.sentUpTo = last;
    setImmediate(() => this.resend(link, socket));
  }

  private startHeartbeat(link: DocLink, socket: WebSocket): void {
    this.stopHeartbeat(link);
    link.alive = true;
    link.heartbeat = setInterval(() => {
      if (link.socket !== socket) return;
      if (!link.alive) {
        this.lastError = `${link.wireName}: the cloud stopped answering`;
        socket.terminate(); // 'close' follows, and with it the reconnect
        return;
      }
      link.alive = false;
      socket.ping();
    }, this.options.heartbeatMs);
    link.heartbeat.unref();
  }

  private stopHeartbeat(link: DocLink): void {
    if (link.heartbeat) clearInterval(link.heartbeat);
    link.heartbeat = null;
  }

  private closed(link: DocLink, socket: WebSocket, code: number, reason: string): void {
    if (link.socket !== socket) return;
    this.stopHeartbeat(link);
    link.socket = null;
    link.open = false;
    link.synced = false;
    link.live = false;
    link.inflight.clear();
    if (code === CLOSE_UNAUTHORIZED) this.lastError = `The cloud refused this hub's token for ${link.wireName}: pair the hub again.`;
    else if (code !== 1000 && reason) this.lastError = `${link.wireName}: closed (${code}) ${reason}`;
    if (this.stopped || this.links.get(link.docName) !== link) return;
    const delay = backoffDelay(link.attempt, this.options.minBackoffMs, this.options.maxBackoffMs, this.options.random);
    link.attempt += 1;
    link.timer = setTimeout(() => {
      link.timer = null;
      if (!this.stopped && this.links.get(link.docName) === link) this.connect(link);
    }, delay);
    link.timer.unref();
  }

  private received(link: DocLink, data: Uint8Array): void {
    let frame: SyncFrame;
    try {
      frame = decodeFrame(data);
    } catch (error) {
      this.deps.log.warn({ err: error, doc: link.docName }, 'a frame from the cloud could not be read; dropped');
      return;
    }
    switch (frame.kind) {
      case 'step1':
        this.answerStep1(link, frame.stateVector);
        return;
      case 'step2':
      case 'update': {
        const synced = frame.kind === 'step2';
        this.track(
          this.deps.applyRemote(link.docName, frame.update).then(() => {
            if (synced && link.open) {
              link.synced = true;
              this.deps.onSynced?.(link.docName);
            }
          }),
          link,
        );
        return;
      }
      case 'ack': {
        const fromId = link.inflight.get(frame.clientUpdateId);
        if (fromId === undefined) return; // not sent on this socket: a late ack of a closed one
        link.inflight.delete(frame.clientUpdateId);
        this.queueAck({ docName: link.docName, fromId, toId: frame.clientUpdateId });
        return;
      }
      case 'clientUpdate':
      case 'compressedClientUpdate':
        this.deps.log.warn({ doc: link.docName }, 'the cloud sent a client update frame; dropped');
        return;
      case 'awareness':
        return; // carries nothing the hub uses
      case 'other':
        // The cloud telling us something (a refusal, with its reason).
        this.lastError = `${link.wireName}: ${frame.text ?? `message ${frame.type}`}`;
        this.deps.log.warn({ doc: link.docName, type: frame.type, message: frame.text }, 'the cloud reported a problem');
    }
  }

  /**
   * The cloud asks what it lacks. What it lacks from our unacked updates is being sent as 101 frames
   * (and acked); sending it again in the step 2 would double the bytes of every reconnect. So the step
   * 2 is empty unless the cloud also lacks content that it had acked (it lost data): then the whole
   * difference goes, and the CRDT absorbs the overlap.
   */
  private answerStep1(link: DocLink, cloudStateVector: Uint8Array): void {
    const doc = this.deps.documents.get(link.docName);
    let missing: Uint8Array;
    try {
      missing = Y.encodeStateAsUpdate(doc, cloudStateVector);
    } catch (error) {
      this.deps.log.warn({ err: error, doc: link.docName }, 'the cloud sent a state vector that could not be read');
      return;
    }
    const onlyPending = this.coveredByPending(link.docName, missing);
    this.send(link, encodeSyncStep2(onlyPending ? EMPTY_UPDATE_V1 : missing));
  }

  private coveredByPending(docName: string, missingV1: Uint8Array): boolean {
    const { from, to } = Y.parseUpdateMeta(missingV1);
    // Clients whose content the cloud lacks, and from which clock.
    const lacking = new Map<number, number>();
    for (const [client, clock] of to) if (clock > (from.get(client) ?? 0)) lacking.set(client, from.get(client) ?? 0);
    // A client's clocks grow with the row ids, so its first unacked row holds its lowest unacked clock:
    // reading stops once every lacking client has been found.
    for (const row of this.deps.documents.iteratePending(docName)) {
      if (lacking.size === 0) break;
      for (const [client, clock] of Y.parseUpdateMetaV2(row.update).from) {
        const needed = lacking.get(client);
        if (needed === undefined) continue;
        if (needed < clock) return false; // the cloud lacks content of this client that it had acked
        lacking.delete(client);
      }
    }
    return lacking.size === 0;
  }

  private queueAck(range: AckRange): void {
    this.ackQueue.push(range);
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    // Acks arriving together share one command: a reconnect acks hundreds of frames in a burst.
    setImmediate(() => this.flushAcks());
  }

  private flushAcks(): void {
    this.ackScheduled = false;
    if (this.ackQueue.length === 0) return;
    const ranges = this.ackQueue;
    this.ackQueue = [];
    this.track(this.deps.ack(ranges), null);
  }

  private track(promise: Promise<void>, link: DocLink | null): void {
    const tracked = promise.catch((error: unknown) => {
      this.deps.log.error({ err: error, doc: link?.docName }, 'a sync step with the cloud failed');
    });
    this.work.add(tracked);
    void tracked.finally(() => this.work.delete(tracked));
  }

  private send(link: DocLink, frame: Uint8Array): void {
    link.socket?.send(frame, { binary: true });
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
