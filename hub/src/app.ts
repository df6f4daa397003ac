import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Server as HttpServer } from 'node:http';
import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import { authRoutes } from './auth/routes.ts';
import { StaffService } from './auth/staff-service.ts';
import { SessionLookup } from './sessions/session-lookup.ts';
import { systemClock, type Clock } from './clock.ts';
import type { HubConfig } from './config.ts';
import type { HubContext } from './context.ts';
import { CommandRunner } from './db/command-runner.ts';
import { openStore } from './db/connection.ts';
import { frameworkErrors, installErrorHandling } from './http/error-handler.ts';
import { lanAddress } from './http/lan-address.ts';
import { requestForLog, securityHeaders, serverTimeouts } from './http/hardening.ts';
import { createMetrics } from './http/metrics.ts';
import { systemRoutes } from './http/system-routes.ts';
import { validatorCompiler } from './http/validation.ts';
import { registerWebApps } from './http/web-apps.ts';
import { EventLog } from './events/event-log.ts';
import { Outbox, type OutboxOptions } from './outbox/outbox.ts';
import { outboxRoutes } from './outbox/routes.ts';
import { startRealtime, type RealtimeOptions, type RealtimeServer } from './realtime/socket-server.ts';
import type { HubModule, LoadedModules } from './modules/hub-module.ts';
import type { ModuleName } from './modules/module-names.ts';
import type { NamespaceName } from './realtime/namespaces.ts';
import { esimModule, type EsimOptions } from './esim/esim-module.ts';
import { hotelModule, type HotelOptions } from './hotel/hotel-module.ts';
import { paymentsModule, type PaymentsOptions } from './payments/payments-module.ts';
import { printingModule } from './printing/module.ts';
import type { PrintingOptions } from './printing/printing.ts';
import { restaurantModule } from './restaurant/module.ts';
import { syncModule } from './sync/module.ts';
import type { SyncOptions } from './sync/sync-service.ts';
import { translatorModule, type TranslatorOptions } from './translator/module.ts';
import { seedDemoVenue } from './venue/demo-seed.ts';
import { venueRoutes } from './venue/routes.ts';
import { VenueService } from './venue/venue-service.ts';

/** Finished outbox jobs (and their idempotency keys) are kept this long, for the Online tasks page. */
const OUTBOX_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export interface Hub {
  app: FastifyInstance;
  context: HubContext;
  /** The loaded modules' parts (tests and benchmarks reach the print queue or the sync client here). */
  modules: LoadedModules;
  /** Listens and starts the realtime server; resolves with the bound port. */
  listen(): Promise<number>;
  close(): Promise<void>;
}

