import * as Y from 'yjs';
import { CONFIG_ROOT, DAY_ROOT, menuItemProblems, readOrderById, type ParsedDocName } from '@onemoment/shared/sync/index';

/**
 * What the cloud needs of the document layout (shared/src/sync): which root a document kind has,
 * which records a Yjs transaction touched, and whether those records still have the layout's shape.
 */
export function rootName(kind: ParsedDocName['kind']): string {
  return kind === 'day' ? DAY_ROOT : CONFIG_ROOT;
}

/** Adds to `into` the keys of the root map's records that the transaction created, changed or deleted. */
export function collectTouched(transaction: Y.Transaction, root: Y.AbstractType<any>, into: Set<string>): void {
  for (const [type, keys] of transaction.changed) {
    if (type === root) {
      for (const key of keys) if (key !== null) into.add(key);
      continue;
    }
    let current: Y.AbstractType<any> = type;
    while (current._item && current._item.parent !== root) current = current._item.parent as Y.AbstractType<any>;
    if (current._item?.parent === root && current._item.parentSub) into.add(current._item.parentSub);
  }
}

/** Why the touched records no longer fit the layout; empty when they all do (or were deleted). */
export function touchedProblems(doc: Y.Doc, kind: ParsedDocName['kind'], touched: ReadonlySet<string>): string[] {
  if (kind === 'config') return menuItemProblems(doc).slice(0, 5);
  const orders = doc.getMap<unknown>(DAY_ROOT);
  const problems: string[] = [];
  for (const id of touched) {
    if (orders.get(id) === undefined) continue; // deleted: the projection drops it
    const record = readOrderById(doc, id);
    if (!record) problems.push(`order ${id.slice(0, 64)} does not have the layout of an order`);
    else if (!isTime(record.placedAt) || (record.readyAt !== null && !isTime(record.readyAt)) || (record.servedAt !== null && !isTime(record.servedAt))) {
      problems.push(`order ${id.slice(0, 64)} has a time that is not an ISO time`);
    }
    if (problems.length >= 5) break;
  }
  return problems;
}

function isTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}
