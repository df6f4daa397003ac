import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A bearer token: 128 random bits, base64url. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** PINs are short, so they are keyed with the venue's secret rather than hashed bare. */
export function hashPin(pin: string, secret: string): string {
  return createHmac('sha256', secret).update(pin).digest('hex');
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S{8,200})$/i.exec(header.trim());
  return match ? match[1]! : null;
}
