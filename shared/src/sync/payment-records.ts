import * as Y from 'yjs';
import { PAYMENT_METHODS, type PaymentMethod } from '../schemas/payments.ts';
import { BILL_KEYS, BILLS_ROOT, PAYMENT_KEYS, PAYMENTS_ROOT } from './day-doc.ts';
import { childMap, currency, int, Invalid, isIsoTime, MAX_ID, onlyKeys, optionalText, text, time } from './record-fields.ts';
import { toStatusTimes } from './status-times.ts';

/**
 * The read side of a day document's payments and settled bills (see day-doc.ts for the layout), for
 * the cloud's projection and checks. Reading never throws: a malformed record is left out of
 * readPayments / readBills and reported by paymentProblems / billProblems, so the cloud refuses the
 * update that made it. Unlike orders, these records may hold only the layout's keys: nothing a hub
 * adds by mistake (a card's digits, who took the money) is ever stored in the cloud.
 */

export interface PaymentRecord {
  id: string;
  visitId: string;
  partId: string | null;
  method: PaymentMethod;
  /** Counts toward the bill; the tip is on top. */
  amountMinor: number;
  tipMinor: number;
  currency: string;
  tonInvoiceId: string | null;
  createdAt: string;
}

export interface TaxLineRecord {
  rateBp: number;
  netMinor: number;
  taxMinor: number;
}

export interface BillRecord {
  visitId: string;
  currency: string;
  /** written_off when part of it was let go, else paid (in full). */
  status: 'paid' | 'written_off';
  subtotalMinor: number;
  discountMinor: number;
  serviceChargeMinor: number;
  taxMinor: number;
  /** By rate. */
  taxLines: TaxLineRecord[];
  totalMinor: number;
  paidMinor: number;
  tipsMinor: number;
  writtenOffMinor: number;
  /** A hotel room's room-service bill. */
  roomService: boolean;
  /** When it was first settled. */
  settledAt: string;
  statusTimes: Record<string, string>;
}

/** Money in a payment or a bill: MinorUnitsSchema's bounds, so any sum of a day stays a safe integer. */
export const MONEY_LIMITS = { maxMinor: 100_000_000, maxTaxLines: 50, maxRateBp: 100_000 } as const;

const PAYMENT_FIELDS = new Set<string>(Object.values(PAYMENT_KEYS));
const BILL_FIELDS = new Set<string>(Object.values(BILL_KEYS));
const BILL_STATES = new Set(['settled']);

function money(map: Y.Map<unknown>, key: string, fallback?: number): number {
  return int(map, key, 0, MONEY_LIMITS.maxMinor, fallback);
}

/** An optional boolean field: absent reads as false. */
function flag(map: Y.Map<unknown>, key: string): boolean {
  const value = map.get(key) ?? false;
  if (typeof value !== 'boolean') throw new Invalid(`${key} is not true or false`);
  return value;
}

function recordMap(id: string, value: unknown): Y.Map<unknown> {
  if (id.length > MAX_ID) throw new Invalid('its id is too long');
  if (!(value instanceof Y.Map)) throw new Invalid('it is not a map');
  return value as Y.Map<unknown>;
}

function readPayment(id: string, value: unknown): PaymentRecord {
  const K = PAYMENT_KEYS;
  const map = recordMap(id, value);
  onlyKeys(map, PAYMENT_FIELDS, 'payment');
  const method = map.get(K.method);
  if (!PAYMENT_METHODS.includes(method as PaymentMethod)) throw new Invalid(`method is not one of ${PAYMENT_METHODS.join(', ')}`);
  return {
    id,
    visitId: text(map, K.visitId, MAX_ID),
    partId: optionalText(map, K.partId, MAX_ID),
    method: method as PaymentMethod,
    amountMinor: money(map, K.amountMinor),
    tipMinor: money(map, K.tipMinor, 0),
    currency: currency(map, K.currency),
    tonInvoiceId: optionalText(map, K.tonInvoiceId, MAX_ID),
    createdAt: time(map, K.createdAt),
  };
}

function taxLinesOf(map: Y.Map<unknown>): TaxLineRecord[] {
  const raw = map.get(BILL_KEYS.taxLines) ?? '[]';
  let value: unknown;
  try {
    value = typeof raw === 'string' && raw.length <= 4_000 ? JSON.parse(raw) : null;
  } catch {
    value = null;
  }
  if (!Array.isArray(value) || value.length > MONEY_LIMITS.maxTaxLines) throw new Invalid('taxLines is not a list of tax lines');
  const isWhole = (n: unknown, max: number): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;
  const lines = value.map((line: unknown): TaxLineRecord => {
    if (!Array.isArray(line) || line.length !== 3) throw new Invalid('a tax line is not [rateBp, netMinor, taxMinor]');
    const [rateBp, netMinor, taxMinor] = line as unknown[];
    if (!isWhole(rateBp, MONEY_LIMITS.maxRateBp) || !isWhole(netMinor, MONEY_LIMITS.maxMinor) || !isWhole(taxMinor, MONEY_LIMITS.maxMinor)) {
      throw new Invalid('a tax line holds something that is not a whole amount');
    }
    return { rateBp, netMinor, taxMinor };
  });
  if (new Set(lines.map((line) => line.rateBp)).size !== lines.length) throw new Invalid('taxLines has a rate twice');
  return lines.sort((a, b) => a.rateBp - b.rateBp);
}

