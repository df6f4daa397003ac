// The text comment that names an invoice in a transfer. Short enough to read out and type, with no
// two characters that look alike: Crockford's base32 alphabet (no I, L, O or U), so a guest who types
// an O for a 0 or an l for a 1 still pays the right invoice.
import { randomBytes } from 'node:crypto';

export const COMMENT_PREFIX = 'OM-';
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BODY_LENGTH = 8;
/** 8 characters of 5 bits: 40 random bits, about 10^12 comments. Uniqueness is still checked by the store. */
const RANDOM_BYTES = 5;

/** A fresh comment like `OM-7K2QH9XD`, from `random` (crypto by default; tests give their own bytes). */
export function newComment(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(RANDOM_BYTES);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let body = '';
  for (let index = BODY_LENGTH - 1; index >= 0; index--) body += ALPHABET[Number((bits >> BigInt(index * 5)) & 31n)];
  return COMMENT_PREFIX + body;
}

const TYPED = /^OM[-\s_]?([0-9A-Za-z]{8})$/i;
const LOOKALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };

/**
 * The comment as the matching compares it. One of ours, however typed (lower case, spaces around,
 * a look-alike letter, no dash), comes back in its canonical form; any other text comes back trimmed,
 * to be listed as it was sent. Null for no text at all.
 */
export function normalizeComment(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.replace(/\0/g, '').trim();
  if (trimmed === '') return null;
  const ours = TYPED.exec(trimmed);
  if (!ours) return trimmed;
  const body = [...ours[1]!.toUpperCase()].map((char) => LOOKALIKES[char] ?? char).join('');
  return COMMENT_PREFIX + body;
}

/** Whether a text is one of our comments (after normalizing). */
export function isOurComment(text: string): boolean {
  return text.length === COMMENT_PREFIX.length + BODY_LENGTH && text.startsWith(COMMENT_PREFIX) && [...text.slice(COMMENT_PREFIX.length)].every((char) => ALPHABET.includes(char));
}
