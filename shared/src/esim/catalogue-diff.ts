import type { PurchaseStatus } from './purchase-lifecycle.ts';

/**
 * What an hourly catalogue refresh changes: packages added, changed and gone. A gone package is no
 * longer sold; the sales of it that are paid but not delivered cannot be ordered any more, so they are
 * listed for a person to refund or swap (the Online tasks page). Pure: the catalogue sync applies it.
 */

/** One package as the catalogue stores it (prices already in minor units, see esim-pricing.ts). */
export interface CataloguePackage {
  id: string;
  title: string;
  currency: string;
  /** Airalo's retail `price`. */
  priceMinor: number;
  /** Airalo's `net_price`. */
  netPriceMinor: number;
  /** Data in MB; null for an unlimited package. */
  dataMb: number | null;
  days: number;
}

export const COMPARED_FIELDS = ['title', 'currency', 'priceMinor', 'netPriceMinor', 'dataMb', 'days'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface FieldChange {
  field: ComparedField;
  before: CataloguePackage[ComparedField];
  after: CataloguePackage[ComparedField];
}

export interface PackageChange {
  id: string;
  changes: FieldChange[];
  /** The retail price rose: a venue selling price below it can no longer be charged. */
  retailRose: boolean;
}

export interface OpenSale {
  saleId: string;
  packageId: string;
  status: PurchaseStatus;
}

export interface CatalogueDiff {
  added: CataloguePackage[];
  changed: PackageChange[];
  gone: CataloguePackage[];
  /** Sales of a gone package that have not been delivered: a person refunds or swaps them. */
  salesToResolve: OpenSale[];
}

/** Sales still to be delivered: an order sent for a gone package fails, so a person must see them. */
const UNDELIVERED: readonly PurchaseStatus[] = ['awaiting_payment', 'paid', 'needs_person'];

/**
 * Compares the stored catalogue with a fresh one. Ids repeated in the fresh list with the same content
 * (paging while Airalo's list shifts repeats rows) count once; repeated with different content, the
 * fresh list cannot be trusted and a RangeError is thrown, so nothing is withdrawn on its word.
 */
export function diffCatalogue(stored: readonly CataloguePackage[], fresh: readonly CataloguePackage[], openSales: readonly OpenSale[] = []): CatalogueDiff {
  const storedById = byId(stored, 'stored');
  const freshById = byId(fresh, 'fresh');
  const added: CataloguePackage[] = [];
  const changed: PackageChange[] = [];
  for (const [id, next] of freshById) {
    const previous = storedById.get(id);
    if (previous === undefined) {
      added.push(next);
      continue;
    }
    const changes = fieldChanges(previous, next);
    if (changes.length > 0) changed.push({ id, changes, retailRose: next.priceMinor > previous.priceMinor });
  }
  const gone = [...storedById.values()].filter((pkg) => !freshById.has(pkg.id));
  const goneIds = new Set(gone.map((pkg) => pkg.id));
  const salesToResolve = openSales.filter((sale) => goneIds.has(sale.packageId) && UNDELIVERED.includes(sale.status));
  return { added, changed, gone, salesToResolve };
}

/**
 * Whether the fresh catalogue looks cut short (an empty answer, a failed page) rather than a real
 * withdrawal: more than `maxGoneShare` of the stored packages would go. The sync then keeps the stored
 * catalogue and tells a person, instead of taking most packages off sale at once.
 */
export function looksTruncated(diff: CatalogueDiff, storedCount: number, maxGoneShare = 0.5): boolean {
  return storedCount > 0 && diff.gone.length > storedCount * maxGoneShare;
}

function byId(packages: readonly CataloguePackage[], which: string): Map<string, CataloguePackage> {
  const map = new Map<string, CataloguePackage>();
  for (const pkg of packages) {
    const seen = map.get(pkg.id);
    if (seen !== undefined && fieldChanges(seen, pkg).length > 0) {
      throw new RangeError(`The ${which} catalogue lists package ${JSON.stringify(pkg.id)} twice with different details.`);
    }
    map.set(pkg.id, pkg);
  }
  return map;
}

function fieldChanges(before: CataloguePackage, after: CataloguePackage): FieldChange[] {
  return COMPARED_FIELDS.filter((field) => before[field] !== after[field]).map((field) => ({ field, before: before[field], after: after[field] }));
}
