import type { FastifyBaseLogger } from 'fastify';
import type { CloudConfig } from './config.ts';
import type { Database } from './db/database.ts';
import type { Accounts } from './hq/accounts.ts';
import type { AttemptThrottle } from './hq/throttle.ts';
import type { SyncDocuments } from './sync/documents.ts';

/** What routes and the sync endpoint share. */
export interface CloudContext {
  config: CloudConfig;
  database: Database;
  accounts: Accounts;
  /** Counters of wrong passwords and pairing codes (shared by all nodes through Postgres). */
  throttle: AttemptThrottle;
  documents: SyncDocuments;
  log: FastifyBaseLogger;
}
