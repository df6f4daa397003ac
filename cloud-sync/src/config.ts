import { resolve } from 'node:path';

/**
 * Every option the cloud reads from the environment, with its default and meaning (printed by
 * `npm run cloud -- --help` is not needed: this list is the documentation).
 */
export const CLOUD_CONFIG_DOC = [
  { env: 'PORT', default: '8090', doc: 'TCP port for the HQ API, GraphQL and the hubs\' sync WebSockets.' },
  { env: 'HOST', default: '0.0.0.0', doc: 'Interface to listen on.' },
  { env: 'DATA_DIR', default: './cloud-data', doc: 'Folder of the embedded PGlite database (unused when DATABASE_URL is set).' },
  { env: 'DATABASE_URL', default: '(none)', doc: 'postgres://user:pass@host:5432/db: use this PostgreSQL instead of PGlite. Several cloud nodes may share one.' },
  { env: 'LOG_LEVEL', default: 'info', doc: 'pino log level: fatal, error, warn, info, debug, trace or silent.' },
  { env: 'HQ_DEMO_EMAIL', default: 'hq@onemoment.local', doc: 'HQ login created on first start when there is no HQ user yet.' },
  { env: 'HQ_DEMO_PASSWORD', default: 'onemoment-demo', doc: 'Its password (printed at start; change it for anything but a demo).' },
  { env: 'HQ_SESSION_HOURS', default: '12', doc: 'An HQ login lasts this many hours.' },
  { env: 'COMPACT_AFTER_UPDATES', default: '500', doc: 'A document\'s updates are merged into its snapshot once it has more than this many.' },
  { env: 'SYNC_MAX_MESSAGE_BYTES', default: '16777216', doc: 'Largest WebSocket message a hub may send.' },
  { env: 'SYNC_BATCH_MAX', default: '500', doc: 'Most queued updates of one document stored in one Postgres transaction.' },
  {
    env: 'SYNC_DEFLATE',
    default: 'off',
    doc: 'on: offer permessage-deflate to hubs. Off by default: ws inflates frames one at a time, each on its own event-loop turn, which stops updates from being batched (measured: about 10 orders/s instead of 500 on PGlite).',
  },
  { env: 'HQ_LOGIN_MAX_FAILURES', default: '10', doc: 'Wrong HQ passwords allowed for one account, and from one client address, within HQ_LOGIN_LOCKOUT_MINUTES; the next login there waits out the lockout (even with the right password).' },
  { env: 'HQ_LOGIN_LOCKOUT_MINUTES', default: '15', doc: 'How long an HQ account or client address stays locked out, and the window in which wrong passwords are counted.' },
  { env: 'PAIRING_MAX_FAILURES', default: '10', doc: 'Wrong pairing codes allowed from one client address within PAIRING_LOCKOUT_MINUTES before /api/pair refuses it.' },
  { env: 'PAIRING_LOCKOUT_MINUTES', default: '15', doc: 'How long a client address that guessed pairing codes is refused, and the window in which wrong codes are counted.' },
  { env: 'GRAPHQL_MAX_DEPTH', default: '6', doc: 'Deepest field nesting a GraphQL query may have (the deepest useful query has 3).' },
  { env: 'GRAPHQL_MAX_ALIASES', default: '10', doc: 'Most aliases in one GraphQL request: each alias of sales is one more report query.' },
  { env: 'GRAPHQL_MAX_FIELDS', default: '200', doc: 'Most fields one GraphQL request may select, counting a fragment each time it is used.' },
  { env: 'REQUEST_TIMEOUT_SECONDS', default: '30', doc: 'A request\'s headers and body must have arrived within this many seconds, or the cloud answers 408 and closes the connection.' },
  { env: 'HEADERS_TIMEOUT_SECONDS', default: '10', doc: 'A request\'s headers must have arrived within this many seconds (at most REQUEST_TIMEOUT_SECONDS).' },
] as const;

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

export class CloudConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The cloud's configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'CloudConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment; throws one CloudConfigError listing every problem at once. */
export function loadCloudConfig(env: Record<string, string | undefined> = process.env): CloudConfig {
  const problems: string[] = [];
  const value = (name: string, fallback: string) => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? fallback : raw.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = value(name, String(fallback));
    const parsed = Number(raw);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return parsed;
  };
  const deflate = value('SYNC_DEFLATE', 'off').toLowerCase();
  if (!['on', 'off'].includes(deflate)) problems.push(`SYNC_DEFLATE must be on or off (got "${deflate}")`);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const logLevel = value('LOG_LEVEL', 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  const hqDemoEmail = value('HQ_DEMO_EMAIL', 'hq@onemoment.local').toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(hqDemoEmail)) problems.push(`HQ_DEMO_EMAIL must be an email address (got "${hqDemoEmail}")`);
  const hqDemoPassword = value('HQ_DEMO_PASSWORD', 'onemoment-demo');
  if (hqDemoPassword.length < 8) problems.push('HQ_DEMO_PASSWORD must have at least 8 characters');

  const config: CloudConfig = {
    port: integer('PORT', 8090, 0, 65535),
    host: value('HOST', '0.0.0.0'),
    dataDir: resolve(value('DATA_DIR', './cloud-data')),
    databaseUrl,
    logLevel,
    hqDemoEmail,
    hqDemoPassword,
    hqSessionMs: integer('HQ_SESSION_HOURS', 12, 1, 24 * 30) * 3_600_000,
    compactAfterUpdates: integer('COMPACT_AFTER_UPDATES', 500, 2, 1_000_000),
    syncMaxMessageBytes: integer('SYNC_MAX_MESSAGE_BYTES', 16 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    syncBatchMax: integer('SYNC_BATCH_MAX', 500, 1, 100_000),
    syncDeflate: deflate === 'on',
    hqLoginMaxFailures: integer('HQ_LOGIN_MAX_FAILURES', 10, 1, 1_000),
    hqLoginLockoutMs: integer('HQ_LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60) * 60_000,
    pairingMaxFailures: integer('PAIRING_MAX_FAILURES', 10, 1, 1_000),
    pairingLockoutMs: integer('PAIRING_LOCKOUT_MINUTES', 15, 1, 24 * 60) * 60_000,
    graphqlMaxDepth: integer('GRAPHQL_MAX_DEPTH', 6, 1, 100),
    graphqlMaxAliases: integer('GRAPHQL_MAX_ALIASES', 10, 0, 1_000),
    graphqlMaxFields: integer('GRAPHQL_MAX_FIELDS', 200, 1, 10_000),
    requestTimeoutMs: integer('REQUEST_TIMEOUT_SECONDS', 30, 1, 3_600) * 1_000,
    headersTimeoutMs: integer('HEADERS_TIMEOUT_SECONDS', 10, 1, 3_600) * 1_000,
  };
  // Node refuses a headers timeout longer than the request timeout when it builds the server.
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    problems.push(`HEADERS_TIMEOUT_SECONDS must not be more than REQUEST_TIMEOUT_SECONDS (got ${config.headersTimeoutMs / 1000} and ${config.requestTimeoutMs / 1000})`);
  }
  if (problems.length > 0) throw new CloudConfigError(problems);
  return config;
}
