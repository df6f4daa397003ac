// Splits an ESC/POS byte stream into commands. Knows the length of every command a receipt
// printer commonly receives, including the ones that carry binary data (raster images, QR data),
// so a DLE EOT inside image bytes is not mistaken for a status request. Used by the decoder and by
// the fake printer, which reads a TCP stream in chunks (hence 'incomplete').

export type EscPosCommand =
  | { type: 'text'; bytes: Uint8Array }
  | { type: 'line-feed' }
  | { type: 'carriage-return' }
  | { type: 'tab' }
  | { type: 'form-feed' }
  | { type: 'initialize' }
  | { type: 'codepage'; n: number }
  | { type: 'bold'; on: boolean }
  | { type: 'underline'; n: number }
  | { type: 'italic'; on: boolean }
  | { type: 'invert'; on: boolean }
  | { type: 'size'; width: number; height: number }
  | { type: 'print-mode'; n: number }
  | { type: 'align'; value: 'left' | 'center' | 'right' }
  | { type: 'font'; n: number }
  | { type: 'feed-lines'; n: number }
  | { type: 'feed-dots'; n: number }
  | { type: 'line-spacing'; dots: number | null }
  | { type: 'cut'; partial: boolean }
  | { type: 'pulse'; pin: number }
  | { type: 'status-request'; n: number }
  | { type: 'qr'; fn: number; data: Uint8Array }
  | { type: 'raster-image'; width: number; height: number }
  | { type: 'column-image'; width: number; height: number }
  | { type: 'barcode'; data: Uint8Array }
  | { type: 'setting'; bytes: Uint8Array }
  | { type: 'unknown'; bytes: Uint8Array };

