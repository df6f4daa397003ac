// Lays a document out into lines that fit the paper. Both renderers consume this one layout, so
// the admin preview shows exactly the lines the printer gets.
import type { Codepage } from '@point-of-sale/codepage-encoder';
import { DEFAULT_CODEPAGES, charColumns, textColumns } from './charset.ts';
import {
  formatMoneyForPrint,
  paperProfile,
  type KitchenTicket,
  type PaperProfile,
  type PaperWidth,
  type PrintDocument,
  type Receipt,
} from './documents.ts';

export type Align = 'left' | 'center' | 'right';

export type PrintBlock =
  /** One printed line; `text` never takes more than columns / size columns (see charset.ts). */
  | { kind: 'text'; text: string; align: Align; bold: boolean; size: 1 | 2 }
  | { kind: 'rule'; char: '-' | '=' }
  | { kind: 'feed' }
  | { kind: 'qr'; data: string }
  | { kind: 'cut' };

export interface Layout {
  paper: PaperProfile;
  codepages: readonly Codepage[];
  blocks: PrintBlock[];
}

export interface LayoutOptions {
  paper: PaperWidth | PaperProfile;
  codepages?: readonly Codepage[];
}

/** Word-wraps to `width` columns; words longer than a line are broken between characters. */
export function wrapText(text: string, width: number, codepages: readonly Codepage[] = DEFAULT_CODEPAGES): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
    used = 0;
  };
  for (const word of text.split(' ').filter(Boolean)) {
    const wordWidth = textColumns(word, codepages);
    if (used > 0 && used + 1 + wordWidth <= width) {
      line += ' ' + word;
      used += 1 + wordWidth;
      continue;
    }
    if (used > 0) push();
    if (wordWidth <= width) {
      line = word;
      used = wordWidth;
      continue;
    }
    for (const char of word) {
      const w = charColumns(char, codepages);
      if (used + w > width) push();
      line += char;
      used += w;
    }
  }
  if (used > 0 || lines.length === 0) push();
  return lines;
}

/** `prefix` on the first line, the rest indented under the text ("2x Burger\n   with cheese"). */
export function wrapHanging(prefix: string, text: string, width: number, codepages: readonly Codepage[]): string[] {
  const indent = textColumns(prefix, codepages);
  const lines = wrapText(text, Math.max(1, width - indent), codepages);
  return lines.map((line, i) => (i === 0 ? prefix : ' '.repeat(indent)) + line);
}

/** Left text and a right-aligned amount on one line; the left side wraps under itself if long. */
export function leftRight(
  left: string,
  right: string,
  width: number,
  codepages: readonly Codepage[],
  hangingIndent = 0,
): string[] {
  const rightWidth = textColumns(right, codepages);
  if (rightWidth === 0) return wrapHangingIndent(left, width, hangingIndent, codepages);
  if (rightWidth > width - 4) {
    return [...wrapHangingIndent(left, width, hangingIndent, codepages), ' '.repeat(Math.max(0, width - rightWidth)) + right];
  }
  const lines = wrapHangingIndent(left, width - rightWidth - 1, hangingIndent, codepages);
  const first = lines[0] ?? '';
  lines[0] = first + ' '.repeat(width - textColumns(first, codepages) - rightWidth) + right;
  return lines;
}

function wrapHangingIndent(text: string, width: number, indent: number, codepages: readonly Codepage[]): string[] {
  const [first = '', ...rest] = wrapText(text, width, codepages);
  if (rest.length === 0 || indent === 0) return [first, ...rest];
  return [first, ...wrapText(rest.join(' '), width - indent, codepages).map((line) => ' '.repeat(indent) + line)];
}

function lines(texts: string[], style: { align?: Align; bold?: boolean; size?: 1 | 2 } = {}): PrintBlock[] {
  return texts.map((text) => ({ kind: 'text', text, align: style.align ?? 'left', bold: style.bold ?? false, size: style.size ?? 1 }));
}

/** Large (double width and height) when the text fits on one large line, else normal size. */
function largeIfFits(text: string, columns: number, codepages: readonly Codepage[], align: Align, bold: boolean): PrintBlock[] {
  if (textColumns(text, codepages) <= Math.floor(columns / 2)) return lines([text], { align, bold, size: 2 });
  return lines(wrapText(text, columns, codepages), { align, bold });
}

function layoutKitchenTicket(ticket: KitchenTicket, columns: number, codepages: readonly Codepage[]): PrintBlock[] {
  const { labels } = ticket;
  const half = Math.floor(columns / 2);
  const blocks: PrintBlock[] = [];
  if (ticket.reprint) blocks.push(...lines([`** ${labels.reprint} **`], { align: 'center', bold: true }));
  // A stop chit leads with its banner, large, so nobody at the pass reads it as a new order.
  if (ticket.stop) blocks.push(...largeIfFits(`!! ${labels.stop} !!`, columns, codepages, 'center', true));
  blocks.push(...largeIfFits(ticket.station.toUpperCase(), columns, codepages, 'center', true));
  if (ticket.rush) blocks.push(...largeIfFits(`*** ${labels.rush} ***`, columns, codepages, 'center', true));
  const number = `#${ticket.orderNumber}`;
  const fitsLarge = textColumns(number, codepages) + 1 + textColumns(ticket.tableName, codepages) <= half;
  blocks.push(...lines(leftRight(ticket.tableName, number, fitsLarge ? half : columns, codepages), { bold: true, size: fitsLarge ? 2 : 1 }));
  blocks.push(...lines([ticket.time]));
  blocks.push({ kind: 'rule', char: '-' });
  for (const item of ticket.items) {
    blocks.push(...lines(wrapHanging(`${item.quantity}x `, item.name, columns, codepages), { bold: true }));
    const indent = ' '.repeat(Math.min(4, `${item.quantity}x `.length));
    for (const modifier of item.modifiers) blocks.push(...lines(wrapHanging(`${indent}+ `, modifier, columns, codepages)));
    if (item.note) blocks.push(...lines(wrapHanging(`${indent}! `, item.note, columns, codepages), { bold: true }));
    if (item.allergens.length > 0) {
      blocks.push(...lines(wrapHanging(`${indent}${labels.allergens}: `, item.allergens.join(', '), columns, codepages), { bold: true }));
    }
  }
  blocks.push({ kind: 'rule', char: '-' });
  if (ticket.note) blocks.push(...lines(wrapHanging(`${labels.note}: `, ticket.note, columns, codepages), { bold: true }));
  blocks.push({ kind: 'feed' }, { kind: 'cut' });
  return blocks;
}

