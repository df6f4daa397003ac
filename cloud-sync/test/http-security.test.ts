import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docNames, readMenuItems, setMenuItem } from '@onemoment/shared/sync/index';
import * as Y from 'yjs';
import { openPglite, type Database } from '../src/db/database.ts';
import { startCloud, type TestCloud } from './support/cloud-harness.ts';
import { TestSyncClient } from './support/sync-client.ts';

/**
 * The cloud's HTTP surface as an attacker sees it: every route under every spelling of its path,
 * GraphQL's cost limits, logout, security headers and slow clients. One cloud for the file, with
 * short request timeouts so the slow-client tests end quickly.
 */

const DAY = '2026-06-01';
const SALES_QUERY = `{ sales(from: "${DAY}", to: "${DAY}") { orders grossMinor } }`;
const FIGURES = 'currency payments takingsMinor tipsMinor byTender { method count amountMinor tipMinor } settledBills discountMinor serviceChargeMinor taxMinor taxLines { rateBp netMinor taxMinor } writtenOffMinor';
const TAKINGS_SELECTION = `venueId from to totals { ${FIGURES} } byDay { day venueId venueName ${FIGURES} }`;
/** The sweep's requests come from their own address, so its wrong logins lock out no other test. */
const SWEEPER = '127.0.0.9';

let database: Database;
let cloud: TestCloud;
let hq: string;
let venue: { venueId: string; hubToken: string };
const clients: TestSyncClient[] = [];

beforeAll(async () => {
  database = await openPglite(null);
  cloud = await startCloud({ database, env: { REQUEST_TIMEOUT_SECONDS: '2', HEADERS_TIMEOUT_SECONDS: '1' } });
  hq = await cloud.hqToken();
  venue = await cloud.pairedVenue(hq);
  // A menu item, so that the menu routes have something to give away if they answered.
  const hub = new TestSyncClient(TestSyncClient.wsUrl(cloud.baseUrl, docNames.config(venue.venueId)), venue.hubToken);
  clients.push(hub);
  await hub.connect();
  await hub.until(() => hub.synced, 'the first sync');
  setMenuItem(hub.doc, 'burger', { priceMinor: 1450, available: true, updatedAt: '2026-06-01T09:00:00.000Z' });
  await hub.until(() => hub.unacked.size === 0, 'the menu acknowledged');
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await cloud?.close();
  await database?.close();
});

/**
 * Ways to write one path that a router, a proxy or a URL parser may treat as the same path: each
 * character percent-encoded (lower- and upper-case hex, and double-encoded), the whole path
 * encoded, other letter cases, extra and encoded slashes, dot segments, trailing junk.
 */
function spellings(path: string): string[] {
  const out = new Set<string>([path]);
  const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');
  for (let i = 1; i < path.length; i++) {
    const [before, c, after] = [path.slice(0, i), path[i]!, path.slice(i + 1)];
    out.add(`${before}%${hex(c)}${after}`);
    out.add(`${before}%${hex(c).toUpperCase()}${after}`);
    if (/[a-z]/.test(c)) out.add(`${before}%25${hex(c)}${after}`);
  }
  out.add(
    path
      .split('/')
      .map((segment) => [...segment].map((c) => `%${hex(c)}`).join(''))
      .join('/'),
  );
  out.add(path.toUpperCase());
  out.add(path.replace(/\/([a-z])/g, (_m, c: string) => `/${c.toUpperCase()}`));
  out.add(`${path}/`);
  out.add(`/${path}`);
  out.add(path.replaceAll('/', '//'));
  out.add(`/.${path}`);
  out.add(`/x/..${path}`);
  out.add(path.replace(/\/([^/]*)$/, '/./$1'));
  out.add(`${path};`);
  out.add(`${path};jsessionid=1`);
  out.add(`${path}%20`);
  out.add(`${path}%00`);
  out.add(`${path}#`);
  return [...out];
}

interface Probe {
  method: string;
  /** The route's path with its parameters filled in. */
  path: string;
  query: string;
  body?: unknown;
}

