// The two documents the hub prints, as plain data, and the builders that check and normalise them.
// Renderers (render-escpos.ts, render-preview.ts) never format dates or money themselves: the
// builders do, once, so a ticket reads the same on paper and in the admin preview.
import { DEFAULT_CODEPAGES, isPrintableText, normalizeForPrint } from './charset.ts';

export type PaperWidth = 58 | 80;

export interface PaperProfile {
  widthMm: PaperWidth;
  /** Characters per line in font A (12×24 dots). */
  columns: 32 | 48;
  /** Printable dots per line at 203 dpi: 12 dots per column. */
  dotsPerLine: 384 | 576;
}

export const PAPER: Readonly<Record<PaperWidth, PaperProfile>> = {
  58: { widthMm: 58, columns: 32, dotsPerLine: 384 },
  80: { widthMm: 80, columns: 48, dotsPerLine: 576 },
};

export function paperProfile(width: PaperWidth | PaperProfile): PaperProfile {
  if (typeof width === 'object') return width;
  const profile = PAPER[width];
  if (!profile) throw new DocumentError(`Paper width ${String(width)} mm is not supported: use 58 or 80.`);
  return profile;
}

export class DocumentError extends Error {
  override readonly name = 'DocumentError';
}

// ---------------------------------------------------------------------------------------------
// Money

const fractionDigitsCache = new Map<string, number>();

function fractionDigits(currency: string): number {
  let digits = fractionDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigitsCache.set(currency, digits);
  }
  return digits;
}

function checkCurrency(currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency)) throw new DocumentError(`"${currency}" is not an ISO 4217 currency code.`);
}

/**
 * Format integer minor units ("1250", "EUR") as a person reads it ("€12.50", or "12,50 €" in
 * Russian). `display: 'code'` gives "EUR 12.50" for printers whose code pages lack the symbol.
 * Spaces come back as plain U+0020 because Intl's narrow no-break space exists in no code page.
 */
export function formatMoney(
  amountMinor: number,
  currency: string,
  options: { locale?: string; display?: 'symbol' | 'code' } = {},
): string {
  if (!Number.isSafeInteger(amountMinor)) throw new DocumentError(`Amount ${amountMinor} is not a whole number of minor units.`);
  checkCurrency(currency);
  const digits = fractionDigits(currency);
  const formatted = new Intl.NumberFormat(options.locale ?? 'en', {
    style: 'currency',
    currency,
    currencyDisplay: options.display === 'code' ? 'code' : 'narrowSymbol',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amountMinor / 10 ** digits);
  return normalizeForPrint(formatted);
}

/** formatMoney with the symbol when the printer can print it, else the ISO code (₽, ₴, ₺ ...). */
export function formatMoneyForPrint(amountMinor: number, currency: string, locale?: string): string {
  const symbol = formatMoney(amountMinor, currency, { locale, display: 'symbol' });
  return isPrintableText(symbol, DEFAULT_CODEPAGES) ? symbol : formatMoney(amountMinor, currency, { locale, display: 'code' });
}

// ---------------------------------------------------------------------------------------------
// Printed words. The venue speaks en + ru; a builder takes `language` and stores the resolved
// words in the document so both renderers print the same thing.

export type PrintLanguage = 'en' | 'ru';

export interface PrintLabels {
  order: string;
  table: string;
  rush: string;
  reprint: string;
  /** The banner of a chit that tells a printer-only station to stop making items. */
  stop: string;
  allergens: string;
  note: string;
  subtotal: string;
  included: string;
  total: string;
  /** What is still to pay, on a bill printed before (all of) it is paid. */
  due: string;
}

export const PRINT_LABELS: Readonly<Record<PrintLanguage, PrintLabels>> = {
  en: { order: 'Order', table: 'Table', rush: 'RUSH', reprint: 'REPRINT', stop: 'VOID - DO NOT MAKE', allergens: 'ALLERGENS', note: 'NOTE', subtotal: 'Subtotal', included: 'incl.', total: 'TOTAL', due: 'DUE' },
  ru: { order: 'Заказ', table: 'Стол', rush: 'СРОЧНО', reprint: 'ПОВТОРНАЯ ПЕЧАТЬ', stop: 'ОТМЕНА - НЕ ГОТОВИТЬ', allergens: 'АЛЛЕРГЕНЫ', note: 'ПРИМЕЧАНИЕ', subtotal: 'Подытог', included: 'вкл.', total: 'ИТОГО', due: 'К ОПЛАТЕ' },
};

function labelsFor(language: PrintLanguage | undefined): PrintLabels {
  return PRINT_LABELS[language ?? 'en'] ?? PRINT_LABELS.en;
}

// ---------------------------------------------------------------------------------------------
// Kitchen ticket

export interface KitchenTicketItem {
  quantity: number;
  name: string;
  modifiers: string[];
  note: string | null;
  allergens: string[];
}

export interface KitchenTicket {
  kind: 'kitchen-ticket';
  station: string;
  tableName: string;
  orderNumber: number;
  /** Local time of the order, already formatted ("14:05"). */
  time: string;
  rush: boolean;
  items: KitchenTicketItem[];
  /** Order-level note, printed under the items. */
  note: string | null;
  /** Set on a reprint so the kitchen does not cook the order twice. */
  reprint: boolean;
  /** Set on a chit listing items the station must stop making (cancelled or voided after the ticket printed). */
  stop: boolean;
  labels: PrintLabels;
}

export interface KitchenTicketInput {
  station: string;
  tableName: string;
  orderNumber: number;
  placedAt: Date | string;
  timeZone?: string;
  rush?: boolean;
  items: Array<{
    quantity: number;
    name: string;
    modifiers?: string[];
    note?: string | null;
    allergens?: string[];
  }>;
  note?: string | null;
  reprint?: boolean;
  stop?: boolean;
  language?: PrintLanguage;
}

function requireText(value: string, what: string): string {
  const text = normalizeForPrint(value).trim();
  if (!text) throw new DocumentError(`${what} is empty.`);
  return text;
}

function optionalText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = normalizeForPrint(value).trim();
  return text ? text : null;
}

