import * as Y from 'yjs';
import type { PurchaseStatus } from '../esim/purchase-lifecycle.ts';
import type { EsimSale } from '../schemas/esim.ts';
import { child, put } from './day-doc.ts';
import { MONEY_LIMITS } from './payment-records.ts';
import { childMap, currency, int, Invalid, isIsoTime, MAX_ID, onlyKeys, text } from './record-fields.ts';
import { toStatusTimes, type StatusTimes } from './status-times.ts';

/**
 * The eSIMs a venue sold, in the day document of the sale's business day, beside that day's orders,
 * payments and bills (stored key in brackets, see ESIM_SALE_KEYS):
 *
 *   esimSales: Y.Map  saleId → Y.Map {
 *     visitId [v], packageId [pk], title [nm], priceMinor [p], costMinor [net], currency [c],
 *     statusTimes [st]: Y.Map<state, isoTime>
 *   }
 *
 * What HQ needs to report sales and margins, and nothing more: never the ICCID, the activation code
 * or anything else that installs the eSIM. The writer takes no such field and the reader refuses any
 * key that is not listed here, so a hub that wrote one by mistake would see its update refused by the
 * cloud rather than the code stored. `costMinor` is Airalo's net price in the venue's currency at the
 * rate of the sale; both amounts are integer minor units of `currency`.
 *
 * A sale's business day is the day it was put on the bill until it is paid, then the day it was first
 * paid (the hub's rule: revenue counts when the money comes in). A sale paid on a later business day
 * is deleted from its first day's document and written whole into the payment day's (`removeEsimSale`,
 * then `writeEsimSale`), as a booking whose arrival moved is.
 *
 * Plain fields are last-writer-wins (a swap changes the package). The status is a lifecycle, so it is
 * kept as the time each state was first reached. A sale that needed a person and was sent again goes
 * back from needs_person to paid, possibly more than once: that step backwards is recorded in rounds,
 * as a recall is (status-times.ts): paid, needs_person, paid.2, needs_person.2, ... and the latest
 * round says which of the two it is. Only the hub writes these records.
 */

export const ESIM_SALES_ROOT = 'esimSales';

export const ESIM_SALE_KEYS = {
  visitId: 'v',
  packageId: 'pk',
  title: 'nm',
  priceMinor: 'p',
  costMinor: 'net',
  currency: 'c',
  statusTimes: 'st',
} as const;

/** Bounds of a sale record. A title is clipped to maxTitle when written, so a long one is never refused. */
export const ESIM_SALE_LIMITS = { maxMinor: MONEY_LIMITS.maxMinor, maxTitle: 200 } as const;

export interface EsimSaleRecord {
  id: string;
  visitId: string;
  packageId: string;
  title: string;
  status: PurchaseStatus;
  priceMinor: number;
  costMinor: number;
  currency: string;
  /** When it was put on the bill. */
  createdAt: string;
  /** When it was first paid; null while awaiting payment (and for a cancelled one). */
  paidAt: string | null;
  deliveredAt: string | null;
  refundedAt: string | null;
  statusTimes: Record<string, string>;
}

type Fields = Y.Map<unknown>;

const SALE_FIELDS = new Set<string>(Object.values(ESIM_SALE_KEYS));
const PACKAGE_ID = /^[A-Za-z0-9_.:-]{1,120}$/;
const ROUND_KEY = /^(paid|needs_person)(?:\.([1-9]\d{0,5}))?$/;
const ONCE = new Set<string>(['awaiting_payment', 'delivered', 'refunded', 'cancelled']);

type Waiting = 'paid' | 'needs_person';

function roundKey(state: Waiting, round: number): string {
  return round === 1 ? state : `${state}.${round}`;
}

/** The latest round of paid and of needs_person (0: never). */
function rounds(times: StatusTimes): Record<Waiting, number> {
  const latest = { paid: 0, needs_person: 0 };
  for (const key of Object.keys(times)) {
    const match = ROUND_KEY.exec(key);
    if (!match) continue;
    const state = match[1] as Waiting;
    latest[state] = Math.max(latest[state], match[2] === undefined ? 1 : Number(match[2]));
  }
  return latest;
}

