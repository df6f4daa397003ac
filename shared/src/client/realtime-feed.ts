import { io, type Socket } from 'socket.io-client';
import type { DomainEvent } from '../events/domain-events.ts';

/**
 * One event from the hub's event log, as every namespace sends it: the shared catalogue's union, so
 * `switch (event.type)` narrows the payload (a type-only import: nothing of TypeBox reaches the page).
 */
export type HubEvent = DomainEvent;

export type FeedState = 'connecting' | 'live' | 'offline';

export interface RealtimeFeedOptions {
  namespace: '/kds' | '/staff' | '/guest';
  token: string;
  station?: string;
  /** The highest seq this page has already applied (for example from a fresh HTTP fetch). */
  lastSeq?: number;
  onEvent: (event: HubEvent) => void;
  /** The hub could not replay what was missed: refetch everything over HTTP. */
  onResync: () => void;
  onState?: (state: FeedState) => void;
  onUnauthorized?: () => void;
}

export interface RealtimeFeed {
  close(): void;
  lastSeq(): number;
}

/**
 * A socket that never loses an event: it remembers the last seq applied and sends it on every
 * reconnect, so the hub replays what a Wi-Fi blip missed, in order, before anything new.
 */
export function openRealtimeFeed(options: RealtimeFeedOptions): RealtimeFeed {
  let lastSeq = options.lastSeq ?? 0;
  const socket: Socket = io(options.namespace, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: (send) => send({ token: options.token, station: options.station, lastSeq }),
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });
  options.onState?.('connecting');
  socket.on('connect', () => options.onState?.('live'));
  socket.on('disconnect', (reason) => {
    options.onState?.('offline');
    // The hub closes a socket whose login has ended (logout, a closed visit, a switched-off person)
    // or changed: connecting again either joins with what the login may now see, or is refused as
    // unauthorized below, which tells the page.
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
    if (event.seq <= lastSeq) return; // already applied (replay overlapping a fresh fetch)
    lastSeq = event.seq;
    options.onEvent(event);
  });
  socket.on('resync', (info: { latestSeq: number }) => {
    lastSeq = info.latestSeq;
    options.onResync();
  });
  return {
    close: () => socket.disconnect(),
    lastSeq: () => lastSeq,
  };
}
