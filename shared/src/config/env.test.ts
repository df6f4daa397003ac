import { describe, expect, it } from 'vitest';
import { documented, EnvConfigError, envDocRows, envDocs, integer, oneOf, onOff, optional, readEnv, text } from './env.ts';

const OPTIONS = {
  port: integer('PORT', { default: 8080, min: 0, max: 65535, doc: 'TCP port.' }),
  sessionMs: integer('SESSION_HOURS', { default: 12, min: 1, max: 72, unit: 3_600_000, doc: 'Session length.' }),
  threads: integer('THREADS', { default: 4, shown: '(all cores)', min: 1, max: 64, doc: 'Threads.' }),
  policy: oneOf('POLICY', { default: 'auto', values: ['auto', 'staff'], doc: 'Who opens visits.' }),
  seed: onOff('SEED', { default: 'on', lenient: true, doc: 'Seed the demo.' }),
  deflate: onOff('DEFLATE', { default: 'off', doc: 'Compress.' }),
  language: text('LANGUAGE', {
    default: 'en',
    lowercase: true,
    doc: 'Staff language.',
    check: (code) => (/^[a-z]{2,3}$/.test(code) ? undefined : `LANGUAGE must be a language code like en or es (got "${code}")`),
  }),
  url: optional('URL', { shown: '(LAN address)', doc: 'Base URL.', check: (url) => (url.startsWith('http') ? undefined : 'URL must start with http') }),
  mirror: documented('MIRROR', '(Hugging Face)', 'Read by another program.'),
};

describe('reading the environment', () => {
  it('gives every default when nothing is set, and blank counts as unset', () => {
    expect(readEnv(OPTIONS, { PORT: '  ', URL: '' })).toEqual({
      values: { port: 8080, sessionMs: 12 * 3_600_000, threads: 4, policy: 'auto', seed: true, deflate: false, language: 'en', url: null, mirror: undefined },
      problems: [],
    });
  });

  it('trims, converts units, lowercases words and reads every on/off spelling it allows', () => {
    const { values, problems } = readEnv(OPTIONS, { PORT: ' 0 ', SESSION_HOURS: '2', POLICY: 'STAFF', SEED: '0', DEFLATE: 'On', LANGUAGE: 'ES', URL: ' http://hub ' });
    expect(problems).toEqual([]);
    expect(values).toMatchObject({ port: 0, sessionMs: 2 * 3_600_000, policy: 'staff', seed: false, deflate: true, language: 'es', url: 'http://hub' });
  });

  it('names every bad value at once, in the order declared, and keeps the defaults meanwhile', () => {
    const { values, problems } = readEnv(OPTIONS, { PORT: 'eighty', SESSION_HOURS: '73', POLICY: 'Sometimes', SEED: 'yes', DEFLATE: 'true', LANGUAGE: 'English', URL: 'ftp://x' });
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "eighty")',
      'SESSION_HOURS must be a whole number from 1 to 72 (got "73")',
      'POLICY must be one of auto, staff (got "sometimes")',
      'SEED must be one of on, off, true, false, 1, 0 (got "yes")',
      'DEFLATE must be on or off (got "true")',
      'LANGUAGE must be a language code like en or es (got "english")',
      'URL must start with http',
    ]);
    expect(values).toMatchObject({ port: 8080, sessionMs: 12 * 3_600_000, policy: 'auto', seed: true, deflate: false, language: 'en' });
  });

  it('checks a computed default as it checks a given value', () => {
    const threads = integer('THREADS', { default: 128, shown: '(all cores)', min: 1, max: 64, doc: 'Threads.' });
    expect(threads.read(undefined)).toEqual({ value: 128, problem: 'THREADS must be a whole number from 1 to 64 (got "128")' });
  });

  it('reports all of them in one error', () => {
    const error = new EnvConfigError("The hub's", ['PORT is bad', 'HOST is bad']);
    expect(error.message).toBe("The hub's configuration has 2 problem(s):\n  - PORT is bad\n  - HOST is bad");
    expect(error.problems).toEqual(['PORT is bad', 'HOST is bad']);
  });
});

describe('documenting the environment', () => {
  it('lists every option with its default as shown, in the order declared, as README table rows', () => {
    const docs = envDocs(OPTIONS);
    expect(docs.map((doc) => doc.env)).toEqual(['PORT', 'SESSION_HOURS', 'THREADS', 'POLICY', 'SEED', 'DEFLATE', 'LANGUAGE', 'URL', 'MIRROR']);
    expect(docs[2]).toEqual({ env: 'THREADS', default: '(all cores)', doc: 'Threads.' });
    expect(envDocRows(docs).slice(0, 2)).toEqual(['| `PORT` | `8080` | TCP port. |', '| `SESSION_HOURS` | `12` | Session length. |']);
    expect(envDocRows(docs)[7]).toBe('| `URL` | `(LAN address)` | Base URL. |');
  });
});
