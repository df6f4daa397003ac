/**
 * The station's open tickets, kept live: fetch over HTTP, then a /kds socket opened with the fetch's
 * `latestSeq`, so nothing placed between the two is lost. Every order event carries the full Order,
 * from which the station's ticket is recomputed. When the hub cannot replay what a long outage missed
 * it says `resync`, and the screen refetches; events arriving during that refetch are kept and
 * re-applied on top if they are newer than the fetch.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '@onemoment/shared/client/api-client';
import { openRealtimeFeed, type FeedState, type HubEvent, type RealtimeFeed } from '@onemoment/shared/client/realtime-feed';
import { api } from '../api.ts';
import type { Order, TicketsResponse } from '../types.ts';
import { hubNow, noteHubTime } from './clock.ts';
import { createFadeTimer, isFading, nextFadeAt, pruneFaded } from './fade-out.ts';
import { applyOrder, emptyBoard, loadBoard, versionOf, type BoardState } from './ticket-model.ts';

/** The events that carry a whole Order: they place or change this board's tickets. */
type OrderEvent = Extract<HubEvent, { type: 'order.placed' | 'order.updated' }>;
const RETRY_MS = 2000;

export type Connection = 'connecting' | 'live' | 'offline';

export interface TicketFeed {
  board: BoardState;
  connection: Connection;
  /** A sentence for the cook when the last load did not work (it is retried). */
  loadError: string | null;
  /** The first load has finished: an empty board now really means no tickets. */
  loaded: boolean;
  /** The socket alone (connection also counts the browser's own offline signal). */
  socketState: FeedState;
  /** Grows with every event, so panels (all-day counts, recall list) know to refresh. */
  changes: number;
  /** Applies the Order from this screen's own bump or recall (see applyOrder for the stale rule). */
  applyResponse: (order: Order, versionAtSend: number) => void;
  versionOf: (orderId: string) => number;
}

interface FeedOptions {
  station: string;
  token: string;
  onNewTicket: () => void;
  /** A line or a card this screen showed was just cancelled or voided (it stays struck a few seconds). */
  onStruck: () => void;
  /** Events that are not about orders (a printer's status) go here. */
  onOtherEvent?: (event: HubEvent) => void;
}

function describe(error: unknown): string {
  if (error instanceof ApiError) return error.isNetwork ? 'The hub did not answer. Retrying…' : error.message;
  return 'Could not load the tickets. Retrying…';
}

