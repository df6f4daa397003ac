import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHISPER_MODELS } from './catalog.ts';
import { catalogFromEnv, parseDownloadArgs, progressReporter } from './cli-support.ts';

const MB = 1_000_000;

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { out: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe('progressReporter', () => {
  it('rewrites one line on a terminal, only when the tenth of a percent changes, and ends it once', () => {
    const { out, written } = recorder(true);
    const progress = progressReporter(out);
    for (const received of [0, 100, 30 * MB, 30 * MB + 1, 60 * MB]) progress.update({ receivedBytes: received, totalBytes: 60 * MB, resumedFromBytes: 0 });
    progress.finish();

    expect(written).toEqual([
      `\r${'  0.0%  0.0 MB of 60.0 MB'.padEnd(40)}`,
      `\r${' 50.0%  30.0 MB of 60.0 MB'.padEnd(40)}`,
      `\r${'100.0%  60.0 MB of 60.0 MB'.padEnd(40)}`,
      '\n',
    ]);
  });

  it('writes a plain line every 10% when the output is a log', () => {
    const { out, written } = recorder(false);
    const progress = progressReporter(out);
    for (let received = 0; received <= 100 * MB; received += MB) progress.update({ receivedBytes: received, totalBytes: 100 * MB, resumedFromBytes: 0 });
    progress.finish();

    expect(written).toHaveLength(11);
    expect(written[0]).toBe('  0.0%  0.0 MB of 100.0 MB\n');
    expect(written[5]).toBe(' 50.0%  50.0 MB of 100.0 MB\n');
    expect(written.at(-1)).toBe('100.0%  100.0 MB of 100.0 MB\n');
    expect(written.join('')).not.toContain('\r');
  });
});

describe('parseDownloadArgs', () => {
  it('puts models in $DATA_DIR/models, else ./data/models, unless --dir says otherwise', () => {
    expect(parseDownloadArgs(['base'], { DATA_DIR: '/srv/hub' })).toEqual({ kind: 'download', name: 'base', modelsDir: resolve('/srv/hub/models') });
    expect(parseDownloadArgs(['base'], {})).toEqual({ kind: 'download', name: 'base', modelsDir: resolve('data/models') });
    expect(parseDownloadArgs(['small', '--dir', 'models-here'], { DATA_DIR: '/srv/hub' })).toEqual({
      kind: 'download',
      name: 'small',
      modelsDir: resolve('models-here'),
    });
  });

  it('answers help, and usage errors with the reason', () => {
    expect(parseDownloadArgs(['-h'], {})).toEqual({ kind: 'help' });
    expect(parseDownloadArgs([], {})).toEqual({ kind: 'usage-error', message: 'Name the model to download.' });
    expect(parseDownloadArgs(['base', 'small'], {})).toEqual({ kind: 'usage-error', message: 'Download one model at a time (got base, small).' });
    const unknown = parseDownloadArgs(['base', '--fast'], {});
    expect(unknown.kind).toBe('usage-error');
    expect(unknown.kind === 'usage-error' && unknown.message).toContain("'--fast'");
  });
});

describe('catalogFromEnv', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'models-catalog-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function catalogFile(content: unknown): Promise<string> {
    const file = join(folder, `${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify(content));
    return file;
  }

  it('is the published catalog without MODELS_TEST_CATALOG', () => {
    expect(catalogFromEnv({})).toEqual({ catalog: WHISPER_MODELS, testCatalogFile: null });
  });

  it('adds test entries after the published ones', async () => {
    const file = await catalogFile([{ name: 'mini', file: 'ggml-mini.bin', sizeBytes: 10, sha1: 'a'.repeat(40) }]);
    const { catalog, testCatalogFile } = catalogFromEnv({ MODELS_TEST_CATALOG: file });

    expect(testCatalogFile).toBe(file);
    expect(catalog.map((model) => model.name)).toEqual([...WHISPER_MODELS.map((model) => model.name), 'mini']);
  });

  it('refuses to replace a published checksum and rejects malformed entries', async () => {
    const replacing = await catalogFile([{ name: 'base', file: 'ggml-base.bin', sizeBytes: 10, sha1: 'a'.repeat(40) }]);
    expect(() => catalogFromEnv({ MODELS_TEST_CATALOG: replacing })).toThrow('"base" is a published model and cannot be replaced');
    const badSha = await catalogFile([{ name: 'mini', file: 'ggml-mini.bin', sizeBytes: 10, sha1: 'xyz' }]);
    expect(() => catalogFromEnv({ MODELS_TEST_CATALOG: badSha })).toThrow('sha1 must be 40 lower-case hex digits');
    const escaping = await catalogFile([{ name: '../etc', file: 'ggml-../etc.bin', sizeBytes: 10, sha1: 'a'.repeat(40) }]);
    expect(() => catalogFromEnv({ MODELS_TEST_CATALOG: escaping })).toThrow('name must be a safe model name');
    expect(() => catalogFromEnv({ MODELS_TEST_CATALOG: join(folder, 'absent.json') })).toThrow('MODELS_TEST_CATALOG: cannot read');
  });
});
