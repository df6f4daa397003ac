import { describe, expect, it } from 'vitest';
import { dayTimeText, documentText, idPhotoText, nationalityText, printRefusalText } from './registration-words.ts';

describe("the guest's registration at the desk", () => {
  it('names the document and the nationality', () => {
    expect(documentText({ documentType: 'passport', documentNumber: 'AB1234567' })).toBe('Passport AB1234567');
    expect(documentText({ documentType: 'id_card', documentNumber: 'X1' })).toBe('Identity card X1');
    expect(documentText({ documentType: 'visa', documentNumber: 'V9' })).toBe('visa V9');
    expect(nationalityText('GR')).toBe('Greece (GR)');
    expect(nationalityText('de')).toBe('Germany (DE)');
    expect(nationalityText('XX')).toBe('XX');
  });

  it("says the times on the venue's calendar", () => {
    const clock = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Athens', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    // 23:30 UTC is already the next day in Athens.
    expect(dayTimeText('2026-12-07T23:30:00.000Z', 'Europe/Athens', clock)).toBe('8 Dec, 01:30');
  });

  it('says what happens to the ID photo', () => {
    const zone = 'Europe/Athens';
    expect(idPhotoText({ onFile: true, uploadedAt: '2026-12-07T10:00:00.000Z', deletedAt: null, deleteAfter: null }, zone)).toBe('ID photo on file; it is deleted automatically some days after checkout.');
    expect(idPhotoText({ onFile: true, uploadedAt: '2026-12-07T10:00:00.000Z', deletedAt: null, deleteAfter: '2026-12-16T10:00:00.000Z' }, zone)).toBe('ID photo on file; it will be deleted on 16 Dec.');
    expect(idPhotoText({ onFile: false, uploadedAt: '2026-12-07T10:00:00.000Z', deletedAt: '2026-12-16T22:30:00.000Z', deleteAfter: null }, zone)).toBe(
      'The ID photo was deleted on 17 Dec, after the stay, as the retention setting says.',
    );
    expect(idPhotoText({ onFile: false, uploadedAt: null, deletedAt: null, deleteAfter: null }, zone)).toBe('No ID photo was sent: check the document at the desk.');
  });

  it('says why the card did not print', () => {
    expect(printRefusalText('no_receipt_printer', 'No printer prints receipts.')).toMatch(/^No printer prints receipts, so the card cannot be printed here\./);
    expect(printRefusalText('printing_unavailable', 'This hub runs without printing: download the PDF card instead.')).toBe('This hub runs without printing: download the PDF card instead.');
  });
});
