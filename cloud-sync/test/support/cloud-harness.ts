import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCloud, type Cloud } from '../../src/app.ts';
import { loadCloudConfig } from '../../src/config.ts';
import { openPglite, type Database } from '../../src/db/database.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestCloud {
  cloud: Cloud;
  baseUrl: string;
  request<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<ApiResponse<T>>;
  /**
   * The same, sent exactly as written (no URL normalising, so `/%67raphql` stays so) and from a
   * local address of the caller's choice: any 127.x.y.z is this machine, and the cloud sees each as
   * another client.
   */
  requestFrom<T = any>(from: string, method: string, path: string, body?: unknown, token?: string, extraHeaders?: Record<string, string>): Promise<ApiResponse<T>>;
  /** Logs in as the demo HQ user. */
  hqToken(): Promise<string>;
  /** Creates a venue and pairs a hub with it: what a hub gets back. */
  pairedVenue(hq: string, currency?: string): Promise<{ venueId: string; hubToken: string }>;
  close(): Promise<void>;
  kill(): Promise<void>;
}

export interface StartOptions {
  database?: Database;
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
  /** A fake clock for lockouts (epoch ms). */
  now?: () => number;
  /** Receives the log lines (set LOG_LEVEL in env too, the default here is silent). */
  logStream?: { write(line: string): void };
}

function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text; // CSV or HTML: keep the text
  }
}

export async function startCloud(options: StartOptions): Promise<TestCloud> {
  const config = loadCloudConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: options.dataDir ?? join(tmpdir(), 'unused-cloud-data'),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  const cloud = await createCloud(config, { database: options.database, now: options.now, logStream: options.logStream });
  const port = await cloud.listen();
  const baseUrl = `http://127.0.0.1:${port}`;
  async function request<T>(method: string, path: string, body?: unknown, token?: string): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, body: parseBody(await response.text()) as T, headers: response.headers };
  }
  function requestFrom<T>(from: string, method: string, path: string, body?: unknown, token?: string, extraHeaders: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { ...extraHeaders };
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ host: '127.0.0.1', port, localAddress: from, method, path, headers, agent: false }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined) responseHeaders.set(name, [value].flat().join(', '));
          resolve({ status: incoming.statusCode ?? 0, body: parseBody(Buffer.concat(chunks).toString('utf8')) as T, headers: responseHeaders });
        });
        incoming.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }
  return {
    cloud,
    baseUrl,
    request,
    requestFrom,
    async hqToken() {
      const response = await request<{ token: string }>('POST', '/api/hq/login', { email: 'hq@onemoment.local', password: 'onemoment-demo' });
      if (response.status !== 200) throw new Error(`HQ login failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token;
    },
    async pairedVenue(hq, currency = 'EUR') {
      const venue = await request<any>('POST', '/api/hq/venues', { name: 'Test bistro', timezone: 'Europe/Berlin', currency }, hq);
      if (venue.status !== 201) throw new Error(`creating a venue failed: ${venue.status} ${JSON.stringify(venue.body)}`);
      const paired = await request<any>('POST', '/api/pair', { pairingCode: venue.body.pairingCode, hubName: 'test hub' });
      if (paired.status !== 200) throw new Error(`pairing failed: ${paired.status} ${JSON.stringify(paired.body)}`);
      return paired.body;
    },
    close: () => cloud.close(),
    kill: () => cloud.kill(),
  };
}

/** The storage a test file runs against: PGlite (embedded) or a real PostgreSQL. */
export interface Backend {
  readonly name: 'pglite' | 'postgres';
  /** A cloud node on the file's shared store (`extra`: a fake clock, a log stream). */
  node(env?: Record<string, string>, extra?: Pick<StartOptions, 'now' | 'logStream'>): Promise<TestCloud>;
  /** A store of its own, for tests that kill a node and start another on the same data. */
  ownStore(): Promise<{ open(env?: Record<string, string>): Promise<TestCloud>; dispose(): Promise<void> }>;
  dispose(): Promise<void>;
}

/** One PGlite for the file; nodes of the shared store share that instance (and its LISTEN). */
export async function pgliteBackend(): Promise<Backend> {
  const dirs: string[] = [];
  const shared = await openPglite(null);
  return {
    name: 'pglite',
    node: (env, extra) => startCloud({ database: shared, env, ...extra }),
    async ownStore() {
      const dir = mkdtempSync(join(tmpdir(), 'onemoment-cloud-test-'));
      dirs.push(dir);
      return { open: (env) => startCloud({ dataDir: dir, env }), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
    },
    async dispose() {
      await shared.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One PostgreSQL server for the file; every node gets its own connection pool. */
export async function postgresBackend(): Promise<Backend> {
  const server: TestPostgres = await startPostgres();
  let databases = 0;
  const sharedUrl = await server.createDatabase('cloud_shared');
  return {
    name: 'postgres',
    node: (env, extra) => startCloud({ databaseUrl: sharedUrl, env, ...extra }),
    async ownStore() {
      const url = await server.createDatabase(`cloud_own_${++databases}`);
      return { open: (env) => startCloud({ databaseUrl: url, env }), dispose: async () => undefined };
    },
    dispose: () => server.stop(),
  };
}
