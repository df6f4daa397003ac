import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DAY_ROOT, ITEM_KEYS, ORDER_KEYS, writeOrder } from './day-doc.ts';
import { layoutProblems } from './layout.ts';
import { orderProblems, readOrderById, readOrders } from './order-records.ts';
import { captureUpdate, makeItem, makeOrder, syncInto, timeAt } from './test-fixtures.ts';

const ORDER_ID = '0197a3c1-5a2b-7c3d-8e4f-0123456789ab';
const itemId = (n: number) => `0197a3c1-5a2c-7d3e-9f40-00000000000${n}`;

/** An order as the demo venue's guests place it: UUIDv7 ids, names in English and Russian. */
function demoOrder() {
  return makeOrder(ORDER_ID, [
    makeItem(itemId(1), { menuItemId: 'greek-salad' }),
    makeItem(itemId(2), { menuItemId: 'ribeye-steak', name: 'Ribeye steak', names: { en: 'Ribeye steak', ru: 'Стейк рибай' }, quantity: 1, unitPriceMinor: 3200, totalMinor: 3200, station: 'grill' }),
    makeItem(itemId(3), { menuItemId: 'lemonade', name: 'Lemonade', names: { en: 'Lemonade', ru: 'Лимонад' }, quantity: 3, unitPriceMinor: 450, totalMinor: 1350, station: 'bar' }),
  ], { number: 17 });
}

describe('writing and reading orders', () => {
  it('reads back what the hub wrote, with totals computed and lines in order', () => {
    const doc = new Y.Doc();
    const order = demoOrder();
    order.items[1]!.note = 'Medium rare, <b>no</b> sauce 🌶';
    order.items[1]!.modifiers = [{ id: 'ribeye--rare', name: 'Rare', names: { en: 'Rare', ru: 'С кровью' }, priceMinor: 0 }];
    expect(writeOrder(doc, order)).toBe(true);
    const [record] = readOrders(doc);
    expect(record).toMatchObject({
      id: ORDER_ID,
      number: 17,
      tableId: 't-12',
      tableName: 'Table 12',
      placedBy: 'guest',
      currency: 'EUR',
      createdAt: timeAt(0),
      placedAt: timeAt(0),
      status: 'placed',
      rush: false,
      statusReason: null,
      totalMinor: 2500 + 3200 + 1350,
      readyAt: null,
      servedAt: null,
    });
    expect(record!.items.map((i) => [i.id, i.name, i.quantity, i.totalMinor, i.status, i.position])).toEqual([
      [itemId(1), 'Greek salad', 2, 2500, 'pending', 0],
      [itemId(2), 'Ribeye steak', 1, 3200, 'pending', 1],
      [itemId(3), 'Lemonade', 3, 1350, 'pending', 2],
    ]);
    expect(record!.items[1]).toMatchObject({ note: 'Medium rare, <b>no</b> sauce 🌶', modifiers: [{ id: 'ribeye--rare', name: 'Rare', priceMinor: 0 }] });
  });

  it('is idempotent: writing the same order again produces no update', () => {
    const doc = new Y.Doc();
    writeOrder(doc, demoOrder());
    expect(captureUpdate(doc, () => expect(writeOrder(doc, demoOrder())).toBe(false))).toBeNull();
  });

  it('sends a 3-item order in well under 580 bytes (V2), and a bump in under 120', () => {
    const doc = new Y.Doc();
    const placed = captureUpdate(doc, () => writeOrder(doc, demoOrder()))!;
    const order = demoOrder();
    order.status = 'preparing';
    order.updatedAt = timeAt(300);
    order.items[0] = { ...order.items[0]!, status: 'ready', readyAt: timeAt(300) };
    const bump = captureUpdate(doc, () => writeOrder(doc, order))!;
    console.info(`sync layout: 3-item order ${placed.length} bytes as a V2 update; a bump ${bump.length} bytes`);
    expect(placed.length).toBeLessThan(520);
    expect(bump.length).toBeLessThan(120);
    // A replica that receives both reads the same order.
    const other = new Y.Doc();
    syncInto(doc, other);
    expect(readOrders(other)).toEqual(readOrders(doc));
  });

  it('follows a recall and a second bump, keeping the ticket time of the last readiness', () => {
    const doc = new Y.Doc();
    const order = makeOrder(ORDER_ID, [makeItem(itemId(1))]);
    writeOrder(doc, order);
    writeOrder(doc, { ...order, status: 'ready', updatedAt: timeAt(60), items: [{ ...order.items[0]!, status: 'ready', readyAt: timeAt(60) }] });
    expect(readOrderById(doc, ORDER_ID)).toMatchObject({ status: 'ready', readyAt: timeAt(60) });
    writeOrder(doc, { ...order, status: 'preparing', updatedAt: timeAt(90) });
    let record = readOrderById(doc, ORDER_ID)!;
    expect([record.status, record.readyAt, record.items[0]!.status, record.items[0]!.readyAt]).toEqual(['preparing', null, 'pending', null]);
    writeOrder(doc, { ...order, status: 'ready', updatedAt: timeAt(120), items: [{ ...order.items[0]!, status: 'ready', readyAt: timeAt(120) }] });
    writeOrder(doc, { ...order, status: 'served', updatedAt: timeAt(200), items: [{ ...order.items[0]!, status: 'served', readyAt: timeAt(120) }] });
    record = readOrderById(doc, ORDER_ID)!;
    expect([record.status, record.readyAt, record.servedAt, record.items[0]!.status]).toEqual(['served', timeAt(120), timeAt(200), 'served']);
    expect(Object.keys(record.statusTimes).sort()).toEqual(['placed', 'preparing', 'ready', 'ready.2', 'recalled', 'served']);
  });

  it('moves an order to another table and keeps a void over a late serve from a stale replica', () => {
    const hub = new Y.Doc();
    const order = makeOrder(ORDER_ID, [makeItem(itemId(1))]);
    writeOrder(hub, { ...order, status: 'ready', items: [{ ...order.items[0]!, status: 'ready', readyAt: timeAt(5) }] });
    const other = new Y.Doc();
    syncInto(hub, other);
    writeOrder(hub, { ...order, status: 'voided', statusReason: 'Comped', tableId: 't-3', tableName: 'Terrace 3', updatedAt: timeAt(9), items: [{ ...order.items[0]!, status: 'voided' }] });
    writeOrder(other, { ...order, status: 'served', updatedAt: timeAt(10), items: [{ ...order.items[0]!, status: 'served', readyAt: timeAt(5) }] });
    syncInto(hub, other);
    syncInto(other, hub);
    expect(readOrders(other)).toEqual(readOrders(hub));
    expect(readOrderById(hub, ORDER_ID)).toMatchObject({ status: 'voided', statusReason: 'Comped', tableName: 'Terrace 3', servedAt: timeAt(10) });
  });
});