/** The page's timers on the hub's clock, which the ticket timers and the struck lines' times use. */
const HUB_TIMERS = {
  now: hubNow,
  setTimeout: (run: () => void, ms: number) => setTimeout(run, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function useTicketFeed({ station, token, onNewTicket, onStruck, onOtherEvent }: FeedOptions): TicketFeed {
  const [board, setBoard] = useState<BoardState>(emptyBoard);
  const boardRef = useRef<BoardState>(emptyBoard);
  const [feedState, setFeedState] = useState<FeedState>('connecting');
  const [browserOffline, setBrowserOffline] = useState(() => typeof navigator !== 'undefined' && navigator.onLine === false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [changes, setChanges] = useState(0);
  const newTicketRef = useRef(onNewTicket);
  newTicketRef.current = onNewTicket;
  const struckRef = useRef(onStruck);
  struckRef.current = onStruck;
  const otherEventRef = useRef(onOtherEvent);
  otherEventRef.current = onOtherEvent;

  // Struck lines and cards leave when their time is up: one timer, always set for the next one due.
  const fadeTimer = useRef(
    createFadeTimer(HUB_TIMERS, (now) => {
      const next = pruneFaded(boardRef.current, now);
      boardRef.current = next;
      setBoard(next);
      fadeTimer.current.schedule(nextFadeAt(next));
    }),
  );
  useEffect(() => () => fadeTimer.current.stop(), []);

  const commit = useCallback((next: BoardState) => {
    if (next === boardRef.current) return;
    boardRef.current = next;
    setBoard(next);
    fadeTimer.current.schedule(nextFadeAt(next));
  }, []);

  useEffect(() => {
    let cancelled = false;
    let feed: RealtimeFeed | null = null;
    let fetching = false;
    let buffered: OrderEvent[] = [];
    let reloadAgain = false;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;

    commit(emptyBoard);

    /** One fetch; returns the fetch's latestSeq. Throws on failure. */
    const load = async (): Promise<number> => {
      fetching = true;
      buffered = [];
      try {
        const response = await api.get<TicketsResponse>(`/api/kds/tickets?station=${encodeURIComponent(station)}`);
        let next = loadBoard(response.tickets, station);
        for (const event of buffered) {
          if (event.seq > response.latestSeq) next = applyOrder(next, event.payload, station, { kind: 'event' }).state;
        }
        if (!cancelled) {
          commit(next);
          setLoadError(null);
          setLoaded(true);
          setChanges((n) => n + 1);
        }
        return response.latestSeq ?? 0;
      } finally {
        fetching = false;
        buffered = [];
      }
    };

    /** Loads until it works (the hub may be restarting); later calls while loading queue one more. */
    const reload = async (): Promise<number | null> => {
      if (fetching) {
        reloadAgain = true;
        return null;
      }
      for (;;) {
        if (cancelled) return null;
        try {
          reloadAgain = false;
          const latestSeq = await load();
          if (!reloadAgain) return latestSeq;
        } catch (error) {
          if (cancelled || (error instanceof ApiError && error.status === 401)) return null;
          setLoadError(describe(error));
          await new Promise<void>((resolve) => {
            retryTimer = setTimeout(resolve, RETRY_MS);
          });
        }
      }
    };

    const onEvent = (event: HubEvent) => {
      noteHubTime(event.at);
      if (event.type !== 'order.placed' && event.type !== 'order.updated') {
        otherEventRef.current?.(event);
        return;
      }
      const orderEvent = event;
      if (fetching) buffered.push(orderEvent);
      const result = applyOrder(boardRef.current, orderEvent.payload, station, { kind: 'event' });
      // A cancel replayed after an outage is already old: it is not shown, nor sounded.
      const now = hubNow();
      commit(pruneFaded(result.state, now));
      setChanges((n) => n + 1);
      if (result.appeared) newTicketRef.current();
      if (result.struck && isFading(result.struck, now)) struckRef.current();
    };

    void (async () => {
      const latestSeq = await reload();
      if (cancelled || latestSeq === null) return;
      feed = openRealtimeFeed({
        namespace: '/kds',
        token,
        station,
        lastSeq: latestSeq,
        onEvent,
        onResync: () => void reload(),
        onState: (state) => {
          if (!cancelled) setFeedState(state);
        },
        // A 401 on the socket means the session is gone: the next HTTP call would say so too.
        onUnauthorized: () => void api.get('/api/staff/me').catch(() => undefined),
      });
    })();

    return () => {
      cancelled = true;
      if (retryTimer) clearTimeout(retryTimer);
      feed?.close();
    };
  }, [station, token, commit]);

  // The browser knows at once when the network goes; the socket may take a ping timeout to notice.
  useEffect(() => {
    const offline = () => setBrowserOffline(true);
    const online = () => setBrowserOffline(false);
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
  }, []);

  const applyResponse = useCallback(
    (order: Order, versionAtSend: number) => {
      commit(applyOrder(boardRef.current, order, station, { kind: 'response', versionAtSend }).state);
    },
    [station, commit],
  );

  const currentVersion = useCallback((orderId: string) => versionOf(boardRef.current, orderId), []);

  let connection: Connection = feedState;
  if (browserOffline || (loadError !== null && feedState === 'connecting')) connection = 'offline';
  return { board, connection, socketState: feedState, loadError, loaded, changes, applyResponse, versionOf: currentVersion };
}
