import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeOrder } from '@onemoment/shared/sync/index';
import { checkUpdate } from './update-check.ts';

const ORDERS = new Set(['orders']);

function updateOf(write: (doc: Y.Doc) => void, format: 'v1' | 'v2' = 'v2'): Uint8Array {
  const doc = new Y.Doc();
  write(doc);
  return format === 'v2' ? Y.encodeStateAsUpdateV2(doc) : Y.encodeStateAsUpdate(doc);
}

describe('checking an update before it touches a document', () => {
  it('accepts map entries under the layout root, nested maps included, in either encoding', () => {
    const write = (doc: Y.Doc) => doc.getMap('orders').set('o1', new Y.Map([['items', new Y.Map([['i1', new Y.Map([['quantity', 2]])]])]]));
    expect(checkUpdate(updateOf(write, 'v2'), 'v2', ORDERS)).toBeNull();
    expect(checkUpdate(updateOf(write, 'v1'), 'v1', ORDERS)).toBeNull();
  });

  it('accepts a change to an existing entry, whose structs name no root (they follow their left neighbour)', () => {
    const doc = new Y.Doc();
    doc.getMap('orders').set('o1', 1);
    const before = Y.encodeStateVector(doc);
    doc.getMap('orders').set('o1', 2);
    expect(checkUpdate(Y.encodeStateAsUpdateV2(doc, before), 'v2', ORDERS)).toBeNull();
  });

  it('refuses bytes that are not an update, other roots, list content and sub-documents', () => {
    expect(checkUpdate(new Uint8Array(), 'v2', ORDERS)).toMatch(/empty/);
    expect(checkUpdate(new Uint8Array([0, 1, 2, 200, 255]), 'v2', ORDERS)).toMatch(/does not decode/);
    expect(checkUpdate(updateOf((d) => d.getMap('menuItems').set('a', 1)), 'v2', ORDERS)).toMatch(/"menuItems", which is not part of this document/);
    expect(checkUpdate(updateOf((d) => d.getText('orders').insert(0, 'hi')), 'v2', ORDERS)).toMatch(/list content/);
    expect(checkUpdate(updateOf((d) => d.getMap('orders').set('sub', new Y.Doc())), 'v2', ORDERS)).toMatch(/sub-document/);
  });

  it('keeps a real order from the shared layout well under 580 bytes in V2', () => {
    const doc = new Y.Doc();
    const update = (() => {
      let captured: Uint8Array = new Uint8Array();
      doc.on('updateV2', (u: Uint8Array) => (captured = u));
      writeOrder(doc, {
        id: '0190a8f0-0000-7000-8000-000000000001', number: 1, businessDay: '2026-06-01', visitId: 'v', tableId: 't', tableName: 'Table 1', status: 'placed', rush: false,
        placedBy: 'guest', totalMinor: 100, currency: 'EUR', createdAt: '2026-06-01T10:00:00.000Z', updatedAt: '2026-06-01T10:00:00.000Z', statusReason: null, guestMessage: null,
        items: [{ id: 'i1', menuItemId: 'm', name: 'Tea', names: { en: 'Tea' }, quantity: 1, unitPriceMinor: 100, totalMinor: 100, modifiers: [], note: null, station: 'bar', allergens: [], status: 'pending', readyAt: null, statusReason: null, guestMessage: null, comped: false }],
      });
      return captured;
    })();
    expect(checkUpdate(update, 'v2', ORDERS)).toBeNull();
  });
});
