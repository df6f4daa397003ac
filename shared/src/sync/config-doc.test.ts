import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CONFIG_ROOT, readMenuItems, setMenuItem } from './config-doc.ts';
import { layoutProblems } from './layout.ts';
import { captureUpdate, syncInto, timeAt } from './test-fixtures.ts';

function pairedDocs() {
  const hub = new Y.Doc();
  setMenuItem(hub, 'greek-salad', { priceMinor: 1250, available: true, updatedAt: timeAt(0) });
  const cloud = new Y.Doc();
  syncInto(hub, cloud);
  return { hub, cloud };
}

describe('menu items in the config document', () => {
  it('writes only what changes', () => {
    const doc = new Y.Doc();
    expect(setMenuItem(doc, 'tea', { priceMinor: 300, updatedAt: timeAt(1) })).toBe(true);
    expect(readMenuItems(doc)).toEqual([{ id: 'tea', priceMinor: 300, available: null, updatedAt: timeAt(1) }]);
    expect(captureUpdate(doc, () => expect(setMenuItem(doc, 'tea', { priceMinor: 300, updatedAt: timeAt(2) })).toBe(false))).toBeNull();
    setMenuItem(doc, 'tea', { available: false, updatedAt: timeAt(3) });
    expect(readMenuItems(doc)).toEqual([{ id: 'tea', priceMinor: 300, available: false, updatedAt: timeAt(3) }]);
  });

  it("keeps HQ's price and the hub's availability made while apart", () => {
    const { hub, cloud } = pairedDocs();
    setMenuItem(cloud, 'greek-salad', { priceMinor: 1400, updatedAt: timeAt(5) });
    setMenuItem(hub, 'greek-salad', { available: false, updatedAt: timeAt(6) });
    syncInto(hub, cloud);
    syncInto(cloud, hub);
    expect(readMenuItems(hub)).toEqual(readMenuItems(cloud));
    expect(readMenuItems(hub)[0]).toMatchObject({ priceMinor: 1400, available: false });
  });

  it('agrees on one price when both change it', () => {
    const { hub, cloud } = pairedDocs();
    setMenuItem(cloud, 'greek-salad', { priceMinor: 1400, updatedAt: timeAt(5) });
    setMenuItem(hub, 'greek-salad', { priceMinor: 1300, updatedAt: timeAt(6) });
    syncInto(cloud, hub);
    syncInto(hub, cloud);
    expect(readMenuItems(hub)).toEqual(readMenuItems(cloud));
    expect([1300, 1400]).toContain(readMenuItems(hub)[0]!.priceMinor);
  });

  it('refuses bad ids and values', () => {
    const doc = new Y.Doc();
    expect(() => setMenuItem(doc, 'a/b', { priceMinor: 1 })).toThrow(RangeError);
    expect(() => setMenuItem(doc, 'tea', { priceMinor: -1 })).toThrow(RangeError);
    expect(() => setMenuItem(doc, 'tea', { priceMinor: 1.5 })).toThrow(RangeError);
    expect(() => setMenuItem(doc, 'tea', { available: 'yes' as unknown as boolean })).toThrow(RangeError);
    expect(doc.getMap(CONFIG_ROOT).size).toBe(0);
  });

  it('reads wrong values from a peer as unknown and reports them', () => {
    const doc = new Y.Doc();
    const item = new Y.Map<unknown>();
    doc.getMap(CONFIG_ROOT).set('tea', item);
    item.set('priceMinor', 'free');
    item.set('colour', 'red');
    doc.getMap(CONFIG_ROOT).set('x', 5);
    expect(readMenuItems(doc)).toEqual([{ id: 'tea', priceMinor: null, available: null, updatedAt: null }]);
    expect(layoutProblems(doc, 'config')).toEqual([
      'menu item tea: priceMinor is not allowed here',
      'menu item tea: colour is not allowed here',
      'menu item x: not a map',
    ]);
  });
});
