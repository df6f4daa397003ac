import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { setMenuItem, type MenuItemPatch } from '@onemoment/shared/sync/config-doc';
import { CLOSE_UNAUTHORIZED, decodeFrame, encodeAck, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from '@onemoment/shared/sync/protocol';

/**
 * A tiny cloud for the hub's sync tests, speaking the protocol of the real one (the shared frames of
 * `@onemoment/shared/sync/protocol`: y-websocket sync messages plus 101/102 client updates and 100
 * acks) without depending on the cloud's code: pairing, one Y.Doc
 * per document, token checks, and switches to go offline or to hold acks.
 */

export interface ReceivedUpdate {
  docName: string;
  clientUpdateId: number;
  /** The update (V2) the frame carried. */
  update: Uint8Array;
  bytes: number;
}

export interface FakeCloud {
  url: string;
  venueId: string;
  /** The token the cloud accepts; change it to see the hub refused. */
  hubToken: string;
  pairingCode: string;
  /** Documents by their cloud name (venue/<cloud venue id>/...). */
  doc(name: string): Y.Doc;
  /** Every 101 frame received, in order. */
  received: ReceivedUpdate[];
  /** Bytes of every binary frame the hub sent. */
  bytesReceived(): number;
  /** While true, client updates are stored but not acked (as if the cloud died before committing). */
  holdAcks: boolean;
  openSockets(): number;
  /** Drops every socket and refuses new ones until online() (the venue's internet is down). */
  offline(): void;
  online(): void;
  /** Loses a document (a restore from an old backup): the hub must send it whole again. */
  forget(name: string): void;
  /** HQ edits a menu item: applied to the config document and sent to connected hubs. */
  hqSetMenuItem(itemId: string, patch: MenuItemPatch): void;
  close(): Promise<void>;
}

export async function startFakeCloud(options: { venueId?: string; pairingCode?: string } = {}): Promise<FakeCloud> {
  const venueId = options.venueId ?? 'cloud-venue-1';
  const hubToken = 'hub-token-0123456789abcdef0123456789abcdef';
  const pairingCode = options.pairingCode ?? 'PAIR2345';
  const docs = new Map<string, Y.Doc>();
  const sockets = new Map<WebSocket, string>();
  const received: ReceivedUpdate[] = [];
  let bytes = 0;
  let isOffline = false;
  let codeUsed = false;

  const doc = (name: string) => {
    let found = docs.get(name);
    if (!found) {
      found = new Y.Doc();
      docs.set(name, found);
    }
    return found;
  };
  const broadcast = (name: string, updateV1: Uint8Array, except: WebSocket | null) => {
    for (const [socket, docName] of sockets) {
      if (docName === name && socket !== except && socket.readyState === WebSocket.OPEN) socket.send(encodeSyncUpdate(updateV1));
    }
  };

  const http: Server = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/api/pair') {
      response.writeHead(404).end();
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const parsed = JSON.parse(body || '{}') as { pairingCode?: string };
      if (parsed.pairingCode !== pairingCode || codeUsed) {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found', message: 'This pairing code is unknown or used.' }));
        return;
      }
      codeUsed = true;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ venueId, hubToken }));
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (isOffline) {
      socket.destroy();
      return;
    }
    const match = /^\/sync\/([^/?]+)$/.exec(request.url ?? '');
    if (!match) {
      socket.destroy();
      return;
    }
    const name = decodeURIComponent(match[1]!);
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (request.headers.authorization !== `Bearer ${cloud.hubToken}` || !name.startsWith(`venue/${venueId}/`)) {
        ws.close(CLOSE_UNAUTHORIZED, 'not your venue');
        return;
      }
      sockets.set(ws, name);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data: Buffer) => {
        bytes += data.byteLength;
        const frame = decodeFrame(new Uint8Array(data));
        const target = doc(name);
        if (frame.kind === 'step1') ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(target, frame.stateVector)));
        else if (frame.kind === 'step2' || frame.kind === 'update') {
          Y.applyUpdate(target, frame.update);
          broadcast(name, frame.update, ws);
        } else if (frame.kind === 'clientUpdate' || frame.kind === 'compressedClientUpdate') {
          const update = frame.kind === 'clientUpdate' ? frame.update : new Uint8Array(inflateRawSync(frame.deflated));
          Y.applyUpdateV2(target, update);
          received.push({ docName: name, clientUpdateId: frame.clientUpdateId, update, bytes: data.byteLength });
          broadcast(name, Y.convertUpdateFormatV2ToV1(update), ws);
          if (!cloud.holdAcks) ws.send(encodeAck(frame.clientUpdateId));
        }
      });
      ws.send(encodeSyncStep1(Y.encodeStateVector(doc(name))));
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const cloud: FakeCloud = {
    url: `http://127.0.0.1:${port}`,
    venueId,
    hubToken,
    pairingCode,
    doc,
    received,
    bytesReceived: () => bytes,
    holdAcks: false,
    openSockets: () => sockets.size,
    offline() {
      isOffline = true;
      for (const socket of sockets.keys()) socket.terminate();
      sockets.clear();
    },
    online() {
      isOffline = false;
    },
    forget(name) {
      docs.get(name)?.destroy();
      docs.delete(name);
    },
    hqSetMenuItem(itemId, patch) {
      const name = `venue/${venueId}/config`;
      const target = doc(name);
      let update: Uint8Array | null = null;
      const capture = (u: Uint8Array) => (update = u);
      target.on('update', capture);
      setMenuItem(target, itemId, patch, 'hq');
      target.off('update', capture);
      if (update) broadcast(name, update, null);
    },
    async close() {
      for (const socket of sockets.keys()) socket.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return cloud;
}

/** Waits until `check` holds, polling every 10 ms; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface Blackhole {
  url: string;
  /** Connections stay open but nothing passes either way, as when a cable is pulled. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** A TCP relay to `target` (an http://host:port URL) that can silently stop passing bytes. */
export async function startBlackhole(target: string): Promise<Blackhole> {
  const { hostname, port } = new URL(target);
  let cut = false;
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on('data', (chunk) => {
        if (!cut) to.write(chunk);
      });
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
      from.on('error', () => to.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const relayPort = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${relayPort}`,
    cut: () => (cut = true),
    restore: () => (cut = false),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
