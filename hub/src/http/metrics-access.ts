import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken } from '../sessions/tokens.ts';

/** The box itself: loopback in IPv4, IPv6, and IPv4 written as IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/**
 * Who may read /metrics: the hub's own box always (a Prometheus beside it), anyone else only with
 * METRICS_TOKEN. Counts of orders, logins and sockets tell a stranger on the Wi-Fi how busy the venue
 * is and when staff log in. The socket's address is used, never a forwarded-address header.
 */
export function mayReadMetrics(remoteAddress: string | undefined, authorization: string | undefined, metricsToken: string | null): boolean {
  if (isLoopback(remoteAddress)) return true;
  if (metricsToken === null) return false;
  const given = bearerToken(authorization);
  if (given === null) return false;
  // Compared as digests: equal lengths, and no timing that tells how much of the token was right.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(metricsToken));
}
