/**
 * The kitchen board as pure data: which tickets a station sees, how a fresh Order from the hub
 * changes them, and in what order a cook reads them. No DOM and no socket here, so the rules are
 * tested on their own (ticket-model.test.ts).
 */
import { EXPO, type Order, type OrderItem, type Station, type Ticket } from '../types.ts';

/** Why a line or a whole card is leaving: the kitchen must see it, not just lose it. */
export type StruckStatus = 'cancelled' | 'voided';

/** When (hub time, ms) the screen learned that a line or a card was struck out, and why. */
export interface Struck {
  status: StruckStatus;
  atMs: number;
}

/** One line of a card: an item still to cook here, or one just cancelled or voided (struck). */
export interface TicketLine {
  item: OrderItem;
  struck: Struck | null;
}

/** A ticket as the screen shows it: the items still to cook at this station, and what was just struck. */
export interface TicketView {
  orderId: string;
  number: number;
  tableName: string;
  rush: boolean;
  placedAt: string;
  placedAtMs: number;
  /** Still to cook here: what a bump acts on. */
  items: OrderItem[];
  /** What the card shows, in the order's own order: the items above plus lines struck out a moment ago. */
  lines: TicketLine[];
  /** Set when the whole order was cancelled or voided: the card stays, struck out, for a few seconds. */
  ended: Struck | null;
}

interface OrderMeta {
  /** The newest `updatedAt` applied, so a late, older copy of the order never wins. */
  updatedAt: string;
  /** Counts socket events for the order; an HTTP answer is applied only if none came meanwhile. */
  version: number;
}

export interface BoardState {
  tickets: ReadonlyMap<string, TicketView>;
  meta: ReadonlyMap<string, OrderMeta>;
}

export const emptyBoard: BoardState = { tickets: new Map(), meta: new Map() };

function itemsOfStation(items: readonly OrderItem[], station: string): OrderItem[] {
  return station === EXPO ? [...items] : items.filter((item) => item.station === station);
}

export function itemsForStation(items: readonly OrderItem[], station: string): OrderItem[] {
  return itemsOfStation(items, station).filter((item) => item.status === 'pending');
}

function viewOf(ticket: Omit<TicketView, 'placedAtMs' | 'lines' | 'ended'>): TicketView {
  const lines = ticket.items.map((item) => ({ item, struck: null }));
  return { ...ticket, placedAtMs: Date.parse(ticket.placedAt), lines, ended: null };
}

function isStruckStatus(status: OrderItem['status'] | Order['status']): status is StruckStatus {
  return status === 'cancelled' || status === 'voided';
}

/** A card a cook can still act on: something is left to cook and the order was not cancelled or voided. */
export function isWorkable(ticket: TicketView): boolean {
  return ticket.ended === null && ticket.items.length > 0;
}

/**
 * The station's ticket after a change, given the card it replaces. An item that was on the card and is
 * now cancelled or voided stays as a struck line, stamped with the change's time (kept on later
 * changes); a whole order cancelled or voided keeps its card, struck. Served or bumped items just leave.
 * The lines' fading is pruneFaded's job (fade-out.ts), a function of the clock.
 */
function ticketAfterChange(order: Order, station: string, before: TicketView | undefined): TicketView | null {
  if (!before) return ticketFromOrder(order, station);
  const changedAtMs = Date.parse(order.updatedAt);
  const shownBefore = new Map(before.lines.map((line) => [line.item.id, line]));
  const lines: TicketLine[] = [];
  for (const item of itemsOfStation(order.items, station)) {
    const previous = shownBefore.get(item.id);
    if (item.status === 'pending') lines.push({ item, struck: null });
    else if (previous && isStruckStatus(item.status)) lines.push({ item, struck: previous.struck ?? { status: item.status, atMs: changedAtMs } });
  }
  if (lines.length === 0) return null;
  return {
    orderId: order.id,
    number: order.number,
    tableName: order.tableName,
    rush: order.rush,
    placedAt: order.createdAt,
    placedAtMs: Date.parse(order.createdAt),
    items: lines.filter((line) => line.struck === null).map((line) => line.item),
    lines,
    ended: before.ended ?? (isStruckStatus(order.status) ? { status: order.status, atMs: changedAtMs } : null),
  };
}

/** The station's ticket for an order, or null when nothing is left to cook there. */
export function ticketFromOrder(order: Order, station: string): TicketView | null {
  const items = itemsForStation(order.items, station);
  if (items.length === 0) return null;
  return viewOf({ orderId: order.id, number: order.number, tableName: order.tableName, rush: order.rush, placedAt: order.createdAt, items });
}

export function ticketFromFetched(ticket: Ticket, station: string): TicketView | null {
  const items = itemsForStation(ticket.items, station);
  if (items.length === 0) return null;
  return viewOf({ orderId: ticket.orderId, number: ticket.number, tableName: ticket.tableName, rush: ticket.rush, placedAt: ticket.placedAt, items });
}

function lineSignature({ item, struck }: TicketLine): string {
  const mark = struck ? `${struck.status}@${struck.atMs}` : '';
  return `${item.id}:${item.status}:${item.quantity}:${item.note ?? ''}:${item.modifiers.map((m) => m.id).join(',')}:${mark}`;
}

