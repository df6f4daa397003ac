import * as Y from 'yjs';
import {
  billProblem,
  BILLS_ROOT,
  DAY_ROOT,
  configProblems,
  DOC_ROOTS,
  ESIM_SALES_ROOT,
  esimSaleProblem,
  paymentProblem,
  PAYMENTS_ROOT,
  readOrderById,
  stayProblem,
  STAYS_ROOT,
  type ParsedDocName,
} from '@onemoment/shared/sync/index';

/**
 * What the cloud needs of the document layout (shared/src/sync): which roots a document kind has,
 * which records a Yjs transaction touched, and whether those records still have the layout's shape.
 */
export function rootNames(kind: ParsedDocName['kind']): readonly string[] {
  return DOC_ROOTS[kind];
}

/** The keys of the records a batch touched, by root name (orders, payments, bills, esimSales; menuItems, roomTypes; bookings). */
export type TouchedRecords = Map<string, Set<string>>;

/** The document's root maps, by type, to tell which root a changed type belongs to. */
export function rootsOf(doc: Y.Doc, kind: ParsedDocName['kind']): Map<Y.AbstractType<any>, string> {
  return new Map(rootNames(kind).map((name) => [doc.getMap<unknown>(name) as Y.AbstractType<any>, name]));
}

function add(into: TouchedRecords, root: string, key: string): void {
  let keys = into.get(root);
  if (!keys) into.set(root, (keys = new Set()));
  keys.add(key);
}

/** Adds to `into` the keys of the root maps' records that the transaction created, changed or deleted. */
export function collectTouched(transaction: Y.Transaction, roots: ReadonlyMap<Y.AbstractType<any>, string>, into: TouchedRecords): void {
  for (const [type, keys] of transaction.changed) {
    const rootName = roots.get(type);
    if (rootName !== undefined) {
      for (const key of keys) if (key !== null) add(into, rootName, key);
      continue;
    }
    let current: Y.AbstractType<any> = type;
    while (current._item && !roots.has(current._item.parent as Y.AbstractType<any>)) current = current._item.parent as Y.AbstractType<any>;
    const parent = current._item ? roots.get(current._item.parent as Y.AbstractType<any>) : undefined;
    if (parent !== undefined && current._item!.parentSub) add(into, parent, current._item!.parentSub);
  }
}

export function touchedCount(touched: TouchedRecords): number {
  let count = 0;
  for (const keys of touched.values()) count += keys.size;
  return count;
}

/**
 * Why the touched records no longer fit the layout; empty when they all do (or were deleted). `month`
 * is a stays document's: a booking in it must arrive that month.
 */
export function touchedProblems(doc: Y.Doc, kind: ParsedDocName['kind'], touched: TouchedRecords, month?: string): string[] {
  if (kind === 'config') return configProblems(doc).slice(0, 5);
  const problems: string[] = [];
  if (kind === 'stays') {
    const bookings = doc.getMap<unknown>(STAYS_ROOT);
    for (const id of touched.get(STAYS_ROOT) ?? []) {
      if (bookings.get(id) === undefined) continue; // deleted (moved to another month): the projection drops it
      const problem = stayProblem(doc, id, month);
      if (problem) problems.push(`stay ${id.slice(0, 64)}: ${problem}`);
      if (problems.length >= 5) break;
    }
    return problems;
  }
  const orders = doc.getMap<unknown>(DAY_ROOT);
  for (const id of touched.get(DAY_ROOT) ?? []) {
    if (orders.get(id) === undefined) continue; // deleted: the projection drops it
    const record = readOrderById(doc, id);
    if (!record) problems.push(`order ${id.slice(0, 64)} does not have the layout of an order`);
    else if (!isTime(record.placedAt) || (record.readyAt !== null && !isTime(record.readyAt)) || (record.servedAt !== null && !isTime(record.servedAt))) {
      problems.push(`order ${id.slice(0, 64)} has a time that is not an ISO time`);
    }
    if (problems.length >= 5) return problems;
  }
  const checks = [
    [PAYMENTS_ROOT, 'payment', paymentProblem],
    [BILLS_ROOT, 'bill', billProblem],
    [ESIM_SALES_ROOT, 'eSIM sale', esimSaleProblem],
  ] as const;
  for (const [root, what, problemOf] of checks) {
    const records = doc.getMap<unknown>(root);
    for (const id of touched.get(root) ?? []) {
      if (records.get(id) === undefined) continue;
      const problem = problemOf(doc, id);
      if (problem) problems.push(`${what} ${id.slice(0, 64)}: ${problem}`);
      if (problems.length >= 5) return problems;
    }
  }
  return problems;
}

function isTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}
