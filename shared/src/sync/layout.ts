import type * as Y from 'yjs';
import { CONFIG_ROOT, configProblems, SETTINGS_ROOT } from './config-doc.ts';
import { BILLS_ROOT, DAY_ROOT, PAYMENTS_ROOT } from './day-doc.ts';
import type { DocKind } from './doc-names.ts';
import { ESIM_SALES_ROOT, esimSaleProblems } from './esim-sale-records.ts';
import { orderProblems } from './order-records.ts';
import { billProblems, paymentProblems } from './payment-records.ts';
import { ROOM_TYPES_ROOT } from './room-types-doc.ts';
import { stayProblems, STAYS_ROOT } from './stays-doc.ts';

/** The root types each kind of document may have; every one is a Y.Map. */
export const DOC_ROOTS: Readonly<Record<DocKind, readonly string[]>> = {
  config: [CONFIG_ROOT, SETTINGS_ROOT, ROOM_TYPES_ROOT],
  day: [DAY_ROOT, PAYMENTS_ROOT, BILLS_ROOT, ESIM_SALES_ROOT],
  stays: [STAYS_ROOT],
};

/**
 * Everything in `doc` that is not the layout of a `kind` document: unknown root types, a root used as
 * a list or text, malformed records. Empty when the document is sound. The cloud applies an incoming
 * update to a scratch copy and refuses it when this list grows.
 */
export function layoutProblems(doc: Y.Doc, kind: DocKind): string[] {
  const allowed = DOC_ROOTS[kind];
  const problems: string[] = [];
  for (const [name, type] of doc.share) {
    // An empty root is only a local handle (a reader asked for it); it carries nothing over the wire.
    if (type._map.size === 0 && type._start === null) continue;
    if (!allowed.includes(name)) problems.push(`root "${name.slice(0, 80)}" is not part of a ${kind} document`);
    // A Y.Map keeps its entries in _map; list or text content would sit in _start, unseen by readers.
    else if (type._start !== null) problems.push(`root "${name}" holds list or text content`);
  }
  if (problems.length > 0) return problems;
  for (const name of allowed) {
    try {
      doc.getMap(name);
    } catch {
      return [`root "${name}" is not a map`];
    }
  }
  if (kind === 'day') return [...orderProblems(doc), ...paymentProblems(doc), ...billProblems(doc), ...esimSaleProblems(doc)];
  return kind === 'stays' ? stayProblems(doc) : configProblems(doc);
}
