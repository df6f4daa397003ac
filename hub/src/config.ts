import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

/**
 * Every option the hub reads from the environment, with its default and meaning. The README's
 * configuration table is written from this list (a test keeps them in step).
 */
export const CONFIG_DOC = [
  { env: 'PORT', default: '8080', doc: 'TCP port for the API, the web apps and the sockets.' },
  { env: 'HOST', default: '0.0.0.0', doc: 'Interface to listen on; 0.0.0.0 lets phones on the venue Wi-Fi reach it.' },
  { env: 'DATA_DIR', default: './data', doc: 'Folder for the SQLite database and other venue data.' },
  { env: 'PUBLIC_URL', default: '(LAN address)', doc: 'Base URL printed in table QR codes, e.g. http://192.168.1.20:8080.' },
  { env: 'TLS_CERT_FILE', default: '(none)', doc: 'PEM certificate (chain) to serve https: phones only open the microphone on https. Needs TLS_KEY_FILE.' },
  { env: 'TLS_KEY_FILE', default: '(none)', doc: 'PEM private key of TLS_CERT_FILE.' },
  { env: 'LOG_LEVEL', default: 'info', doc: 'pino log level: fatal, error, warn, info, debug, trace or silent.' },
  { env: 'SEED_DEMO', default: 'on', doc: 'Seed the demo venue (menu, 12 tables, staff) into an empty database.' },
  { env: 'VISIT_POLICY', default: 'auto', doc: 'auto: a table visit opens on the first QR scan; staff: only staff open visits.' },
  { env: 'GUEST_TOKEN_IDLE_HOURS', default: '4', doc: 'A guest token expires after this many hours without use.' },
  { env: 'STAFF_TOKEN_HOURS', default: '12', doc: 'A staff login lasts this many hours.' },
  { env: 'PIN_MAX_FAILURES', default: '5', doc: 'Wrong PINs from one client before its login is locked.' },
  { env: 'PIN_LOCKOUT_MINUTES', default: '5', doc: 'How long a locked client must wait; a wrong PIN is remembered this long (a right one does not forgive it).' },
  {
    env: 'PIN_HUB_MAX_FAILURES',
    default: '30',
    doc: 'Wrong PINs from all clients together that the hub takes per PIN_HUB_WINDOW_MINUTES; past that every PIN login waits for the budget to refill (shown on the admin page).',
  },
  { env: 'PIN_HUB_WINDOW_MINUTES', default: '15', doc: 'The window of PIN_HUB_MAX_FAILURES: the budget refills over this time.' },
  { env: 'BODY_LIMIT_BYTES', default: '65536', doc: 'Largest request body accepted; larger gets 413.' },
  { env: 'REQUEST_TIMEOUT_SECONDS', default: '60', doc: 'A request (headers and body) must arrive within this time, or its connection is closed: a slow client cannot hold it forever.' },
  { env: 'METRICS_TOKEN', default: '(none)', doc: 'Prometheus metrics at /metrics answer the box itself; from elsewhere they need this bearer token.' },
  { env: 'GROUP_COMMIT', default: 'on', doc: 'on: commands that arrive together share one transaction and one fsync.' },
  { env: 'EVENT_REPLAY_LIMIT', default: '1000', doc: 'Most events replayed to a reconnecting client before it is told to refetch.' },
  { env: 'EVENT_RETENTION_HOURS', default: '48', doc: 'Realtime events older than this are pruned (orders stay).' },
  { env: 'MDNS', default: 'on', doc: 'on: announce the hub on the LAN over mDNS and let managers search for printers; off: neither.' },
  { env: 'STAFF_LANGUAGE', default: 'en', doc: "The staff's language in translator conversations (ISO 639-1 code)." },
  { env: 'TRANSLATOR_CONCURRENCY', default: '1', doc: 'Recognitions run at once; each takes every core it is given, so 1 on a small box.' },
  { env: 'TRANSLATOR_THREADS', default: '(all cores)', doc: 'CPU threads whisper.cpp uses for one recognition.' },
  { env: 'TRANSLATOR_QUEUE_LIMIT', default: '8', doc: 'Recordings allowed to wait for the recogniser; more are refused as busy (503).' },
  { env: 'TRANSLATOR_TIMEOUT_SECONDS', default: '60', doc: 'A recognition running longer is stopped and reported (504).' },
  { env: 'TRANSLATOR_MAX_AUDIO_SECONDS', default: '30', doc: 'Longest recording accepted (422 when longer).' },
  { env: 'TRANSLATOR_MAX_AUDIO_BYTES', default: '8388608', doc: 'Largest recording upload accepted (413 when larger).' },
  { env: 'MODELS_BASE_URL', default: '(Hugging Face)', doc: 'Where `npm run models:download` fetches Whisper models: a mirror on the LAN works too.' },
] as const;

