/** Which printers a station should be warned about, and how a status event updates what the screen knows. */
import type { PrinterStatusEvent } from '@onemoment/shared/schemas/printing';
import { EXPO } from '../types.ts';

export type PrinterState = Pick<PrinterStatusEvent, 'printerId' | 'name' | 'stations' | 'status' | 'message'>;

/** Printers that matter to a station (expo watches them all), in a state that needs a person. */
export function printersNeedingHelp(printers: readonly PrinterState[], station: string): PrinterState[] {
  return printers.filter(
    (printer) => (station === EXPO || printer.stations.includes(station)) && printer.status !== 'online' && printer.status !== 'unknown',
  );
}

export function applyPrinterStatus(printers: readonly PrinterState[], event: PrinterStatusEvent): PrinterState[] {
  const next: PrinterState = { printerId: event.printerId, name: event.name, stations: event.stations, status: event.status, message: event.message };
  const known = printers.some((printer) => printer.printerId === event.printerId);
  return known ? printers.map((printer) => (printer.printerId === event.printerId ? next : printer)) : [...printers, next];
}
