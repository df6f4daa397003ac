// Renders a document to ESC/POS bytes through @point-of-sale/receipt-printer-encoder (v3).
//
// The encoder does the byte work: code page switching (ESC t) and encoding, styles, line
// composition, QR and raster commands. We pick the code page of each run ourselves (charset.ts)
// instead of `codepage('auto')`, because auto mode takes the first page holding a character, and
// DOS pages hold some characters only at control positions (cp437 puts § at 0x15, a control code on
// a printer); our plan only accepts bytes from 0x20 up. Lines no code page can show are drawn as a
// raster image (raster-line.ts) so the printer never prints `?`.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { planCodepages } from './charset.ts';
import type { PrintDocument } from './documents.ts';
import { blockColumns, layoutDocument, type Layout, type LayoutOptions, type PrintBlock } from './layout.ts';
import { bitmapToRgba, drawTextLine } from './raster-line.ts';

export interface EscPosOptions extends LayoutOptions {
  /** Which ESC t numbers the printer uses for each code page; 'epson' fits most clones. */
  codepageMapping?: string;
  /** GS v 0 raster (default, every current printer) or ESC * column images for old ones. */
  imageMode?: 'raster' | 'column';
  cut?: 'full' | 'partial';
  /** QR module size in dots, 1-8. */
  qrSize?: number;
}

export class RenderError extends Error {
  override readonly name = 'RenderError';
}

function renderText(encoder: ReceiptPrinterEncoder, block: Extract<PrintBlock, { kind: 'text' }>, layout: Layout): void {
  const fragments = planCodepages(block.text.trimStart(), layout.codepages);
  if (!fragments) {
    const bitmap = drawTextLine(block.text, { paper: layout.paper, size: block.size, align: block.align, bold: block.bold, codepages: layout.codepages });
    // The encoder ends every queued line, the image too, with a line feed. With line spacing 0
    // around the image those feeds move no paper, so the bitmap sits where a text line would.
    encoder.raw([0x1b, 0x33, 0x00]);
    encoder.image(bitmapToRgba(bitmap), bitmap.width, bitmap.height, 'threshold');
    encoder.raw([0x1b, 0x32]);
    return;
  }
  encoder.align(block.align);
  if (block.bold) encoder.bold(true);
  if (block.size === 2) encoder.size(2, 2);
  // The encoder's word wrapper drops spaces at the start of a line, so indentation goes out raw.
  const indent = block.text.length - block.text.trimStart().length;
  if (indent > 0 && block.align === 'left') encoder.raw(new Array<number>(indent).fill(0x20));
  for (const fragment of fragments) encoder.codepage(fragment.codepage).text(fragment.text);
  if (block.size === 2) encoder.size(1, 1);
  if (block.bold) encoder.bold(false);
  encoder.newline();
  encoder.align('left');
}

/** ESC/POS bytes for an already laid-out document. */
export function renderLayoutEscPos(layout: Layout, options: Omit<EscPosOptions, keyof LayoutOptions> = {}): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: layout.paper.columns,
    codepageMapping: options.codepageMapping ?? 'epson',
    codepageCandidates: [...layout.codepages],
    imageMode: options.imageMode ?? 'raster',
    errors: 'strict',
  });
  encoder.initialize();
  for (const block of layout.blocks) {
    if (blockColumns(block, layout.paper, layout.codepages) > layout.paper.columns) {
      throw new RenderError(`A line is wider than ${layout.paper.columns} columns: ${JSON.stringify(block)}`);
    }
    switch (block.kind) {
      case 'text':
        renderText(encoder, block, layout);
        break;
      case 'rule':
        encoder.text(block.char.repeat(layout.paper.columns)).newline();
        break;
      case 'feed':
        encoder.newline();
        break;
      case 'qr':
        encoder.align('center').qrcode(block.data, { model: 2, size: options.qrSize ?? (layout.paper.columns === 48 ? 6 : 5), errorlevel: 'm' }).align('left');
        break;
      case 'cut':
        encoder.cut(options.cut ?? 'full');
        break;
    }
  }
  return dropFeedAfterFinalCut(encoder.encode());
}

/**
 * The encoder ends every line, the cut too, with LF CR; after the last cut that feed would put a
 * blank line at the top of the next slip, so it goes.
 */
function dropFeedAfterFinalCut(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const endsWithCut = n >= 5 && bytes[n - 5] === 0x1d && bytes[n - 4] === 0x56 && bytes[n - 2] === 0x0a && bytes[n - 1] === 0x0d;
  return endsWithCut ? bytes.subarray(0, n - 2) : bytes;
}

/** Lay out and render a kitchen ticket or receipt for the given paper width. */
export function renderEscPos(document: PrintDocument, options: EscPosOptions): Uint8Array {
  return renderLayoutEscPos(layoutDocument(document, options), options);
}