function checkQuantity(quantity: number, name: string): void {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new DocumentError(`Quantity of "${name}" must be a whole number of at least 1, not ${quantity}.`);
  }
}

function toDate(value: Date | string): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new DocumentError(`"${String(value)}" is not a valid time.`);
  return date;
}

/** "14:05" in the venue's time zone (24-hour clock, as kitchens read it). */
export function formatTime(value: Date | string, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(toDate(value));
}

/** "30.11.2025 14:05" in the venue's time zone. */
export function formatDateTime(value: Date | string, timeZone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(toDate(value));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

export function buildKitchenTicket(input: KitchenTicketInput): KitchenTicket {
  if (!Number.isInteger(input.orderNumber) || input.orderNumber < 0) {
    throw new DocumentError(`Order number must be a whole number, not ${input.orderNumber}.`);
  }
  if (input.items.length === 0) throw new DocumentError('A kitchen ticket needs at least one item.');
  return {
    kind: 'kitchen-ticket',
    station: requireText(input.station, 'Station'),
    tableName: requireText(input.tableName, 'Table name'),
    orderNumber: input.orderNumber,
    time: formatTime(input.placedAt, input.timeZone),
    rush: input.rush ?? false,
    items: input.items.map((item) => {
      const name = requireText(item.name, 'Item name');
      checkQuantity(item.quantity, name);
      return {
        quantity: item.quantity,
        name,
        modifiers: (item.modifiers ?? []).map((m) => requireText(m, `A modifier of "${name}"`)),
        note: optionalText(item.note),
        allergens: (item.allergens ?? []).map((a) => requireText(a, `An allergen of "${name}"`)),
      };
    }),
    note: optionalText(input.note),
    reprint: input.reprint ?? false,
    stop: input.stop ?? false,
    labels: labelsFor(input.language),
  };
}

// ---------------------------------------------------------------------------------------------
// Receipt

export interface ReceiptItem {
  quantity: number;
  name: string;
  modifiers: string[];
  /** Line total including modifiers, in minor units. */
  totalMinor: number;
}

export interface ReceiptTax {
  label: string;
  amountMinor: number;
  /** Included in the prices (EU VAT) rather than added on top of the subtotal. */
  included: boolean;
}

/** A labelled amount: a discount (negative), a service charge, a payment, a tip. */
export interface ReceiptAmount {
  label: string;
  amountMinor: number;
}

export interface Receipt {
  kind: 'receipt';
  /** "BILL" or "RECEIPT" under the header; null prints none (the older receipts). */
  title: string | null;
  header: string[];
  orderNumber: number | null;
  tableName: string | null;
  /** Already formatted ("30.11.2025 14:05"). */
  dateTime: string | null;
  currency: string;
  locale: string;
  items: ReceiptItem[];
  subtotalMinor: number;
  /** Between the subtotal and the taxes: discounts (negative) and the service charge. */
  adjustments: ReceiptAmount[];
  taxes: ReceiptTax[];
  totalMinor: number;
  /** "Card", "Cash", ... with the amount paid; null for an unpaid bill. */
  payment: { label: string; amountMinor: number } | null;
  /** Every payment and tip, under the total. */
  payments: ReceiptAmount[];
  /** Still to pay; null when the document does not say (a paid receipt, an older receipt). */
  dueMinor: number | null;
  qrUrl: string | null;
  qrCaption: string | null;
  footer: string[];
  labels: PrintLabels;
}

export interface ReceiptInput {
  title?: string | null;
  header: string[];
  orderNumber?: number | null;
  tableName?: string | null;
  issuedAt?: Date | string | null;
  timeZone?: string;
  currency: string;
  locale?: string;
  items: Array<{ quantity: number; name: string; modifiers?: string[]; totalMinor: number }>;
  /** Defaults to the sum of the item totals. */
  subtotalMinor?: number;
  taxes?: Array<{ label: string; amountMinor: number; included?: boolean }>;
  /** Defaults to the subtotal plus the taxes that are not included in the prices. */
  totalMinor?: number;
  payment?: { label: string; amountMinor: number } | null;
  adjustments?: ReceiptAmount[];
  payments?: ReceiptAmount[];
  dueMinor?: number | null;
  qrUrl?: string | null;
  qrCaption?: string | null;
  footer?: string[];
  /** Words on the receipt; also the default money locale. */
  language?: PrintLanguage;
}

function checkMinor(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount)) throw new DocumentError(`${what} must be a whole number of minor units, not ${amount}.`);
}

