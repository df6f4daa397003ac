import { describe, expect, it } from 'vitest';
import type { Order, OrderItem } from '../types.ts';
import { STRUCK_MS, createFadeTimer, nextFadeAt, pruneFaded, type TimerClock } from './fade-out.ts';
import { testItem, testOrder } from './test-orders.ts';
import { applyOrder, emptyBoard, isWorkable, type BoardState } from './ticket-model.ts';

const T0 = Date.parse('2025-01-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

const item = testItem;

function order(items: OrderItem[], status: Order['status'], updatedAtMs: number): Order {
  return testOrder('o1', items, { number: 7, status, totalMinor: 1000, createdAt: at(0), updatedAt: at(updatedAtMs) });
}

const event = { kind: 'event' } as const;

function placed(station = 'grill'): BoardState {
  return applyOrder(emptyBoard, order([item('steak', 'grill'), item('fries', 'grill'), item('beer', 'bar')], 'accepted', 0), station, event).state;
}

describe('a cancelled or voided order on the kitchen screen', () => {
  it('keeps the card, marked with the order status and struck, and says when', () => {
    const cancelled = order([item('steak', 'grill', 'cancelled'), item('fries', 'grill', 'cancelled'), item('beer', 'bar', 'cancelled')], 'cancelled', 60_000);
    const result = applyOrder(placed(), cancelled, 'grill', event);
    const ticket = result.state.tickets.get('o1')!;
    expect(ticket.ended).toEqual({ status: 'cancelled', atMs: T0 + 60_000 });
    expect(ticket.lines.map((line) => [line.item.id, line.struck?.status])).toEqual([
      ['steak', 'cancelled'],
      ['fries', 'cancelled'],
    ]);
    expect(ticket.items).toEqual([]);
    expect(isWorkable(ticket)).toBe(false);
    expect(result.struck).toEqual({ status: 'cancelled', atMs: T0 + 60_000 });
  });

  it('leaves STRUCK_MS after the change, not a moment before', () => {
    const voided = order([item('steak', 'grill', 'voided'), item('fries', 'grill', 'voided'), item('beer', 'bar', 'voided')], 'voided', 60_000);
    const state = applyOrder(placed(), voided, 'grill', event).state;
    expect(nextFadeAt(state)).toBe(T0 + 60_000 + STRUCK_MS);
    expect(pruneFaded(state, T0 + 60_000 + STRUCK_MS - 1)).toBe(state);
    const gone = pruneFaded(state, T0 + 60_000 + STRUCK_MS);
    expect(gone.tickets.size).toBe(0);
    expect(nextFadeAt(gone)).toBeNull();
  });

  it('shows nothing for an order whose items this station had already bumped', () => {
    const bumped = applyOrder(placed(), order([item('steak', 'grill', 'ready'), item('fries', 'grill', 'ready'), item('beer', 'bar')], 'preparing', 30_000), 'grill', event).state;
    expect(bumped.tickets.size).toBe(0);
    const voided = applyOrder(bumped, order([item('steak', 'grill', 'voided'), item('fries', 'grill', 'voided'), item('beer', 'bar', 'voided')], 'voided', 60_000), 'grill', event);
    expect(voided.state.tickets.size).toBe(0);
    expect(voided.struck).toBeNull();
  });

  it('flashes nothing for a cancel replayed long after it happened', () => {
    const replayed = applyOrder(placed(), order([item('steak', 'grill', 'cancelled'), item('fries', 'grill', 'cancelled'), item('beer', 'bar', 'cancelled')], 'cancelled', 60_000), 'grill', event);
    const now = T0 + 10 * 60_000;
    expect(pruneFaded(replayed.state, now).tickets.size).toBe(0);
  });
});

describe('one item cancelled, voided or served alone', () => {
  it('strikes the voided line (VOID) while the rest stays to cook, then drops the line', () => {
    const voided = order([item('steak', 'grill', 'voided'), item('fries', 'grill'), item('beer', 'bar')], 'accepted', 20_000);
    const result = applyOrder(placed(), voided, 'grill', event);
    const ticket = result.state.tickets.get('o1')!;
    expect(ticket.ended).toBeNull();
    expect(ticket.items.map((i) => i.id)).toEqual(['fries']);
    expect(ticket.lines.map((line) => [line.item.id, line.struck])).toEqual([
      ['steak', { status: 'voided', atMs: T0 + 20_000 }],
      ['fries', null],
    ]);
    expect(isWorkable(ticket)).toBe(true);
    expect(result.struck).toEqual({ status: 'voided', atMs: T0 + 20_000 });

    const later = pruneFaded(result.state, T0 + 20_000 + STRUCK_MS);
    expect(later.tickets.get('o1')?.lines.map((line) => line.item.id)).toEqual(['fries']);
  });

  it('keeps the first strike time when later changes come in for the same order', () => {
    const first = applyOrder(placed(), order([item('steak', 'grill', 'cancelled'), item('fries', 'grill'), item('beer', 'bar')], 'accepted', 20_000), 'grill', event).state;
    const second = applyOrder(first, order([item('steak', 'grill', 'cancelled'), item('fries', 'grill'), item('beer', 'bar', 'ready')], 'preparing', 22_000), 'grill', event);
    expect(second.state.tickets.get('o1')?.lines[0]?.struck).toEqual({ status: 'cancelled', atMs: T0 + 20_000 });
    expect(second.struck).toBeNull();
  });

  it('keeps a card whose last line was voided until that line fades', () => {
    const grillOnly = applyOrder(emptyBoard, order([item('steak', 'grill'), item('beer', 'bar')], 'accepted', 0), 'grill', event).state;
    // The order is not over (the beer is still owed), but nothing is left to cook at the grill.
    const state = applyOrder(grillOnly, order([item('steak', 'grill', 'voided'), item('beer', 'bar')], 'accepted', 20_000), 'grill', event).state;
    const ticket = state.tickets.get('o1')!;
    expect(ticket.items).toEqual([]);
    expect(isWorkable(ticket)).toBe(false);
    expect(pruneFaded(state, T0 + 20_000 + STRUCK_MS).tickets.size).toBe(0);
  });

  it('lets items that were served or bumped leave at once, without a mark', () => {
    const bar = placed('bar');
    const served = applyOrder(bar, order([item('steak', 'grill'), item('fries', 'grill'), item('beer', 'bar', 'served')], 'accepted', 20_000), 'bar', event);
    expect(served.state.tickets.size).toBe(0);
    expect(served.struck).toBeNull();
  });

  it('on expo, strikes a line of any station', () => {
    const expo = placed('expo');
    const state = applyOrder(expo, order([item('steak', 'grill'), item('fries', 'grill'), item('beer', 'bar', 'cancelled')], 'accepted', 5_000), 'expo', event).state;
    expect(state.tickets.get('o1')?.lines.map((line) => [line.item.id, line.struck?.status ?? null])).toEqual([
      ['steak', null],
      ['fries', null],
      ['beer', 'cancelled'],
    ]);
  });
});

/** A clock whose time only moves when the test says so, with timers that fire as it passes them. */
class ManualTimers implements TimerClock {
  private timers: Array<{ id: number; at: number; run: () => void }> = [];
  private nextId = 1;
  constructor(private time: number) {}
  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + ms, run });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  pending(): number {
    return this.timers.length;
  }
  advanceTo(time: number): void {
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= time).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.run();
    }
    this.time = time;
  }
}

