import { describe, expect, it } from 'vitest';
import { buildKitchenTicket, buildReceipt, DocumentError, formatDateTime, formatMoney, formatMoneyForPrint, formatTime, paperProfile } from './documents.ts';

describe('money', () => {
  it('formats minor units with the currency symbol', () => {
    expect(formatMoney(1250, 'EUR')).toBe('€12.50');
    expect(formatMoney(-200, 'EUR')).toBe('-€2.00');
    expect(formatMoney(1250, 'EUR', { locale: 'ru' })).toBe('12,50 €');
    expect(formatMoney(123456, 'EUR', { locale: 'de' })).toBe('1.234,56 €');
  });

  it('knows currencies without minor units and with three', () => {
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    expect(formatMoney(1500, 'KWD')).toBe('KWD 1.500');
  });

  it('falls back to the ISO code when no code page has the symbol', () => {
    expect(formatMoneyForPrint(15000, 'RUB', 'ru')).toBe('150,00 RUB');
    expect(formatMoneyForPrint(990, 'EUR', 'en')).toBe('€9.90');
  });

  it('refuses fractions of minor units and unknown codes', () => {
    expect(() => formatMoney(12.5, 'EUR')).toThrow(DocumentError);
    expect(() => formatMoney(100, 'euro')).toThrow(/ISO 4217/);
  });
});

describe('times', () => {
  it('shows the venue time zone', () => {
    expect(formatTime('2025-07-01T10:00:00Z', 'Europe/Berlin')).toBe('12:00');
    expect(formatDateTime('2025-11-30T23:30:00Z', 'Europe/Berlin')).toBe('01.12.2025 00:30');
  });
});

describe('buildKitchenTicket', () => {
  const base = { station: 'grill', tableName: 'Table 1', orderNumber: 3, placedAt: '2025-11-30T12:00:00Z', items: [{ quantity: 1, name: 'Burger' }] };

  it('normalizes text and fills defaults', () => {
    const ticket = buildKitchenTicket({ ...base, items: [{ quantity: 2, name: ' Burger\u00a0“XL” ', modifiers: ['Medium'] }] });
    expect(ticket).toMatchObject({ kind: 'kitchen-ticket', rush: false, reprint: false, time: '12:00', note: null });
    expect(ticket.items[0]).toEqual({ quantity: 2, name: 'Burger "XL"', modifiers: ['Medium'], note: null, allergens: [] });
    expect(ticket.labels.allergens).toBe('ALLERGENS');
  });

  it('uses Russian labels when asked', () => {
    expect(buildKitchenTicket({ ...base, language: 'ru' }).labels.rush).toBe('СРОЧНО');
  });

  it('explains what is wrong', () => {
    expect(() => buildKitchenTicket({ ...base, items: [] })).toThrow('A kitchen ticket needs at least one item.');
    expect(() => buildKitchenTicket({ ...base, items: [{ quantity: 0, name: 'Soup' }] })).toThrow('Quantity of "Soup" must be a whole number of at least 1, not 0.');
    expect(() => buildKitchenTicket({ ...base, placedAt: 'yesterday' })).toThrow('"yesterday" is not a valid time.');
    expect(() => buildKitchenTicket({ ...base, station: '  ' })).toThrow('Station is empty.');
  });
});

describe('buildReceipt', () => {
  const base = { header: ['Bistro'], currency: 'EUR', items: [{ quantity: 2, name: 'Tea', totalMinor: 500 }, { quantity: 1, name: 'Cake', totalMinor: 450 }] };

  it('computes the subtotal, and the total from taxes added on top', () => {
    const receipt = buildReceipt({ ...base, taxes: [{ label: 'Sales tax 8%', amountMinor: 76, included: false }] });
    expect(receipt.subtotalMinor).toBe(950);
    expect(receipt.totalMinor).toBe(1026);
  });

  it('does not add taxes already included in the prices', () => {
    expect(buildReceipt({ ...base, taxes: [{ label: 'VAT 19%', amountMinor: 152 }] }).totalMinor).toBe(950);
  });

  it('keeps the QR link ASCII, because the printer stores it as ISO-8859-1', () => {
    expect(() => buildReceipt({ ...base, qrUrl: 'http://hub/чек' })).toThrow(/plain ASCII/);
    expect(buildReceipt({ ...base, qrUrl: 'http://hub/r/1' }).qrUrl).toBe('http://hub/r/1');
  });

  it('supports only 58 and 80 mm paper', () => {
    expect(paperProfile(58)).toEqual({ widthMm: 58, columns: 32, dotsPerLine: 384 });
    expect(() => paperProfile(76 as never)).toThrow('Paper width 76 mm is not supported: use 58 or 80.');
  });
});
