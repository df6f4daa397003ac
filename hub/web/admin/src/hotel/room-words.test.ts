import { describe, expect, it } from 'vitest';
import { byRoomNumber, countBoardStates, housekeepingQueue, roomBoardState, withRoom } from './room-words.ts';
import { room } from './test-data.ts';

describe('a room on the board', () => {
  it('is out of order before anything else, then occupied, then ready or not', () => {
    expect(roomBoardState(room({ id: 'r', number: '1', outOfOrderNow: true, occupiedBy: 'b1', ready: false }))).toBe('out_of_order');
    expect(roomBoardState(room({ id: 'r', number: '1', occupiedBy: 'b1', ready: false }))).toBe('occupied');
    expect(roomBoardState(room({ id: 'r', number: '1', housekeeping: 'clean', ready: true }))).toBe('ready');
    expect(roomBoardState(room({ id: 'r', number: '1', housekeeping: 'dirty', ready: false }))).toBe('dirty');
    // Clean but not ready (the hub's word wins): shown as owing an inspection, not as ready.
    expect(roomBoardState(room({ id: 'r', number: '1', housekeeping: 'clean', ready: false }))).toBe('to_inspect');
  });

  it('counts each state', () => {
    const rooms = [
      room({ id: 'a', number: '101' }),
      room({ id: 'b', number: '102', housekeeping: 'dirty', ready: false }),
      room({ id: 'c', number: '103', housekeeping: 'dirty', ready: false }),
      room({ id: 'd', number: '104', occupiedBy: 'b1', ready: false }),
    ];
    expect(countBoardStates(rooms)).toEqual({ ready: 1, occupied: 1, dirty: 2, to_inspect: 0, out_of_order: 0 });
  });
});

describe('the housekeeping queue', () => {
  it('lists dirty rooms first (empty before occupied), then rooms to inspect, by room number', () => {
    const rooms = [
      room({ id: 'r110', number: '110', housekeeping: 'dirty', ready: false }),
      room({ id: 'r102', number: '102', housekeeping: 'dirty', ready: false, occupiedBy: 'b9' }),
      room({ id: 'r109', number: '109', housekeeping: 'dirty', ready: false }),
      room({ id: 'r104', number: '104', housekeeping: 'clean' }),
      room({ id: 'r101', number: '101', housekeeping: 'inspected' }),
      room({ id: 'r103', number: '103', housekeeping: 'dirty', outOfOrderNow: true, ready: false }),
    ];
    const queue = housekeepingQueue(rooms);
    expect(queue.toClean.map((r) => r.number)).toEqual(['109', '110', '102']);
    expect(queue.toInspect.map((r) => r.number)).toEqual(['104']);
    expect(queue.done.map((r) => r.number)).toEqual(['101']);
    expect(queue.outOfOrder.map((r) => r.number)).toEqual(['103']);
  });

  it('sorts numbers as people count them', () => {
    const sorted = [room({ id: 'a', number: '1001' }), room({ id: 'b', number: '99' }), room({ id: 'c', number: '101' })].sort(byRoomNumber);
    expect(sorted.map((r) => r.number)).toEqual(['99', '101', '1001']);
  });
});

describe('a changed room', () => {
  it('replaces the room with its id, or is added', () => {
    const rooms = [room({ id: 'a', number: '101' }), room({ id: 'b', number: '102' })];
    const dirty = room({ id: 'b', number: '102', housekeeping: 'dirty', ready: false });
    expect(withRoom(rooms, dirty)).toEqual([rooms[0], dirty]);
    expect(withRoom(rooms, room({ id: 'c', number: '103' })).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});