export interface ParsedCommand {
  command: EscPosCommand;
  /** Offset just past the command. */
  end: number;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

type Reader = (bytes: Uint8Array, at: number) => ParsedCommand | 'incomplete';

/** A fixed-length command; `make` gets the command's bytes. */
function fixed(length: number, make: (b: Uint8Array) => EscPosCommand): Reader {
  return (bytes, at) => (at + length > bytes.length ? 'incomplete' : { command: make(bytes.subarray(at, at + length)), end: at + length });
}

const setting = (length: number): Reader => fixed(length, (b) => ({ type: 'setting', bytes: b.slice() }));

const ESC_COMMANDS: Record<number, Reader> = {
  0x40: fixed(2, () => ({ type: 'initialize' })), // ESC @
  0x74: fixed(3, (b) => ({ type: 'codepage', n: b[2]! })), // ESC t n
  0x45: fixed(3, (b) => ({ type: 'bold', on: (b[2]! & 1) === 1 })), // ESC E n
  0x47: fixed(3, (b) => ({ type: 'bold', on: (b[2]! & 1) === 1 })), // ESC G n (double strike looks bold)
  0x2d: fixed(3, (b) => ({ type: 'underline', n: b[2]! & 0x03 })), // ESC - n
  0x34: fixed(3, (b) => ({ type: 'italic', on: (b[2]! & 1) === 1 })), // ESC 4 n (some printers)
  0x4d: fixed(3, (b) => ({ type: 'font', n: b[2]! })), // ESC M n
  0x61: fixed(3, (b) => ({ type: 'align', value: (['left', 'center', 'right'] as const)[b[2]! % 48] ?? 'left' })), // ESC a n
  0x64: fixed(3, (b) => ({ type: 'feed-lines', n: b[2]! })), // ESC d n
  0x4a: fixed(3, (b) => ({ type: 'feed-dots', n: b[2]! })), // ESC J n
  0x33: fixed(3, (b) => ({ type: 'line-spacing', dots: b[2]! })), // ESC 3 n
  0x32: fixed(2, () => ({ type: 'line-spacing', dots: null })), // ESC 2
  0x21: fixed(3, (b) => ({ type: 'print-mode', n: b[2]! })), // ESC ! n
  0x70: fixed(5, (b) => ({ type: 'pulse', pin: b[2]! & 1 })), // ESC p m t1 t2
  0x69: fixed(2, () => ({ type: 'cut', partial: true })), // ESC i (legacy partial cut)
  0x6d: fixed(2, () => ({ type: 'cut', partial: true })), // ESC m (legacy partial cut)
  0x20: setting(3), 0x24: setting(4), 0x5c: setting(4), 0x52: setting(3), 0x56: setting(3), 0x7b: setting(3),
  0x3d: setting(3), 0x55: setting(3), 0x54: setting(3), 0x4c: setting(2), 0x53: setting(2), 0x72: setting(3),
  0x65: setting(3), 0x57: setting(10), 0x25: setting(3),
  0x63: (bytes, at) => (at + 2 >= bytes.length ? 'incomplete' : setting(bytes[at + 2] === 0x33 || bytes[at + 2] === 0x34 || bytes[at + 2] === 0x35 ? 4 : 3)(bytes, at)),
  // ESC * m nL nH d1...dk: a column-format bit image, 8 or 24 dots high.
  0x2a: (bytes, at) => {
    if (at + 5 > bytes.length) return 'incomplete';
    const mode = bytes[at + 2]!;
    const width = bytes[at + 3]! + bytes[at + 4]! * 256;
    const height = mode >= 32 ? 24 : 8;
    const end = at + 5 + width * (height / 8);
    return end > bytes.length ? 'incomplete' : { command: { type: 'column-image', width, height }, end };
  },
  // ESC D n1 ... NUL: tab positions.
  0x44: (bytes, at) => {
    const nul = bytes.indexOf(0, at + 2);
    return nul === -1 ? 'incomplete' : { command: { type: 'setting', bytes: bytes.slice(at, nul + 1) }, end: nul + 1 };
  },
};

/** GS ( fn pL pH ...: a length-prefixed function (QR codes, graphics, settings). */
function readGsParenthesis(bytes: Uint8Array, at: number): ParsedCommand | 'incomplete' {
  if (at + 5 > bytes.length) return 'incomplete';
  const fn = bytes[at + 2]!;
  const length = bytes[at + 3]! + bytes[at + 4]! * 256;
  const end = at + 5 + length;
  if (end > bytes.length) return 'incomplete';
  const body = bytes.subarray(at + 5, end);
  // GS ( k cn=49: QR code. fn 80 carries the data after one byte m (0x30).
  if (fn === 0x6b && body[0] === 49) {
    const qrFn = body[1] ?? 0;
    return { command: { type: 'qr', fn: qrFn, data: qrFn === 80 ? body.slice(3) : body.slice(2) }, end };
  }
  return { command: { type: 'setting', bytes: bytes.slice(at, end) }, end };
}

const GS_COMMANDS: Record<number, Reader> = {
  0x21: fixed(3, (b) => ({ type: 'size', width: ((b[2]! >> 4) & 0x07) + 1, height: (b[2]! & 0x07) + 1 })), // GS ! n
  0x42: fixed(3, (b) => ({ type: 'invert', on: (b[2]! & 1) === 1 })), // GS B n
  0x28: readGsParenthesis,
  // GS V m [n]: cut, with an extra feed byte for m = 65, 66, 97, 98, 103, 104.
  0x56: (bytes, at) => {
    if (at + 3 > bytes.length) return 'incomplete';
    const m = bytes[at + 2]!;
    const length = [65, 66, 97, 98, 103, 104].includes(m) ? 4 : 3;
    if (at + length > bytes.length) return 'incomplete';
    return { command: { type: 'cut', partial: [1, 49, 66, 98, 104].includes(m) }, end: at + length };
  },
  // GS v 0 m xL xH yL yH d1...dk: raster bit image, (xL + xH*256) bytes per row.
  0x76: (bytes, at) => {
    if (at + 8 > bytes.length) return 'incomplete';
    const widthBytes = bytes[at + 4]! + bytes[at + 5]! * 256;
    const height = bytes[at + 6]! + bytes[at + 7]! * 256;
    const end = at + 8 + widthBytes * height;
    return end > bytes.length ? 'incomplete' : { command: { type: 'raster-image', width: widthBytes * 8, height }, end };
  },
  // GS k m ...: barcode, NUL-terminated (m 0-6) or with a length byte (m 65-79).
  0x6b: (bytes, at) => {
    if (at + 3 > bytes.length) return 'incomplete';
    const m = bytes[at + 2]!;
    if (m <= 6) {
      const nul = bytes.indexOf(0, at + 3);
      return nul === -1 ? 'incomplete' : { command: { type: 'barcode', data: bytes.slice(at + 3, nul) }, end: nul + 1 };
    }
    if (at + 4 > bytes.length) return 'incomplete';
    const end = at + 4 + bytes[at + 3]!;
    return end > bytes.length ? 'incomplete' : { command: { type: 'barcode', data: bytes.slice(at + 4, end) }, end };
  },
  // GS 8 L p1 p2 p3 p4 ...: graphics with a four-byte length.
  0x38: (bytes, at) => {
    if (at + 7 > bytes.length) return 'incomplete';
    const length = bytes[at + 3]! + bytes[at + 4]! * 0x100 + bytes[at + 5]! * 0x10000 + bytes[at + 6]! * 0x1000000;
    const end = at + 7 + length;
    return end > bytes.length ? 'incomplete' : { command: { type: 'setting', bytes: bytes.slice(at, Math.min(end, at + 16)) }, end };
  },
  0x68: setting(3), 0x77: setting(3), 0x48: setting(3), 0x66: setting(3), 0x4c: setting(4), 0x57: setting(4),
  0x61: setting(3), 0x72: setting(3), 0x49: setting(3), 0x62: setting(3), 0x50: setting(4), 0x2f: setting(3),
};

const FS_COMMANDS: Record<number, Reader> = {
  0x2e: setting(2), // FS . cancel Kanji mode
  0x26: setting(2), // FS & select Kanji mode
  0x43: setting(3),
  0x21: setting(3),
  0x70: setting(4), // FS p n m: print NV image
};

function readPrefixed(table: Record<number, Reader>, bytes: Uint8Array, at: number): ParsedCommand | 'incomplete' {
  if (at + 2 > bytes.length) return 'incomplete';
  const reader = table[bytes[at + 1]!];
  if (reader) return reader(bytes, at);
  return { command: { type: 'unknown', bytes: bytes.slice(at, at + 2) }, end: at + 2 };
}

function readDle(bytes: Uint8Array, at: number): ParsedCommand | 'incomplete' {
  if (at + 2 > bytes.length) return 'incomplete';
  const second = bytes[at + 1]!;
  if (second === 0x04 || second === 0x05) {
    if (at + 3 > bytes.length) return 'incomplete';
    const command: EscPosCommand = second === 0x04 ? { type: 'status-request', n: bytes[at + 2]! } : { type: 'setting', bytes: bytes.slice(at, at + 3) };
    return { command, end: at + 3 };
  }
  if (second === 0x14) {
    if (at + 3 > bytes.length) return 'incomplete';
    const length = bytes[at + 2] === 8 ? 10 : 5;
    return at + length > bytes.length ? 'incomplete' : { command: { type: 'setting', bytes: bytes.slice(at, at + length) }, end: at + length };
  }
  return { command: { type: 'unknown', bytes: bytes.slice(at, at + 1) }, end: at + 1 };
}

/** Read the command that starts at `at`, or 'incomplete' when the bytes stop inside it. */
export function readCommand(bytes: Uint8Array, at: number): ParsedCommand | 'incomplete' {
  const byte = bytes[at];
  if (byte === undefined) return 'incomplete';
  if (byte >= 0x20) {
    let end = at + 1;
    while (end < bytes.length && bytes[end]! >= 0x20) end++;
    return { command: { type: 'text', bytes: bytes.subarray(at, end) }, end };
  }
  switch (byte) {
    case 0x0a: return { command: { type: 'line-feed' }, end: at + 1 };
    case 0x0d: return { command: { type: 'carriage-return' }, end: at + 1 };
    case 0x09: return { command: { type: 'tab' }, end: at + 1 };
    case 0x0c: return { command: { type: 'form-feed' }, end: at + 1 };
    case ESC: return readPrefixed(ESC_COMMANDS, bytes, at);
    case GS: return readPrefixed(GS_COMMANDS, bytes, at);
    case FS: return readPrefixed(FS_COMMANDS, bytes, at);
    case DLE: return readDle(bytes, at);
    default: return { command: { type: 'unknown', bytes: bytes.slice(at, at + 1) }, end: at + 1 };
  }
}

/**
 * Reads every complete command; `rest` is the offset of an unfinished one (bytes.length when none),
 * so a stream reader keeps bytes.subarray(rest) for the next chunk.
 */
export function readCommands(bytes: Uint8Array): { commands: EscPosCommand[]; rest: number } {
  const commands: EscPosCommand[] = [];
  let at = 0;
  while (at < bytes.length) {
    const parsed = readCommand(bytes, at);
    if (parsed === 'incomplete') break;
    commands.push(parsed.command);
    at = parsed.end;
  }
  return { commands, rest: at };
}
