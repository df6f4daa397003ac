/**
 * The kitchen board: one station's (or expo's) open tickets as cards, oldest first with rush on
 * top, bumped by tap or by the bump bar, with all-day counts and a recall list beside them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '@onemoment/shared/client/api-client';
import { api } from '../api.ts';
import { beep, struckAlert } from '../beep.ts';
import { loadMuted, saveMuted } from '../storage.ts';
import { EXPO, type BumpResponse, type RecentItem, type Station } from '../types.ts';
import { AllDayPanel } from './all-day-panel.tsx';
import { useClock } from './clock.ts';
import { ConnectionBanner } from './connection-banner.tsx';
import { PrinterAlerts, usePrinterStates } from './printer-alerts.tsx';
import { RecallPanel } from './recall-panel.tsx';
import { TicketCard } from './ticket-card.tsx';
import { isWorkable, sortTickets } from './ticket-model.ts';
import { useBumpBar } from './use-bump-bar.ts';
import { useTicketFeed } from './use-ticket-feed.ts';

type SidePanel = 'all-day' | 'recall' | 'none';

const MAX_RECALL_BATCHES = 20;
const TOAST_MS = 4000;

export interface KitchenBoardProps {
  token: string;
  station: string;
  stations: Station[];
  venueName: string;
  timezone: string;
  staffName: string;
  onChangeStation: () => void;
  onLogout: () => void;
}

function WallClock({ timezone }: { timezone: string }) {
  const format = useMemo(() => {
    try {
      return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: timezone });
    } catch {
      return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
    }
  }, [timezone]);
  const text = useClock((now) => format.format(now));
  return <span class="topbar-clock">{text}</span>;
}

function sentence(error: unknown): string {
  if (error instanceof ApiError) return error.isNetwork ? 'The hub did not answer.' : error.message;
  return 'Something went wrong.';
}

export function KitchenBoard(props: KitchenBoardProps) {
  const { token, station, stations, venueName, timezone, staffName, onChangeStation, onLogout } = props;
  const [muted, setMuted] = useState(loadMuted);
  const mutedRef = useRef(muted);
  mutedRef.current = muted;
  const [panel, setPanel] = useState<SidePanel>('all-day');
  const [inflight, setInflight] = useState<ReadonlySet<string>>(() => new Set());
  const [toast, setToast] = useState<string | null>(null);
  const lastBumped = useRef<string[][]>([]);
  /** Bumps still waiting for the hub's answer: R waits for them, so it recalls what was just bumped. */
  const bumping = useRef(new Set<Promise<void>>());
  const gridRef = useRef<HTMLElement>(null);

  const onNewTicket = useCallback(() => {
    if (!mutedRef.current) beep();
  }, []);
  const onStruck = useCallback(() => {
    if (!mutedRef.current) struckAlert();
  }, []);
  const [liveSessions, setLiveSessions] = useState(0);
  const [printers, onPrinterStatus] = usePrinterStates(liveSessions);
  const feed = useTicketFeed({
    station,
    token,
    onNewTicket,
    onStruck,
    onOtherEvent: (event) => {
      if (event.type === 'printer.status') onPrinterStatus(event.payload);
    },
  });
  // Each time the socket is live again, reload the printers' states it may have missed.
  useEffect(() => {
    if (feed.connection === 'live') setLiveSessions((n) => n + 1);
  }, [feed.connection]);
  const tickets = useMemo(() => sortTickets(feed.board.tickets.values()), [feed.board.tickets]);
  // Struck cards are shown where they were, but the bump bar and the count skip them: nothing to do there.
  const workable = useMemo(() => tickets.filter(isWorkable), [tickets]);
  const positions = useMemo(() => new Map(workable.map((ticket, index) => [ticket.orderId, index])), [workable]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const markInflight = useCallback((ids: string[], on: boolean) => {
    setInflight((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  // Handlers read the newest board through refs so the card callbacks stay stable (memo).
  const live = useRef({ feed, inflight });
  live.current = { feed, inflight };

  const sendBumps = useCallback(
    async (orderId: string, itemIds: string[]) => {
      const ids = itemIds.filter((id) => !live.current.inflight.has(id));
      if (ids.length === 0) return;
      markInflight(ids, true);
      const bumped: string[] = [];
      try {
        for (const itemId of ids) {
          const versionAtSend = live.current.feed.versionOf(orderId);
          try {
            const response = await api.post<BumpResponse>(`/api/kds/items/${encodeURIComponent(itemId)}/bump`);
            live.current.feed.applyResponse(response.order, versionAtSend);
            bumped.push(itemId);
          } catch (error) {
            // 409: someone else bumped it already; the socket brings the new state.
            if (error instanceof ApiError && error.status === 409) continue;
            setToast(`Not bumped: ${sentence(error)}`);
            break;
          }
        }
      } finally {
        markInflight(ids, false);
      }
      if (bumped.length > 0) {
        lastBumped.current = [...lastBumped.current.slice(-(MAX_RECALL_BATCHES - 1)), bumped];
      }
    },
    [markInflight],
  );

  /**
   * Bumps one by one: each answer is the order after that bump, so they apply in order. The card can
   * leave (the socket's event) before the answer comes back; R pressed then must not race the answer.
   */
  const bumpItems = useCallback(
    (orderId: string, itemIds: string[]): Promise<void> => {
      const running = sendBumps(orderId, itemIds);
      bumping.current.add(running);
      return running.finally(() => bumping.current.delete(running));
    },
    [sendBumps],
  );

  const recallItems = useCallback(async (itemIds: string[]) => {
    for (const itemId of itemIds) {
      try {
        const response = await api.post<BumpResponse>(`/api/kds/items/${encodeURIComponent(itemId)}/recall`);
        live.current.feed.applyResponse(response.order, live.current.feed.versionOf(response.order.id));
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) continue; // already back on the board
        setToast(`Not recalled: ${sentence(error)}`);
        return;
      }
    }
  }, []);

  const onBumpItem = useCallback((orderId: string, itemId: string) => void bumpItems(orderId, [itemId]), [bumpItems]);

  const onBumpAll = useCallback(
    (orderId: string) => {
      const ticket = live.current.feed.board.tickets.get(orderId);
      if (ticket) void bumpItems(orderId, ticket.items.map((item) => item.id));
    },
    [bumpItems],
  );

  /** R: bring back what this screen bumped last; on a fresh screen, the station's last bumped item. */
  const recallLast = useCallback(async () => {
    await Promise.all(bumping.current);
    const batch = lastBumped.current.at(-1);
    if (batch) {
      lastBumped.current = lastBumped.current.slice(0, -1);
      await recallItems(batch);
      return;
    }
    try {
      const recent = await api.get<{ items: RecentItem[] }>(`/api/kds/recent?station=${encodeURIComponent(station)}`);
      const last = recent.items.find((item) => item.status === 'ready');
      if (last) await recallItems([last.id]);
      else setToast('Nothing to recall.');
    } catch (error) {
      setToast(`Not recalled: ${sentence(error)}`);
    }
  }, [recallItems, station]);

  const columns = useCallback(() => {
    const grid = gridRef.current;
    if (!grid) return 1;
    return Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length);
  }, []);

  const bumpBar = useBumpBar({
    tickets: workable,
    columns,
    onBump: onBumpAll,
    onRecallLast: () => void recallLast(),
    onEscape: () => setPanel((current) => (current === 'recall' ? 'all-day' : current)),
    enabled: true,
  });
  const { selectedId, select } = bumpBar;
  const selectRef = useRef(select);
  selectRef.current = select;
  const onSelect = useCallback((orderId: string) => selectRef.current(orderId), []);

  useEffect(() => {
    if (!selectedId) return;
    const card = gridRef.current?.querySelector<HTMLElement>(`[data-order-id="${CSS.escape(selectedId)}"]`);
    card?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [selectedId]);

  const toggleMute = () => {
    const next = !muted;
    setMuted(next);
    saveMuted(next);
  };

  const stationLabel = station === EXPO ? 'Expo' : (stations.find((s) => s.id === station)?.name ?? station);

  return (
    <div class="board" data-board-station={station} data-live={feed.connection === 'live'} data-socket={feed.socketState}>
      <ConnectionBanner connection={feed.connection} detail={feed.loadError} />
      <PrinterAlerts printers={printers} station={station} />
      <header class="topbar">
        <div class="topbar-title">
          <span class="topbar-station" data-testid="station-name">
            {stationLabel}
          </span>
          <span class="topbar-count" data-testid="ticket-count">
            {workable.length} open
          </span>
        </div>
        <span class="topbar-venue">
          {venueName} · {staffName}
        </span>
        <nav class="topbar-actions">
          <button type="button" class={panel === 'all-day' ? 'btn btn-on' : 'btn'} aria-pressed={panel === 'all-day'} onClick={() => setPanel(panel === 'all-day' ? 'none' : 'all-day')}>
            All day
          </button>
          <button type="button" class={panel === 'recall' ? 'btn btn-on' : 'btn'} aria-pressed={panel === 'recall'} data-testid="recall-toggle" onClick={() => setPanel(panel === 'recall' ? 'all-day' : 'recall')}>
            Recall
          </button>
          <button type="button" class={muted ? 'btn btn-muted' : 'btn'} aria-pressed={muted} data-testid="mute" onClick={toggleMute}>
            {muted ? 'Sound off' : 'Sound on'}
          </button>
          <button type="button" class="btn" data-testid="change-station" onClick={onChangeStation}>
            Station
          </button>
          <button type="button" class="btn" data-testid="logout" onClick={onLogout}>
            Log out
          </button>
        </nav>
        <WallClock timezone={timezone} />
      </header>
      <div class="board-body">
        <main class="ticket-grid" ref={gridRef} data-testid="ticket-grid">
          {tickets.map((ticket) => {
            const index = positions.get(ticket.orderId) ?? -1;
            const busy = inflight.size === 0 ? '' : ticket.items.filter((item) => inflight.has(item.id)).map((item) => item.id).join(',');
            return (
              <TicketCard
                key={ticket.orderId}
                ticket={ticket}
                station={station}
                stations={stations}
                position={index >= 0 && index < 9 ? index + 1 : null}
                selected={ticket.orderId === selectedId}
                inflight={busy}
                onSelect={onSelect}
                onBumpItem={onBumpItem}
                onBumpAll={onBumpAll}
              />
            );
          })}
          {tickets.length === 0 && (
            <div class="empty" data-testid="empty">
              {feed.loaded ? 'All clear — no open tickets' : 'Loading tickets…'}
            </div>
          )}
        </main>
        {panel === 'all-day' && <AllDayPanel station={station} changes={feed.changes} />}
        {panel === 'recall' && <RecallPanel station={station} changes={feed.changes} onRecall={(id) => recallItems([id])} onClose={() => setPanel('all-day')} />}
      </div>
      <footer class="keys-hint">
        <span><kbd>1</kbd>–<kbd>9</kbd> select</span>
        <span><kbd>←</kbd><kbd>→</kbd><kbd>↑</kbd><kbd>↓</kbd> move</span>
        <span><kbd>Enter</kbd> bump</span>
        <span><kbd>R</kbd> recall last</span>
        <span>Tap an item to bump it alone</span>
      </footer>
      {toast && (
        <div class="toast" role="alert" data-testid="toast">
          {toast}
        </div>
      )}
    </div>
  );
}
