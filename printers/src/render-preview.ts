// Renders the same layout the printer gets to an SVG "paper slip" for the admin page: one SVG
// pixel per printer dot, monospace text on the printer's 12-dot column grid, the QR drawn by the
// `qrcode` package, raster fallback lines drawn from the very bitmap the printer receives, and a
// dashed cut line.
import QRCode from 'qrcode';
import { isPrintableText, textColumns } from './charset.ts';
import type { PrintDocument } from './documents.ts';
import { layoutDocument, type Layout, type LayoutOptions, type PrintBlock } from './layout.ts';
import { CELL_WIDTH, drawTextLine, type Bitmap } from './raster-line.ts';

export interface PreviewOptions extends LayoutOptions {
  /** QR module size in dots, as sent to the printer (render-escpos.ts uses 6 on 80 mm, 5 on 58 mm). */
  qrSize?: number;
}

const MARGIN = 16;
/** Font A is 24 dots high plus 6 dots of default line spacing. */
const TEXT_LINE = 30;
const FONT_SIZE = 24;
const CUT_HEIGHT = 24;

function isXmlChar(codepoint: number): boolean {
  return codepoint === 0x09 || codepoint === 0x0a || codepoint === 0x0d ||
    (codepoint >= 0x20 && codepoint <= 0xd7ff) || (codepoint >= 0xe000 && codepoint <= 0xfffd) || codepoint >= 0x10000;
}

/** Escape for XML text and attribute values, dropping characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  let result = '';
  for (const char of text) {
    const codepoint = char.codePointAt(0)!;
    if (!isXmlChar(codepoint) || (codepoint >= 0xd800 && codepoint <= 0xdfff)) continue;
    switch (char) {
      case '&': result += '&amp;'; break;
      case '<': result += '&lt;'; break;
      case '>': result += '&gt;'; break;
      case '"': result += '&quot;'; break;
      case "'": result += '&apos;'; break;
      default: result += char;
    }
  }
  return result;
}

/** The inked dots of a bitmap as one path of 1-dot-high runs. */
function bitmapPath(bitmap: Bitmap, x: number, y: number): string {
  let d = '';
  for (let row = 0; row < bitmap.height; row++) {
    let col = 0;
    while (col < bitmap.width) {
      if (!bitmap.dots[row * bitmap.width + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < bitmap.width && bitmap.dots[row * bitmap.width + col]) col++;
      d += `M${x + start} ${y + row}h${col - start}v1h${start - col}z`;
    }
  }
  return d ? `<path d="${d}" fill="#000"/>` : '';
}

async function qrSvg(data: string, x: number, y: number, moduleSize: number, paperWidth: number): Promise<{ svg: string; height: number }> {
  const svg = await QRCode.toString(data, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const modules = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1] ?? 25);
  const size = modules * moduleSize;
  const left = x + Math.max(0, Math.floor((paperWidth - size) / 2));
  const placed = svg.replace(/^(?:<\?xml[^>]*>\s*)?<svg /, `<svg x="${left}" y="${y}" width="${size}" height="${size}" `);
  return { svg: placed, height: size };
}

function textElement(block: Extract<PrintBlock, { kind: 'text' }>, layout: Layout, y: number): string {
  const columns = textColumns(block.text, layout.codepages) * block.size;
  if (columns === 0) return '';
  const free = layout.paper.columns - columns;
  const startColumn = block.align === 'center' ? Math.floor(free / 2) : block.align === 'right' ? free : 0;
  const x = MARGIN + startColumn * CELL_WIDTH;
  const weight = block.bold ? ' font-weight="bold"' : '';
  const baseline = y + Math.round(FONT_SIZE * block.size * 0.8);
  return `<text x="${x}" y="${baseline}" font-size="${FONT_SIZE * block.size}"${weight} textLength="${columns * CELL_WIDTH}" lengthAdjust="spacingAndGlyphs" xml:space="preserve">${escapeXml(block.text)}</text>`;
}

/** SVG markup of an already laid-out document. */
export async function renderLayoutPreviewSvg(layout: Layout, options: { qrSize?: number; title?: string } = {}): Promise<string> {
  const width = layout.paper.dotsPerLine;
  const parts: string[] = [];
  let y = MARGIN;
  for (const block of layout.blocks) {
    switch (block.kind) {
      case 'text':
        if (isPrintableText(block.text, layout.codepages)) {
          parts.push(textElement(block, layout, y));
          y += TEXT_LINE * block.size;
        } else {
          const bitmap = drawTextLine(block.text, { paper: layout.paper, size: block.size, align: block.align, bold: block.bold, codepages: layout.codepages });
          parts.push(`<g class="raster-fallback">${bitmapPath(bitmap, MARGIN, y)}</g>`);
          y += bitmap.height;
        }
        break;
      case 'rule':
        parts.push(textElement({ kind: 'text', text: block.char.repeat(layout.paper.columns), align: 'left', bold: false, size: 1 }, layout, y));
        y += TEXT_LINE;
        break;
      case 'feed':
        y += TEXT_LINE;
        break;
      case 'qr': {
        const qr = await qrSvg(block.data, MARGIN, y, options.qrSize ?? (layout.paper.columns === 48 ? 6 : 5), width);
        parts.push(qr.svg);
        y += qr.height + TEXT_LINE;
        break;
      }
      case 'cut':
        parts.push(`<line x1="0" y1="${y + CUT_HEIGHT / 2}" x2="${width + 2 * MARGIN}" y2="${y + CUT_HEIGHT / 2}" stroke="#888" stroke-width="2" stroke-dasharray="8 6"/>`);
        y += CUT_HEIGHT;
        break;
    }
  }
  const totalWidth = width + 2 * MARGIN;
  const totalHeight = y + MARGIN;
  const title = options.title ? `<title>${escapeXml(options.title)}</title>` : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${totalWidth} ${totalHeight}" width="${totalWidth}" height="${totalHeight}" font-family="'DejaVu Sans Mono', Menlo, Consolas, monospace">`,
    title,
    `<rect width="${totalWidth}" height="${totalHeight}" fill="#fff"/>`,
    ...parts,
    '</svg>',
  ].join('');
}

function titleOf(document: PrintDocument): string {
  if (document.kind === 'kitchen-ticket') return `Kitchen ticket #${document.orderNumber}, ${document.station}, ${document.tableName}`;
  return document.orderNumber === null ? 'Receipt' : `Receipt #${document.orderNumber}`;
}

/** Lay out a document and draw it as SVG, for the admin page's print preview. */
export function renderPreviewSvg(document: PrintDocument, options: PreviewOptions): Promise<string> {
  return renderLayoutPreviewSvg(layoutDocument(document, options), { qrSize: options.qrSize, title: titleOf(document) });
}
