/**
 * Every word the check-in page shows, by language. English only for now: a language is added as one
 * more entry with the same keys (TypeScript checks that none is missing).
 */
import { interpolate } from '../../common/i18n.ts';

const en = {
  title: 'Online check-in',
  loading: 'Opening your booking…',
  stayAt: 'Your stay at {hotel}',
  room: 'Room',
  roomToBeAssigned: '{type}, room assigned at arrival',
  roomNumber: '{type}, room {number}',
  nights: '{count} nights',
  oneNight: '1 night',
  arrival: 'Arrival',
  departure: 'Departure',
  formIntro: 'Please fill in the registration the law asks of every guest. It stays at the hotel and is never shared.',
  fullName: 'Full name (as in your document)',
  nationality: 'Nationality',
  chooseCountry: 'Choose a country',
  documentType: 'Document',
  passport: 'Passport',
  id_card: 'Identity card',
  driving_licence: 'Driving licence',
  residence_permit: 'Residence permit',
  documentNumber: 'Document number',
  address: 'Home address',
  idPhoto: 'Take a photo of your ID',
  idPhotoHint: 'The page with your photo and name. It is deleted after your stay.',
  idPhotoRetake: 'Take another photo',
  idPhotoUploading: 'Sending the photo…',
  idPhotoSaved: 'Photo saved',
  idPhotoPreview: 'Your ID photo',
  signature: 'Your signature',
  signatureHint: 'Sign with your finger in the box.',
  clearSignature: 'Clear',
  consent: 'I agree to the house rules, and to the hotel keeping this registration as the law requires.',
  submit: 'Send my registration',
  sending: 'Sending…',
  doneTitle: 'Thank you, you are checked in online',
  doneText: 'The front desk has your registration. See you on {date}!',
  doneChange: 'Change my registration',
  errorMissing: 'Please fill in: {fields}.',
  errorSignature: 'Please sign in the box before you send the form.',
  errorConsent: 'Please tick the box to agree before you send the form.',
  errorPhotoType: 'That file is not a photo. Take a photo of your ID with the camera.',
  errorNoCode: 'This page needs the check-in link from your booking.',
  errorNetwork: 'The hotel’s Wi-Fi did not answer. Check that you are connected and try again.',
  retry: 'Try again',
} as const;

export type StringKey = keyof typeof en;

const STRINGS: Record<string, Record<StringKey, string>> = { en };

let current: Record<StringKey, string> = en;

/** Chooses the page language (English until another table is added). */
export function useLanguage(language: string): void {
  current = STRINGS[language] ?? en;
}

export function t(key: StringKey, values?: Record<string, string | number>): string {
  return interpolate(current[key], values);
}