export interface HubConfig {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string | null;
  /** Serve https with these PEM files (both set) instead of http. */
  tls: { certFile: string; keyFile: string } | null;
  logLevel: string;
  seedDemo: boolean;
  visitPolicy: 'auto' | 'staff';
  guestTokenIdleMs: number;
  staffTokenMs: number;
  pinMaxFailures: number;
  pinLockoutMs: number;
  /** The hub-wide brake: wrong PINs per window from all clients together. */
  pinHubMaxFailures: number;
  pinHubWindowMs: number;
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  /** Bearer token that opens /metrics to other machines than the hub itself. */
  metricsToken: string | null;
  groupCommit: boolean;
  eventReplayLimit: number;
  eventRetentionMs: number;
  /** Announce the hub (`_onemoment-hub._tcp`) and allow printer discovery over mDNS. */
  mdns: boolean;
  staffLanguage: string;
  translator: {
    concurrency: number;
    threads: number;
    queueLimit: number;
    timeoutMs: number;
    maxAudioSeconds: number;
    maxAudioBytes: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The hub's configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment; throws one ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): HubConfig {
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
  const oneOf = <T extends string>(name: string, fallback: T, allowed: readonly T[]): T => {
    const raw = value(name, fallback).toLowerCase();
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };
  const languageCode = (name: string, fallback: string) => {
    const raw = value(name, fallback).toLowerCase();
    if (!/^[a-z]{2,3}$/.test(raw)) {
      problems.push(`${name} must be a language code like en or es (got "${raw}")`);
      return fallback;
    }
    return raw;
  };
  const onOff = (name: string, fallback: 'on' | 'off') => oneOf(name, fallback, ['on', 'off', 'true', 'false', '1', '0']);
  const isOn = (raw: string) => raw === 'on' || raw === 'true' || raw === '1';

  const publicUrlRaw = env.PUBLIC_URL?.trim() || null;
  if (publicUrlRaw && !/^https?:\/\/[^\s/]+(\/.*)?$/.test(publicUrlRaw)) {
    problems.push(`PUBLIC_URL must look like http://192.168.1.20:8080 (got "${publicUrlRaw}")`);
  }

  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && !/^[\x21-\x7e]{16,200}$/.test(metricsToken)) {
    problems.push('METRICS_TOKEN must be 16 to 200 printable characters without spaces');
  }

  const certFile = env.TLS_CERT_FILE?.trim() || null;
  const keyFile = env.TLS_KEY_FILE?.trim() || null;
  if (Boolean(certFile) !== Boolean(keyFile)) problems.push('TLS_CERT_FILE and TLS_KEY_FILE must be set together (or neither, for http)');
  for (const [name, file] of [['TLS_CERT_FILE', certFile], ['TLS_KEY_FILE', keyFile]] as const) {
    if (file && !existsSync(file)) problems.push(`${name} names a file that does not exist: ${file}`);
  }

  const config: HubConfig = {
    port: integer('PORT', 8080, 0, 65535),
    host: value('HOST', '0.0.0.0'),
    dataDir: resolve(value('DATA_DIR', './data')),
    publicUrl: publicUrlRaw?.replace(/\/+$/, '') ?? null,
    tls: certFile && keyFile ? { certFile: resolve(certFile), keyFile: resolve(keyFile) } : null,
    logLevel: oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    seedDemo: isOn(onOff('SEED_DEMO', 'on')),
    visitPolicy: oneOf('VISIT_POLICY', 'auto', ['auto', 'staff'] as const),
    guestTokenIdleMs: integer('GUEST_TOKEN_IDLE_HOURS', 4, 1, 72) * 3_600_000,
    staffTokenMs: integer('STAFF_TOKEN_HOURS', 12, 1, 72) * 3_600_000,
    pinMaxFailures: integer('PIN_MAX_FAILURES', 5, 1, 100),
    pinLockoutMs: integer('PIN_LOCKOUT_MINUTES', 5, 1, 1440) * 60_000,
    pinHubMaxFailures: integer('PIN_HUB_MAX_FAILURES', 30, 1, 10_000),
    pinHubWindowMs: integer('PIN_HUB_WINDOW_MINUTES', 15, 1, 1440) * 60_000,
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 65536, 1024, 10 * 1024 * 1024),
    requestTimeoutMs: integer('REQUEST_TIMEOUT_SECONDS', 60, 1, 3600) * 1000,
    metricsToken,
    groupCommit: isOn(onOff('GROUP_COMMIT', 'on')),
    eventReplayLimit: integer('EVENT_REPLAY_LIMIT', 1000, 10, 100_000),
    eventRetentionMs: integer('EVENT_RETENTION_HOURS', 48, 1, 24 * 365) * 3_600_000,
    mdns: isOn(onOff('MDNS', 'on')),
    staffLanguage: languageCode('STAFF_LANGUAGE', 'en'),
    translator: {
      concurrency: integer('TRANSLATOR_CONCURRENCY', 1, 1, 16),
      threads: integer('TRANSLATOR_THREADS', availableParallelism(), 1, 64),
      queueLimit: integer('TRANSLATOR_QUEUE_LIMIT', 8, 0, 1000),
      timeoutMs: integer('TRANSLATOR_TIMEOUT_SECONDS', 60, 1, 3600) * 1000,
      maxAudioSeconds: integer('TRANSLATOR_MAX_AUDIO_SECONDS', 30, 1, 600),
      maxAudioBytes: integer('TRANSLATOR_MAX_AUDIO_BYTES', 8 * 1024 * 1024, 64 * 1024, 200 * 1024 * 1024),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
