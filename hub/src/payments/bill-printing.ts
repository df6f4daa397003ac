import type { Receipt } from '@onemoment/printers';
import type { HubContext } from '../context.ts';
import type { CommandTx } from '../db/command-runner.ts';
import { conflict, notFound } from '../errors.ts';
import type { Printing } from '../printing/printing.ts';
import type { RestaurantApi } from '../restaurant/module.ts';
import { billDocument, type BillDocumentKind } from './bill-document.ts';
import type { BillService } from './bill-service.ts';
import type { DayClose } from './day-close.ts';

/** The ton:// link of an invoice for what is due, made in the printing command; null when TON is not set up. */
export type TonLinkForBill = (tx: CommandTx, visitId: string, dueMinor: number) => string | null;

/**
 * Bills, receipts and the day's close on the receipt printer, through the print queue: the job is
 * written in the same command that reads the bill, so what prints is what the bill was.
 */
export class BillPrinting {
  private tonLink: TonLinkForBill = () => null;

  constructor(
    private readonly context: HubContext,
    private readonly printing: Printing,
    private readonly bills: BillService,
    private readonly days: DayClose,
    private readonly restaurant: Pick<RestaurantApi, 'visits'>,
  ) {
    // A guest's "the bill, please" prints the whole bill from here.
    printing.service.useBillDocuments((tx, visitId) => this.document(tx, visitId, 'bill'));
  }

  useTonLinks(link: TonLinkForBill): void {
    this.tonLink = link;
  }

  printBill(visitId: string, kind: BillDocumentKind): Promise<string> {
    return this.context.commands.run((tx) => {
      const document = this.document(tx, visitId, kind);
      if (!document) throw conflict('nothing_to_bill', 'Nothing was ordered on this visit, so there is no bill to print.');
      return this.printing.service.printVisitDocument(tx, document, visitId);
    });
  }

  printDay(day: string): Promise<string> {
    return this.context.commands.run((tx) => this.printing.service.printVisitDocument(tx, this.days.document(day), `day:${this.days.resolveDay(day)}`));
  }

  private document(tx: CommandTx, visitId: string, kind: BillDocumentKind): Receipt | null {
    const bill = this.bills.bill(visitId);
    if (!bill) throw notFound('This visit');
    const venue = this.context.venue.venue();
    const tonLink = kind === 'bill' && bill.dueMinor > 0 ? this.tonLink(tx, visitId, bill.dueMinor) : null;
    const table = this.restaurant.visits.table(bill.tableId);
    const tableUrl = table ? `${this.context.publicUrl()}/t/${encodeURIComponent(table.code)}` : null;
    return billDocument(bill, { name: venue.name, timeZone: venue.timezone, languages: venue.languages }, { kind, issuedAt: this.context.clock.now(), tonLink, tableUrl });
  }
}
