import type { FastifyBaseLogger } from 'fastify';
import type { SessionLookup } from './auth/sessions.ts';
import type { Clock } from './clock.ts';
import type { HubConfig } from './config.ts';
import type { CommandRunner } from './db/command-runner.ts';
import type { Store } from './db/connection.ts';
import type { HubMetrics } from './http/metrics.ts';
import type { EventLog } from './realtime/event-log.ts';

/** What every domain module is given: configuration, time, the store, the command runner, the event log. */
export interface HubContext {
  config: HubConfig;
  clock: Clock;
  store: Store;
  commands: CommandRunner;
  events: EventLog;
  sessions: SessionLookup;
  metrics: HubMetrics;
  log: FastifyBaseLogger;
  /** The base of links printed in QR codes, e.g. http://192.168.1.20:8080 (known once listening). */
  publicUrl(): string;
}
