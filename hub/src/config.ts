import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { EnvConfigError, envDocs, integer, LOG_LEVELS, oneOf, onOff, option, optional, readEnv, text, type Env, type EnvRead } from '@onemoment/shared/config/env';
import { DEFAULT_MODELS_BASE_URL } from '@onemoment/speech/models/catalog';
import { selectModules, type ModuleName } from './modules/module-names.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const fileThatExists = (env: string) => (file: string) => (existsSync(file) ? undefined : `${env} names a file that does not exist: ${file}`);

/**
 * Every option the hub reads from the environment: its default, its meaning and how it is read,
 * declared once. The README's configuration table is written from this list (a test keeps them in step).
 */
const HUB_OPTIONS = {
  port: integer('PORT', { default: 8080, min: 0, max: 65535, doc: 'TCP port for the API, the web apps and the sockets.' }),
  host: text('HOST', { default: '0.0.0.0', doc: 'Interface to listen on; 0.0.0.0 lets phones on the venue Wi-Fi reach it.' }),
  dataDir: text('DATA_DIR', { default: './data', doc: 'Folder for the SQLite database and other venue data.' }),
  backupDir: optional('BACKUP_DIR', { shown: '(DATA_DIR/backups)', doc: 'Folder `npm run backup` writes into (a USB disk is best); DATA_DIR/backups when unset.' }),
  publicUrl: optional('PUBLIC_URL', {
    shown: '(LAN address)',
    doc: 'Base URL printed in table QR codes, e.g. http://192.168.1.20:8080.',
    check: (url) => (/^https?:\/\/[^\s/]+(\/.*)?$/.test(url) ? undefined : `PUBLIC_URL must look like http://192.168.1.20:8080 (got "${url}")`),
  }),
  tlsCertFile: optional('TLS_CERT_FILE', {
    doc: 'PEM certificate (chain) to serve https: phones only open the microphone on https. Needs TLS_KEY_FILE.',
    check: fileThatExists('TLS_CERT_FILE'),
  }),
  tlsKeyFile: optional('TLS_KEY_FILE', { doc: 'PEM private key of TLS_CERT_FILE.', check: fileThatExists('TLS_KEY_FILE') }),
  logLevel: oneOf('LOG_LEVEL', { default: 'info', values: LOG_LEVELS, doc: 'pino log level: fatal, error, warn, info, debug, trace or silent.' }),
  modules: option(
    'MODULES',
    '(all)',
    'The domains this hub runs, as a comma list of restaurant, payments (needs restaurant) and translator (printing and sync always run). One left out has no routes, pages, timers or sockets; its tables stay, so switching it on later loses nothing.',
    (raw): EnvRead<ModuleName[]> => {
      const selection = selectModules(raw ?? '');
      return selection.ok ? { value: selection.modules } : { value: [], problem: selection.problem };
    },
  ),
  seedDemo: onOff('SEED_DEMO', { default: 'on', lenient: true, doc: 'Seed the demo venue (menu, 12 tables, staff) into an empty database.' }),
  visitPolicy: oneOf('VISIT_POLICY', {
    default: 'auto',
    values: ['auto', 'staff'],
    doc: 'auto: a table visit opens on the first QR scan; staff: only staff open visits.',
  }),
  visitReopenGraceMs: integer('VISIT_REOPEN_GRACE_MINUTES', {
    default: 10,
    min: 0,
    max: 240,
    unit: MINUTE_MS,
    doc: 'Under VISIT_POLICY=auto, a table that staff closed this recently is not reopened by a QR scan: the guest asks a waiter (0: never ask).',
  }),
  guestTokenIdleMs: integer('GUEST_TOKEN_IDLE_HOURS', { default: 4, min: 1, max: 72, unit: HOUR_MS, doc: 'A guest token expires after this many hours without use.' }),
  staffTokenMs: integer('STAFF_TOKEN_HOURS', { default: 12, min: 1, max: 72, unit: HOUR_MS, doc: 'A staff login lasts this many hours.' }),
  pinMaxFailures: integer('PIN_MAX_FAILURES', { default: 5, min: 1, max: 100, doc: 'Wrong PINs from one client before its login is locked.' }),
  pinLockoutMs: integer('PIN_LOCKOUT_MINUTES', {
    default: 5,
    min: 1,
    max: 1440,
    unit: MINUTE_MS,
    doc: 'How long a locked client must wait; a wrong PIN is remembered this long (a right one does not forgive it).',
  }),
  pinHubMaxFailures: integer('PIN_HUB_MAX_FAILURES', {
    default: 30,
    min: 1,
    max: 10_000,
    doc: 'Wrong PINs from all clients together that the hub takes per PIN_HUB_WINDOW_MINUTES; past that every PIN login waits for the budget to refill (shown on the admin page).',
  }),
  pinHubWindowMs: integer('PIN_HUB_WINDOW_MINUTES', {
    default: 15,
    min: 1,
    max: 1440,
    unit: MINUTE_MS,
    doc: 'The window of PIN_HUB_MAX_FAILURES: the budget refills over this time.',
  }),
  bodyLimitBytes: integer('BODY_LIMIT_BYTES', { default: 65536, min: 1024, max: 10 * 1024 * 1024, doc: 'Largest request body accepted; larger gets 413.' }),
  requestTimeoutMs: integer('REQUEST_TIMEOUT_SECONDS', {
    default: 60,
    min: 1,
    max: 3600,
    unit: 1000,
    doc: 'A request (headers and body) must arrive within this time, or its connection is closed: a slow client cannot hold it forever.',
  }),
  metricsToken: optional('METRICS_TOKEN', {
    doc: 'Prometheus metrics at /metrics answer the box itself; from elsewhere they need this bearer token.',
    check: (token) => (/^[\x21-\x7e]{16,200}$/.test(token) ? undefined : 'METRICS_TOKEN must be 16 to 200 printable characters without spaces'),
  }),
  groupCommit: onOff('GROUP_COMMIT', { default: 'on', lenient: true, doc: 'on: commands that arrive together share one transaction and one fsync.' }),
  eventReplayLimit: integer('EVENT_REPLAY_LIMIT', {
    default: 1000,
    min: 10,
    max: 100_000,
    doc: 'Most events replayed to a reconnecting client before it is told to refetch.',
  }),
  eventRetentionMs: integer('EVENT_RETENTION_HOURS', {
    default: 48,
    min: 1,
    max: 24 * 365,
    unit: HOUR_MS,
    doc: 'Realtime events older than this are pruned (orders stay).',
  }),
  mdns: onOff('MDNS', {
    default: 'on',
    lenient: true,
    doc: 'on: announce the hub on the LAN over mDNS and let managers search for printers; off: neither.',
  }),
  staffLanguage: text('STAFF_LANGUAGE', {
    default: 'en',
    lowercase: true,
    doc: "The staff's language in translator conversations (ISO 639-1 code).",
    check: (code) => (/^[a-z]{2,3}$/.test(code) ? undefined : `STAFF_LANGUAGE must be a language code like en or es (got "${code}")`),
  }),
  translatorConcurrency: integer('TRANSLATOR_CONCURRENCY', {
    default: 1,
    min: 1,
    max: 16,
    doc: 'Recognitions run at once; each takes every core it is given, so 1 on a small box.',
  }),
  translatorThreads: integer('TRANSLATOR_THREADS', {
    default: availableParallelism(),
    shown: '(all cores)',
    min: 1,
    max: 64,
    doc: 'CPU threads whisper.cpp uses for one recognition.',
  }),
  translatorQueueLimit: integer('TRANSLATOR_QUEUE_LIMIT', {
    default: 8,
    min: 0,
    max: 1000,
    doc: 'Recordings allowed to wait for the recogniser; more are refused as busy (503).',
  }),
  translatorTimeoutMs: integer('TRANSLATOR_TIMEOUT_SECONDS', {
    default: 60,
    min: 1,
    max: 3600,
    unit: 1000,
    doc: 'A recognition running longer is stopped and reported (504).',
  }),
  translatorMaxAudioSeconds: integer('TRANSLATOR_MAX_AUDIO_SECONDS', { default: 30, min: 1, max: 600, doc: 'Longest recording accepted (422 when longer).' }),
  translatorMaxAudioBytes: integer('TRANSLATOR_MAX_AUDIO_BYTES', {
    default: 8 * 1024 * 1024,
    min: 64 * 1024,
    max: 200 * 1024 * 1024,
    doc: 'Largest recording upload accepted (413 when larger).',
  }),
  // Also read by the speech engine's download CLI (speech/src/models/catalog.ts), with the same meaning.
  modelsBaseUrl: optional('MODELS_BASE_URL', {
    shown: '(Hugging Face)',
    doc: "Where Whisper models are downloaded from (the Translator page's download buttons and `npm run models:download`): a mirror on the LAN works too.",
    check: (url) => (/^https?:\/\/[^\s/]+(\/\S*)?$/.test(url) ? undefined : `MODELS_BASE_URL must look like https://models.example.com/whisper (got "${url}")`),
  }),
  tonApiUrl: text('TON_API_URL', {
    default: 'https://toncenter.com/api/v2',
    doc: 'The toncenter-compatible API (v2) that TON payments are checked with; https://testnet.toncenter.com/api/v2 for a testnet wallet.',
    check: (url) => (/^https?:\/\/[^\s/]+(\/\S*)?$/.test(url) ? undefined : `TON_API_URL must look like https://toncenter.com/api/v2 (got "${url}")`),
  }),
  tonApiKey: optional('TON_API_KEY', {
    doc: 'toncenter API key, sent as X-API-Key: the checks may then make 10 requests a second instead of 1. Never logged.',
    check: (key) => (/^[\x21-\x7e]{8,200}$/.test(key) ? undefined : 'TON_API_KEY must be 8 to 200 printable characters without spaces'),
  }),
  tonInvoiceLifetimeMs: integer('TON_INVOICE_MINUTES', {
    default: 15,
    min: 1,
    max: 1440,
    unit: MINUTE_MS,
    doc: 'A TON invoice holds its rate this long; after that it is re-quoted at the current rate (its comment stays, so a late transfer still counts).',
  }),
  cloudbedsApiUrl: text('CLOUDBEDS_API_URL', {
    default: 'https://api.cloudbeds.com/api/v1.2',
    doc: "Cloudbeds' API (v1.2) that the hotel's bookings are pushed to and pulled from, once a manager sets the property's API key.",
    check: (url) => (/^https?:\/\/[^\s/]+(\/\S*)?$/.test(url) ? undefined : `CLOUDBEDS_API_URL must look like https://api.cloudbeds.com/api/v1.2 (got "${url}")`),
  }),
  airaloApiUrl: text('AIRALO_API_URL', {
    default: 'https://partners-api.airalo.com/v2',
    doc: "Airalo's Partner API (v2) that eSIMs are bought from, once a manager sets the client id and secret; https://sandbox-partners-api.airalo.com/v2 is the sandbox.",
    check: (url) => (/^https?:\/\/[^\s/]+(\/\S*)?$/.test(url) ? undefined : `AIRALO_API_URL must look like https://partners-api.airalo.com/v2 (got "${url}")`),
  }),
  idPhotoRetentionDays: integer('ID_PHOTO_RETENTION_DAYS', {
    default: 30,
    min: 0,
    max: 3650,
    doc: "Days after a guest's checkout that the ID photo from their check-in is kept on the hub (0: deleted at checkout). It is never synced.",
  }),
  idPhotoMaxBytes: integer('ID_PHOTO_MAX_BYTES', {
    default: 6 * 1024 * 1024,
    min: 64 * 1024,
    max: 50 * 1024 * 1024,
    doc: 'Largest ID photo a guest may upload at check-in (413 when larger).',
  }),
};

