import { randomBytes } from 'node:crypto';

/** A QR code's secret part (a table's, a room's, a check-in's): 10 characters that are easy to read aloud. */
export function newTableCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}