describe('documents from untrusted peers', () => {
  function tampered(change: (order: Y.Map<unknown>, item: Y.Map<unknown>) => void) {
    const doc = new Y.Doc();
    writeOrder(doc, demoOrder());
    writeOrder(doc, makeOrder('second-order', [makeItem('second-item')], { number: 18 }));
    const order = doc.getMap<Y.Map<unknown>>(DAY_ROOT).get(ORDER_ID)!;
    const item = (order.get(ORDER_KEYS.items) as Y.Map<Y.Map<unknown>>).get(itemId(1))!;
    change(order, item);
    return doc;
  }

  it.each([
    ['a quantity that is text', (_o: Y.Map<unknown>, i: Y.Map<unknown>) => i.set(ITEM_KEYS.quantity, '2')],
    ['a huge quantity', (_o: Y.Map<unknown>, i: Y.Map<unknown>) => i.set(ITEM_KEYS.quantity, 1e300)],
    ['a fractional price', (_o: Y.Map<unknown>, i: Y.Map<unknown>) => i.set(ITEM_KEYS.unitPriceMinor, 12.5)],
    ['modifiers that are not JSON', (_o: Y.Map<unknown>, i: Y.Map<unknown>) => i.set(ITEM_KEYS.modifiers, '[{')],
    ['an unknown currency shape', (o: Y.Map<unknown>) => o.set(ORDER_KEYS.currency, 'euro')],
    ['items that are not a map', (o: Y.Map<unknown>) => o.set(ORDER_KEYS.items, 'none')],
    ['no placed time', (o: Y.Map<unknown>) => (o.get(ORDER_KEYS.statusTimes) as Y.Map<unknown>).delete('placed')],
    ['a status time that is a number', (o: Y.Map<unknown>) => (o.get(ORDER_KEYS.statusTimes) as Y.Map<unknown>).set('served', 5)],
  ])('leaves out an order with %s and says why', (_what, change) => {
    const doc = tampered(change);
    expect(readOrders(doc).map((o) => o.id)).toEqual(['second-order']);
    expect(orderProblems(doc)).toEqual([expect.stringMatching(new RegExp(`^order ${ORDER_ID}: `))]);
    expect(layoutProblems(doc, 'day')).toHaveLength(1);
  });

  it('finds roots that are not part of the layout', () => {
    const doc = new Y.Doc();
    writeOrder(doc, demoOrder());
    doc.getMap('menuItems').set('x', 1);
    doc.getArray('orders-log').push([1]);
    doc.getMap('asked-for-but-empty');
    expect(layoutProblems(doc, 'day')).toEqual(['root "menuItems" is not part of a day document', 'root "orders-log" is not part of a day document']);
  });

  it('finds list content written into the orders root', () => {
    const source = new Y.Doc();
    source.getArray(DAY_ROOT).push(['junk']);
    const doc = new Y.Doc();
    Y.applyUpdateV2(doc, Y.encodeStateAsUpdateV2(source));
    expect(layoutProblems(doc, 'day')).toEqual(['root "orders" holds list or text content']);
  });

  it('finds an order entry that is not a map', () => {
    const doc = new Y.Doc();
    doc.getMap(DAY_ROOT).set('o1', 'placed');
    expect(readOrders(doc)).toEqual([]);
    expect(layoutProblems(doc, 'day')).toEqual(['order o1: it is not a map']);
  });
});