/** Same content: keep the old object so the memoised card does not render again. */
function sameTicket(a: TicketView, b: TicketView): boolean {
  return (
    a.rush === b.rush &&
    a.number === b.number &&
    a.tableName === b.tableName &&
    a.placedAt === b.placedAt &&
    a.ended?.status === b.ended?.status &&
    a.ended?.atMs === b.ended?.atMs &&
    a.lines.length === b.lines.length &&
    a.lines.every((line, i) => lineSignature(line) === lineSignature(b.lines[i]!))
  );
}

export function loadBoard(tickets: readonly Ticket[], station: string): BoardState {
  const map = new Map<string, TicketView>();
  for (const ticket of tickets) {
    const view = ticketFromFetched(ticket, station);
    if (view) map.set(view.orderId, view);
  }
  return { tickets: map, meta: new Map() };
}

export interface ApplyResult {
  state: BoardState;
  /** True when the order brought a ticket the screen did not show (worth a beep). */
  appeared: boolean;
  /** A line or a card this screen showed that the change struck out (worth another sound). */
  struck: Struck | null;
}

/**
 * Folds a full Order into the board. `via: 'event'` is a socket event (in seq order, so an equal
 * `updatedAt` still applies); `via: 'response'` is the answer to this screen's own bump or recall,
 * applied only when no socket event for the order arrived since the request left (`versionAtSend`):
 * otherwise the socket already carries this change or a newer one, and the answer could be stale.
 */
export function applyOrder(
  state: BoardState,
  order: Order,
  station: string,
  via: { kind: 'event' } | { kind: 'response'; versionAtSend: number },
): ApplyResult {
  const unchanged: ApplyResult = { state, appeared: false, struck: null };
  const known = state.meta.get(order.id);
  if (known && order.updatedAt < known.updatedAt) return unchanged;
  if (via.kind === 'response' && (known?.version ?? 0) !== via.versionAtSend) return unchanged;

  const meta = new Map(state.meta);
  meta.set(order.id, { updatedAt: order.updatedAt, version: (known?.version ?? 0) + (via.kind === 'event' ? 1 : 0) });

  const before = state.tickets.get(order.id);
  const after = ticketAfterChange(order, station, before);
  if (!before && !after) return { state: { tickets: state.tickets, meta }, appeared: false, struck: null };
  if (before && after && sameTicket(before, after)) return { state: { tickets: state.tickets, meta }, appeared: false, struck: null };

  const tickets = new Map(state.tickets);
  if (after) tickets.set(order.id, after);
  else tickets.delete(order.id);
  return { state: { tickets, meta }, appeared: !before && after !== null, struck: before && after ? newlyStruck(before, after) : null };
}

/** A strike that `after` shows and `before` did not, if any. */
function newlyStruck(before: TicketView, after: TicketView): Struck | null {
  if (after.ended && !before.ended) return after.ended;
  const struckBefore = new Set(before.lines.filter((line) => line.struck).map((line) => line.item.id));
  return after.lines.find((line) => line.struck && !struckBefore.has(line.item.id))?.struck ?? null;
}

export function versionOf(state: BoardState, orderId: string): number {
  return state.meta.get(orderId)?.version ?? 0;
}

/** Rush first, then the oldest: the order a cook works in. */
export function sortTickets(tickets: Iterable<TicketView>): TicketView[] {
  return [...tickets].sort((a, b) => {
    if (a.rush !== b.rush) return a.rush ? -1 : 1;
    if (a.placedAtMs !== b.placedAtMs) return a.placedAtMs - b.placedAtMs;
    return a.number - b.number;
  });
}

export type Urgency = 'normal' | 'warn' | 'late';

export interface Thresholds {
  warnMinutes: number;
  lateMinutes: number;
}

export function urgencyOf(elapsedMs: number, thresholds: Thresholds): Urgency {
  const minutes = elapsedMs / 60_000;
  if (minutes >= thresholds.lateMinutes) return 'late';
  if (minutes >= thresholds.warnMinutes) return 'warn';
  return 'normal';
}

const DEFAULT_THRESHOLDS: Thresholds = { warnMinutes: 8, lateMinutes: 15 };

/**
 * A ticket's timer targets. On a station screen they are the station's; on expo a ticket mixes
 * stations, so the strictest target among its items counts (the bar's drink is late before the steak).
 */
export function thresholdsFor(ticket: TicketView, station: string, stations: readonly Station[]): Thresholds {
  const ids = station === EXPO ? new Set(ticket.items.map((item) => item.station)) : new Set([station]);
  const relevant = stations.filter((s) => ids.has(s.id));
  if (relevant.length === 0) return DEFAULT_THRESHOLDS;
  return {
    warnMinutes: Math.min(...relevant.map((s) => s.warnMinutes)),
    lateMinutes: Math.min(...relevant.map((s) => s.lateMinutes)),
  };
}

/** "7:05", or "1:02:09" past the hour; a clock a cook reads at a glance. */
export function formatElapsed(elapsedMs: number): string {
  const total = Math.max(0, Math.floor(elapsedMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