function checkQrUrl(url: string): string {
  // The printer stores QR data as ISO-8859-1 bytes: a URL outside it would print a different link.
  if (!/^[\x20-\x7e]+$/.test(url)) throw new DocumentError('The QR code URL must be plain ASCII (percent-encode anything else).');
  if (url.length > 1000) throw new DocumentError('The QR code URL is longer than 1000 characters.');
  return url;
}

export function buildReceipt(input: ReceiptInput): Receipt {
  checkCurrency(input.currency);
  if (input.items.length === 0) throw new DocumentError('A receipt needs at least one item.');
  const items = input.items.map((item) => {
    const name = requireText(item.name, 'Item name');
    checkQuantity(item.quantity, name);
    checkMinor(item.totalMinor, `The total of "${name}"`);
    return { quantity: item.quantity, name, modifiers: (item.modifiers ?? []).map((m) => requireText(m, 'A modifier')), totalMinor: item.totalMinor };
  });
  const subtotalMinor = input.subtotalMinor ?? items.reduce((sum, item) => sum + item.totalMinor, 0);
  checkMinor(subtotalMinor, 'The subtotal');
  const taxes = (input.taxes ?? []).map((tax) => {
    checkMinor(tax.amountMinor, `Tax "${tax.label}"`);
    return { label: requireText(tax.label, 'A tax label'), amountMinor: tax.amountMinor, included: tax.included ?? true };
  });
  const added = taxes.filter((tax) => !tax.included).reduce((sum, tax) => sum + tax.amountMinor, 0);
  const totalMinor = input.totalMinor ?? subtotalMinor + added;
  checkMinor(totalMinor, 'The total');
  if (input.payment) checkMinor(input.payment.amountMinor, 'The payment');
  const amounts = (list: ReceiptAmount[] | undefined, what: string) =>
    (list ?? []).map((entry) => {
      checkMinor(entry.amountMinor, `${what} "${entry.label}"`);
      return { label: requireText(entry.label, `${what} label`), amountMinor: entry.amountMinor };
    });
  if (input.dueMinor !== undefined && input.dueMinor !== null) checkMinor(input.dueMinor, 'What is due');
  return {
    kind: 'receipt',
    title: optionalText(input.title),
    header: input.header.map((line) => normalizeForPrint(line).trim()).filter(Boolean),
    orderNumber: input.orderNumber ?? null,
    tableName: optionalText(input.tableName),
    dateTime: input.issuedAt ? formatDateTime(input.issuedAt, input.timeZone) : null,
    currency: input.currency,
    locale: input.locale ?? input.language ?? 'en',
    items,
    subtotalMinor,
    taxes,
    totalMinor,
    adjustments: amounts(input.adjustments, 'An adjustment'),
    payment: input.payment ? { label: requireText(input.payment.label, 'The payment label'), amountMinor: input.payment.amountMinor } : null,
    payments: amounts(input.payments, 'A payment'),
    dueMinor: input.dueMinor ?? null,
    qrUrl: input.qrUrl ? checkQrUrl(input.qrUrl) : null,
    qrCaption: optionalText(input.qrCaption),
    footer: (input.footer ?? []).map((line) => normalizeForPrint(line).trim()).filter(Boolean),
    labels: labelsFor(input.language),
  };
}

export type PrintDocument = KitchenTicket | Receipt;