/** Every option with its default and meaning, in the README's order. */
export const CONFIG_DOC = envDocs(HUB_OPTIONS);

export interface HubConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Where backups are written (BACKUP_DIR, or DATA_DIR/backups). */
  backupDir: string;
  publicUrl: string | null;
  /** Serve https with these PEM files (both set) instead of http. */
  tls: { certFile: string; keyFile: string } | null;
  logLevel: string;
  /** The modules to load, in load order (every module after those it needs). */
  modules: ModuleName[];
  seedDemo: boolean;
  visitPolicy: 'auto' | 'staff';
  visitReopenGraceMs: number;
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
    /** Where model downloads come from: MODELS_BASE_URL, else Hugging Face. */
    modelsBaseUrl: string;
  };
  ton: {
    /** The toncenter-compatible v2 API, without a trailing slash. */
    apiUrl: string;
    /** Sent as X-API-Key; null: the keyless budget (1 request a second). */
    apiKey: string | null;
    invoiceLifetimeMs: number;
  };
  hotel: {
    /** Cloudbeds' v1.2 API, without a trailing slash. */
    cloudbedsApiUrl: string;
    idPhotoRetentionDays: number;
    idPhotoMaxBytes: number;
  };
  esim: {
    /** Airalo's Partner API v2, without a trailing slash. */
    airaloApiUrl: string;
  };
}