function billTimes(map: Y.Map<unknown>): Record<string, string> {
  const times = childMap(map, BILL_KEYS.statusTimes);
  times.forEach((value, key) => {
    if (!BILL_STATES.has(key)) throw new Invalid(`statusTimes.${key.slice(0, 32)} is not a state of a bill`);
    if (!isIsoTime(value)) throw new Invalid(`statusTimes.${key} is not an ISO time`);
  });
  return toStatusTimes(times);
}

function readBill(visitId: string, value: unknown): BillRecord {
  const K = BILL_KEYS;
  const map = recordMap(visitId, value);
  onlyKeys(map, BILL_FIELDS, 'bill');
  const statusTimes = billTimes(map);
  const settledAt = statusTimes.settled;
  if (settledAt === undefined) throw new Invalid('it has no settled time');
  const writtenOffMinor = money(map, K.writtenOffMinor, 0);
  return {
    visitId,
    currency: currency(map, K.currency),
    status: writtenOffMinor > 0 ? 'written_off' : 'paid',
    subtotalMinor: money(map, K.subtotalMinor),
    discountMinor: money(map, K.discountMinor, 0),
    serviceChargeMinor: money(map, K.serviceChargeMinor, 0),
    taxMinor: money(map, K.taxMinor),
    taxLines: taxLinesOf(map),
    totalMinor: money(map, K.totalMinor),
    paidMinor: money(map, K.paidMinor),
    tipsMinor: money(map, K.tipsMinor, 0),
    writtenOffMinor,
    roomService: flag(map, K.roomService),
    settledAt,
    statusTimes,
  };
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function readAll<T>(doc: Y.Doc, root: string, read: (key: string, value: unknown) => T): T[] {
  const result: T[] = [];
  doc.getMap<unknown>(root).forEach((value, key) => {
    try {
      result.push(read(key, value));
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
    }
  });
  return result;
}

function readOne<T>(doc: Y.Doc, root: string, key: string, read: (key: string, value: unknown) => T): T | null {
  try {
    return read(key, doc.getMap<unknown>(root).get(key));
  } catch (error) {
    if (error instanceof Invalid) return null;
    throw error;
  }
}

function problemOf(doc: Y.Doc, root: string, key: string, read: (key: string, value: unknown) => unknown): string | null {
  try {
    read(key, doc.getMap<unknown>(root).get(key));
    return null;
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return error.message;
  }
}

function problemsOf(doc: Y.Doc, root: string, what: string, read: (key: string, value: unknown) => unknown): string[] {
  const problems: string[] = [];
  doc.getMap<unknown>(root).forEach((_value, key) => {
    const problem = problemOf(doc, root, key, read);
    if (problem) problems.push(`${what} ${key.slice(0, MAX_ID)}: ${problem}`);
  });
  return problems;
}

/** Every well-formed payment of the day document, by time (then id). */
export function readPayments(doc: Y.Doc): PaymentRecord[] {
  return readAll(doc, PAYMENTS_ROOT, readPayment).sort((a, b) => byId(a.createdAt, b.createdAt) || byId(a.id, b.id));
}

/** One payment, or null when it is missing or malformed. */
export function readPaymentById(doc: Y.Doc, paymentId: string): PaymentRecord | null {
  return readOne(doc, PAYMENTS_ROOT, paymentId, readPayment);
}

/** Why one payment is malformed, or null when it is fine (a missing one is "not a map": callers ask only for present ones). */
export function paymentProblem(doc: Y.Doc, paymentId: string): string | null {
  return problemOf(doc, PAYMENTS_ROOT, paymentId, readPayment);
}

/** Why each malformed payment is left out ("payment <id>: <reason>"); empty when all are fine. */
export function paymentProblems(doc: Y.Doc): string[] {
  return problemsOf(doc, PAYMENTS_ROOT, 'payment', readPayment);
}

/** Every well-formed settled bill of the day document, by settled time (then visit id). */
export function readBills(doc: Y.Doc): BillRecord[] {
  return readAll(doc, BILLS_ROOT, readBill).sort((a, b) => byId(a.settledAt, b.settledAt) || byId(a.visitId, b.visitId));
}

export function readBillByVisitId(doc: Y.Doc, visitId: string): BillRecord | null {
  return readOne(doc, BILLS_ROOT, visitId, readBill);
}

export function billProblem(doc: Y.Doc, visitId: string): string | null {
  return problemOf(doc, BILLS_ROOT, visitId, readBill);
}

/** Why each malformed bill is left out ("bill <visitId>: <reason>"); empty when all are fine. */
export function billProblems(doc: Y.Doc): string[] {
  return problemsOf(doc, BILLS_ROOT, 'bill', readBill);
}
