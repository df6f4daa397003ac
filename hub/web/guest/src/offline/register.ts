/**
 * Registers the offline worker (hub/web/guest/src/offline/service-worker.ts, built to /t/sw.js).
 * Browsers allow workers only on secure pages; a venue hub on plain http at a LAN address is not one
 * (127.0.0.1 and https are), so there the page simply works online as before.
 */
export function registerOfflineWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/t/sw.js', { scope: '/t/' }).catch(() => undefined);
}

/**
 * Calls back once when the worker takes this page over. The first load's menu was read before there
 * was a worker to keep it, so the page reads it again through the worker: the next load then has a
 * menu even with the Wi-Fi down.
 */
export function onWorkerTakeover(callback: () => void): () => void {
  const container = 'serviceWorker' in navigator ? navigator.serviceWorker : null;
  if (!container || container.controller) return () => undefined;
  const listener = () => callback();
  container.addEventListener('controllerchange', listener, { once: true });
  return () => container.removeEventListener('controllerchange', listener);
}
