import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const WEB_APPS = [
  { prefix: '/t/', root: fileURLToPath(new URL('../../web/dist/guest', import.meta.url)), name: 'guest' },
  { prefix: '/checkin/', root: fileURLToPath(new URL('../../web/dist/checkin', import.meta.url)), name: 'checkin' },
  { prefix: '/admin/', root: fileURLToPath(new URL('../../web/dist/admin', import.meta.url)), name: 'admin' },
  { prefix: '/kds/', root: fileURLToPath(new URL('../../../kds-app/dist', import.meta.url)), name: 'kds' },
] as const;

/**
 * The venue's icon for every page's tab: a terracotta disc with a white dot (the guest page's accent).
 * `/favicon.svg` is what the pages link; `/favicon.ico` is for whatever asks for it by its old name.
 */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#b4451f"/><circle cx="16" cy="16" r="6" fill="#fff"/></svg>';

/**
 * The same icon as a 32×32 ICO (one 32-bit BMP image, alpha used, AND mask empty), drawn from the
 * same two circles, so no binary file has to be kept beside the code.
 */
export function faviconIco(size = 32): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  const info = Buffer.alloc(40);
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(size * Math.ceil(size / 32) * 4);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // colour rows and mask rows
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(pixels.length + mask.length, 20);
  const centre = size / 2;
  const scale = size / 32;
  for (let row = 0; row < size; row += 1) {
    for (let x = 0; x < size; x += 1) {
      const distance = Math.hypot(x + 0.5 - centre, row + 0.5 - centre) / scale;
      const coverage = Math.max(0, Math.min(1, 15.5 - distance)); // soft edge, one pixel wide
      const white = distance <= 6;
      const at = ((size - 1 - row) * size + x) * 4; // BMP rows go bottom-up, BGRA
      pixels[at] = white ? 0xff : 0x1f;
      pixels[at + 1] = white ? 0xff : 0x45;
      pixels[at + 2] = white ? 0xff : 0xb4;
      pixels[at + 3] = Math.round(coverage * 255);
    }
  }
  const imageBytes = info.length + pixels.length + mask.length;
  header.writeUInt8(size % 256, 6);
  header.writeUInt8(size % 256, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(imageBytes, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, info, pixels, mask]);
}

/**
 * The guest page's offline worker may control /t/ (its own folder: the header only says so plainly).
 * Its freshness needs nothing more: the static files go out with max-age=0, and browsers check a
 * worker's script for a new version on every navigation anyway.
 */
function workerHeaders(res: { setHeader(name: string, value: string): void }, path: string): void {
  if (path.endsWith('/sw.js')) res.setHeader('service-worker-allowed', '/t/');
}

/**
 * Serves the built guest, check-in, admin and KDS apps. Paths inside an app that are not files (a table
 * link /t/<code>, a check-in link /checkin/<code>, a page of the admin) get the app's index.html, which
 * routes on the client.
 */
export async function registerWebApps(app: FastifyInstance): Promise<void> {
  let decorated = false;
  for (const web of WEB_APPS) {
    if (!existsSync(web.root)) continue;
    await app.register(fastifyStatic, {
      root: web.root,
      prefix: web.prefix,
      decorateReply: !decorated,
      index: ['index.html'],
      wildcard: true,
      setHeaders: web.name === 'guest' ? workerHeaders : undefined,
    });
    decorated = true;
  }
  const hidden = { schema: { hide: true } };
  const ico = faviconIco();
  const day = 'public, max-age=86400';
  app.get('/favicon.svg', hidden, (_request, reply) => reply.type('image/svg+xml').header('cache-control', day).send(FAVICON_SVG));
  app.get('/favicon.ico', hidden, (_request, reply) => reply.type('image/x-icon').header('cache-control', day).send(ico));
  app.get('/', hidden, (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin', hidden, (_request, reply) => reply.redirect('/admin/'));
  app.get('/kds', hidden, (_request, reply) => reply.redirect('/kds/'));
}

/** For the not-found handler: the index page of the app a browser navigation belongs to, if any. */
export function sendAppIndex(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.method !== 'GET') return false;
  const path = request.url.split('?')[0] ?? '';
  const web = WEB_APPS.find((candidate) => path.startsWith(candidate.prefix));
  if (!web || /\.[a-z0-9]+$/i.test(path)) return false;
  if (!existsSync(`${web.root}/index.html`)) {
    reply.status(503).send({ error: 'web_not_built', message: `The ${web.name} app is not built yet: run npm run build:web.` });
    return true;
  }
  reply.header('cache-control', 'no-cache');
  void reply.sendFile('index.html', web.root);
  return true;
}
