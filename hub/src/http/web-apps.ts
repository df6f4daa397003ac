import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const WEB_APPS = [
  { prefix: '/t/', root: fileURLToPath(new URL('../../web/dist/guest', import.meta.url)), name: 'guest' },
  { prefix: '/admin/', root: fileURLToPath(new URL('../../web/dist/admin', import.meta.url)), name: 'admin' },
  { prefix: '/kds/', root: fileURLToPath(new URL('../../../kds-app/dist', import.meta.url)), name: 'kds' },
] as const;

/**
 * Serves the built guest, admin and KDS apps. Paths inside an app that are not files (a table link
 * /t/<code>, a page of the admin) get the app's index.html, which routes on the client.
 */
export async function registerWebApps(app: FastifyInstance): Promise<void> {
  let decorated = false;
  for (const web of WEB_APPS) {
    if (!existsSync(web.root)) continue;
    await app.register(fastifyStatic, { root: web.root, prefix: web.prefix, decorateReply: !decorated, index: ['index.html'], wildcard: true });
    decorated = true;
  }
  const hidden = { schema: { hide: true } };
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
