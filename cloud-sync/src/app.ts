import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { CloudConfig } from './config.ts';
import type { CloudContext } from './context.ts';
import { openPglite, openPostgres, type Database } from './db/database.ts';
import { graphqlModule } from './graphql/schema.ts';
import { Accounts } from './hq/accounts.ts';
import { hqPage } from './hq/page.ts';
import { hqRoutes } from './hq/routes.ts';
import { AttemptThrottle } from './hq/throttle.ts';
import { HealthSchema } from './hq/schemas.ts';
import { frameworkErrors, installErrorHandling } from './http/error-handler.ts';
import { securityHeaders } from './http/security-headers.ts';
import { SyncDocuments } from './sync/documents.ts';
import { attachSyncEndpoint } from './sync/ws-endpoint.ts';

export interface Cloud {
  app: FastifyInstance;
  context: CloudContext;
  /** Every route the app serves (HEAD ones included), as registered: tests sweep them all. */
  routes: ReadonlyArray<{ method: string; url: string }>;
  /** Whether this start created the demo HQ login (the first start on an empty database). */
  seededDemoLogin: boolean;
  /** Listens; resolves with the bound port. */
  listen(): Promise<number>;
  /** Graceful: sockets closed with 1001, running transactions finish, the database is closed. */
  close(): Promise<void>;
  /** A crash as far as clients can tell: sockets dropped, queued work discarded (tests). */
  kill(): Promise<void>;
}

export interface CloudOptions {
  /** Share one database between several nodes in one process (tests); it is then not closed here. */
  database?: Database;
  /** The clock of login and pairing lockouts, epoch ms (tests pass a fake one). */
  now?: () => number;
  /** Where the log goes instead of stdout (tests read it). */
  logStream?: { write(line: string): void };
}

/** How often Node looks for requests over their time limit (its default, 30 s, would let a 10 s limit run to 40 s). */
const TIMEOUT_CHECK_MS = 1_000;

/**
 * Builds the cloud service: the database (migrated), the HQ login seeded on first start, the sync
 * documents with their LISTEN, the HQ API, GraphQL and the sync WebSocket endpoint.
 */
export async function createCloud(config: CloudConfig, options: CloudOptions = {}): Promise<Cloud> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization'], ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: 64 * 1024,
    // A client that sends its headers or body slowly (or never) does not hold a connection: 408 and
    // closed. Fastify's default is no limit at all. WebSockets are not affected once upgraded.
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: config.headersTimeoutMs, requestTimeout: config.requestTimeoutMs, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    genReqId: () => randomUUID(),
    // Bodies are never coerced and unknown fields are refused, as in the hub.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false } },
    frameworkErrors,
  });
  const ownsDatabase = !options.database;
  const database =
    options.database ?? (config.databaseUrl ? await openPostgres(config.databaseUrl, app.log) : await openPglite(config.dataDir));
  const accounts = new Accounts(database.db, config.hqSessionMs);
  const now = options.now ?? Date.now;
  const seededDemoLogin = await accounts.seedHqUser(config.hqDemoEmail, config.hqDemoPassword);
  const documents = new SyncDocuments(database, {
    compactAfterUpdates: config.compactAfterUpdates,
    batchMax: config.syncBatchMax,
    log: app.log,
  });
  await documents.start();
  const context: CloudContext = { config, database, accounts, throttle: new AttemptThrottle(database, now), documents, log: app.log };

  const routes: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  installErrorHandling(app);
  await app.register(helmet, securityHeaders);
  app.get('/api/health', { schema: { tags: ['system'], summary: 'Health', response: { 200: HealthSchema } } }, async () => {
    await database.db.execute(sql`SELECT 1`);
    return { status: 'ok', db: 'ok' };
  });
  await app.register(hqRoutes(context));
  await app.register(graphqlModule(context));
  await app.register(hqPage());
  const endpoint = attachSyncEndpoint(app.server, context);

  let stopped = false;
  async function stop(abrupt: boolean) {
    if (stopped) return;
    stopped = true;
    endpoint.close(abrupt);
    await documents.close(abrupt);
    if (abrupt) app.server.closeAllConnections?.();
    await app.close();
    if (ownsDatabase) await database.close();
  }

  return {
    app,
    context,
    routes,
    seededDemoLogin,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      return typeof address === 'object' && address ? address.port : config.port;
    },
    close: () => stop(false),
    kill: () => stop(true),
  };
}
