/**
 * The registration card as a PDF (A4), for the front desk to print or file: the hotel, the stay, what
 * the guest filled in, the consent time, and the drawn signature. Made with pdf-lib's standard
 * Helvetica, which covers Latin-1 (WinAnsi): Cyrillic is written in Latin letters the way passports do
 * (ICAO 9303), other accents are kept where Latin-1 has them, and what is left shows as "?". The staff
 * page and API show the exact text; a font with every script would need @pdf-lib/fontkit and a TTF.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { DOCUMENT_TYPE_LABELS } from './document-types.ts';

export interface RegistrationCard {
  hotelName: string;
  bookingId: string;
  roomType: string;
  roomNumber: string | null;
  arrival: string;
  departure: string;
  nights: number;
  guests: { adults: number; children: number };
  form: {
    fullName: string;
    nationality: string;
    documentType: string;
    documentNumber: string;
    address: string;
    consentAt: string;
    submittedAt: string;
  };
  /** The drawn signature (PNG), or null when there is none on file. */
  signaturePng: Buffer | null;
  /** When the card was made, already formatted in the venue's time zone. */
  printedAt: string;
}

// ICAO 9303 (machine-readable travel documents): how a passport writes Cyrillic names in Latin letters.
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e',
  ю: 'iu', я: 'ia', і: 'i', ї: 'i', є: 'ie', ґ: 'g', ў: 'u',
};

/** The text as Helvetica (WinAnsi) can draw it. */
export function pdfSafeText(text: string, characterSet: ReadonlySet<number>): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (characterSet.has(char.codePointAt(0)!)) {
      out += char;
      continue;
    }
    const lower = char.toLowerCase();
    const latin = CYRILLIC[lower];
    if (latin !== undefined) {
      out += char === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
      continue;
    }
    // An accent Latin-1 lacks (ő, ł is not decomposable and stays "?"): the base letter.
    const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base !== char && [...base].every((c) => characterSet.has(c.codePointAt(0)!)) ? base : '?';
  }
  return out;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

export async function registrationCardPdf(card: RegistrationCard): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(regular.getCharacterSet());
  const safe = (text: string) => pdfSafeText(text, charset);
  pdf.setTitle(safe(`Registration card - ${card.form.fullName}`));
  pdf.setSubject(safe(`${card.hotelName}, booking ${card.bookingId}`));
  pdf.setCreator('OneMoment Venue Hub');
  pdf.setProducer('OneMoment Venue Hub');
  const page = pdf.addPage(A4);
  let y = A4[1] - MARGIN;

  const write = (text: string, options: { font?: PDFFont; size?: number; gap?: number } = {}) => {
    const size = options.size ?? 11;
    for (const line of wrap(safe(text), options.font ?? regular, size, A4[0] - 2 * MARGIN)) {
      page.drawText(line, { x: MARGIN, y, size, font: options.font ?? regular, color: rgb(0.1, 0.1, 0.1) });
      y -= size * 1.35;
    }
    y -= options.gap ?? 0;
  };
  const field = (label: string, value: string) => {
    page.drawText(safe(label), { x: MARGIN, y, size: 9, font: regular, color: rgb(0.4, 0.4, 0.4) });
    y -= 13;
    write(value, { size: 12, gap: 6 });
  };

  write(card.hotelName, { font: bold, size: 18, gap: 2 });
  write('Guest registration card', { size: 13, gap: 14 });
  rule(page, y + 6);
  y -= 10;
  field('Booking', card.bookingId);
  field('Stay', `${card.arrival} to ${card.departure} (${card.nights} night${card.nights === 1 ? '' : 's'})`);
  field('Room', card.roomNumber ? `${card.roomNumber}, ${card.roomType}` : `${card.roomType} (room not assigned yet)`);
  field('Guests', `${card.guests.adults} adult${card.guests.adults === 1 ? '' : 's'}${card.guests.children > 0 ? `, ${card.guests.children} child${card.guests.children === 1 ? '' : 'ren'}` : ''}`);
  rule(page, y + 6);
  y -= 10;
  field('Full name', card.form.fullName);
  field('Nationality', card.form.nationality);
  field('Document', `${DOCUMENT_TYPE_LABELS[card.form.documentType] ?? card.form.documentType}, ${card.form.documentNumber}`);
  field('Home address', card.form.address);
  field('Consent', `The guest agreed to the house rules and to the keeping of this data on ${card.form.consentAt}.`);
  field('Sent from the guest’s phone', card.form.submittedAt);

  y -= 8;
  page.drawText('Signature', { x: MARGIN, y, size: 9, font: regular, color: rgb(0.4, 0.4, 0.4) });
  y -= 8;
  if (card.signaturePng) {
    const image = await pdf.embedPng(card.signaturePng);
    const scale = Math.min(240 / image.width, 100 / image.height, 1);
    const height = image.height * scale;
    page.drawImage(image, { x: MARGIN, y: y - height, width: image.width * scale, height });
    y -= height + 6;
  } else {
    y -= 14;
    write('(no signature on file)');
  }
  rule(page, y);
  page.drawText(safe(`Made ${card.printedAt}`), { x: MARGIN, y: MARGIN - 20, size: 8, font: regular, color: rgb(0.5, 0.5, 0.5) });
  return pdf.save();
}

function rule(page: PDFPage, y: number): void {
  page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.5, color: rgb(0.7, 0.7, 0.7) });
}

/** Greedy word wrap; a word longer than the line is cut. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut -= 1;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}
