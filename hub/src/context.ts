import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.ts';
import type { HubConfig } from './config.ts';
import type { CommandRunner } from './db/command-runner.ts';
import type { Store } from './db/connection.ts';
import type { EventLog } from './events/event-log.ts';
import type { HubMetrics } from './http/metrics.ts';
import type { Outbox } from './outbox/outbox.ts';
import type { SessionLookup } from './sessions/session-lookup.ts';
import type { VenueService } from './venue/venue-service.ts';

/**
 * The hub's core, built once in app.ts and given to every module: configuration, time, the store, the
 * command runner, the event log (the one way modules meet), session lookup, the venue, metrics, the log,
 * and the outbox (a module registers its vendor's adapter in setup and enqueues jobs in its commands).
 * Nothing here imports a module, so no module can loop back through it.
 */
export interface HubContext {
  config: HubConfig;
  clock: Clock;
  store: Store;
  commands: CommandRunner;
  events: EventLog;
  sessions: SessionLookup;
  venue: VenueService;
  metrics: HubMetrics;
  /** Every call the hub owes the internet, as durable jobs: `register` an adapter, `enqueue` in a command. */
  outbox: Outbox;
  log: FastifyBaseLogger;
  /** The base of links printed in QR codes, e.g. http://192.168.1.20:8080 (known once listening). */
  publicUrl(): string;
}