describe('the fade timer', () => {
  it('wakes once at the time asked, on the clock it is given', () => {
    const clock = new ManualTimers(T0);
    const woke: number[] = [];
    const timer = createFadeTimer(clock, (now) => woke.push(now));
    timer.schedule(T0 + 5000);
    timer.schedule(T0 + 5000); // the same time again keeps the one timer
    expect(clock.pending()).toBe(1);
    clock.advanceTo(T0 + 4999);
    expect(woke).toEqual([]);
    clock.advanceTo(T0 + 6000);
    expect(woke).toEqual([T0 + 5000]);
  });

  it('replaces the earlier wake-up, and stops', () => {
    const clock = new ManualTimers(T0);
    const woke: number[] = [];
    const timer = createFadeTimer(clock, (now) => woke.push(now));
    timer.schedule(T0 + 5000);
    timer.schedule(T0 + 2000);
    expect(clock.pending()).toBe(1);
    clock.advanceTo(T0 + 3000);
    expect(woke).toEqual([T0 + 2000]);
    timer.schedule(T0 + 9000);
    timer.stop();
    clock.advanceTo(T0 + 20_000);
    expect(woke).toEqual([T0 + 2000]);
    timer.schedule(null);
    expect(clock.pending()).toBe(0);
  });

  it('drives the board: struck card shown, then gone when its time comes', () => {
    const clock = new ManualTimers(T0 + 60_000);
    let board = applyOrder(placed(), order([item('steak', 'grill', 'cancelled'), item('fries', 'grill', 'cancelled'), item('beer', 'bar', 'cancelled')], 'cancelled', 60_000), 'grill', event).state;
    const timer = createFadeTimer(clock, (now) => {
      board = pruneFaded(board, now);
      timer.schedule(nextFadeAt(board));
    });
    timer.schedule(nextFadeAt(board));
    clock.advanceTo(T0 + 62_000);
    expect(board.tickets.get('o1')?.ended?.status).toBe('cancelled');
    clock.advanceTo(T0 + 65_000);
    expect(board.tickets.size).toBe(0);
    expect(clock.pending()).toBe(0);
  });
});
