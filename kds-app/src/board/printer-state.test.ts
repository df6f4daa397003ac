import { describe, expect, it } from 'vitest';
import { applyPrinterStatus, printersNeedingHelp, type PrinterState } from './printer-state.ts';

const grill: PrinterState = { printerId: 'p1', name: 'Grill', stations: ['grill'], status: 'online', message: 'Ready.' };
const bar: PrinterState = { printerId: 'p2', name: 'Bar', stations: ['bar'], status: 'paper_out', message: 'Paper is out: load a new roll.' };

describe('printer alerts on the kitchen display', () => {
  it('shows a station only its own printers that need a person, and expo all of them', () => {
    expect(printersNeedingHelp([grill, bar], 'grill')).toEqual([]);
    expect(printersNeedingHelp([grill, bar], 'bar')).toEqual([bar]);
    expect(printersNeedingHelp([grill, bar], 'expo')).toEqual([bar]);
  });

  it('follows status events, and adds a printer it had not heard of', () => {
    const event = { printerId: 'p1', name: 'Grill', stations: ['grill'], receipts: false, status: 'cover_open' as const, message: 'Close the cover.', checkedAt: '2026-06-01T12:00:00.000Z' };
    const after = applyPrinterStatus([grill, bar], event);
    expect(printersNeedingHelp(after, 'grill').map((p) => p.message)).toEqual(['Close the cover.']);
    const added = applyPrinterStatus([], { ...event, printerId: 'p9' });
    expect(added.map((p) => p.printerId)).toEqual(['p9']);
  });
});