/** A request to each route that would get data (or a change) if the route forgot to ask for a login. */
function probeFor(method: string, url: string): Probe {
  const path = url.replace(':venueId', venue.venueId).replace(':itemId', 'burger').replace(/:[A-Za-z]+/g, 'x');
  const probe: Probe = { method, path, query: '' };
  if (url.startsWith('/api/hq/reports/')) probe.query = `?venueId=${venue.venueId}&from=${DAY}&to=${DAY}`;
  if (url === '/graphql' && method !== 'POST') probe.query = `?query=${encodeURIComponent(SALES_QUERY)}`;
  if (url === '/graphql' && method === 'POST') probe.body = { query: SALES_QUERY };
  if (url === '/api/hq/venues' && method === 'POST') probe.body = { name: 'Swept in', timezone: 'UTC', currency: 'EUR' };
  if (url.endsWith('/menu/items/:itemId')) probe.body = { priceMinor: 1 };
  // Open by design, but only with the right secret: these carry wrong ones.
  if (url === '/api/hq/login') probe.body = { email: 'nobody@sweep.invalid', password: 'not-the-password' };
  if (url === '/api/pair') probe.body = { pairingCode: 'AAAA-AAAA' };
  return probe;
}

/** Routes anyone may read: they hold nothing of any venue. */
const PUBLIC = new Set(['GET /api/health', 'HEAD /api/health', 'GET /hq', 'HEAD /hq', 'GET /', 'HEAD /']);

