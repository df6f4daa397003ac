import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOC, ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', visitPolicy: 'auto', groupCommit: true, bodyLimitBytes: 65536 });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('names every bad value at once', () => {
    try {
      loadConfig({ PORT: 'eighty', VISIT_POLICY: 'sometimes', PUBLIC_URL: 'not a url' });
      expect.unreachable('loadConfig accepted bad values');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems } = error as ConfigError;
      expect(problems).toHaveLength(3);
      expect(problems).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
    }
  });

  it('is documented in the README, option by option', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const option of CONFIG_DOC) {
      expect(readme).toContain(`| \`${option.env}\` | \`${option.default}\` | ${option.doc} |`);
    }
  });
});
