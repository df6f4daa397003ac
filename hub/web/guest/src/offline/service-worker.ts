/**
 * The guest page's service worker, served at /t/sw.js with scope /t/: the page, loaded once, reloads
 * with the Wi-Fi down and still shows the menu and the cart (the cart and the order outbox live in
 * localStorage; orders are never sent by this worker, the page's outbox sends them when it can).
 * Written by hand: the rules are in sw-rules.ts; this file is the plumbing.
 */
import { CACHES, NETWORK_TIMEOUT_MS, SHELL_URL, isCurrentCache, isOurCache, shellAssets, strategyFor } from './sw-rules.ts';

// The worker's own event types are not in the DOM library this project compiles against.
interface WorkerEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerFetchEvent extends WorkerEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: WorkerEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: WorkerFetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}
const worker = self as unknown as WorkerScope;

/** Keeps the shell and everything it loads; a failure here only means the next load tries again. */
async function keepShell(shell: Response): Promise<void> {
  const html = await shell.clone().text();
  await (await caches.open(CACHES.shell)).put(SHELL_URL, shell);
  const assets = await caches.open(CACHES.assets);
  const missing = [];
  for (const url of shellAssets(html)) if (!(await assets.match(url))) missing.push(url);
  await assets.addAll(missing);
}

worker.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(SHELL_URL, { cache: 'no-store' })
      .then((response) => (response.ok ? keepShell(response) : undefined))
      .catch(() => undefined)
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => isOurCache(name) && !isCurrentCache(name)).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const strategy = strategyFor(event.request, worker.location.origin);
  // Anything else is left to the browser: it goes to the network exactly as without a worker.
  if (strategy === 'asset') event.respondWith(cacheFirst(event.request));
  else if (strategy === 'page') event.respondWith(networkFirst(event, CACHES.shell, SHELL_URL));
  else if (strategy === 'data') event.respondWith(networkFirst(event, CACHES.data, event.request.url));
});

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHES.assets);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/**
 * The network's answer when it comes in time; else the kept copy (the network's late answer still
 * refreshes it). Only a 200 is kept: an error page or a 401 must never stand in for the menu.
 */
function networkFirst(event: WorkerFetchEvent, cacheName: string, key: string): Promise<Response> {
  const fromNetwork = fetch(event.request).then(async (response) => {
    if (response.ok) {
      const copy = response.clone();
      const saving = cacheName === CACHES.shell ? keepShell(copy) : caches.open(cacheName).then((cache) => cache.put(key, copy));
      event.waitUntil(saving.catch(() => undefined));
    }
    return response;
  });
  const kept = () => caches.open(cacheName).then((cache) => cache.match(key, { ignoreVary: true, ignoreSearch: false }));
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const fallBack = async (cause: unknown) => {
      const copy = await kept();
      if (settled) return;
      if (copy) {
        settled = true;
        resolve(copy);
      } else if (cause !== 'timeout') {
        settled = true;
        reject(cause instanceof Error ? cause : new Error(String(cause)));
      }
    };
    const timer = setTimeout(() => void fallBack('timeout'), NETWORK_TIMEOUT_MS);
    fromNetwork.then(
      (response) => {
        clearTimeout(timer);
        if (!settled) {
          settled = true;
          resolve(response);
        }
      },
      (error: unknown) => {
        clearTimeout(timer);
        void fallBack(error);
      },
    );
  });
}