/** Which of the two the latest rounds say (an escalation shares its paid round's number); null when neither was reached. */
function waitingState(latest: Record<Waiting, number>): Waiting | null {
  if (latest.needs_person > 0 && latest.needs_person >= latest.paid) return 'needs_person';
  return latest.paid > 0 ? 'paid' : null;
}

/**
 * A sale's status from its statusTimes: refunded or cancelled when reached (the earlier, should both
 * ever be); else delivered; else paid or needs_person, whichever has the latest round; else
 * awaiting_payment; null when no state was reached.
 */
export function effectiveSaleStatus(times: StatusTimes): PurchaseStatus | null {
  const { refunded, cancelled } = times;
  if (refunded !== undefined && cancelled !== undefined) return cancelled < refunded ? 'cancelled' : 'refunded';
  if (refunded !== undefined) return 'refunded';
  if (cancelled !== undefined) return 'cancelled';
  if (times.delivered !== undefined) return 'delivered';
  const waiting = waitingState(rounds(times));
  if (waiting) return waiting;
  return times.awaiting_payment !== undefined ? 'awaiting_payment' : null;
}

/** The statusTimes keys a sale needs so that its effective status is `sale.status`, at the sale's own times where it has them. */
function saleStatusWrites(times: StatusTimes, sale: Pick<EsimSale, 'status' | 'createdAt' | 'paidAt' | 'deliveredAt' | 'refundedAt' | 'updatedAt'>): Array<[string, string]> {
  const writes: Array<[string, string]> = [];
  const add = (key: string, at: string) => {
    if (times[key] === undefined && !writes.some(([k]) => k === key)) writes.push([key, at]);
  };
  add('awaiting_payment', sale.createdAt);
  const wasPaid = sale.paidAt !== null || !['awaiting_payment', 'cancelled'].includes(sale.status);
  if (wasPaid) add('paid', sale.paidAt ?? sale.updatedAt);
  if (sale.deliveredAt !== null || sale.status === 'delivered') add('delivered', sale.deliveredAt ?? sale.updatedAt);
  if (sale.refundedAt !== null || sale.status === 'refunded') add('refunded', sale.refundedAt ?? sale.updatedAt);
  if (sale.status === 'cancelled') add('cancelled', sale.updatedAt);
  if (sale.status === 'paid' || sale.status === 'needs_person') {
    const latest = rounds({ ...times, ...Object.fromEntries(writes) });
    const now = waitingState(latest);
    // Escalated: needs_person of the current paid round. Sent again: the next paid round.
    if (sale.status === 'needs_person' && now === 'paid') add(roundKey('needs_person', latest.paid), sale.updatedAt);
    if (sale.status === 'paid' && now === 'needs_person') add(roundKey('paid', latest.needs_person + 1), sale.updatedAt);
  }
  return writes;
}

/** Clipped to the bound whole characters at a time, so a long title never ends in half of one. */
function clippedTitle(title: string): string {
  if (title.length <= ESIM_SALE_LIMITS.maxTitle) return title;
  let clipped = '';
  for (const char of title) {
    if (clipped.length + char.length > ESIM_SALE_LIMITS.maxTitle) break;
    clipped += char;
  }
  return clipped;
}

/**
 * Upserts a sale from the `esim.sale_changed` payload, in one Yjs transaction, writing only what
 * differs (the same sale again writes nothing). Reads the payload field by field: nothing else it
 * might carry is written. Throws RangeError on an id the layout refuses (the hub's are UUIDv7).
 */
export function writeEsimSale(doc: Y.Doc, sale: EsimSale, origin: unknown = null): boolean {
  if (sale.id.length === 0 || sale.id.length > MAX_ID) throw new RangeError(`"${sale.id.slice(0, 80)}" is not a sale id`);
  const K = ESIM_SALE_KEYS;
  const sales = doc.getMap<unknown>(ESIM_SALES_ROOT);
  let changed = false;
  doc.transact(() => {
    const { map, created } = child(sales as Fields, sale.id);
    changed = created;
    changed = put(map, K.visitId, sale.visitId) || changed;
    changed = put(map, K.packageId, sale.packageId) || changed;
    changed = put(map, K.title, clippedTitle(sale.title)) || changed;
    changed = put(map, K.priceMinor, sale.priceMinor) || changed;
    changed = put(map, K.costMinor, sale.costMinor) || changed;
    changed = put(map, K.currency, sale.currency) || changed;
    // Created with the sale, never later: a nested map created on two replicas at once keeps one side.
    const times = child(map, K.statusTimes).map;
    for (const [key, at] of saleStatusWrites(toStatusTimes(times), sale)) {
      times.set(key, at);
      changed = true;
    }
  }, origin);
  return changed;
}

