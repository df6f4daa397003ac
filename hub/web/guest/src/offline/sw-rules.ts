/**
 * What the guest page's service worker does with each request, as pure rules (tested without a
 * browser). The page shell (the same index.html for every /t/<code>) and the menu are read from the
 * network first and kept for when it is gone; hashed assets never change, so the cache answers first;
 * every other request, and above all every other API answer (each carries a guest token and one
 * visit's data), passes through untouched and is never stored.
 */

export const SCOPE = '/t/';
/** Every table's page is the same index.html: one cache entry serves them all. */
export const SHELL_URL = '/t/';
export const CACHE_PREFIX = 'om-guest-';
/** Bump when what is cached changes shape; older caches are deleted on activate. */
export const CACHE_VERSION = 'v1';
export const CACHES = { shell: `${CACHE_PREFIX}shell-${CACHE_VERSION}`, assets: `${CACHE_PREFIX}assets-${CACHE_VERSION}`, data: `${CACHE_PREFIX}data-${CACHE_VERSION}` } as const;
/** How long a page or menu read may take before the kept copy answers (the read still refreshes it). */
export const NETWORK_TIMEOUT_MS = 4000;

export type Strategy = 'page' | 'asset' | 'data' | 'network';

/** Reads a guest may see again offline: the menu (no visit's data in it) and the venue's name. */
const KEPT_READS = ['/api/guest/menu', '/api/venue'];

export function strategyFor(request: { url: string; method: string; mode?: string }, origin: string): Strategy {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network';
  if (request.mode === 'navigate') return url.pathname.startsWith(SCOPE) ? 'page' : 'network';
  if (url.pathname.startsWith(`${SCOPE}assets/`)) return 'asset';
  if (KEPT_READS.includes(url.pathname)) return 'data';
  return 'network';
}

/** The hashed scripts and styles the shell loads, to keep them before the network goes. */
export function shellAssets(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/(?:src|href)="(\/t\/assets\/[^"?#]+)"/g)) found.add(match[1]!);
  return [...found];
}

export function isOurCache(name: string): boolean {
  return name.startsWith(CACHE_PREFIX);
}

export function isCurrentCache(name: string): boolean {
  return (Object.values(CACHES) as string[]).includes(name);
}