export class ConfigError extends EnvConfigError {
  constructor(problems: string[]) {
    super("The hub's", problems);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws one ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): HubConfig {
  const { values, problems } = readEnv(HUB_OPTIONS, env);
  const { tlsCertFile: certFile, tlsKeyFile: keyFile } = values;
  if (Boolean(certFile) !== Boolean(keyFile)) problems.push('TLS_CERT_FILE and TLS_KEY_FILE must be set together (or neither, for http)');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: values.port,
    host: values.host,
    dataDir: resolve(values.dataDir),
    backupDir: resolve(values.backupDir ?? join(values.dataDir, 'backups')),
    publicUrl: values.publicUrl?.replace(/\/+$/, '') ?? null,
    tls: certFile && keyFile ? { certFile: resolve(certFile), keyFile: resolve(keyFile) } : null,
    logLevel: values.logLevel,
    modules: values.modules,
    seedDemo: values.seedDemo,
    visitPolicy: values.visitPolicy,
    visitReopenGraceMs: values.visitReopenGraceMs,
    guestTokenIdleMs: values.guestTokenIdleMs,
    staffTokenMs: values.staffTokenMs,
    pinMaxFailures: values.pinMaxFailures,
    pinLockoutMs: values.pinLockoutMs,
    pinHubMaxFailures: values.pinHubMaxFailures,
    pinHubWindowMs: values.pinHubWindowMs,
    bodyLimitBytes: values.bodyLimitBytes,
    requestTimeoutMs: values.requestTimeoutMs,
    metricsToken: values.metricsToken,
    groupCommit: values.groupCommit,
    eventReplayLimit: values.eventReplayLimit,
    eventRetentionMs: values.eventRetentionMs,
    mdns: values.mdns,
    staffLanguage: values.staffLanguage,
    translator: {
      concurrency: values.translatorConcurrency,
      threads: values.translatorThreads,
      queueLimit: values.translatorQueueLimit,
      timeoutMs: values.translatorTimeoutMs,
      maxAudioSeconds: values.translatorMaxAudioSeconds,
      maxAudioBytes: values.translatorMaxAudioBytes,
      modelsBaseUrl: values.modelsBaseUrl ?? DEFAULT_MODELS_BASE_URL,
    },
    ton: { apiUrl: values.tonApiUrl.replace(/\/+$/, ''), apiKey: values.tonApiKey, invoiceLifetimeMs: values.tonInvoiceLifetimeMs },
    hotel: {
      cloudbedsApiUrl: values.cloudbedsApiUrl.replace(/\/+$/, ''),
      idPhotoRetentionDays: values.idPhotoRetentionDays,
      idPhotoMaxBytes: values.idPhotoMaxBytes,
    },
    esim: { airaloApiUrl: values.airaloApiUrl.replace(/\/+$/, '') },
  };
}
