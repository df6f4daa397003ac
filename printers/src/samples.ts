// Sample documents: the admin page's "test print" and the tests use the same ones. They carry
// the hard cases on purpose: Cyrillic, accents, the euro sign, a QR code, a long name.
import { buildKitchenTicket, buildReceipt, type KitchenTicket, type Receipt } from './documents.ts';

export function sampleKitchenTicket(overrides: Partial<Parameters<typeof buildKitchenTicket>[0]> = {}): KitchenTicket {
  return buildKitchenTicket({
    station: 'grill',
    tableName: 'Table 7',
    orderNumber: 12,
    placedAt: '2025-11-30T13:05:00Z',
    timeZone: 'Europe/Berlin',
    rush: false,
    items: [
      { quantity: 2, name: 'Classic Burger', modifiers: ['Medium', 'Extra bacon'], allergens: ['gluten', 'milk'] },
      { quantity: 1, name: 'Борщ со сметаной', note: 'Без чеснока', allergens: ['milk'] },
      { quantity: 1, name: 'Crème brûlée with a very long name that must wrap on narrow paper' },
    ],
    note: 'Guest is in a hurry',
    ...overrides,
  });
}

export function sampleReceipt(overrides: Partial<Parameters<typeof buildReceipt>[0]> = {}): Receipt {
  return buildReceipt({
    header: ['OneMoment Demo Bistro', 'Friedrichstraße 1, 10117 Berlin', 'USt-IdNr. DE123456789'],
    orderNumber: 12,
    tableName: 'Table 7',
    issuedAt: '2025-11-30T19:42:00Z',
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
    items: [
      { quantity: 2, name: 'Classic Burger', modifiers: ['Medium', 'Extra bacon'], totalMinor: 2980 },
      { quantity: 1, name: 'Борщ со сметаной', totalMinor: 790 },
      { quantity: 2, name: 'Lemonade', totalMinor: 900 },
    ],
    taxes: [{ label: 'VAT 19%', amountMinor: 746, included: true }],
    payment: { label: 'Card', amountMinor: 4670 },
    qrUrl: 'http://192.168.1.20:8080/r/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    qrCaption: 'Scan for your e-receipt',
    footer: ['Thank you for your visit!', 'Спасибо!'],
    ...overrides,
  });
}
