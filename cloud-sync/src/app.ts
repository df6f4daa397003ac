import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import type { CloudConfig } from './config.ts';
import type { CloudContext } from './context.ts';
import { openPglite, openPostgres, type Database } from './db/database.ts';
import { graphqlModule } from './graphql/schema.ts';
import { Accounts } from './hq/accounts.ts';
import { hqPage } from './hq/page.ts';
import { hqRoutes } from './hq/routes.ts';
import { HealthSchema } from './hq/schemas.ts';
import { frameworkErrors, installErrorHandling } from './http/error-handler.ts';
import { SyncDocuments } from './sync/documents.ts';
import { attachSyncEndpoint } from './sync/ws-endpoint.ts';

export interface Cloud {
  app: FastifyInstance;
  context: CloudContext;
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
}

/**
 * Builds the cloud service: the database (migrated), the HQ login seeded on first start, the sync
 * documents with their LISTEN, the HQ API, GraphQL and the sync WebSocket endpoint.
 */
export async function createCloud(config: CloudConfig, options: CloudOptions = {}): Promise<Cloud> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization'] },
    bodyLimit: 64 * 1024,
    genReqId: () => randomUUID(),
    // Bodies are never coerced and unknown fields are refused, as in the hub.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false } },
    frameworkErrors,
  });
  const ownsDatabase = !options.database;
  const database =
    options.database ?? (config.databaseUrl ? await openPostgres(config.databaseUrl, app.log) : await openPglite(config.dataDir));
  const accounts = new Accounts(database.db, config.hqSessionMs);
  const seededDemoLogin = await accounts.seedHqUser(config.hqDemoEmail, config.hqDemoPassword);
  const documents = new SyncDocuments(database, {
    compactAfterUpdates: config.compactAfterUpdates,
    batchMax: config.syncBatchMax,
    log: app.log,
  });
  await documents.start();
  const context: CloudContext = { config, database, accounts, documents, log: app.log };

  installErrorHandling(app);
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
