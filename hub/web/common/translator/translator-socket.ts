/**
 * The translator's own socket.io connection, for the events of one page: `conversation.line` events and
 * the transient `translator.progress` messages. The shared realtime feed only passes on `event`
 * messages, and progress is sent outside the event log, so the translator listens here.
 *
 * No `lastSeq` is sent, so the hub replays nothing on this socket: after every (re)connect the page
 * fetches its conversation again instead, and the reducer merges the overlap by line id.
 */
import type { FeedState, HubEvent } from '@onemoment/shared/client/realtime-feed';
import type { ConversationLineEvent, TranslatorProgressEvent } from '@onemoment/shared/schemas/translator';
import { io } from 'socket.io-client';

export interface TranslatorSocketOptions {
  namespace: '/staff' | '/guest';
  token: string;
  onLine(event: ConversationLineEvent): void;
  onProgress(event: TranslatorProgressEvent): void;
  /** Connected, first or again: what happened while away is not replayed here, so fetch it. */
  onConnected(): void;
  onState?(state: FeedState): void;
  onUnauthorized?(): void;
  /** Where the hub is; the page's own origin when left out. */
  origin?: string;
}

export function openTranslatorSocket(options: TranslatorSocketOptions): { close(): void } {
  const socket = io(`${options.origin ?? ''}${options.namespace}`, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token: options.token },
    // Its own connection: the app's feed on the same namespace keeps its replay position untouched.
    forceNew: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });
  options.onState?.('connecting');
  socket.on('connect', () => {
    options.onState?.('live');
    options.onConnected();
  });
  socket.on('disconnect', (reason) => {
    options.onState?.('offline');
    // A login that ended closes the socket: connecting again is refused as unauthorized, below.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error: Error) => {
    options.onState?.('offline');
    if (error.message === 'unauthorized') {
      socket.disconnect();
      options.onUnauthorized?.();
    }
  });
  socket.on('event', (event: HubEvent) => {
    if (event.type === 'conversation.line') options.onLine(event.payload);
  });
  socket.on('translator.progress', (event: TranslatorProgressEvent) => options.onProgress(event));
  return { close: () => socket.disconnect() };
}
