import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfSafeText, registrationCardPdf } from './registration-card-pdf.ts';

describe('the registration card PDF', () => {
  it('writes text Helvetica cannot draw in Latin letters, as passports do, or as "?"', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const charset = new Set(font.getCharacterSet());
    expect(pdfSafeText('Guest A, Café Müller', charset)).toBe('Guest A, Café Müller');
    expect(pdfSafeText('Гость Щукин', charset)).toBe('Gost Shchukin');
    expect(pdfSafeText('Łódź Ő', charset)).toBe('?ódz O');
    expect(pdfSafeText('北京 🏠 <b>', charset)).toBe('?? ? <b>');
  });

  it('makes one A4 page that pdf-lib reads back, a long address wrapped on it', async () => {
    const card = {
      hotelName: 'Harbour Hotel',
      bookingId: 'booking-1',
      roomType: 'Double',
      roomNumber: '204',
      arrival: '2026-06-01',
      departure: '2026-06-03',
      nights: 2,
      guests: { adults: 2, children: 1 },
      form: { fullName: 'Guest A', nationality: 'GR', documentType: 'passport', documentNumber: 'AB1234567', address: 'x '.repeat(200), consentAt: '01.06.2026 14:05', submittedAt: '01.06.2026 14:05' },
      signaturePng: null,
      printedAt: '01.06.2026 15:00',
    };
    const bytes = await registrationCardPdf(card);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(pdf.getTitle()).toBe('Registration card - Guest A');
    expect(pdf.getSubject()).toBe('Harbour Hotel, booking booking-1');
  });
});
