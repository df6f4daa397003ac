import { describe, expect, it } from 'vitest';
import type { Station, Ticket } from '../types.ts';
import { testItem, testOrder } from './test-orders.ts';
import { applyOrder, emptyBoard, formatElapsed, loadBoard, sortTickets, thresholdsFor, ticketFromOrder, urgencyOf, versionOf } from './ticket-model.ts';

const item = testItem;
const order = testOrder;


const stations: Station[] = [
  { id: 'grill', name: 'Grill', warnMinutes: 8, lateMinutes: 15 },
  { id: 'bar', name: 'Bar', warnMinutes: 3, lateMinutes: 6 },
];

describe('ticketFromOrder', () => {
  it('keeps only the pending items of the station', () => {
    const ticket = ticketFromOrder(order('o1', [item('a', 'grill'), item('b', 'bar'), item('c', 'grill', 'ready')]), 'grill');
    expect(ticket?.items.map((i) => i.id)).toEqual(['a']);
  });

  it('expo sees every station and no ticket is left when nothing is pending', () => {
    expect(ticketFromOrder(order('o1', [item('a', 'grill'), item('b', 'bar')]), 'expo')?.items).toHaveLength(2);
    expect(ticketFromOrder(order('o1', [item('a', 'grill', 'ready'), item('b', 'bar')]), 'grill')).toBeNull();
  });
});

describe('applyOrder', () => {
  it('adds a ticket (appeared) and drops it when the last item is bumped', () => {
    const first = applyOrder(emptyBoard, order('o1', [item('a', 'grill')]), 'grill', { kind: 'event' });
    expect(first.appeared).toBe(true);
    expect(first.state.tickets.size).toBe(1);
    const bumped = order('o1', [item('a', 'grill', 'ready')], { updatedAt: '2025-01-01T12:01:00.000Z' });
    const second = applyOrder(first.state, bumped, 'grill', { kind: 'event' });
    expect(second.appeared).toBe(false);
    expect(second.state.tickets.size).toBe(0);
  });

  it('ignores an older copy of the order arriving late', () => {
    const newer = order('o1', [item('a', 'grill', 'ready')], { updatedAt: '2025-01-01T12:01:00.000Z' });
    const state = applyOrder(emptyBoard, newer, 'grill', { kind: 'event' }).state;
    const stale = applyOrder(state, order('o1', [item('a', 'grill')]), 'grill', { kind: 'event' });
    expect(stale.state.tickets.size).toBe(0);
  });

  it('ignores an order for another station without touching the tickets map', () => {
    const result = applyOrder(emptyBoard, order('o1', [item('b', 'bar')]), 'grill', { kind: 'event' });
    expect(result.state.tickets).toBe(emptyBoard.tickets);
    expect(result.appeared).toBe(false);
  });

  it('skips a bump answer when a socket event for the order came while it was in flight', () => {
    const placed = applyOrder(emptyBoard, order('o1', [item('a', 'grill'), item('b', 'grill')]), 'grill', { kind: 'event' }).state;
    const sentAt = versionOf(placed, 'o1');
    const later = order('o1', [item('a', 'grill', 'ready'), item('b', 'grill', 'ready')], { updatedAt: '2025-01-01T12:02:00.000Z' });
    const afterEvent = applyOrder(placed, later, 'grill', { kind: 'event' }).state;
    const answer = order('o1', [item('a', 'grill', 'ready'), item('b', 'grill')], { updatedAt: '2025-01-01T12:02:00.000Z' });
    expect(applyOrder(afterEvent, answer, 'grill', { kind: 'response', versionAtSend: sentAt }).state.tickets.size).toBe(0);
    // Without an event in between the answer applies at once.
    const direct = applyOrder(placed, answer, 'grill', { kind: 'response', versionAtSend: sentAt }).state;
    expect(direct.tickets.get('o1')?.items.map((i) => i.id)).toEqual(['b']);
  });

  it('keeps the same ticket object when nothing visible changed (memoised cards stay put)', () => {
    const state = applyOrder(emptyBoard, order('o1', [item('a', 'grill'), item('b', 'bar')]), 'grill', { kind: 'event' }).state;
    const barBumped = order('o1', [item('a', 'grill'), item('b', 'bar', 'ready')], { updatedAt: '2025-01-01T12:01:00.000Z' });
    const next = applyOrder(state, barBumped, 'grill', { kind: 'event' }).state;
    expect(next.tickets.get('o1')).toBe(state.tickets.get('o1'));
  });
});

describe('ordering and timers', () => {
  it('puts rush first, then the oldest', () => {
    const tickets: Ticket[] = [
      { orderId: 'new', number: 3, tableName: 'T', station: 'grill', rush: false, placedAt: '2025-01-01T12:05:00Z', items: [item('x', 'grill')] },
      { orderId: 'old', number: 1, tableName: 'T', station: 'grill', rush: false, placedAt: '2025-01-01T12:00:00Z', items: [item('y', 'grill')] },
      { orderId: 'rush', number: 4, tableName: 'T', station: 'grill', rush: true, placedAt: '2025-01-01T12:09:00Z', items: [item('z', 'grill')] },
    ];
    expect(sortTickets(loadBoard(tickets, 'grill').tickets.values()).map((t) => t.orderId)).toEqual(['rush', 'old', 'new']);
  });

  it('colours by the station targets, the strictest on expo', () => {
    const ticket = ticketFromOrder(order('o1', [item('a', 'grill'), item('b', 'bar')]), 'expo')!;
    expect(thresholdsFor(ticket, 'grill', stations)).toEqual({ warnMinutes: 8, lateMinutes: 15 });
    expect(thresholdsFor(ticket, 'expo', stations)).toEqual({ warnMinutes: 3, lateMinutes: 6 });
    const grill = { warnMinutes: 8, lateMinutes: 15 };
    expect(urgencyOf(7 * 60_000, grill)).toBe('normal');
    expect(urgencyOf(8 * 60_000, grill)).toBe('warn');
    expect(urgencyOf(15 * 60_000, grill)).toBe('late');
  });

  it('formats elapsed time as m:ss, with hours when needed', () => {
    expect(formatElapsed(65_000)).toBe('1:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
    expect(formatElapsed(-5000)).toBe('0:00');
  });
});
