/**
 * Rooms as the front desk and housekeeping read them: one word for a room's state, and the order a
 * housekeeper works in (dirty rooms first, then rooms cleaned but not inspected yet). Pure, tested
 * beside it.
 */
import type { HousekeepingState, Room } from '@onemoment/shared/schemas/hotel';

/** What the desk needs to know about a room at a glance. */
export type RoomBoardState = 'ready' | 'occupied' | 'dirty' | 'to_inspect' | 'out_of_order';

/**
 * Out of order wins (nobody can be given it), then a guest in it, then whether a guest could be given
 * it now. A clean room is ready (the hub gives it), but housekeeping still owes it an inspection.
 */
export function roomBoardState(room: Room): RoomBoardState {
  if (room.outOfOrderNow) return 'out_of_order';
  if (room.occupiedBy) return 'occupied';
  if (room.ready) return 'ready';
  return room.housekeeping === 'dirty' ? 'dirty' : 'to_inspect';
}

export const BOARD_STATE_LABELS: Record<RoomBoardState, string> = {
  ready: 'Ready',
  occupied: 'Occupied',
  dirty: 'Dirty',
  to_inspect: 'To inspect',
  out_of_order: 'Out of order',
};

export const HOUSEKEEPING_LABELS: Record<HousekeepingState, string> = {
  dirty: 'Dirty',
  clean: 'Clean',
  inspected: 'Inspected',
};

/** The housekeeper's buttons, in the order of the work (the schema's list is not imported: it would bring TypeBox into the page). */
export const HOUSEKEEPING_MARKS: readonly HousekeepingState[] = ['clean', 'inspected', 'dirty'];

/** Room numbers as people count them: "9" before "10", "101" before "1001". */
export function byRoomNumber(a: Room, b: Room): number {
  return a.number.localeCompare(b.number, 'en', { numeric: true });
}

export interface HousekeepingQueue {
  /** Dirty rooms: empty ones first (a guest may be waiting for one), then occupied ones. */
  toClean: Room[];
  /** Cleaned, not inspected yet. */
  toInspect: Room[];
  /** Inspected: nothing to do. */
  done: Room[];
  /** Out of order tonight: not worked on until it is back. */
  outOfOrder: Room[];
}

export function housekeepingQueue(rooms: readonly Room[]): HousekeepingQueue {
  const queue: HousekeepingQueue = { toClean: [], toInspect: [], done: [], outOfOrder: [] };
  for (const room of [...rooms].sort(byRoomNumber)) {
    if (room.outOfOrderNow) queue.outOfOrder.push(room);
    else if (room.housekeeping === 'dirty') queue.toClean.push(room);
    else if (room.housekeeping === 'clean') queue.toInspect.push(room);
    else queue.done.push(room);
  }
  const occupiedLast = (a: Room, b: Room) => Number(a.occupiedBy !== null) - Number(b.occupiedBy !== null);
  queue.toClean.sort(occupiedLast);
  return queue;
}

/** Counts for the board's heading: how many of each state. */
export function countBoardStates(rooms: readonly Room[]): Record<RoomBoardState, number> {
  const counts: Record<RoomBoardState, number> = { ready: 0, occupied: 0, dirty: 0, to_inspect: 0, out_of_order: 0 };
  for (const room of rooms) counts[roomBoardState(room)] += 1;
  return counts;
}

/** A room that changed (room.changed) in a list of rooms: replaced in place, or added. */
export function withRoom(rooms: readonly Room[], changed: Room): Room[] {
  const index = rooms.findIndex((room) => room.id === changed.id);
  if (index === -1) return [...rooms, changed];
  const next = [...rooms];
  next[index] = changed;
  return next;
}
