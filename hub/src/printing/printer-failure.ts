// What a print failure means for the job and for the people in the kitchen. Pure: the queue and the
// status monitor call these with the printers package's PrinterError.
import type { PrinterError, PrinterState } from '@onemoment/printers';
import type { PrintJobKind } from '@onemoment/shared/schemas/printing';

export const BACKOFF_FIRST_MS = 1000;
export const BACKOFF_MAX_MS = 30_000;

/** Wait before attempt n+1 after n failed attempts: 1 s, 2 s, 4 s ... up to 30 s. */
export function backoffMs(failedAttempts: number): number {
  const exponent = Math.max(0, Math.min(failedAttempts - 1, 20));
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** exponent);
}

export function jobNoun(kind: PrintJobKind): string {
  return kind === 'receipt' ? 'receipt' : kind === 'test' ? 'test page' : 'ticket';
}

/** The printer's state as the hub shows it, read from a failed connection or job. */
export function statusFromError(printerName: string, error: PrinterError): { state: PrinterState; message: string } {
  if (error.status) return { state: error.status.state, message: error.status.message };
  return { state: 'offline', message: whyUnreachable(printerName, error) };
}

function whyUnreachable(printerName: string, error: PrinterError): string {
  switch (error.code) {
    case 'connection_refused':
      return `${printerName} is not answering: check that it is switched on and its network cable is in.`;
    case 'connect_timeout':
    case 'host_unreachable':
      return `${printerName} cannot be reached on the network: check its cable or Wi-Fi, and that its address has not changed.`;
    case 'host_not_found':
      return `${printerName}’s address is not known on this network: check the address in the printer settings.`;
    case 'status_timeout':
      return `${printerName} is connected but does not respond: switch it off and on again.`;
    case 'write_timeout':
      return `${printerName} stopped taking data: switch it off and on again.`;
    default:
      return `${printerName} dropped the connection: check that it is switched on.`;
  }
}

/** lastError of a job that was not sent and waits for the printer. */
export function waitingMessage(printerName: string, error: PrinterError, kind: PrintJobKind): string {
  const reason = error.status ? `${printerName}: ${error.status.message}` : whyUnreachable(printerName, error);
  return `${reason} The ${jobNoun(kind)} will print as soon as the printer is ready.`;
}

/** lastError of a job that may have reached the printer: a person decides whether to reprint. */
export function mayHavePrintedMessage(printerName: string, kind: PrintJobKind): string {
  const noun = jobNoun(kind);
  return `${printerName} stopped answering while the ${noun} was being sent: it may have printed. Check the printer, and press Reprint if the ${noun} is missing.`;
}

/** lastError of a job that was being sent when the hub stopped (found on the next start). */
export function interruptedMessage(kind: PrintJobKind): string {
  const noun = jobNoun(kind);
  return `The hub stopped while this ${noun} was being sent to the printer: it may have printed. Check the printer, and press Reprint if the ${noun} is missing.`;
}

export function noPrinterMessage(targetName: string, kind: PrintJobKind): string {
  return `No printer is set up for ${targetName}: assign one in Printers and the ${jobNoun(kind)} will print.`;
}

export function unprintableMessage(kind: PrintJobKind, detail: string): string {
  return `The ${jobNoun(kind)} could not be prepared for printing (${detail}). Nothing was sent to the printer.`;
}
