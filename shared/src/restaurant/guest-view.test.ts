import { describe, expect, it } from 'vitest';
import { makeItem, makeOrder } from '../sync/test-fixtures.ts';
import { guestViewOfEvent, guestViewOfOrder } from './guest-view.ts';

describe('guestViewOfOrder', () => {
  it('drops the staff reasons of the order and of each item, and keeps the message for the guest', () => {
    const order = makeOrder('o1', [makeItem('i1', { status: 'voided', statusReason: 'comped by manager', guestMessage: 'Sorry, it was cold', comped: true }), makeItem('i2')], {
      status: 'voided',
      statusReason: 'guest complained loudly',
      guestMessage: 'On us tonight',
    });
    const seen = guestViewOfOrder(order);
    expect(seen.statusReason).toBeNull();
    expect(seen.guestMessage).toBe('On us tonight');
    expect(seen.items.map((item) => item.statusReason)).toEqual([null, null]);
    expect(seen.items[0]).toMatchObject({ guestMessage: 'Sorry, it was cold', comped: true, status: 'voided' });
    // The staff's copy is not changed.
    expect(order.items[0]!.statusReason).toBe('comped by manager');
  });

  it('returns an order without reasons as it is', () => {
    const order = makeOrder('o1', [makeItem('i1')]);
    expect(guestViewOfOrder(order)).toBe(order);
  });

  it('cleans order events and leaves other events alone', () => {
    const order = makeOrder('o1', [makeItem('i1', { statusReason: 'staff only' })], { statusReason: 'staff only' });
    const event = guestViewOfEvent({ seq: 4, type: 'order.updated', payload: order, at: order.updatedAt });
    expect(event.type === 'order.updated' && event.payload.statusReason).toBeNull();
    expect(event.type === 'order.updated' && event.payload.items[0]!.statusReason).toBeNull();
    const moved = { seq: 5, type: 'visit.closed' as const, payload: { id: 'v', tableId: 't', tableName: 'T', status: 'closed' as const, openedAt: order.createdAt, closedAt: order.createdAt }, at: order.createdAt };
    expect(guestViewOfEvent(moved)).toBe(moved);
  });
});
