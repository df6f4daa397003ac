import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CONFIG_ROOT, readMenuItems, readTonRate, setMenuItem, setTonRate, SETTINGS_ROOT } from './config-doc.ts';
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

describe("HQ's TON rate in the config document", () => {
  const rate = (nanotonsPerMinor: string, at: number) => ({ nanotonsPerMinor, setAt: timeAt(at) });

  it('reads back what HQ set, and the last writer wins the whole setting', () => {
    const { hub, cloud } = pairedDocs();
    expect(readTonRate(hub)).toBeNull();
    setTonRate(cloud, rate('3300000', 1));
    syncInto(cloud, hub);
    expect(readTonRate(hub)).toEqual(rate('3300000', 1));
    setTonRate(cloud, rate('3400000', 2));
    syncInto(cloud, hub);
    expect(readTonRate(hub)).toEqual(rate('3400000', 2));
    expect(layoutProblems(hub, 'config')).toEqual([]);
  });

  it('agrees on one whole rate when two writers set it while apart', () => {
    const { hub: a, cloud: b } = pairedDocs();
    setTonRate(a, rate('1000', 5));
    setTonRate(b, rate('2000', 6));
    syncInto(a, b);
    syncInto(b, a);
    expect(readTonRate(a)).toEqual(readTonRate(b));
    expect([rate('1000', 5), rate('2000', 6)]).toContainEqual(readTonRate(a));
  });

  it('refuses a malformed rate', () => {
    const doc = new Y.Doc();
    for (const bad of ['0', '-1', '1.5', '01', '1000000000000001', ' 5', '']) {
      expect(() => setTonRate(doc, rate(bad, 1)), bad).toThrow(RangeError);
    }
    expect(() => setTonRate(doc, { nanotonsPerMinor: '5', setAt: 'yesterday' })).toThrow(RangeError);
    expect(() => setTonRate(doc, { nanotonsPerMinor: 5 as unknown as string, setAt: timeAt(1) })).toThrow(RangeError);
    expect(doc.getMap(SETTINGS_ROOT).size).toBe(0);
    setTonRate(doc, rate('1000000000000000', 1));
    expect(readTonRate(doc)?.nanotonsPerMinor).toBe('1000000000000000');
  });

  it("reports a peer's malformed or unknown setting, and reads the rate as unset", () => {
    const doc = new Y.Doc();
    const settings = doc.getMap<unknown>(SETTINGS_ROOT);
    settings.set('tonRate', { nanotonsPerMinor: 3300000, setAt: timeAt(1) });
    settings.set('wallet', 'EQ...');
    expect(readTonRate(doc)).toBeNull();
    expect(layoutProblems(doc, 'config')).toEqual([
      'setting tonRate: needs nanotonsPerMinor in digits from 1 to 10^15 and setAt as an ISO time in UTC',
      'setting "wallet" is not allowed here',
    ]);
    settings.set('tonRate', { nanotonsPerMinor: '3300000', setAt: timeAt(1), by: 'hq' });
    expect(layoutProblems(doc, 'config')).toHaveLength(2);
    settings.set('tonRate', new Y.Map());
    expect(layoutProblems(doc, 'config')).toHaveLength(2);
  });
});
