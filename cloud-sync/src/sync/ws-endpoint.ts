import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseDocName } from '@onemoment/shared/sync/index';
import { CLOSE_GOING_AWAY, CLOSE_UNAUTHORIZED, decodeFrame, encodePermissionDenied, inflateUpdate, MESSAGE_ACK } from '@onemoment/shared/sync/protocol';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { CloudContext } from '../context.ts';
import type { Peer } from './documents.ts';

const PATH_PREFIX = '/sync/';
const HEARTBEAT_MS = 30_000;

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: status === 404 ? 'not_found' : 'bad_request', message });
  socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function tokenOf(request: IncomingMessage, url: URL): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match?.[1] ?? url.searchParams.get('token');
}

function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/**
 * The hubs' sync endpoint: `GET /sync/<docName>` upgraded to a WebSocket (docName URL-encoded as one
 * path segment), authenticated by the hub token (`Authorization: Bearer`, or `?token=` for
 * browsers). Routed from the HTTP server's `upgrade` event with `ws` in noServer mode. The token is
 * checked before anything of the document is loaded; a token of another venue is closed with 4401.
 */
export function attachSyncEndpoint(server: Server, context: CloudContext) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: context.config.syncMaxMessageBytes,
    // Off unless configured: see SYNC_DEFLATE in config.ts.
    perMessageDeflate: context.config.syncDeflate ? { threshold: 64 } : false,
  });
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://cloud.invalid');
    } catch {
      refuseUpgrade(socket, 400, 'The address is not valid.');
      return;
    }
    // The prefix is compared as sent, not decoded: `/%73ync/...` is refused here rather than let
    // through, and every address that passes goes through the token check below. No spelling of the
    // path leads past it (test/http-security.test.ts tries them).
    if (!url.pathname.startsWith(PATH_PREFIX)) {
      refuseUpgrade(socket, 404, `No WebSocket at ${url.pathname}; documents are at /sync/<docName>.`);
      return;
    }
    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(PATH_PREFIX.length));
    } catch {
      refuseUpgrade(socket, 400, 'The document name is not validly URL-encoded.');
      return;
    }
    const parsed = parseDocName(docName);
    if (!parsed) {
      refuseUpgrade(socket, 400, 'Not a document name: use venue/<venueId>/config or venue/<venueId>/day/<YYYY-MM-DD>, URL-encoded.');
      return;
    }
    const token = tokenOf(request, url);
    const lookup = token ? context.accounts.hubOf(token) : Promise.resolve(null);
    lookup.then(
      (hub) => {
        wss.handleUpgrade(request, socket, head, (ws) => {
          if (!hub) ws.close(CLOSE_UNAUTHORIZED, 'unknown hub token');
          else if (hub.venueId !== parsed.venueId) ws.close(CLOSE_UNAUTHORIZED, "this hub's token is not for this venue");
          else connect(ws, docName, hub);
        });
      },
      (error: unknown) => {
        context.log.error({ err: error }, 'hub token lookup failed');
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      },
    );
  };

  function connect(ws: WebSocket, docName: string, hub: { venueId: string; hubKey: string }) {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('error', () => undefined);
    const peer: Peer = {
      hubKey: hub.hubKey,
      send(frame) {
        if (ws.readyState === WebSocket.OPEN) ws.send(frame);
      },
      close(code, reason) {
        ws.close(code, reason);
      },
      terminate() {
        ws.terminate();
      },
    };
    context.accounts.markHubSeen(hub.hubKey, hub.venueId).catch((error: unknown) => context.log.warn({ err: error }, 'could not record a hub as seen'));
    let closed = false;
    // Frames that arrive while the document loads wait here, in order.
    const ready = context.documents.acquire(docName).then(
      (live) => {
        if (closed) {
          context.documents.release(live);
          return null;
        }
        context.documents.attach(live, peer);
        context.documents.release(live);
        return live;
      },
      (error: unknown) => {
        context.log.error({ err: error, doc: docName }, 'could not load a document');
        ws.close(1011, 'the cloud could not load this document; reconnect later');
        return null;
      },
    );
    // Frames are handled strictly one after the other, in the order they came: a compressed one is
    // inflated off the event loop, and the frames behind it wait for it.
    let inOrder: Promise<void> = Promise.resolve();
    ws.on('message', (data, isBinary) => {
      inOrder = inOrder
        .then(() => handleFrame(data, isBinary))
        .catch((error: unknown) => context.log.error({ err: error, doc: docName }, 'a sync frame could not be handled'));
    });
    async function handleFrame(data: RawData, isBinary: boolean): Promise<void> {
      const live = await ready;
      if (!live) return;
      if (!isBinary) {
        peer.send(encodePermissionDenied('send binary frames'));
        return;
      }
      let message;
      try {
        message = decodeFrame(bytesOf(data));
      } catch {
        peer.send(encodePermissionDenied('the frame does not decode'));
        return;
      }
      switch (message.kind) {
        case 'step1':
          context.documents.answerStep1(live, peer, message.stateVector);
          break;
        case 'step2':
        case 'update':
          void context.documents.submitUpdate(live, peer, message.update, 'v1', null);
          break;
        case 'clientUpdate':
          void context.documents.submitUpdate(live, peer, message.update, 'v2', message.clientUpdateId);
          break;
        case 'compressedClientUpdate': {
          const inflated = await inflateUpdate(message.deflated, context.config.syncMaxMessageBytes);
          if (inflated.ok) void context.documents.submitUpdate(live, peer, inflated.update, 'v2', message.clientUpdateId);
          else peer.send(encodePermissionDenied(`update ${message.clientUpdateId} was refused: ${inflated.reason}`));
          break;
        }
        case 'awareness':
          break;
        case 'ack': // the cloud's own message: a hub has nothing to acknowledge
          peer.send(encodePermissionDenied(`unknown message type ${MESSAGE_ACK}`));
          break;
        case 'other':
          peer.send(encodePermissionDenied(`unknown message type ${message.type}`));
      }
    }
    ws.on('close', () => {
      closed = true;
      void ready.then((live) => live && context.documents.detach(live, peer));
    });
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  server.on('upgrade', onUpgrade);
  return {
    /** Stops accepting sockets; the documents close the open ones. */
    close(abrupt: boolean) {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) {
        if (abrupt) ws.terminate();
        else ws.close(CLOSE_GOING_AWAY, 'the cloud is shutting down');
      }
      wss.close();
    },
  };
}