export interface HubOptions {
  clock?: Clock;
  /** Cloud sync tuning (reconnect backoff, heartbeat, resend batches); the defaults suit a venue. */
  sync?: SyncOptions;
  translator?: TranslatorOptions;
  printing?: PrintingOptions;
  /** Payments tuning (how often TON is checked); the defaults suit a venue. */
  payments?: PaymentsOptions;
  /** Hotel tuning (how often Cloudbeds is pulled); the defaults suit a hotel. */
  hotel?: HotelOptions;
  /** eSIM tuning (how often Airalo's catalogue is read, request timeout); the defaults suit a venue. */
  esim?: EsimOptions;
  realtime?: RealtimeOptions;
  /** Outbox tuning (backoff, attempts, jitter source, budgets per vendor for tests); the defaults suit a venue. */
  outbox?: OutboxOptions;
  /** Where the log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
}

/** Every module the hub has, built with its options. MODULES picks which of them load. */
function moduleCatalog(options: HubOptions): { [N in ModuleName]: HubModule<N> } {
  return {
    restaurant: restaurantModule,
    printing: printingModule(options.printing),
    payments: paymentsModule(options.payments),
    hotel: hotelModule(options.hotel),
    esim: esimModule(options.esim),
    sync: syncModule(options.sync),
    translator: translatorModule(options.translator),
  };
}

/**
 * The composition root. Builds the hub's core once (the store, migrated and demo-seeded when empty;
 * the command runner, event log, sessions, venue), the infrastructure plugins, then each module that
 * MODULES picks, in load order, each building its own services once. Nothing listens until listen(),
 * so tests can also use inject().
 */
export async function createHub(config: HubConfig, options: HubOptions = {}): Promise<Hub> {
  const clock = options.clock ?? systemClock;
  // With TLS files the same server speaks https (phones open the microphone only on https).
  const timeouts = serverTimeouts(config.requestTimeoutMs);
  const https = config.tls ? { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile), ...timeouts } : null;
  const serverOptions: FastifyHttpOptions<HttpServer> = {
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization'],
      serializers: { req: requestForLog },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: config.bodyLimitBytes,
    // A slow client (headers or body dribbled a byte at a time) cannot hold a connection forever.
    requestTimeout: config.requestTimeoutMs,
    http: timeouts,
    genReqId: () => randomUUID(),
    ajv: { customOptions: { strict: false } },
    frameworkErrors,
  };
  // An https server is served through the http typing: the hub uses only what both servers share.
  const app = Fastify({ ...serverOptions, ...(https ? { https } : {}) } as FastifyHttpOptions<HttpServer>).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  const store = openStore(config.dataDir);
  if (config.seedDemo) seedDemoVenue(store, clock);
  const metrics = createMetrics();
  const events = new EventLog(store.sqlite, clock);
  let boundPort = config.port;
  const commands = new CommandRunner(store.sqlite, {
    groupCommit: config.groupCommit,
    onEffectError: (error) => app.log.error({ err: error }, 'a side effect after commit failed'),
    onBatchCommitted: (size) => metrics.commitBatchSize.observe(size),
  });
  const outbox = new Outbox({ sqlite: store.sqlite, commands, clock, log: app.log, registry: metrics.registry }, options.outbox);
  const context: HubContext = {
    config,
    clock,
    store,
    metrics,
    events,
    log: app.log,
    sessions: new SessionLookup(store.sqlite, clock, config.guestTokenIdleMs),
    commands,
    outbox,
    venue: new VenueService(store.sqlite, clock, { visitPolicy: config.visitPolicy, modules: config.modules }),
    publicUrl: () => config.publicUrl ?? `${https ? 'https' : 'http'}://${lanAddress() ?? '127.0.0.1'}:${boundPort}`,
  };

  const interrupted = await outbox.recoverInterrupted();
  if (interrupted > 0) app.log.warn({ jobs: interrupted }, 'outbox jobs were being sent when the hub stopped; each is checked with its vendor before any resend');

  installErrorHandling(app);
  await app.register(fastifyHelmet, securityHeaders);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'OneMoment Venue Hub API', version: '0.1.0', description: 'The LAN API of the venue hub.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  // The API page brings its own CSP for its files (staticCSP), in place of the pages' policy; less
  // its upgrade-insecure-requests, which would send a LAN browser to an https the hub may not serve.
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  await app.register(systemRoutes(context));
  await app.register(venueRoutes(context));
  await app.register(authRoutes(context, new StaffService(context)));
  await app.register(outboxRoutes(context));
  const modules: LoadedModules = {};
  const namespaces = new Set<NamespaceName>();
  const catalog = moduleCatalog(options);
  for (const name of config.modules) {
    const module = catalog[name] as HubModule<typeof name>;
    // Each module is its own encapsulated plugin: its routes and hooks are its own.
    await app.register(async (scope) => {
      const api = await module.setup({ app: scope, context, modules });
      (modules as Record<string, unknown>)[name] = api;
    });
    for (const namespace of module.namespaces) namespaces.add(namespace);
  }
  // Modules registered their vendors in setup; sending stops on close, before the store closes.
  app.addHook('onReady', async () => outbox.start());
  app.addHook('onClose', async () => outbox.stop());
  await registerWebApps(app);

  let realtime: RealtimeServer | null = null;
  const prune = () => {
    events.prune(config.eventRetentionMs);
    outbox.prune(OUTBOX_RETENTION_MS);
  };
  const pruneTimer = setInterval(prune, 3_600_000);
  pruneTimer.unref();
  prune();

  return {
    app,
    context,
    modules,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      boundPort = typeof address === 'object' && address ? address.port : config.port;
      const stations = store.sqlite.prepare('SELECT id FROM stations').pluck();
      realtime = startRealtime(app.server, context, () => stations.all() as string[], { namespaces: [...namespaces], ...options.realtime });
      return boundPort;
    },
    async close() {
      clearInterval(pruneTimer);
      await realtime?.close();
      await app.close();
      store.close();
    },
  };
}
