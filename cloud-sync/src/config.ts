import { resolve } from 'node:path';
import { EnvConfigError, envDocs, integer, LOG_LEVELS, oneOf, onOff, optional, readEnv, text, type Env } from '@onemoment/shared/config/env';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * Every option the cloud reads from the environment: its default, its meaning and how it is read,
 * declared once (printed by `npm run cloud -- --help` is not needed: this list is the documentation).
 */
const CLOUD_OPTIONS = {
  port: integer('PORT', { default: 8090, min: 0, max: 65535, doc: "TCP port for the HQ API, GraphQL and the hubs' sync WebSockets." }),
  host: text('HOST', { default: '0.0.0.0', doc: 'Interface to listen on.' }),
  dataDir: text('DATA_DIR', { default: './cloud-data', doc: 'Folder of the embedded PGlite database (unused when DATABASE_URL is set).' }),
  databaseUrl: optional('DATABASE_URL', {
    doc: 'postgres://user:pass@host:5432/db: use this PostgreSQL instead of PGlite. Several cloud nodes may share one.',
    check: (url) => (/^postgres(ql)?:\/\//.test(url) ? undefined : 'DATABASE_URL must start with postgres:// or postgresql://'),
  }),
  logLevel: oneOf('LOG_LEVEL', { default: 'info', values: LOG_LEVELS, doc: 'pino log level: fatal, error, warn, info, debug, trace or silent.' }),
  hqDemoEmail: text('HQ_DEMO_EMAIL', {
    default: 'hq@onemoment.local',
    lowercase: true,
    doc: 'HQ login created on first start when there is no HQ user yet.',
    check: (email) => (/^[^\s@]+@[^\s@]+$/.test(email) ? undefined : `HQ_DEMO_EMAIL must be an email address (got "${email}")`),
  }),
  hqDemoPassword: text('HQ_DEMO_PASSWORD', {
    default: 'onemoment-demo',
    doc: 'Its password (printed at start; change it for anything but a demo).',
    check: (password) => (password.length < 8 ? 'HQ_DEMO_PASSWORD must have at least 8 characters' : undefined),
  }),
  hqSessionMs: integer('HQ_SESSION_HOURS', { default: 12, min: 1, max: 24 * 30, unit: HOUR_MS, doc: 'An HQ login lasts this many hours.' }),
  compactAfterUpdates: integer('COMPACT_AFTER_UPDATES', {
    default: 500,
    min: 2,
    max: 1_000_000,
    doc: "A document's updates are merged into its snapshot once it has more than this many.",
  }),
  syncMaxMessageBytes: integer('SYNC_MAX_MESSAGE_BYTES', {
    default: 16 * 1024 * 1024,
    min: 1024,
    max: 256 * 1024 * 1024,
    doc: 'Largest WebSocket message a hub may send.',
  }),
  syncBatchMax: integer('SYNC_BATCH_MAX', { default: 500, min: 1, max: 100_000, doc: 'Most queued updates of one document stored in one Postgres transaction.' }),
  syncDeflate: onOff('SYNC_DEFLATE', {
    default: 'off',
    doc: 'on: offer permessage-deflate to hubs. Off by default: ws inflates frames one at a time, each on its own event-loop turn, which stops updates from being batched (measured: about 10 orders/s instead of 500 on PGlite).',
  }),
  hqLoginMaxFailures: integer('HQ_LOGIN_MAX_FAILURES', {
    default: 10,
    min: 1,
    max: 1_000,
    doc: 'Wrong HQ passwords allowed for one account, and from one client address, within HQ_LOGIN_LOCKOUT_MINUTES; the next login there waits out the lockout (even with the right password).',
  }),
  hqLoginLockoutMs: integer('HQ_LOGIN_LOCKOUT_MINUTES', {
    default: 15,
    min: 1,
    max: 24 * 60,
    unit: MINUTE_MS,
    doc: 'How long an HQ account or client address stays locked out, and the window in which wrong passwords are counted.',
  }),
  pairingMaxFailures: integer('PAIRING_MAX_FAILURES', {
    default: 10,
    min: 1,
    max: 1_000,
    doc: 'Wrong pairing codes allowed from one client address within PAIRING_LOCKOUT_MINUTES before /api/pair refuses it.',
  }),
  pairingLockoutMs: integer('PAIRING_LOCKOUT_MINUTES', {
    default: 15,
    min: 1,
    max: 24 * 60,
    unit: MINUTE_MS,
    doc: 'How long a client address that guessed pairing codes is refused, and the window in which wrong codes are counted.',
  }),
  graphqlMaxDepth: integer('GRAPHQL_MAX_DEPTH', {
    default: 6,
    min: 1,
    max: 100,
    doc: 'Deepest field nesting a GraphQL query may have (the deepest useful query has 3).',
  }),
  graphqlMaxAliases: integer('GRAPHQL_MAX_ALIASES', {
    default: 10,
    min: 0,
    max: 1_000,
    doc: 'Most aliases in one GraphQL request: each alias of sales is one more report query.',
  }),
  graphqlMaxFields: integer('GRAPHQL_MAX_FIELDS', {
    default: 200,
    min: 1,
    max: 10_000,
    doc: 'Most fields one GraphQL request may select, counting a fragment each time it is used.',
  }),
  requestTimeoutMs: integer('REQUEST_TIMEOUT_SECONDS', {
    default: 30,
    min: 1,
    max: 3_600,
    unit: 1_000,
    doc: "A request's headers and body must have arrived within this many seconds, or the cloud answers 408 and closes the connection.",
  }),
  headersTimeoutMs: integer('HEADERS_TIMEOUT_SECONDS', {
    default: 10,
    min: 1,
    max: 3_600,
    unit: 1_000,
    doc: "A request's headers must have arrived within this many seconds (at most REQUEST_TIMEOUT_SECONDS).",
  }),
};

/** Every option with its default and meaning, in the README's order. */
export const CLOUD_CONFIG_DOC = envDocs(CLOUD_OPTIONS);

export interface CloudConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  logLevel: string;
  hqDemoEmail: string;
  hqDemoPassword: string;
  hqSessionMs: number;
  compactAfterUpdates: number;
  syncMaxMessageBytes: number;
  syncBatchMax: number;
  syncDeflate: boolean;
  hqLoginMaxFailures: number;
  hqLoginLockoutMs: number;
  pairingMaxFailures: number;
  pairingLockoutMs: number;
  graphqlMaxDepth: number;
  graphqlMaxAliases: number;
  graphqlMaxFields: number;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
}

export class CloudConfigError extends EnvConfigError {
  constructor(problems: string[]) {
    super("The cloud's", problems);
    this.name = 'CloudConfigError';
  }
}

/** Reads and validates the environment; throws one CloudConfigError listing every problem at once. */
export function loadCloudConfig(env: Env = process.env): CloudConfig {
  const { values, problems } = readEnv(CLOUD_OPTIONS, env);
  const config: CloudConfig = { ...values, dataDir: resolve(values.dataDir) };
  // Node refuses a headers timeout longer than the request timeout when it builds the server.
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    problems.push(`HEADERS_TIMEOUT_SECONDS must not be more than REQUEST_TIMEOUT_SECONDS (got ${config.headersTimeoutMs / 1000} and ${config.requestTimeoutMs / 1000})`);
  }
  if (problems.length > 0) throw new CloudConfigError(problems);
  return config;
}
