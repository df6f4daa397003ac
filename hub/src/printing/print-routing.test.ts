import { describe, expect, it } from 'vitest';
import type { PrinterStatusName, StationPrintMode } from '@onemoment/shared/schemas/printing';
import { choosePrinter, printingStations, RECEIPTS_TARGET, type PrinterConfig } from './print-routing.ts';

let n = 0;
function printer(overrides: Partial<PrinterConfig>): PrinterConfig {
  n += 1;
  return {
    id: `p${n}`,
    name: `Printer ${n}`,
    host: `10.0.0.${n}`,
    port: 9100,
    paperWidth: 80,
    stations: [],
    receipts: false,
    backupFor: [],
    enabled: true,
    createdAt: `2026-01-01T00:00:0${n}Z`,
    updatedAt: `2026-01-01T00:00:0${n}Z`,
    ...overrides,
  };
}

const statuses = (map: Record<string, PrinterStatusName>) => (id: string) => map[id] ?? 'unknown';

describe('printingStations', () => {
  const grill = printer({ id: 'grill-p', stations: ['grill'] });
  const spare = printer({ id: 'spare', backupFor: ['cold'] });
  const modes = (map: Record<string, StationPrintMode>) => (station: string) => map[station] ?? 'both';

  it('prints each station with a printer once, in the order its items appear', () => {
    expect(printingStations(['bar', 'grill', 'cold', 'grill'], modes({}), [grill, spare])).toEqual(['grill', 'cold']);
  });

  it('leaves out KDS-only stations, even with a printer', () => {
    expect(printingStations(['grill'], modes({ grill: 'kds' }), [grill])).toEqual([]);
    expect(printingStations(['grill'], modes({ grill: 'printer' }), [grill])).toEqual(['grill']);
  });

  it('ignores switched-off printers', () => {
    expect(printingStations(['grill'], modes({}), [{ ...grill, enabled: false }])).toEqual([]);
  });
});

describe('choosePrinter', () => {
  const first = printer({ id: 'first', stations: ['grill'] });
  const second = printer({ id: 'second', stations: ['grill'] });
  const backup = printer({ id: 'backup', backupFor: ['grill'] });
  const all = [first, second, backup];
  const grill = { kind: 'station' as const, id: 'grill' };

  it('uses the first primary while it is online or not checked yet', () => {
    expect(choosePrinter(grill, all, statuses({}))?.id).toBe('first');
    expect(choosePrinter(grill, all, statuses({ first: 'online' }))?.id).toBe('first');
  });

  it('moves to the next primary, then to the backup, when printers are down', () => {
    expect(choosePrinter(grill, all, statuses({ first: 'paper_out' }))?.id).toBe('second');
    expect(choosePrinter(grill, all, statuses({ first: 'paper_out', second: 'offline', backup: 'online' }))?.id).toBe('backup');
  });

  it('still names the first primary when nothing is up, so the attempt reports a fresh error', () => {
    expect(choosePrinter(grill, all, statuses({ first: 'offline', second: 'offline', backup: 'offline' }))?.id).toBe('first');
  });

  it('sends receipts to receipt printers only, and a direct job to its printer even when switched off', () => {
    const till = printer({ id: 'till', receipts: true });
    expect(choosePrinter(RECEIPTS_TARGET, [first, till], statuses({}))?.id).toBe('till');
    expect(choosePrinter(RECEIPTS_TARGET, [first], statuses({}))).toBeNull();
    const off = { ...first, enabled: false };
    expect(choosePrinter({ kind: 'printer', id: 'first' }, [off], statuses({}))?.id).toBe('first');
    expect(choosePrinter(grill, [off], statuses({}))).toBeNull();
  });
});
