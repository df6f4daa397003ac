import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

const REMOTE = Symbol('remote');

/**
 * A tiny hub stand-in that speaks the cloud's protocol with nothing but `ws`, yjs and lib0 (no code
 * of the cloud or the hub): syncStep1/2 on connect, local changes sent as message 101 (V2) with an
 * increasing clientUpdateId and kept until acknowledged (100), remote updates applied to its doc.
 */
export class TestSyncClient {
  readonly doc: Y.Doc;
  readonly acked = new Set<number>();
  /** Sent but not acknowledged: resent on reconnect, as the hub does. */
  readonly unacked = new Map<number, Uint8Array>();
  readonly denials: string[] = [];
  closed: { code: number; reason: string } | null = null;
  synced = false;
  bytesSent = 0;
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly checks = new Set<() => void>();

  constructor(
    private url: string,
    private readonly token: string | null,
    doc?: Y.Doc,
    /** Offer permessage-deflate (the cloud accepts it only with SYNC_DEFLATE=on). */
    private readonly deflate = false,
  ) {
    this.doc = doc ?? new Y.Doc();
    this.doc.on('updateV2', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      const id = this.nextId++;
      this.unacked.set(id, update);
      this.sendClientUpdate(id, update);
    });
  }

  static wsUrl(baseUrl: string, docName: string): string {
    return `${baseUrl.replace(/^http/, 'ws')}/sync/${encodeURIComponent(docName)}`;
  }

  /** Points the client at another address (a restarted cloud): connect() again after. */
  retarget(url: string): void {
    this.url = url;
  }

  /** Opens the socket; resolves when it is open (or closed right away, e.g. 4401). */
  connect(): Promise<void> {
    this.synced = false;
    this.closed = null;
    const ws = new WebSocket(this.url, { headers: this.token ? { authorization: `Bearer ${this.token}` } : {}, perMessageDeflate: this.deflate });
    ws.binaryType = 'nodebuffer';
    this.ws = ws;
    ws.on('message', (data: Buffer) => {
      this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      this.check();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.check();
    });
    ws.on('error', () => undefined);
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.doc));
        this.sendRaw(encoding.toUint8Array(encoder));
        for (const [id, update] of [...this.unacked].sort((a, b) => a[0] - b[0])) this.sendClientUpdate(id, update);
        resolve();
      });
      ws.once('close', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`the cloud answered the upgrade with HTTP ${res.statusCode}`)));
    });
  }

  /** Waits (event-driven, bounded) until `predicate` holds; fails saying what it waited for. */
  until(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.checks.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.checks.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (acked ${this.acked.size}, unacked ${this.unacked.size}, denials: ${this.denials.join(' | ') || 'none'}, closed: ${JSON.stringify(this.closed)})`));
      }, timeoutMs);
      this.checks.add(check);
    });
  }

  /** Sends raw bytes as a 101 (to test refusals). */
  sendClientUpdate(id: number, update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 101);
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint8Array(encoder, update);
    this.sendRaw(encoding.toUint8Array(encoder));
  }

  /** Sends a standard y-websocket update (V1, no acknowledgement). */
  sendSyncUpdate(updateV1: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, updateV1);
    this.sendRaw(encoding.toUint8Array(encoder));
  }

  sendRaw(frame: Uint8Array): void {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    this.bytesSent += frame.byteLength;
    this.ws.send(frame);
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  close(): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
    });
  }

  private check(): void {
    for (const check of [...this.checks]) check();
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const sub = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (sub === 0) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.doc, payload));
        this.sendRaw(encoding.toUint8Array(encoder));
      } else {
        Y.applyUpdate(this.doc, payload, REMOTE);
        if (sub === 1) this.synced = true;
      }
    } else if (type === 100) {
      const id = decoding.readVarUint(decoder);
      this.acked.add(id);
      this.unacked.delete(id);
    } else if (type === 2) {
      decoding.readVarUint(decoder);
      this.denials.push(decoding.readVarString(decoder));
    }
  }
}
