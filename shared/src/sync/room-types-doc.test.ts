import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { layoutProblems } from './layout.ts';
import { readRoomTypes, ROOM_TYPES_ROOT, setRoomTypes } from './room-types-doc.ts';
import { captureUpdate } from './test-fixtures.ts';

describe('room types in the config document', () => {
  const types = [
    { id: 'standard', name: 'Standard', rooms: 8 },
    { id: 'suite', name: 'Suite', rooms: 2 },
  ];

  it('writes each type with its room count, only what differs', () => {
    const doc = new Y.Doc();
    expect(setRoomTypes(doc, types)).toBe(true);
    expect(readRoomTypes(doc)).toEqual(types);
    expect(captureUpdate(doc, () => setRoomTypes(doc, types))).toBeNull();
    expect(layoutProblems(doc, 'config')).toEqual([]);
  });

  it('keeps a type the hotel stopped selling with 0 rooms', () => {
    const doc = new Y.Doc();
    setRoomTypes(doc, types);
    setRoomTypes(doc, [types[0]!]);
    expect(readRoomTypes(doc)).toEqual([types[0], { id: 'suite', name: 'Suite', rooms: 0 }]);
  });

  it('refuses fields and counts that are not the layout', () => {
    const doc = new Y.Doc();
    setRoomTypes(doc, types);
    const suite = doc.getMap<Y.Map<unknown>>(ROOM_TYPES_ROOT).get('suite')!;
    suite.set('rooms', -1);
    suite.set('price', 100);
    expect(layoutProblems(doc, 'config')).toEqual(['room type suite: price is not allowed here', 'room type suite: rooms must be a whole number from 0 to 10000']);
    expect(() => setRoomTypes(new Y.Doc(), [{ id: 'a b', name: 'X', rooms: 1 }])).toThrow(RangeError);
  });
});
