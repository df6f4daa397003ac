/**
 * Struck lines and cards leave on a timer: a cancelled order's card stays STRUCK_MS marked CANCELLED
 * or VOID, so the cook sees what changed instead of a card that silently vanished. Pure functions of
 * the board and the time (the hub's clock, as the ticket timers use), so tests pass any time they like;
 * createFadeTimer runs them on a clock it is given.
 */
import type { BoardState, Struck, TicketView } from './ticket-model.ts';

export const STRUCK_MS = 5000;

export function isFading(struck: Struck, nowMs: number): boolean {
  return nowMs - struck.atMs < STRUCK_MS;
}

/** The ticket with its faded lines gone; null when nothing is left to show. The same object when nothing faded. */
function pruneTicket(ticket: TicketView, nowMs: number): TicketView | null {
  if (ticket.ended && !isFading(ticket.ended, nowMs)) return null;
  const lines = ticket.lines.filter((line) => line.struck === null || isFading(line.struck, nowMs));
  if (lines.length === ticket.lines.length) return ticket;
  return lines.length === 0 ? null : { ...ticket, lines };
}

/** The board without what has faded by `nowMs`; the same object when nothing did (no render). */
export function pruneFaded(state: BoardState, nowMs: number): BoardState {
  let tickets: Map<string, TicketView> | null = null;
  for (const [orderId, ticket] of state.tickets) {
    const pruned = pruneTicket(ticket, nowMs);
    if (pruned === ticket) continue;
    tickets ??= new Map(state.tickets);
    if (pruned) tickets.set(orderId, pruned);
    else tickets.delete(orderId);
  }
  return tickets ? { tickets, meta: state.meta } : state;
}

/** When the next struck line or card is due to leave (hub ms), or null when none is shown. */
export function nextFadeAt(state: BoardState): number | null {
  let next: number | null = null;
  for (const ticket of state.tickets.values()) {
    const marks = [ticket.ended, ...ticket.lines.map((line) => line.struck)];
    for (const mark of marks) {
      if (mark && (next === null || mark.atMs + STRUCK_MS < next)) next = mark.atMs + STRUCK_MS;
    }
  }
  return next;
}

/** The clock and timers the fade timer runs on: the page's (hub time), or a test's. */
export interface TimerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FadeTimer {
  /** Wake at `atMs` (or never, for null); a later call replaces the earlier one. */
  schedule(atMs: number | null): void;
  stop(): void;
}

/** One timer for the whole board, set for the next line due to leave; `onDue` gets the time it woke. */
export function createFadeTimer(clock: TimerClock, onDue: (nowMs: number) => void): FadeTimer {
  let handle: unknown = null;
  let dueAt: number | null = null;
  const clear = () => {
    if (handle !== null) clock.clearTimeout(handle);
    handle = null;
    dueAt = null;
  };
  return {
    schedule(atMs) {
      if (atMs === dueAt) return;
      clear();
      if (atMs === null) return;
      dueAt = atMs;
      handle = clock.setTimeout(() => {
        handle = null;
        dueAt = null;
        onDue(clock.now());
      }, Math.max(0, atMs - clock.now()));
    },
    stop: clear,
  };
}
