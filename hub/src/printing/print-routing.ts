// Which stations get a printed ticket, and which printer prints a job. Pure rules over the printer
// settings and the statuses the monitor last saw.
import type { PaperWidthMm, PrinterStatusName, PrintTargetKind, StationPrintMode } from '@onemoment/shared/schemas/printing';

export interface PrinterConfig {
  id: string;
  name: string;
  host: string;
  port: number;
  paperWidth: PaperWidthMm;
  stations: string[];
  receipts: boolean;
  backupFor: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PrintTarget {
  kind: PrintTargetKind;
  /** Station id, 'receipts', or printer id. */
  id: string;
}

export const RECEIPTS_TARGET: PrintTarget = { kind: 'receipts', id: 'receipts' };

/** A station without a setting prints on its printers and shows on the KDS. */
export const DEFAULT_STATION_MODE: StationPrintMode = 'both';

export function targetKey(target: PrintTarget): string {
  return `${target.kind}:${target.id}`;
}

export interface Candidates {
  /** Printers that print the target first, oldest first. */
  primaries: PrinterConfig[];
  /** Printers that take over while every primary is down. */
  backups: PrinterConfig[];
}

/** The printers that may print a target. A job sent to one printer goes there even when it is switched off. */
export function candidatesFor(target: PrintTarget, printers: readonly PrinterConfig[]): Candidates {
  if (target.kind === 'printer') {
    const printer = printers.find((p) => p.id === target.id);
    return { primaries: printer ? [printer] : [], backups: [] };
  }
  const enabled = printers.filter((p) => p.enabled);
  if (target.kind === 'receipts') return { primaries: enabled.filter((p) => p.receipts), backups: [] };
  const primaries = enabled.filter((p) => p.stations.includes(target.id));
  const backups = enabled.filter((p) => p.backupFor.includes(target.id) && !primaries.includes(p));
  return { primaries, backups };
}

export function hasPrinter(target: PrintTarget, printers: readonly PrinterConfig[]): boolean {
  const { primaries, backups } = candidatesFor(target, printers);
  return primaries.length + backups.length > 0;
}

/**
 * The printer for the next attempt: the first primary that is online (or not yet checked), else a
 * backup that is online, else the first primary anyway, so the attempt refreshes the error staff see.
 */
export function choosePrinter(
  target: PrintTarget,
  printers: readonly PrinterConfig[],
  statusOf: (printerId: string) => PrinterStatusName,
): PrinterConfig | null {
  const { primaries, backups } = candidatesFor(target, printers);
  const usable = (p: PrinterConfig, allowUnknown: boolean) => {
    const status = statusOf(p.id);
    return status === 'online' || (allowUnknown && status === 'unknown');
  };
  return (
    primaries.find((p) => usable(p, true)) ??
    backups.find((p) => usable(p, false)) ??
    backups.find((p) => usable(p, true)) ??
    primaries[0] ??
    backups[0] ??
    null
  );
}

/**
 * Stations of an order that get a printed ticket, in the order their items first appear: mode
 * `printer` or `both`, and at least one printer (first or backup) for the station.
 */
export function printingStations(
  itemStations: readonly string[],
  modeOf: (station: string) => StationPrintMode,
  printers: readonly PrinterConfig[],
): string[] {
  const result: string[] = [];
  for (const station of itemStations) {
    if (result.includes(station)) continue;
    if (modeOf(station) === 'kds') continue;
    if (hasPrinter({ kind: 'station', id: station }, printers)) result.push(station);
  }
  return result;
}

/** Every queue target a printer may print for: its own, its stations (first or backup), and receipts. */
export function servedTargets(printer: PrinterConfig): PrintTarget[] {
  const targets: PrintTarget[] = [{ kind: 'printer', id: printer.id }];
  for (const station of new Set([...printer.stations, ...printer.backupFor])) targets.push({ kind: 'station', id: station });
  if (printer.receipts) targets.push(RECEIPTS_TARGET);
  return targets;
}
