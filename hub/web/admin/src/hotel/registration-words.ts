/**
 * What a guest sent from their phone, as the front desk reads it: the document in words, the
 * nationality's name, what happens to the ID photo, and the print refusals said so the desk knows
 * what to do. Pure, tested beside it.
 */
import { localDateOf } from '@onemoment/shared/hotel/stay-dates';
import type { RegistrationView } from '@onemoment/shared/schemas/hotel';
import { shortDate } from './stay-words.ts';

const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  passport: 'Passport',
  id_card: 'Identity card',
  driving_licence: 'Driving licence',
  residence_permit: 'Residence permit',
};

export function documentText(form: Pick<NonNullable<RegistrationView['form']>, 'documentType' | 'documentNumber'>): string {
  return `${DOCUMENT_TYPES[form.documentType] ?? form.documentType} ${form.documentNumber}`;
}

let regionNames: Intl.DisplayNames | null | undefined;

/** "Greece (GR)" for the ISO code the form sends; the code alone when the browser cannot name it. */
export function nationalityText(code: string): string {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    } catch {
      regionNames = null;
    }
  }
  let name: string | undefined;
  try {
    name = regionNames?.of(code.toUpperCase());
  } catch {
    name = undefined;
  }
  return name && name.toUpperCase() !== code.toUpperCase() ? `${name} (${code.toUpperCase()})` : code.toUpperCase();
}

/** "7 Dec, 14:02" in a time zone (the venue's). */
export function dayTimeText(iso: string, timeZone: string, clock: (iso: string) => string): string {
  return `${shortDate(localDateOf(new Date(iso), timeZone))}, ${clock(iso)}`;
}

/** What the desk is told about the ID photo: on file and until when, deleted, or never sent. */
export function idPhotoText(photo: RegistrationView['idPhoto'], timeZone: string): string {
  const day = (iso: string) => shortDate(localDateOf(new Date(iso), timeZone));
  if (photo.deletedAt) return `The ID photo was deleted on ${day(photo.deletedAt)}, after the stay, as the retention setting says.`;
  if (!photo.onFile) return 'No ID photo was sent: check the document at the desk.';
  if (photo.deleteAfter) return `ID photo on file; it will be deleted on ${day(photo.deleteAfter)}.`;
  return 'ID photo on file; it is deleted automatically some days after checkout.';
}

/** The hub's refusal to print the card, said for the desk. */
export function printRefusalText(code: string, hubMessage: string): string {
  switch (code) {
    case 'no_receipt_printer':
      return 'No printer prints receipts, so the card cannot be printed here. A manager ticks “Receipts” on a printer in Printers; meanwhile use the PDF card.';
    case 'not_registered':
      return 'The guest has not sent the registration yet: there is no card to print.';
    default:
      return hubMessage;
  }
}