describe('every route, however its path is spelled', () => {
  it('answers nothing without a login: no 2xx from any HQ route, GraphQL, the CSV, pairing or login', async () => {
    const routes = cloud.cloud.routes.filter((r) => !PUBLIC.has(`${r.method} ${r.url}`));
    const names = routes.map((r) => `${r.method} ${r.url}`);
    // The sweep takes the routes from the app itself; these must be among them.
    for (const expected of [
      'GET /graphql',
      'POST /graphql',
      'HEAD /graphql',
      'GET /api/hq/venues',
      'POST /api/hq/venues',
      'POST /api/hq/venues/:venueId/pairing-codes',
      'GET /api/hq/reports/sales',
      'GET /api/hq/reports/sales.csv',
      'GET /api/hq/reports/takings',
      'GET /api/hq/reports/takings.csv',
      'GET /api/hq/venues/:venueId/menu/items',
      'PATCH /api/hq/venues/:venueId/menu/items/:itemId',
      'POST /api/hq/logout',
      'POST /api/hq/login',
      'POST /api/pair',
    ]) {
      expect(names).toContain(expected);
    }

    const answered: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const probe = probeFor(route.method, route.url);
      for (const path of spellings(probe.path)) {
        for (const token of [undefined, 'forged-token']) {
          const response = await cloud.requestFrom(SWEEPER, probe.method, path + probe.query, probe.body, token);
          requests++;
          if (response.status >= 200 && response.status < 300) answered.push(`${probe.method} ${path} (token: ${token ?? 'none'}) → ${response.status}`);
        }
      }
    }
    expect(answered).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
    // Nothing was created or changed by the sweep.
    const venues = await cloud.request('GET', '/api/hq/venues', undefined, hq);
    expect(venues.body.venues.map((v: { name: string }) => v.name)).not.toContain('Swept in');
    const menu = await cloud.request('GET', `/api/hq/venues/${venue.venueId}/menu/items`, undefined, hq);
    expect(menu.body.items).toEqual([expect.objectContaining({ id: 'burger', priceMinor: 1450 })]);
  });

  it('answers GraphQL under an encoded spelling with a login, as under the plain one', async () => {
    for (const path of ['/graphql', '/%67raphql', '/graphq%6c', '/%67%72%61%70%68%71%6C']) {
      const post = await cloud.requestFrom('127.0.0.1', 'POST', path, { query: SALES_QUERY }, hq);
      expect({ path, status: post.status, data: post.body.data }).toEqual({ path, status: 200, data: { sales: { orders: 0, grossMinor: 0 } } });
      const get = await cloud.requestFrom('127.0.0.1', 'GET', `${path}?query=${encodeURIComponent(SALES_QUERY)}`, undefined, hq);
      expect({ path, status: get.status, data: get.body.data }).toEqual({ path, status: 200, data: { sales: { orders: 0, grossMinor: 0 } } });
    }
    const venues = await cloud.requestFrom('127.0.0.1', 'GET', '/api/hq/%76enues', undefined, hq);
    expect(venues.status).toBe(200);
  });

  it('lets no spelling of /sync/ reach a document without the venue\'s hub token', async () => {
    const other = await cloud.pairedVenue(hq);
    const docPath = `/sync/${encodeURIComponent(docNames.config(venue.venueId))}`;
    // (A fragment is not part of a WebSocket address: ws refuses it before connecting.)
    const prefixes = [...spellings('/sync').map((p) => `${p}/`), '/sync%2f', '/sync%2F', '/Sync/', '/SYNC/'].filter((p) => !p.includes('#'));
    const wsBase = cloud.baseUrl.replace(/^http/, 'ws');
    let tried = 0;
    for (const prefix of new Set(prefixes)) {
      for (const token of [null, 'forged-token', other.hubToken]) {
        const url = `${wsBase}${prefix}${docPath.slice('/sync/'.length)}`;
        const client = new TestSyncClient(url, token);
        clients.push(client);
        const opened = await client.connect().then(
          () => true,
          () => false, // the upgrade was answered with an HTTP error: refused
        );
        if (opened) {
          await client.until(() => client.closed !== null, `the socket at ${prefix} to be closed`);
          expect({ prefix, code: client.closed!.code }).toEqual({ prefix, code: 4401 });
        }
        expect({ prefix, synced: client.synced, menu: readMenuItems(client.doc).length }).toEqual({ prefix, synced: false, menu: 0 });
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(30);
  });
});

describe('logging out', () => {
  it('ends the session on the cloud: the token stops working at once, on every node', async () => {
    const token = await cloud.hqToken();
    const secondNode = await startCloud({ database });
    try {
      expect((await cloud.request('GET', '/api/hq/venues', undefined, token)).status).toBe(200);
      expect((await secondNode.request('GET', '/api/hq/venues', undefined, token)).status).toBe(200);
      const out = await cloud.request('POST', '/api/hq/logout', undefined, token);
      expect(out.status).toBe(204);
      for (const node of [cloud, secondNode]) {
        expect((await node.request('GET', '/api/hq/venues', undefined, token)).status).toBe(401);
        expect((await node.request('POST', '/graphql', { query: SALES_QUERY }, token)).status).toBe(401);
      }
      const again = await cloud.request('POST', '/api/hq/logout', undefined, token);
      expect(again.status).toBe(401);
      // Other sessions go on.
      expect((await cloud.request('GET', '/api/hq/venues', undefined, hq)).status).toBe(200);
    } finally {
      await secondNode.close();
    }
  });
});

describe('GraphQL cost limits', () => {
  const graphql = (query: string) => cloud.request('POST', '/graphql', { query }, hq);
  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: sales(from: "${DAY}", to: "${DAY}") { orders }`).join(' ')} }`;

  it('refuses 600 aliased reports at once with a 400 that names the limit, and runs none of them', async () => {
    const response = await graphql(aliased(600));
    expect(response.status).toBe(400);
    // Refused before execution: no data at all, not 600 reports (which held the cloud for 2.2 s).
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors[0].message).toMatch(/more than 10 aliases.*GRAPHQL_MAX_ALIASES/);
  });

  it('answers at the alias limit and refuses one over it', async () => {
    const ten = await graphql(aliased(10));
    expect(ten.status).toBe(200);
    expect(Object.keys(ten.body.data)).toHaveLength(10);
    expect((await graphql(aliased(11))).status).toBe(400);
  });

  it('counts aliases of takings with those of sales: each is one more report query', async () => {
    const takings = (n: number) => Array.from({ length: n }, (_, i) => `t${i}: takings(from: "${DAY}", to: "${DAY}") { totals { currency } }`).join(' ');
    const sales = (n: number) => Array.from({ length: n }, (_, i) => `s${i}: sales(from: "${DAY}", to: "${DAY}") { orders }`).join(' ');
    const mixed = await graphql(`{ ${takings(5)} ${sales(5)} }`);
    expect(mixed.status).toBe(200);
    expect(Object.keys(mixed.body.data)).toHaveLength(10);
    const over = await graphql(`{ ${takings(6)} ${sales(5)} }`);
    expect(over.status).toBe(400);
    expect(over.body.data ?? null).toBeNull();
    expect(over.body.errors[0].message).toMatch(/GRAPHQL_MAX_ALIASES/);
    // A report with every field selected stays well inside the field limit.
    const full = await graphql(`{ takings(from: "${DAY}", to: "${DAY}") { ${TAKINGS_SELECTION} } }`);
    expect(full.status).toBe(200);
    expect(full.body.data.takings).toEqual({ venueId: null, from: DAY, to: DAY, totals: [], byDay: [] });
  });

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH and one with too many fields, also through GET', async () => {
    const deep = await graphql('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }');
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0].message).toMatch(/depth limit of 6/);

    const wide = `{ sales(from: "${DAY}", to: "${DAY}") { ${'orders '.repeat(201)} } }`;
    const post = await graphql(wide);
    expect(post.status).toBe(400);
    expect(post.body.errors[0].message).toMatch(/more than 200 fields.*GRAPHQL_MAX_FIELDS/);
    const get = await cloud.request('GET', `/graphql?query=${encodeURIComponent(wide)}`, undefined, hq);
    expect(get.status).toBe(400);
    expect(get.body.errors[0].message).toMatch(/GRAPHQL_MAX_FIELDS/);
    const getAliases = await cloud.request('GET', `/graphql?query=${encodeURIComponent(aliased(50))}`, undefined, hq);
    expect(getAliases.status).toBe(400);
  });

  it('refuses batched queries', async () => {
    const response = await cloud.request('POST', '/graphql', [{ query: SALES_QUERY }, { query: SALES_QUERY }], hq);
    expect(response.status).toBe(400);
    expect(response.body.data ?? null).toBeNull();
  });
});

