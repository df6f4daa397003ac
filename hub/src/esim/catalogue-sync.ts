import { diffCatalogue, looksTruncated, type CataloguePackage } from '@onemoment/shared/esim/catalogue-diff';
import type { HubContext } from '../context.ts';
import type { CommandTx } from '../db/command-runner.ts';
import type { AiraloPackage } from './airalo-shapes.ts';
import type { AiraloResult } from './esim-adapter.ts';
import type { EsimStore } from './esim-store.ts';
import type { PurchaseService } from './purchase-service.ts';

function compared(pkg: { id: string; title: string; retailUsdMinor: number; netUsdMinor: number; dataMb: number | null; days: number }): CataloguePackage {
  return { id: pkg.id, title: pkg.title, currency: 'USD', priceMinor: pkg.retailUsdMinor, netPriceMinor: pkg.netUsdMinor, dataMb: pkg.dataMb, days: pkg.days };
}

function fromAiralo(pkg: AiraloPackage): CataloguePackage {
  return compared({ id: pkg.id, title: pkg.title, retailUsdMinor: pkg.priceMinor, netUsdMinor: pkg.netPriceMinor ?? pkg.priceMinor, dataMb: pkg.isUnlimited ? null : pkg.dataMb, days: pkg.days });
}

/**
 * Applies a catalogue read in the job's own transaction: new and changed packages are written, gone ones
 * are no longer sold, and the sales a gone package leaves go to a person (paid) or off the bill (unpaid).
 * A read cut short (a page limit, an answer with most packages missing) withdraws nothing: the stored
 * catalogue stays, and the settings page says why.
 */
export class CatalogueSync {
  constructor(
    private readonly context: HubContext,
    private readonly store: EsimStore,
    private readonly purchases: () => PurchaseService,
    private readonly clientKey: () => string | null,
  ) {}

  applyIn(tx: CommandTx, result: Extract<AiraloResult, { kind: 'catalogue' }>): void {
    // Credentials replaced while the read ran: it is another client's catalogue.
    if (result.clientKey !== this.clientKey()) return;
    const at = this.context.clock.now().toISOString();
    const stored = this.store.liveCatalogue().map(compared);
    const freshById = new Map(result.packages.map((pkg) => [pkg.id, pkg]));
    let diff;
    try {
      diff = diffCatalogue(stored, result.packages.map(fromAiralo), this.store.undeliveredSales());
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      this.store.markCatalogueProblem(`Airalo's catalogue could not be trusted, so nothing changed: ${error.message}`);
      return;
    }
    for (const pkg of [...diff.added, ...diff.changed]) this.store.upsertPackage(freshById.get(pkg.id)!, at);
    if (!result.complete || looksTruncated(diff, stored.length)) {
      const why = !result.complete ? 'Airalo listed more pages than one refresh reads' : `Airalo's answer left out ${diff.gone.length} of ${stored.length} packages`;
      this.store.markCatalogueProblem(`${why}: new and changed packages were kept, and none was taken off sale. The next refresh tries again.`);
      return;
    }
    for (const pkg of diff.gone) this.store.markGone(pkg.id, at);
    for (const sale of diff.salesToResolve) this.purchases().packageGoneIn(tx, sale.saleId);
    this.store.markCatalogueSynced(at);
  }
}
