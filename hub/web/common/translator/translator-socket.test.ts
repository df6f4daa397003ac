import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConversationLineEvent, TranslatorProgressEvent } from '@onemoment/shared/schemas/translator';
import { Server, type Socket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTranslatorSocket } from './translator-socket.ts';

/** Resolves when `check` passes, re-checking on every call of the returned `poke`. */
function waitFor(check: () => boolean): { done: Promise<void>; poke: () => void } {
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  const poke = () => {
    if (check()) resolve();
  };
  return { done, poke };
}

describe('the translator socket', () => {
  let http: HttpServer;
  let io: Server;
  let origin: string;
  let handshakes: Array<Record<string, unknown>>;
  let sockets: Socket[];

  beforeEach(async () => {
    handshakes = [];
    sockets = [];
    http = createServer();
    io = new Server(http, { path: '/socket.io' });
    io.of('/guest').use((socket, next) => {
      const auth = socket.handshake.auth as Record<string, unknown>;
      handshakes.push(auth);
      next(auth.token === 'good' ? undefined : new Error('unauthorized'));
    });
    io.of('/guest').on('connection', (socket) => sockets.push(socket));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await io.close();
  });

  it('passes on conversation lines and progress, asks for no replay, and refetches after every reconnect', async () => {
    const lines: ConversationLineEvent[] = [];
    const progress: TranslatorProgressEvent[] = [];
    let connected = 0;
    let wait = waitFor(() => connected === 1);
    const socket = openTranslatorSocket({
      namespace: '/guest',
      token: 'good',
      origin,
      onLine: (event) => {
        lines.push(event);
        wait.poke();
      },
      onProgress: (event) => {
        progress.push(event);
        wait.poke();
      },
      onConnected: () => {
        connected += 1;
        wait.poke();
      },
    });
    await wait.done;
    expect(handshakes[0]).toEqual({ token: 'good' }); // no lastSeq: the hub replays nothing on this socket

    wait = waitFor(() => lines.length === 1 && progress.length === 1);
    const server = sockets[0]!;
    server.emit('event', { seq: 7, type: 'order.updated', payload: {}, at: '' });
    server.emit('event', { seq: 8, type: 'conversation.line', payload: { conversation: { id: 'c1' }, line: { id: 'l1' } }, at: '' });
    server.emit('translator.progress', { conversationId: 'c1', lineId: 'l2', speaker: 'guest', state: 'running', position: 0, progress: 40 });
    await wait.done;
    expect(lines).toEqual([{ conversation: { id: 'c1' }, line: { id: 'l1' } }]);
    expect(progress[0]).toMatchObject({ lineId: 'l2', progress: 40 });

    wait = waitFor(() => connected === 2);
    server.conn.close(); // a Wi-Fi blip: the client reconnects by itself
    await wait.done;
    expect(handshakes).toHaveLength(2);
    socket.close();
  });

  it('gives up and says so when the token is refused', async () => {
    let refused!: () => void;
    const told = new Promise<void>((resolve) => (refused = resolve));
    openTranslatorSocket({
      namespace: '/guest',
      token: 'expired',
      origin,
      onLine: () => undefined,
      onProgress: () => undefined,
      onConnected: () => undefined,
      onUnauthorized: refused,
    });
    await told;
    expect(handshakes).toEqual([{ token: 'expired' }]);
  });
});
