/**
 * The registration form's rules, pure: the code in the page's address, what is still missing before
 * the form may be sent, and the body the hub expects. The hub checks everything again.
 */
import type { RegistrationBody } from '@onemoment/shared/schemas/hotel';
import type { StringKey } from './strings.ts';

export interface FormState {
  fullName: string;
  nationality: string;
  documentType: RegistrationBody['documentType'];
  documentNumber: string;
  address: string;
  arrival: string;
  departure: string;
  consent: boolean;
}

/** The check-in code of /checkin/<code> (trailing slash or query allowed), or null. */
export function codeFromPath(pathname: string): string | null {
  const match = /^\/checkin\/([A-Za-z0-9_-]{8,64})\/?$/.exec(pathname);
  return match ? match[1]! : null;
}

const REQUIRED: Array<[keyof FormState, StringKey]> = [
  ['fullName', 'fullName'],
  ['nationality', 'nationality'],
  ['documentNumber', 'documentNumber'],
  ['address', 'address'],
  ['arrival', 'arrival'],
  ['departure', 'departure'],
];

/** The labels of the fields still empty, in the form's order. */
export function missingFields(form: FormState): StringKey[] {
  return REQUIRED.filter(([field]) => String(form[field]).trim() === '').map(([, label]) => label);
}

/** The body of PUT /api/guest/stay/registration; null until the guest has agreed. */
export function registrationBody(form: FormState, signature: string): RegistrationBody | null {
  if (!form.consent) return null;
  return {
    fullName: form.fullName.trim(),
    nationality: form.nationality,
    documentType: form.documentType,
    documentNumber: form.documentNumber.trim(),
    address: form.address.trim(),
    arrival: form.arrival,
    departure: form.departure,
    consent: true,
    signature,
  };
}

/** Accepted as they are; anything else (HEIC, a huge photo) is redrawn as a JPEG first. */
export const SENDABLE_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
/** The hub keeps at most 1600 px wide; sending more only costs the guest's Wi-Fi time. */
export const PHOTO_SEND_MAX_WIDTH = 1600;

export function needsRedraw(type: string, size: number, width: number, maxBytes = 5 * 1024 * 1024): boolean {
  return !SENDABLE_PHOTO_TYPES.includes(type) || size > maxBytes || width > PHOTO_SEND_MAX_WIDTH;
}