/** Deletes a sale (paid on a later business day, it moved to that day's document). Returns whether it was there. */
export function removeEsimSale(doc: Y.Doc, saleId: string, origin: unknown = null): boolean {
  const sales = doc.getMap<unknown>(ESIM_SALES_ROOT);
  if (!sales.has(saleId)) return false;
  doc.transact(() => sales.delete(saleId), origin);
  return true;
}

export function hasEsimSale(doc: Y.Doc, saleId: string): boolean {
  return doc.getMap<unknown>(ESIM_SALES_ROOT).has(saleId);
}

function statusTimesOf(map: Fields): Record<string, string> {
  const times = childMap(map, ESIM_SALE_KEYS.statusTimes);
  times.forEach((value, key) => {
    if (!ONCE.has(key) && !ROUND_KEY.test(key)) throw new Invalid(`statusTimes.${key.slice(0, 32)} is not a state of an eSIM sale`);
    if (!isIsoTime(value)) throw new Invalid(`statusTimes.${key} is not an ISO time`);
  });
  return toStatusTimes(times);
}

function readSale(id: string, value: unknown): EsimSaleRecord {
  const K = ESIM_SALE_KEYS;
  if (id.length === 0 || id.length > MAX_ID) throw new Invalid('its id is not a sale id');
  if (!(value instanceof Y.Map)) throw new Invalid('it is not a map');
  const map = value as Fields;
  onlyKeys(map, SALE_FIELDS, 'sale');
  const packageId = text(map, K.packageId, 120);
  if (!PACKAGE_ID.test(packageId)) throw new Invalid('packageId is not a package id');
  const statusTimes = statusTimesOf(map);
  const status = effectiveSaleStatus(statusTimes);
  const createdAt = statusTimes.awaiting_payment;
  if (status === null || createdAt === undefined) throw new Invalid('it has no time it was put on the bill');
  return {
    id,
    visitId: text(map, K.visitId, MAX_ID),
    packageId,
    title: text(map, K.title, ESIM_SALE_LIMITS.maxTitle),
    status,
    priceMinor: int(map, K.priceMinor, 0, ESIM_SALE_LIMITS.maxMinor),
    costMinor: int(map, K.costMinor, 0, ESIM_SALE_LIMITS.maxMinor),
    currency: currency(map, K.currency),
    createdAt,
    paidAt: statusTimes.paid ?? null,
    deliveredAt: statusTimes.delivered ?? null,
    refundedAt: statusTimes.refunded ?? null,
    statusTimes,
  };
}

/** Every well-formed sale of the day document, by the time it was put on the bill (then id). */
export function readEsimSales(doc: Y.Doc): EsimSaleRecord[] {
  const result: EsimSaleRecord[] = [];
  doc.getMap<unknown>(ESIM_SALES_ROOT).forEach((value, id) => {
    try {
      result.push(readSale(id, value));
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
    }
  });
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return result.sort((a, b) => byText(a.createdAt, b.createdAt) || byText(a.id, b.id));
}

/** One sale, or null when it is missing or malformed. */
export function readEsimSaleById(doc: Y.Doc, saleId: string): EsimSaleRecord | null {
  try {
    return readSale(saleId, doc.getMap<unknown>(ESIM_SALES_ROOT).get(saleId));
  } catch (error) {
    if (error instanceof Invalid) return null;
    throw error;
  }
}

/** Why one sale is malformed, or null when it is fine. */
export function esimSaleProblem(doc: Y.Doc, saleId: string): string | null {
  try {
    readSale(saleId, doc.getMap<unknown>(ESIM_SALES_ROOT).get(saleId));
    return null;
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return error.message;
  }
}

/** Why each malformed sale is left out ("eSIM sale <id>: <reason>"); empty when all are fine. */
export function esimSaleProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  doc.getMap<unknown>(ESIM_SALES_ROOT).forEach((_value, id) => {
    const problem = esimSaleProblem(doc, id);
    if (problem) problems.push(`eSIM sale ${id.slice(0, MAX_ID)}: ${problem}`);
  });
  return problems;
}