function layoutReceipt(receipt: Receipt, columns: number, codepages: readonly Codepage[]): PrintBlock[] {
  const { labels } = receipt;
  const money = (amountMinor: number) => formatMoneyForPrint(amountMinor, receipt.currency, receipt.locale);
  const blocks: PrintBlock[] = [];
  const [venue, ...address] = receipt.header;
  if (venue) blocks.push(...largeIfFits(venue, columns, codepages, 'center', true));
  for (const line of address) blocks.push(...lines(wrapText(line, columns, codepages), { align: 'center' }));
  blocks.push({ kind: 'feed' });
  if (receipt.title) blocks.push(...lines(wrapText(receipt.title, columns, codepages), { align: 'center', bold: true }));
  const order = receipt.orderNumber === null ? '' : `${labels.order} #${receipt.orderNumber}`;
  if (order || receipt.tableName) blocks.push(...lines(leftRight(order, receipt.tableName ?? '', columns, codepages)));
  if (receipt.dateTime) blocks.push(...lines([receipt.dateTime]));
  blocks.push({ kind: 'rule', char: '-' });
  for (const item of receipt.items) {
    const prefix = `${item.quantity}x `;
    blocks.push(...lines(leftRight(prefix + item.name, money(item.totalMinor), columns, codepages, prefix.length)));
    const indent = ' '.repeat(Math.min(4, prefix.length));
    for (const modifier of item.modifiers) blocks.push(...lines(wrapHanging(`${indent}+ `, modifier, columns, codepages)));
  }
  blocks.push({ kind: 'rule', char: '-' });
  blocks.push(...lines(leftRight(labels.subtotal, money(receipt.subtotalMinor), columns, codepages)));
  // Jobs queued before these fields existed lack them: `?? []` keeps them printable.
  for (const adjustment of receipt.adjustments ?? []) blocks.push(...lines(leftRight(adjustment.label, money(adjustment.amountMinor), columns, codepages)));
  for (const tax of receipt.taxes) {
    const label = tax.included ? `${labels.included} ${tax.label}` : tax.label;
    blocks.push(...lines(leftRight(label, money(tax.amountMinor), columns, codepages)));
  }
  blocks.push({ kind: 'rule', char: '=' });
  const total = money(receipt.totalMinor);
  const half = Math.floor(columns / 2);
  const totalLarge = textColumns(labels.total, codepages) + 1 + textColumns(total, codepages) <= half;
  blocks.push(...lines(leftRight(labels.total, total, totalLarge ? half : columns, codepages), { bold: true, size: totalLarge ? 2 : 1 }));
  if (receipt.payment) blocks.push(...lines(leftRight(receipt.payment.label, money(receipt.payment.amountMinor), columns, codepages)));
  for (const payment of receipt.payments ?? []) blocks.push(...lines(leftRight(payment.label, money(payment.amountMinor), columns, codepages)));
  if (receipt.dueMinor != null && receipt.dueMinor > 0) blocks.push(...lines(leftRight(labels.due, money(receipt.dueMinor), columns, codepages), { bold: true }));
  if (receipt.qrUrl) {
    blocks.push({ kind: 'feed' }, { kind: 'qr', data: receipt.qrUrl });
    if (receipt.qrCaption) blocks.push(...lines(wrapText(receipt.qrCaption, columns, codepages), { align: 'center' }));
  }
  if (receipt.footer.length > 0) {
    blocks.push({ kind: 'feed' });
    for (const line of receipt.footer) blocks.push(...lines(wrapText(line, columns, codepages), { align: 'center' }));
  }
  blocks.push({ kind: 'feed' }, { kind: 'cut' });
  return blocks;
}

export function layoutDocument(document: PrintDocument, options: LayoutOptions): Layout {
  const paper = paperProfile(options.paper);
  const codepages = options.codepages ?? DEFAULT_CODEPAGES;
  const blocks = document.kind === 'kitchen-ticket'
    ? layoutKitchenTicket(document, paper.columns, codepages)
    : layoutReceipt(document, paper.columns, codepages);
  return { paper, codepages, blocks };
}

/** Columns one block takes: text width times its size. Used by tests and by the renderers' checks. */
export function blockColumns(block: PrintBlock, paper: PaperProfile, codepages: readonly Codepage[]): number {
  if (block.kind === 'text') return textColumns(block.text, codepages) * block.size;
  if (block.kind === 'rule') return paper.columns;
  return 0;
}
