// Reads ESC/POS bytes back into what a printer would put on paper: lines of text (decoded from
// the active code page), cuts, QR contents, images, style changes. Tests assert on this instead
// of on raw bytes, and the fake printer exposes it.
import type { Codepage } from '@point-of-sale/codepage-encoder';
import { EPSON_CODEPAGES, decodeBytes } from './codepage-tables.ts';
import { readCommand, type EscPosCommand } from './escpos-commands.ts';

export interface DecodedLine {
  text: string;
  /** Columns the line takes: characters times their width multiplier (GS ! n). */
  columns: number;
  bold: boolean;
  /** Largest character width multiplier used on the line. */
  size: number;
}

export interface DecodedImage {
  mode: 'raster' | 'column';
  width: number;
  height: number;
}

export type StyleChange =
  | { kind: 'bold'; on: boolean }
  | { kind: 'size'; width: number; height: number }
  | { kind: 'underline'; on: boolean }
  | { kind: 'invert'; on: boolean };

export type DecodedEvent =
  | { type: 'line'; line: DecodedLine }
  | { type: 'image'; image: DecodedImage }
  | { type: 'qr'; data: string }
  | { type: 'cut'; partial: boolean }
  | { type: 'status-request'; n: number };

export interface DecodedPrint {
  lines: string[];
  lineDetails: DecodedLine[];
  events: DecodedEvent[];
  cuts: number;
  qrCodes: string[];
  images: DecodedImage[];
  /** Raster (GS v 0) and column (ESC *) images together. */
  imageCount: number;
  styles: StyleChange[];
  /** Every code page selected with ESC t, in order, without repeats in a row. */
  codepages: Array<Codepage | `unknown:${number}`>;
  statusRequests: number[];
  unknown: number[][];
  /** The bytes ended inside a command. */
  truncated: boolean;
}

interface State {
  codepage: Codepage | `unknown:${number}`;
  bold: boolean;
  width: number;
  height: number;
  /** ESC 3 n; null is the printer's default spacing. */
  lineSpacing: number | null;
  line: DecodedLine;
  qrData: string;
}

function emptyLine(): DecodedLine {
  return { text: '', columns: 0, bold: false, size: 1 };
}

function freshState(): State {
  return { codepage: 'cp437', bold: false, width: 1, height: 1, lineSpacing: null, line: emptyLine(), qrData: '' };
}

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

export function decodeEscPos(input: Uint8Array | ArrayLike<number>): DecodedPrint {
  const bytes = input instanceof Uint8Array ? input : Uint8Array.from(input);
  const result: DecodedPrint = {
    lines: [], lineDetails: [], events: [], cuts: 0, qrCodes: [], images: [], imageCount: 0,
    styles: [], codepages: [], statusRequests: [], unknown: [], truncated: false,
  };
  let state = freshState();

  const endLine = () => {
    // A line feed with nothing to print and zero line spacing moves no paper: no visible line.
    if (state.line.text === '' && state.lineSpacing === 0) return;
    result.lines.push(state.line.text);
    result.lineDetails.push(state.line);
    result.events.push({ type: 'line', line: state.line });
    state.line = emptyLine();
  };

  const apply = (command: EscPosCommand) => {
    switch (command.type) {
      case 'text': {
        const text = state.codepage.startsWith('unknown:')
          ? '\ufffd'.repeat(command.bytes.length)
          : decodeBytes(command.bytes, state.codepage as Codepage);
        state.line.text += text;
        state.line.columns += [...text].length * state.width;
        state.line.bold ||= state.bold;
        state.line.size = Math.max(state.line.size, state.width);
        break;
      }
      case 'line-feed':
      case 'form-feed':
        endLine();
        break;
      case 'feed-lines':
        endLine();
        for (let i = 1; i < command.n; i++) endLine();
        break;
      case 'initialize':
        state = { ...freshState(), line: state.line };
        break;
      case 'codepage': {
        const codepage = EPSON_CODEPAGES[command.n] ?? (`unknown:${command.n}` as const);
        state.codepage = codepage;
        if (result.codepages.at(-1) !== codepage) result.codepages.push(codepage);
        break;
      }
      case 'bold':
        state.bold = command.on;
        result.styles.push({ kind: 'bold', on: command.on });
        break;
      case 'size':
        state.width = command.width;
        state.height = command.height;
        result.styles.push({ kind: 'size', width: command.width, height: command.height });
        break;
      case 'print-mode': // ESC ! n: bit 3 bold, bits 4/5 double height/width
        state.bold = (command.n & 0x08) !== 0;
        state.width = command.n & 0x20 ? 2 : 1;
        state.height = command.n & 0x10 ? 2 : 1;
        result.styles.push({ kind: 'bold', on: state.bold }, { kind: 'size', width: state.width, height: state.height });
        break;
      case 'line-spacing':
        state.lineSpacing = command.dots;
        break;
      case 'underline':
        result.styles.push({ kind: 'underline', on: command.n > 0 });
        break;
      case 'invert':
        result.styles.push({ kind: 'invert', on: command.on });
        break;
      case 'cut':
        result.cuts++;
        result.events.push({ type: 'cut', partial: command.partial });
        break;
      case 'qr':
        if (command.fn === 80) state.qrData = latin1(command.data);
        if (command.fn === 81) {
          result.qrCodes.push(state.qrData);
          result.events.push({ type: 'qr', data: state.qrData });
        }
        break;
      case 'raster-image':
      case 'column-image': {
        const image: DecodedImage = { mode: command.type === 'raster-image' ? 'raster' : 'column', width: command.width, height: command.height };
        result.images.push(image);
        result.imageCount++;
        result.events.push({ type: 'image', image });
        break;
      }
      case 'status-request':
        result.statusRequests.push(command.n);
        result.events.push({ type: 'status-request', n: command.n });
        break;
      case 'unknown':
        result.unknown.push([...command.bytes]);
        break;
      default:
        // Alignment, feeds by dots, fonts, pulses, tabs, CR and settings change no text we report.
        break;
    }
  };

  let at = 0;
  while (at < bytes.length) {
    const parsed = readCommand(bytes, at);
    if (parsed === 'incomplete') {
      result.truncated = true;
      break;
    }
    apply(parsed.command);
    at = parsed.end;
  }
  if (state.line.text) endLine();
  return result;
}