/** A Content-Security-Policy as { directive: [values] }. */
function directivesOf(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it('sends the HQ page with a CSP that lets its own inline script run and nothing else, and forbids framing', async () => {
    const page = await cloud.request('GET', '/hq');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    const script = /<script type="module">([\s\S]*?)<\/script>/.exec(page.body as string)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.body as string)![1]!;
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const directives = directivesOf(csp);
    expect(directives['script-src']).toEqual([sha(script)]);
    expect(directives['style-src']).toEqual([sha(style)]);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    // The page has its Log out button, calling the logout route.
    expect(page.body).toContain('id="logout"');
    expect(script).toContain("api('POST', '/api/hq/logout')");
  });

  it('sends JSON answers, errors included, with nosniff and a policy that allows nothing', async () => {
    for (const response of [await cloud.request('GET', '/api/health'), await cloud.request('GET', '/api/hq/venues'), await cloud.request('GET', '/nowhere')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(directivesOf(response.headers.get('content-security-policy')!)).toMatchObject({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    expect((await cloud.request('GET', '/api/health')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('slow clients', () => {
  /**
   * Opens a raw TCP connection, sends `start`, then keeps `dribble` going (one byte every 100 ms,
   * the attack itself, not a wait) and resolves with what the cloud sent once it closes the
   * connection. Fails if the cloud has not closed it after 15 s.
   */
  function slowClient(start: string, dribble: boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      const port = Number(new URL(cloud.baseUrl).port);
      const socket = connect(port, '127.0.0.1');
      let received = '';
      let drip: NodeJS.Timeout | null = null;
      const giveUp = setTimeout(() => {
        socket.destroy();
        reject(new Error(`the cloud kept a slow connection open for 15 s; it sent: ${JSON.stringify(received)}`));
      }, 15_000);
      socket.on('connect', () => {
        socket.write(start);
        if (dribble) drip = setInterval(() => socket.writable && socket.write('a'), 100);
      });
      socket.on('data', (data) => (received += data.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(giveUp);
        if (drip) clearInterval(drip);
        resolve(received);
      });
    });
  }

  it('answers 408 and closes a connection whose body dribbles in, or whose headers never end, while a hub\'s WebSocket stays open', async () => {
    const hub = new TestSyncClient(TestSyncClient.wsUrl(cloud.baseUrl, docNames.config(venue.venueId)), venue.hubToken);
    clients.push(hub);
    await hub.connect();
    await hub.until(() => hub.synced, 'the hub synced');

    const [body, headers, stalled] = await Promise.all([
      slowClient('POST /api/hq/login HTTP/1.1\r\nHost: cloud\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"email":"', true),
      slowClient('GET /api/health HTTP/1.1\r\nHost: cloud\r\nX-Slow: ', true),
      slowClient('POST /api/pair HTTP/1.1\r\nHost: cloud\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{', false),
    ]);
    for (const received of [body, headers, stalled]) expect(received).toMatch(/^HTTP\/1\.1 408 /);

    // The hub's socket outlived the request timeout (2 s here) and still syncs.
    expect(hub.isOpen).toBe(true);
    const update = new Y.Doc();
    setMenuItem(update, 'salad', { priceMinor: 990, available: true, updatedAt: '2026-06-01T09:10:00.000Z' });
    hub.sendClientUpdate(7001, Y.encodeStateAsUpdateV2(update));
    await hub.until(() => hub.acked.has(7001), 'an update after the slow clients');
    expect((await cloud.request('GET', '/api/health')).status).toBe(200);
  });
});
