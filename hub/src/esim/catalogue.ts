import { usdToVenueMinor } from '@onemoment/shared/esim/esim-pricing';
import { formatMoney } from '@onemoment/shared/money';
import type { EsimCatalogueEntry, EsimOfferBody, EsimPackage } from '@onemoment/shared/schemas/esim';
import type { HubContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import type { EsimStore, PackageFilter, PackageRow } from './esim-store.ts';

/** A package the venue can sell now, at its price and cost in the venue's currency. */
export interface SellablePackage {
  pkg: PackageRow;
  priceMinor: number;
  costMinor: number;
}

export interface CatalogueQuery {
  country?: string | undefined;
  q?: string | undefined;
  offered?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Words of a search, lower-cased; at most 5 so a long query cannot build a huge statement. */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, 5);
}

/**
 * The catalogue as the venue sells it: Airalo's packages (kept by the sync, esim-adapter.ts) with the
 * venue's offers. A price in the venue's currency is Airalo's retail converted at the manager's rate and
 * rounded up (the floor), or the venue's own price when higher: never below retail.
 */
export class Catalogue {
  constructor(
    private readonly context: HubContext,
    private readonly store: EsimStore,
  ) {}

  currency(): string {
    return this.context.venue.venue().currency;
  }

  /** Venue currency per US dollar: "1" for a venue in dollars, else the manager's rate (null until set). */
  usdRate(): string | null {
    return this.currency() === 'USD' ? '1' : (this.store.settings()?.usdRate ?? null);
  }

  /** The lowest price the venue may charge for `pkg`, or null while no rate is set. */
  floorOf(pkg: Pick<PackageRow, 'retailUsdMinor'>, pricing = this.pricing()): number | null {
    if (pricing.rate === null) return null;
    const floor = usdToVenueMinor(pkg.retailUsdMinor, pricing.rate, pricing.currency, 'up');
    return floor.ok ? floor.value : null;
  }

  /** The venue's currency and dollar rate, read once per answer rather than once per package. */
  private pricing(): { currency: string; rate: string | null } {
    return { currency: this.currency(), rate: this.usdRate() };
  }

  private priced(pkg: PackageRow, pricing = this.pricing()): SellablePackage | null {
    const floor = this.floorOf(pkg, pricing);
    if (pricing.rate === null || floor === null) return null;
    const cost = usdToVenueMinor(pkg.netUsdMinor, pricing.rate, pricing.currency, 'nearest');
    if (!cost.ok) return null;
    return { pkg, priceMinor: Math.max(pkg.sellingMinor ?? floor, floor), costMinor: cost.value };
  }

  /** The package as a sale needs it, or the refusal a buyer reads (nothing is written by a refusal). */
  sellable(packageId: string): SellablePackage {
    const pkg = this.store.package(packageId);
    if (!pkg || pkg.type !== 'sim') throw notFound('This eSIM package');
    if (pkg.goneAt !== null) throw conflict('package_gone', `${pkg.title} is no longer sold by the provider: pick another package.`);
    if (!pkg.offered) throw conflict('not_offered', `This venue does not sell ${pkg.title}: pick one of the packages on offer.`);
    const priced = this.priced(pkg);
    if (!priced) throw conflict('not_offered', `${pkg.title} has no price here yet: a manager sets the dollar rate under eSIM settings.`);
    return priced;
  }

  /** What guests and the desk browse: offered, still listed, priced. */
  offered(query: CatalogueQuery): EsimPackage[] {
    const { rows } = this.store.packages({ country: query.country, words: searchWords(query.q), offeredOnly: true, liveOnly: true, limit: 500, offset: 0, withTotal: false });
    const pricing = this.pricing();
    const currency = pricing.currency;
    const packages: EsimPackage[] = [];
    for (const row of rows) {
      if (row.type !== 'sim') continue;
      const priced = this.priced(row, pricing);
      if (!priced) continue;
      packages.push({
        id: row.id,
        title: row.title,
        ...(row.countryCode ? { country: row.countryCode } : {}),
        area: row.area,
        operator: row.operator,
        ...(row.unlimited || row.dataMb === null ? {} : { dataMb: row.dataMb }),
        unlimited: row.unlimited,
        days: row.days,
        priceMinor: priced.priceMinor,
        currency,
      });
    }
    return packages;
  }

  /** The manager's view: every package, with Airalo's prices beside the venue's. */
  entries(query: CatalogueQuery): { total: number; packages: EsimCatalogueEntry[] } {
    const filter: PackageFilter = { country: query.country, words: searchWords(query.q), offeredOnly: query.offered === true, limit: query.limit ?? 50, offset: query.offset ?? 0 };
    const { total, rows } = this.store.packages(filter);
    const pricing = this.pricing();
    return { total, packages: rows.map((row) => this.entryOf(row, pricing)) };
  }

  entry(id: string): EsimCatalogueEntry {
    const row = this.store.package(id);
    if (!row) throw notFound('This eSIM package');
    return this.entryOf(row);
  }

  /** Offers a package (or stops) at a price never below the floor. */
  setOffer(id: string, body: EsimOfferBody): Promise<EsimCatalogueEntry> {
    return this.context.commands.run(() => {
      const row = this.store.package(id);
      if (!row) throw notFound('This eSIM package');
      if (body.offered) {
        if (row.goneAt !== null) throw conflict('package_gone', `${row.title} is no longer in Airalo's catalogue, so it cannot be offered.`);
        if (row.type !== 'sim') throw conflict('not_offered', `${row.title} is a top-up for an eSIM already installed; the hub sells new eSIMs only.`);
        const floor = this.floorOf(row);
        if (floor === null) throw conflict('rate_not_set', 'Set how much one US dollar costs in the venue currency first: Airalo prices in dollars.');
        if (body.sellingMinor !== undefined && body.sellingMinor < floor) {
          const currency = this.currency();
          throw conflict('price_below_retail', `${formatMoney(body.sellingMinor, currency)} is below Airalo's retail price of ${formatMoney(floor, currency)} for ${row.title}, the lowest the partner terms allow.`, {
            floorMinor: floor,
          });
        }
      }
      this.store.saveOffer(id, body.offered, body.sellingMinor ?? null, this.context.clock.now().toISOString());
      return this.entryOf(this.store.package(id)!);
    });
  }

  private entryOf(row: PackageRow, pricing = this.pricing()): EsimCatalogueEntry {
    const floor = this.floorOf(row, pricing);
    return {
      id: row.id,
      type: row.type,
      title: row.title,
      country: row.countryCode,
      area: row.area,
      operator: row.operator,
      dataMb: row.dataMb,
      unlimited: row.unlimited,
      days: row.days,
      retailUsdMinor: row.retailUsdMinor,
      netUsdMinor: row.netUsdMinor,
      floorMinor: floor,
      sellingMinor: floor === null ? row.sellingMinor : Math.max(row.sellingMinor ?? floor, floor),
      currency: pricing.currency,
      offered: row.offered,
      gone: row.goneAt !== null,
    };
  }
}
