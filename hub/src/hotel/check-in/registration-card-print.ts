/**
 * The registration card on the front desk's ESC/POS printer, through the printing module's queue: the
 * job is written in a command that reads the registration, so what prints is what was on file.
 *
 * The printers package has two documents (kitchen ticket, receipt); the card is a receipt whose one
 * line is the stay and whose footer is the form, with a line to sign on paper. The drawn signature is
 * on the PDF card; printing it would need a card document with an image in printers/.
 */
import { buildReceipt, formatDateTime, type Receipt } from '@onemoment/printers';
import type { Booking } from '@onemoment/shared/schemas/hotel';
import type { HubContext } from '../../context.ts';
import { conflict, notFound } from '../../errors.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import type { CheckInStore, RegistrationRow } from './check-in-store.ts';
import { DOCUMENT_TYPE_LABELS } from './document-types.ts';

/** What check-in needs of the printing module: queueing a receipt-printer document in a command. */
export interface PrintingApi {
  service: { printVisitDocument(tx: CommandTx, document: Receipt, visitId: string): string };
}

export interface CardVenue {
  name: string;
  timeZone: string;
}

/** The card as the printers package's receipt document. Pure. */
export function registrationCardReceipt(booking: Booking, form: RegistrationRow, venue: CardVenue, issuedAt: Date): Receipt {
  const nights = `${booking.nights} night${booking.nights === 1 ? '' : 's'}`;
  return buildReceipt({
    title: 'REGISTRATION CARD',
    header: [venue.name],
    tableName: booking.roomNumber ? `Room ${booking.roomNumber}` : null,
    issuedAt,
    timeZone: venue.timeZone,
    currency: booking.currency,
    items: [{ quantity: 1, name: `${nights}, ${booking.arrival} to ${booking.departure}`, totalMinor: booking.totalMinor }],
    footer: [
      `Booking ${booking.id}`,
      `Name: ${form.fullName}`,
      `Nationality: ${form.nationality}`,
      `${DOCUMENT_TYPE_LABELS[form.documentType] ?? form.documentType}: ${form.documentNumber}`,
      `Address: ${form.address}`,
      `Guests: ${booking.adults} adult${booking.adults === 1 ? '' : 's'}${booking.children > 0 ? `, ${booking.children} child${booking.children === 1 ? '' : 'ren'}` : ''}`,
      `Consent given ${formatDateTime(form.consentAt, venue.timeZone)}`,
      'Signed on the guest’s phone',
      ' ',
      'Signature: ____________________',
    ],
  });
}

export class RegistrationCardPrinting {
  constructor(
    private readonly context: HubContext,
    private readonly store: CheckInStore,
    private readonly bookings: { get(id: string): Booking | null },
    private readonly printing: PrintingApi | null,
  ) {}

  /** Queues the card on the receipt printer; resolves with the print job's id. */
  print(bookingId: string): Promise<string> {
    return this.context.commands.run((tx) => {
      const booking = this.bookings.get(bookingId);
      if (!booking) throw notFound('This booking');
      const form = this.store.registration(bookingId);
      if (!form) throw conflict('not_registered', 'The guest has not sent their registration yet: there is no card to print.');
      if (!this.printing) throw conflict('printing_unavailable', 'This hub runs without printing: download the PDF card instead.');
      const venue = this.context.venue.venue();
      const document = registrationCardReceipt(booking, form, { name: venue.name, timeZone: venue.timezone }, this.context.clock.now());
      // The print queue groups jobs by visit; a stay's documents go under its booking.
      return this.printing.service.printVisitDocument(tx, document, `booking:${booking.id}`);
    });
  }
}
