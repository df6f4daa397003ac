import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyRequest } from 'fastify';

/**
 * Headers that keep the hub's pages from being framed, sniffed or made to load code from elsewhere.
 * The pages are built by Vite into same-origin files, so the policy can be strict; the exceptions
 * are what the pages really use: `blob:` scripts for the microphone's AudioWorklet, inline styles
 * in the printable QR sheet (opened as a blob page), data: and blob: images for QR codes.
 */
export const securityHeaders: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", 'blob:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      // No upgrade-insecure-requests: on a venue LAN the hub is usually plain http.
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // A venue's own certificate may change or lapse: HSTS would then lock every tablet out of the hub.
  strictTransportSecurity: false,
};

/**
 * Node's own request and header timeouts, checked often enough to matter (its default check runs
 * every 30 s). Passed to the http or https server as it is created.
 */
export function serverTimeouts(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(requestTimeoutMs, 60_000),
    connectionsCheckingInterval: Math.min(requestTimeoutMs, 5_000),
  };
}

/**
 * The request as it is logged: a table's code is its key (whoever has it can sit at the table), so
 * the guest page's `/t/<code>` address is logged without it, as the authorization header already is.
 */
export function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactTableCode(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** The secret codes of table and check-in links never reach the log. */
export function redactTableCode(url: string): string {
  // /t/assets/… and /checkin/assets/… are the pages' own files, not a code.
  return url
    .replace(/^\/t\/(?!assets\/)[^/?#]+/, '/t/[code]')
    .replace(/^\/checkin\/(?!assets\/)[^/?#]+/, '/checkin/[code]')
    .replace(/^\/api\/guest\/check-in\/[^/?#]+/, '/api/guest/check-in/[code]');
}
