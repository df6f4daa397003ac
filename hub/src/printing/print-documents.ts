// Orders into the printers package's documents. Built inside the order's transaction (cheap: no
// rendering), stored with the job, and rendered for the chosen printer's paper when it is sent.
//
// Languages: a ticket prints each item and modifier in the venue's first language and, when the venue
// has a second language and the name differs, the second one after a slash ("Borscht / Борщ"). The
// kitchen reads the names it knows, and a guest's order in any menu language reads the same on paper
// as on the KDS. Receipts are for guests and print the first language only.
import {
  buildKitchenTicket,
  buildReceipt,
  type KitchenTicket,
  type PrintDocument,
  type PrintLanguage,
  type Receipt,
} from '@onemoment/printers';
import type { LocalizedText } from '@onemoment/shared/localized-text';
import type { Order, OrderItem } from '@onemoment/shared/schemas/orders';

export interface VenuePrintSettings {
  name: string;
  timeZone: string;
  /** The venue's languages, first is the working language. */
  languages: readonly string[];
}

const SETTLED_ITEM = new Set(['cancelled', 'voided']);
const SETTLED_ORDER = new Set(['cancelled', 'voided']);

/** The words printed on the paper (Order, Table, TOTAL ...): the venue's first language when the package has it. */
export function printLanguage(languages: readonly string[]): PrintLanguage {
  return languages[0] === 'ru' ? 'ru' : 'en';
}

/** The name in the first language, plus the second language's name when it differs. */
export function printedName(names: LocalizedText, languages: readonly string[]): string {
  const [first = 'en', second] = languages;
  const primary = names[first] ?? names.en ?? Object.values(names)[0] ?? '';
  const other = second ? names[second] : undefined;
  const text = other && other.trim() !== '' && other !== primary ? `${primary} / ${other}` : primary;
  return text.trim() === '' ? '?' : text;
}

function guestName(names: LocalizedText, languages: readonly string[]): string {
  return printedName(names, languages.slice(0, 1));
}

/** The kitchen ticket of one station: only that station's live items. Null when it has none. */
export function ticketDocument(order: Order, station: { id: string; name: string }, venue: VenuePrintSettings): KitchenTicket | null {
  const items = order.items.filter((item) => item.station === station.id && !SETTLED_ITEM.has(item.status));
  return stationTicket(order, items, station, venue, false);
}

/**
 * The stop chit of one station: the items of `itemIds` it was making, under a "do not make" banner.
 * Null when none of them is the station's.
 */
export function stopDocument(order: Order, itemIds: readonly string[], station: { id: string; name: string }, venue: VenuePrintSettings): KitchenTicket | null {
  const items = order.items.filter((item) => item.station === station.id && itemIds.includes(item.id));
  return stationTicket(order, items, station, venue, true);
}

function stationTicket(order: Order, items: OrderItem[], station: { id: string; name: string }, venue: VenuePrintSettings, stop: boolean): KitchenTicket | null {
  if (items.length === 0) return null;
  return buildKitchenTicket({
    stop,
    station: station.name,
    tableName: order.tableName,
    orderNumber: order.number,
    placedAt: order.createdAt,
    timeZone: venue.timeZone,
    rush: order.rush,
    items: items.map((item) => ({
      quantity: item.quantity,
      name: printedName(item.names, venue.languages),
      modifiers: item.modifiers.map((modifier) => printedName(modifier.names, venue.languages)),
      note: item.note,
      allergens: item.allergens,
    })),
    language: printLanguage(venue.languages),
  });
}

const FOOTERS: Record<string, string> = { en: 'Thank you for your visit!', ru: 'Спасибо, что пришли к нам!' };

/**
 * The guest's bill: every live item of the given orders (one order, or a visit's orders), with the
 * total and a QR link. Null when there is nothing to bill. No tax lines: the venue has no tax settings
 * yet, and a receipt must not invent a rate.
 */
export function receiptDocument(
  orders: readonly Order[],
  venue: VenuePrintSettings & { currency: string },
  options: { issuedAt: Date; qrUrl: string | null; qrCaption?: string },
): Receipt | null {
  const live = orders.filter((order) => !SETTLED_ORDER.has(order.status)).sort((a, b) => a.number - b.number);
  const items: OrderItem[] = live.flatMap((order) => order.items.filter((item) => !SETTLED_ITEM.has(item.status)));
  if (items.length === 0) return null;
  const first = live[0]!;
  const currency = first.currency || venue.currency;
  const language = printLanguage(venue.languages);
  const qrUrl = options.qrUrl && /^[\x20-\x7e]{1,1000}$/.test(options.qrUrl) ? options.qrUrl : null;
  return buildReceipt({
    header: [venue.name],
    orderNumber: live.length === 1 ? first.number : null,
    tableName: first.tableName,
    issuedAt: options.issuedAt,
    timeZone: venue.timeZone,
    currency,
    items: items.map((item) => ({
      quantity: item.quantity,
      name: guestName(item.names, venue.languages),
      modifiers: item.modifiers.map((modifier) => guestName(modifier.names, venue.languages)),
      totalMinor: item.totalMinor,
    })),
    qrUrl,
    qrCaption: qrUrl ? (options.qrCaption ?? null) : null,
    footer: venue.languages.map((code) => FOOTERS[code]).filter((line): line is string => Boolean(line)),
    language,
  });
}

/** A test page: says what the printer is for and shows the hard characters, with nothing to cook. */
export function testPageDocument(
  printer: { name: string; prints: string[] },
  venue: VenuePrintSettings,
  at: Date,
): KitchenTicket {
  return buildKitchenTicket({
    station: 'Test print',
    tableName: printer.name,
    orderNumber: 0,
    placedAt: at,
    timeZone: venue.timeZone,
    items: [
      { quantity: 1, name: 'This is a test page: nothing to cook.' },
      { quantity: 1, name: 'Кириллица: Борщ, щи, ёжик' },
      { quantity: 1, name: 'Accents: Crème brûlée, Käsespätzle, 5 €' },
    ],
    note: printer.prints.length > 0 ? `Prints: ${printer.prints.join(', ')}` : 'Not assigned to a station yet.',
    language: printLanguage(venue.languages),
  });
}

/** A copy of a job's document, marked as a reprint when it is a kitchen ticket (so nobody cooks it twice). */
export function reprintDocument(document: PrintDocument): PrintDocument {
  return document.kind === 'kitchen-ticket' ? { ...document, reprint: true } : document;
}
