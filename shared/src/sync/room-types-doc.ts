import * as Y from 'yjs';

/**
 * The hotel's room types in the config document (rooms are part of a venue's config):
 *
 *   roomTypes: Y.Map  roomTypeId → Y.Map { name, rooms }
 *
 * The hub alone writes them (the rooms are set up there); HQ reads them to count the rooms a night
 * has for sale (occupancy, RevPAR) and to offer the types when it takes a booking. A type the hotel
 * no longer sells keeps its entry with `rooms: 0`, so a night's figures never count rooms it lost.
 */

export const ROOM_TYPES_ROOT = 'roomTypes';

export interface RoomTypeRecord {
  id: string;
  name: string;
  /** Rooms of this type (out of order ones included). */
  rooms: number;
}

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
export const MAX_ROOMS_OF_A_TYPE = 10_000;
const MAX_NAME = 200;

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= MAX_NAME;
}

function isRooms(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_ROOMS_OF_A_TYPE;
}

/**
 * Writes the room types as the hub has them, in one transaction, only what differs; a type the
 * document has but `types` no longer lists is kept with 0 rooms. Returns whether anything was written.
 */
export function setRoomTypes(doc: Y.Doc, types: readonly RoomTypeRecord[], origin: unknown = null): boolean {
  for (const type of types) {
    if (!ID.test(type.id)) throw new RangeError(`"${type.id}" is not a room type id`);
    if (!isName(type.name)) throw new RangeError(`a room type's name must be 1 to ${MAX_NAME} characters`);
    if (!isRooms(type.rooms)) throw new RangeError(`a room type has 0 to ${MAX_ROOMS_OF_A_TYPE} rooms`);
  }
  const root = doc.getMap<unknown>(ROOM_TYPES_ROOT);
  let changed = false;
  doc.transact(() => {
    const listed = new Set(types.map((type) => type.id));
    for (const type of types) {
      let map = root.get(type.id);
      if (!(map instanceof Y.Map)) {
        map = new Y.Map<unknown>();
        root.set(type.id, map);
        changed = true;
      }
      const fields = map as Y.Map<unknown>;
      for (const [key, value] of [['name', type.name], ['rooms', type.rooms]] as const) {
        if (fields.get(key) !== value) {
          fields.set(key, value);
          changed = true;
        }
      }
    }
    root.forEach((value, id) => {
      if (listed.has(id) || !(value instanceof Y.Map) || value.get('rooms') === 0) return;
      value.set('rooms', 0);
      changed = true;
    });
  }, origin);
  return changed;
}

/** The room types of the config document, by id; malformed entries are left out. */
export function readRoomTypes(doc: Y.Doc): RoomTypeRecord[] {
  const result: RoomTypeRecord[] = [];
  doc.getMap<unknown>(ROOM_TYPES_ROOT).forEach((value, id) => {
    if (!ID.test(id) || !(value instanceof Y.Map)) return;
    const name = value.get('name');
    const rooms = value.get('rooms');
    if (isName(name) && isRooms(rooms)) result.push({ id, name, rooms });
  });
  return result.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Why each room type entry is malformed; empty when all are fine. */
export function roomTypeProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  doc.getMap<unknown>(ROOM_TYPES_ROOT).forEach((value, id) => {
    if (!ID.test(id)) problems.push(`room type "${id.slice(0, 80)}": not a room type id`);
    else if (!(value instanceof Y.Map)) problems.push(`room type ${id}: not a map`);
    else {
      for (const key of value.keys()) {
        if (key !== 'name' && key !== 'rooms') problems.push(`room type ${id}: ${key.slice(0, 40)} is not allowed here`);
      }
      if (!isName(value.get('name'))) problems.push(`room type ${id}: name must be 1 to ${MAX_NAME} characters`);
      if (!isRooms(value.get('rooms'))) problems.push(`room type ${id}: rooms must be a whole number from 0 to ${MAX_ROOMS_OF_A_TYPE}`);
    }
  });
  return problems;
}
