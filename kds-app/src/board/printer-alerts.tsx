/**
 * A banner when a printer this station relies on is down (paper out, cover open, offline): in kitchens
 * the printer is often the backup of the screen, and a cook should hear about it from the board.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PrinterStatusEvent, PrintersResponse } from '@onemoment/shared/schemas/printing';
import { api } from '../api.ts';
import { applyPrinterStatus, printersNeedingHelp, type PrinterState } from './printer-state.ts';

/** Loads the printers once per (re)connection and follows `printer.status` events after that. */
export function usePrinterStates(connectedCount: number): [PrinterState[], (event: PrinterStatusEvent) => void] {
  const [printers, setPrinters] = useState<PrinterState[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.get<PrintersResponse>('/api/printers').then(
      (response) => {
        if (cancelled) return;
        setPrinters(
          response.printers.map((p) => ({ printerId: p.id, name: p.name, stations: [...p.stations, ...p.backupFor], status: p.status, message: p.statusMessage })),
        );
      },
      () => undefined, // the connection banner already says when the hub cannot be reached
    );
    return () => {
      cancelled = true;
    };
  }, [connectedCount]);
  return [printers, (event) => setPrinters((current) => applyPrinterStatus(current, event))];
}

export function PrinterAlerts({ printers, station }: { printers: readonly PrinterState[]; station: string }) {
  const down = printersNeedingHelp(printers, station);
  if (down.length === 0) return null;
  return (
    <div class="banner banner--printer" role="alert" data-testid="printer-banner">
      {down.map((printer) => (
        <div key={printer.printerId}>
          Printer “{printer.name}”: {printer.message}
        </div>
      ))}
    </div>
  );
}
