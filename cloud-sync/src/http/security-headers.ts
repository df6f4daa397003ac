import { createHash } from 'node:crypto';
import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The headers @fastify/helmet sends with every answer of the cloud. The cloud is a JSON API with one
 * HTML page, so the policy allows nothing by default; the HQ page brings its own (`pagePolicy`).
 * No one may frame the cloud (clickjacking the HQ page), and nothing is sent as Referer.
 */
export const securityHeaders: FastifyHelmetOptions = {
  global: true,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/** The hash of an inline <script> or <style> as CSP writes it: 'sha256-<base64>'. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

/**
 * The helmet options of a page whose only script and style are inline: they run because their
 * hashes are listed (no 'unsafe-inline', so a script injected into the page would not), it talks
 * to its own origin only, and no other site may frame it.
 */
export function pagePolicy(inline: { scripts: string[]; styles: string[] }): Omit<FastifyHelmetOptions, 'global'> {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: inline.scripts.map(cspHash),
        styleSrc: inline.styles.map(cspHash),
        connectSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  };
}
