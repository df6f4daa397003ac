import type { FastifyBaseLogger } from 'fastify';
import type { GuestRequest } from '@onemoment/shared/schemas/floor';
import type { Order } from '@onemoment/shared/schemas/orders';
import type { SessionLookup } from './auth/sessions.ts';
import type { Clock } from './clock.ts';
import type { HubConfig } from './config.ts';
import type { CommandRunner, CommandTx } from './db/command-runner.ts';
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
  /**
   * Work other modules add to the restaurant's commands, run inside the same transaction (printing
   * writes its jobs here, so a ticket exists exactly when its order does). A hook must be synchronous
   * and cheap; it may throw only to refuse the whole command.
   */
  orderHooks: OrderHooks;
}

export interface OrderHooks {
  /** After an order's rows are inserted, in the place-order command. */
  placed: Array<(tx: CommandTx, order: Order) => void>;
  /** After a guest's "bill, please" is recorded (a new request of kind bill), in the same command. */
  billRequested: Array<(tx: CommandTx, request: GuestRequest) => void>;
}
