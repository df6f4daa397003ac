import { describe, expect, it } from 'vitest';
import { isLoopbackHost, mergeDiscovered } from './printer-discovery.ts';
import type { PrinterConfig } from './print-routing.ts';

const known: PrinterConfig = {
  id: 'p1',
  name: 'Grill printer',
  host: '192.168.1.50',
  port: 9100,
  paperWidth: 80,
  stations: ['grill'],
  receipts: false,
  backupFor: [],
  enabled: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('mergeDiscovered', () => {
  it('keeps one row per printer, preferring the raw port announcement, and marks printers already set up', () => {
    const rows = mergeDiscovered(
      [
        { name: 'EPSON TM-T20III', host: 'EPSON1A2B.local', addresses: ['192.168.1.50'], port: 515, type: 'printer', txt: {} },
        { name: 'EPSON TM-T20III', host: 'EPSON1A2B.local', addresses: ['192.168.1.50'], port: 9100, type: 'pdl-datastream', txt: {} },
        { name: 'Star TSP143', host: 'star.local', addresses: ['192.168.1.61'], port: 515, type: 'printer', txt: {} },
      ],
      [known],
    );
    expect(rows).toEqual([
      { name: 'EPSON TM-T20III', host: 'EPSON1A2B.local', addresses: ['192.168.1.50'], port: 9100, type: 'pdl-datastream', suggestedPort: 9100, known: true },
      // Only LPD announced: raw printing still goes to 9100.
      { name: 'Star TSP143', host: 'star.local', addresses: ['192.168.1.61'], port: 515, type: 'printer', suggestedPort: 9100, known: false },
    ]);
  });
});

describe('isLoopbackHost', () => {
  it('tells a hub that only this computer can reach', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '192.168.1.20', '::'].map(isLoopbackHost)).toEqual([false, false, false]);
  });
});
