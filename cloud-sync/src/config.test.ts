import { describe, expect, it } from 'vitest';
import { CLOUD_CONFIG_DOC, CloudConfigError, loadCloudConfig } from './config.ts';

describe('cloud configuration', () => {
  it('has the documented defaults for the security limits', () => {
    expect(loadCloudConfig({})).toMatchObject({
      hqLoginMaxFailures: 10,
      hqLoginLockoutMs: 15 * 60_000,
      pairingMaxFailures: 10,
      pairingLockoutMs: 15 * 60_000,
      graphqlMaxDepth: 6,
      graphqlMaxAliases: 10,
      graphqlMaxFields: 200,
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
    });
    const documented = Object.fromEntries(CLOUD_CONFIG_DOC.map((option) => [option.env, option.default]));
    expect(documented).toMatchObject({
      HQ_LOGIN_MAX_FAILURES: '10',
      HQ_LOGIN_LOCKOUT_MINUTES: '15',
      PAIRING_MAX_FAILURES: '10',
      PAIRING_LOCKOUT_MINUTES: '15',
      GRAPHQL_MAX_DEPTH: '6',
      GRAPHQL_MAX_ALIASES: '10',
      GRAPHQL_MAX_FIELDS: '200',
      REQUEST_TIMEOUT_SECONDS: '30',
      HEADERS_TIMEOUT_SECONDS: '10',
    });
  });

  it('names every bad limit at once, and a headers timeout longer than the request timeout', () => {
    try {
      loadCloudConfig({ HQ_LOGIN_MAX_FAILURES: '0', GRAPHQL_MAX_FIELDS: 'many', REQUEST_TIMEOUT_SECONDS: '5', HEADERS_TIMEOUT_SECONDS: '20' });
      expect.unreachable('loadCloudConfig accepted bad values');
    } catch (error) {
      expect(error).toBeInstanceOf(CloudConfigError);
      expect((error as CloudConfigError).problems).toEqual([
        'HQ_LOGIN_MAX_FAILURES must be a whole number from 1 to 1000 (got "0")',
        'GRAPHQL_MAX_FIELDS must be a whole number from 1 to 10000 (got "many")',
        'HEADERS_TIMEOUT_SECONDS must not be more than REQUEST_TIMEOUT_SECONDS (got 20 and 5)',
      ]);
    }
  });
});

describe('the cloud options in the README', () => {
  it('are documented, option by option', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const option of CLOUD_CONFIG_DOC) expect(readme).toContain(`| \`${option.env}\` | \`${option.default}\` | ${option.doc} |`);
  });
});
