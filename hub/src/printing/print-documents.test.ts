import { decodeEscPos, renderEscPos } from '@onemoment/printers';
import { describe, expect, it } from 'vitest';
import type { Order, OrderItem } from '@onemoment/shared/schemas/orders';
import { printedName, receiptDocument, reprintDocument, ticketDocument } from './print-documents.ts';

const venue = { name: 'OneMoment Demo Bistro', timeZone: 'Europe/Berlin', languages: ['en', 'ru'], currency: 'EUR' };

function item(overrides: Partial<OrderItem>): OrderItem {
  return {
    id: 'i',
    menuItemId: 'm',
    name: 'x',
    names: { en: 'x' },
    quantity: 1,
    unitPriceMinor: 100,
    totalMinor: 100,
    modifiers: [],
    note: null,
    station: 'grill',
    allergens: [],
    status: 'pending',
    readyAt: null,
    statusReason: null,
    guestMessage: null,
    comped: false,
    ...overrides,
  };
}

function order(items: OrderItem[], overrides: Partial<Order> = {}): Order {
  return {
    id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    number: 7,
    businessDay: '2026-06-01',
    visitId: 'v',
    tableId: 'table-3',
    tableName: 'Table 3',
    status: 'placed',
    rush: false,
    placedBy: 'guest',
    totalMinor: items.reduce((sum, i) => sum + i.totalMinor, 0),
    currency: 'EUR',
    createdAt: '2026-06-01T12:05:00.000Z',
    updatedAt: '2026-06-01T12:05:00.000Z',
    statusReason: null,
    guestMessage: null,
    items,
    ...overrides,
  };
}

describe('printedName', () => {
  it('prints the first language and the second when it differs', () => {
    expect(printedName({ en: 'Borscht', ru: 'Борщ' }, ['en', 'ru'])).toBe('Borscht / Борщ');
    expect(printedName({ en: 'Espresso', ru: 'Espresso' }, ['en', 'ru'])).toBe('Espresso');
    expect(printedName({ ru: 'Квас' }, ['en', 'ru'])).toBe('Квас'); // no English name: never "Квас / Квас"
    expect(printedName({ en: 'Tea' }, ['en'])).toBe('Tea');
  });
});

describe('ticketDocument', () => {
  const burger = item({ names: { en: 'Classic burger', ru: 'Бургер' }, modifiers: [{ id: 'm1', name: 'Medium', names: { en: 'Medium', ru: 'Средняя' }, priceMinor: 0 }], note: '<b>no onions</b>', allergens: ['gluten'] });
  const beer = item({ names: { en: 'Craft beer', ru: 'Пиво' }, station: 'bar' });
  const voided = item({ names: { en: 'Steak' }, status: 'voided' });

  it('holds only the station’s live items and prints Cyrillic as Cyrillic', () => {
    const ticket = ticketDocument(order([burger, beer, voided]), { id: 'grill', name: 'Grill' }, venue)!;
    expect(ticket.items.map((i) => i.name)).toEqual(['Classic burger / Бургер']);
    const printed = decodeEscPos(renderEscPos(ticket, { paper: 80 }));
    const text = printed.lines.join('\n');
    expect(text).toContain('GRILL');
    expect(text).toContain('Table 3');
    expect(text).toContain('#7');
    expect(text).toContain('14:05'); // Berlin summer time
    expect(text).toContain('1x Classic burger / Бургер');
    expect(text).toContain('+ Medium / Средняя');
    expect(text).toContain('! <b>no onions</b>');
    expect(printed.cuts).toBe(1);
  });

  it('is null for a station without items', () => {
    expect(ticketDocument(order([beer]), { id: 'grill', name: 'Grill' }, venue)).toBeNull();
  });

  it('marks a reprint so the kitchen does not cook twice', () => {
    const ticket = ticketDocument(order([burger]), { id: 'grill', name: 'Grill' }, venue)!;
    const text = decodeEscPos(renderEscPos(reprintDocument(ticket), { paper: 58 })).lines.join('\n');
    expect(text).toContain('REPRINT');
  });
});

describe('receiptDocument', () => {
  it('bills the live items of the visit’s live orders, with the total and the QR link', () => {
    const first = order([item({ names: { en: 'Soup', ru: 'Суп' }, totalMinor: 650 })], { number: 3 });
    const second = order([item({ names: { en: 'Tea' }, totalMinor: 350 }), item({ names: { en: 'Cake' }, totalMinor: 500, status: 'cancelled' })], { number: 4 });
    const cancelled = order([item({ names: { en: 'Wine' }, totalMinor: 900 })], { number: 5, status: 'cancelled' });
    const receipt = receiptDocument([second, cancelled, first], venue, {
      issuedAt: new Date('2026-06-01T19:00:00Z'),
      qrUrl: 'http://192.168.1.20:8080/t/abc',
      qrCaption: 'Scan me',
    })!;
    expect(receipt.items.map((i) => i.name)).toEqual(['Soup', 'Tea']);
    expect(receipt.totalMinor).toBe(1000);
    expect(receipt.orderNumber).toBeNull();
    const printed = decodeEscPos(renderEscPos(receipt, { paper: 80 }));
    expect(printed.lines.join('\n')).toMatch(/TOTAL\s+€10\.00/);
    expect(printed.qrCodes).toEqual(['http://192.168.1.20:8080/t/abc']);
  });

  it('drops a QR link that is not plain ASCII rather than print a different link', () => {
    const receipt = receiptDocument([order([item({})])], venue, { issuedAt: new Date(), qrUrl: 'http://ресторан.local/t/x' })!;
    expect(receipt.qrUrl).toBeNull();
  });

  it('is null when nothing is left to bill', () => {
    expect(receiptDocument([order([item({})], { status: 'voided' })], venue, { issuedAt: new Date(), qrUrl: null })).toBeNull();
  });
});
