/**
 * The install QR on the receipt printer, for a buyer who would rather scan paper than a second phone:
 * the receipt's QR carries the activation code, and its footer the manual codes. Only who may see the
 * codes (the seller, a manager) may print them.
 */
import { buildReceipt, type Receipt } from '@onemoment/printers';
import type { HubContext } from '../context.ts';
import { conflict, forbidden } from '../errors.ts';
import type { CommandTx } from '../db/command-runner.ts';
import type { StaffPrincipal } from '../sessions/session-lookup.ts';
import type { EsimPurchase } from '@onemoment/shared/schemas/esim';
import type { PurchaseService } from './purchase-service.ts';

export interface EsimPrinter {
  service: { printVisitDocument(tx: CommandTx, document: Receipt, visitId: string): string };
}

/** The eSIM slip as a receipt document. Pure. */
export function esimReceipt(purchase: EsimPurchase, venue: { name: string; timeZone: string }, issuedAt: Date): Receipt {
  const install = purchase.install!;
  return buildReceipt({
    title: 'YOUR eSIM',
    header: [venue.name],
    tableName: purchase.tableName || null,
    issuedAt,
    timeZone: venue.timeZone,
    currency: purchase.currency,
    items: [{ quantity: 1, name: purchase.title, totalMinor: purchase.priceMinor }],
    qrUrl: install.activationCode,
    qrCaption: 'Scan with the phone that will use the eSIM',
    footer: [
      `ICCID ${purchase.iccid ?? ''}`,
      'iPhone: Settings > Mobile Service > Add eSIM > Use QR Code, or enter manually:',
      `SM-DP+ address: ${install.smdpAddress}`,
      `Activation code: ${install.iosActivationCode}`,
      'Android: Settings > Network > SIMs > Add eSIM > enter the code:',
      install.androidActivationCode,
      ...(install.apn ? [`APN: ${install.apn}`] : []),
      'Turn on data roaming for this eSIM when you arrive.',
    ],
  });
}

export class EsimPrinting {
  constructor(
    private readonly context: HubContext,
    private readonly purchases: PurchaseService,
    private readonly printer: EsimPrinter | null,
  ) {}

  /** Queues the slip on the receipt printer; resolves with the print job's id. */
  print(id: string, staff: StaffPrincipal): Promise<string> {
    return this.context.commands.run((tx) => {
      const purchase = this.purchases.view(id, { kind: 'staff', staff });
      if (purchase.status !== 'delivered') throw conflict('not_delivered', 'This eSIM has not been delivered yet: there is nothing to print.');
      if (!purchase.install) throw forbidden('The install codes are the buyer’s: a manager, or whoever sold it, prints them.');
      if (!this.printer) throw conflict('printing_unavailable', 'This hub runs without printing: show the QR on screen instead.');
      const venue = this.context.venue.venue();
      const document = esimReceipt(purchase, { name: venue.name, timeZone: venue.timezone }, this.context.clock.now());
      return this.printer.service.printVisitDocument(tx, document, purchase.visitId);
    });
  }
}
