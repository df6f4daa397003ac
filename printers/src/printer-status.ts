// Real-time status (DLE EOT n) of an ESC/POS printer. The printer answers each request with one
// byte at once, even mid-job; the byte always has bits 1 and 4 set and bits 0 and 7 clear, which
// is how a reader tells a status byte from noise.
//
//   n = 1 printer status   bit 3: offline
//   n = 2 offline cause    bit 2: cover open, bit 3: paper fed by button, bit 5: stopped at paper end,
//                          bit 6: an error occurred
//   n = 3 error cause      bit 3: autocutter error, bit 5: unrecoverable error, bit 6: auto-recoverable
//                          error (e.g. head too hot)
//   n = 4 roll paper       bits 2+3: paper near its end, bits 5+6: paper out

export type StatusRequest = 1 | 2 | 3 | 4;

export const STATUS_REQUESTS: readonly StatusRequest[] = [1, 2, 3, 4];

/** The three bytes that ask for status n. */
export function statusRequest(n: StatusRequest): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

export type PrinterState = 'online' | 'offline' | 'paper_out' | 'cover_open' | 'error';

export interface PrinterStatus {
  state: PrinterState;
  /** The roll is nearly used up; the printer still prints. */
  paperNearEnd: boolean;
  /** What a person should do, in one sentence. */
  message: string;
  /** The answer bytes by request number, for logs. */
  raw: Partial<Record<StatusRequest, number>>;
}

export class StatusByteError extends Error {
  override readonly name = 'StatusByteError';
}

export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

function checkByte(n: StatusRequest, byte: number | undefined): number | undefined {
  if (byte === undefined) return undefined;
  if (!isStatusByte(byte)) throw new StatusByteError(`Answer 0x${byte.toString(16)} to DLE EOT ${n} is not a status byte.`);
  return byte;
}

const bit = (byte: number | undefined, mask: number) => byte !== undefined && (byte & mask) !== 0;

const MESSAGES: Record<PrinterState, string> = {
  online: 'The printer is online and ready.',
  paper_out: 'Paper is out: load a new roll.',
  cover_open: 'The cover is open: close it until it clicks.',
  offline: 'The printer is offline: check its panel, and press the feed button if it is waiting.',
  error: 'The printer reports an error: switch it off, clear any paper jam at the cutter, and switch it on again.',
};

function errorMessage(error: number | undefined): string {
  if (bit(error, 0x08)) return 'The cutter is jammed: open the cover, clear the paper at the cutter, close it and switch the printer off and on.';
  if (bit(error, 0x40)) return 'The print head is too hot or the power is low: wait a minute, the printer recovers by itself.';
  if (bit(error, 0x20)) return 'The printer has an unrecoverable error: switch it off and on, and call for service if it stays.';
  return MESSAGES.error;
}

/**
 * Reads the answers to DLE EOT 1-4 (any subset) into one state. Order of precedence: an open
 * cover first (the paper sensor reads "out" while the cover is open), then paper out, then errors,
 * then plain offline.
 */
export function parsePrinterStatus(answers: Partial<Record<StatusRequest, number>>): PrinterStatus {
  const printer = checkByte(1, answers[1]);
  const cause = checkByte(2, answers[2]);
  const error = checkByte(3, answers[3]);
  const paper = checkByte(4, answers[4]);
  const raw = { ...answers };
  const paperNearEnd = bit(paper, 0x0c);
  const result = (state: PrinterState, message = MESSAGES[state]): PrinterStatus => ({ state, paperNearEnd, message, raw });

  if (bit(cause, 0x04)) return result('cover_open');
  if (bit(paper, 0x60) || bit(cause, 0x20)) return result('paper_out');
  if (bit(error, 0x68) || bit(cause, 0x40)) return result('error', errorMessage(error));
  if (bit(printer, 0x08)) return result('offline');
  if (paperNearEnd) return result('online', 'The printer is online; the paper roll is nearly finished: have a new roll ready.');
  return result('online');
}

/** The answer bytes a printer in `state` gives to DLE EOT 1-4 (used by the fake printer and tests). */
export function statusBytesFor(state: PrinterState, options: { paperNearEnd?: boolean } = {}): Record<StatusRequest, number> {
  const nearEnd = options.paperNearEnd ? 0x0c : 0;
  switch (state) {
    case 'online': return { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 | nearEnd };
    case 'offline': return { 1: 0x1a, 2: 0x12, 3: 0x12, 4: 0x12 | nearEnd };
    case 'paper_out': return { 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x7e };
    case 'cover_open': return { 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 | nearEnd };
    case 'error': return { 1: 0x1a, 2: 0x52, 3: 0x1a, 4: 0x12 | nearEnd };
  }
}
