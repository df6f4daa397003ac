import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogModel } from './catalog.ts';
import { downloadModel, ModelDownloadError, type DownloadProgress } from './download.ts';
import { startTestFileServer, type TestFileServer } from '../../test/support/file-server.ts';

// Big enough to arrive in many chunks and to be cut half-way; small enough to be instant.
const MODEL_BYTES = randomBytes(3 * 1024 * 1024 + 123);
const OTHER_BYTES = randomBytes(4096);
const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

const testModel: CatalogModel = {
  name: 'test-tiny',
  file: 'ggml-test-tiny.bin',
  sizeBytes: MODEL_BYTES.length,
  sha1: sha1(MODEL_BYTES),
  multilingual: true,
  summary: 'test',
};
// Served bytes that do not match the published checksum (same size, one byte flipped).
const damagedBytes = Buffer.from(MODEL_BYTES);
damagedBytes[1000] = (damagedBytes[1000] ?? 0) ^ 0xff;
const damagedModel: CatalogModel = { ...testModel, name: 'damaged', file: 'ggml-damaged.bin' };
const shortModel: CatalogModel = { ...testModel, name: 'short', file: 'ggml-short.bin', sizeBytes: 1000, sha1: sha1(OTHER_BYTES) };
const catalog = [testModel, damagedModel, shortModel];

let server: TestFileServer;
let modelsDir: string;
const finalPath = () => join(modelsDir, 'ggml-test-tiny.bin');
const partPath = () => `${finalPath()}.part`;

beforeEach(async () => {
  server = await startTestFileServer({
    'ggml-test-tiny.bin': MODEL_BYTES,
    'ggml-damaged.bin': damagedBytes,
    'ggml-short.bin': OTHER_BYTES,
  });
  modelsDir = join(await mkdtemp(join(tmpdir(), 'models-download-')), 'models');
});

afterEach(async () => {
  await server.close();
  await rm(join(modelsDir, '..'), { recursive: true, force: true });
});

const download = (options: { name?: string; baseUrl?: string; onProgress?: (p: DownloadProgress) => void; signal?: AbortSignal } = {}) =>
  downloadModel({ name: 'test-tiny', modelsDir, baseUrl: `${server.origin}/files`, catalog, ...options });

async function failure(promise: Promise<unknown>): Promise<ModelDownloadError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ModelDownloadError);
  return error as ModelDownloadError;
}

describe('downloadModel', () => {
  it('follows the redirect, checks the SHA-1 and publishes the whole file with no part left', async () => {
    const progress: DownloadProgress[] = [];
    const result = await download({ baseUrl: `${server.origin}/moved`, onProgress: (p) => progress.push(p) });

    expect(result).toMatchObject({ path: finalPath(), downloaded: true, resumedFromBytes: 0, url: `${server.origin}/moved/ggml-test-tiny.bin` });
    expect(Buffer.compare(await readFile(finalPath()), MODEL_BYTES)).toBe(0);
    expect(await readdir(modelsDir)).toEqual(['ggml-test-tiny.bin']);
    expect(server.requests.map((r) => [r.path, r.status])).toEqual([
      ['/moved/ggml-test-tiny.bin', 302],
      ['/files/ggml-test-tiny.bin', 200],
    ]);
    expect(progress.length).toBeGreaterThan(5);
    const received = progress.map((p) => p.receivedBytes);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ receivedBytes: MODEL_BYTES.length, totalBytes: MODEL_BYTES.length, resumedFromBytes: 0 });
  });

  it('does not fetch a model that is already there with the right checksum', async () => {
    await mkdir(modelsDir, { recursive: true });
    await writeFile(finalPath(), MODEL_BYTES);

    const result = await download();

    expect(result.downloaded).toBe(false);
    expect(server.requests).toEqual([]);
  });

  it('replaces an installed file whose bytes do not match the checksum', async () => {
    await mkdir(modelsDir, { recursive: true });
    await writeFile(finalPath(), damagedBytes);

    const result = await download();

    expect(result.downloaded).toBe(true);
    expect(sha1(await readFile(finalPath()))).toBe(testModel.sha1);
  });

  it('deletes the part and leaves no file when the checksum does not match', async () => {
    const error = await failure(download({ name: 'damaged' }));

    expect(error.code).toBe('checksum_mismatch');
    expect(error.message).toContain(`not the published ${testModel.sha1}`);
    expect(error.message).toContain(`${server.origin}/files/ggml-damaged.bin`);
    expect(await readdir(modelsDir)).toEqual([]);
  });

  it('keeps the part of an interrupted download and resumes it with a Range request, through the redirect', async () => {
    server.cutNextAfter = Math.floor(MODEL_BYTES.length / 2);
    const baseUrl = `${server.origin}/moved`;

    const error = await failure(download({ baseUrl }));
    expect(error.code).toBe('interrupted');
    expect(error.message).toContain('run it again to continue');
    expect(error.message).toContain('works without a speech model');
    const kept = (await stat(partPath())).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(MODEL_BYTES.length);
    expect(existsSync(finalPath())).toBe(false);

    const progress: DownloadProgress[] = [];
    const result = await download({ baseUrl, onProgress: (p) => progress.push(p) });

    expect(result).toMatchObject({ downloaded: true, resumedFromBytes: kept });
    expect(Buffer.compare(await readFile(finalPath()), MODEL_BYTES)).toBe(0);
    expect(existsSync(partPath())).toBe(false);
    const resumed = server.requests.at(-1);
    expect(resumed).toEqual({ path: '/files/ggml-test-tiny.bin', range: `bytes=${kept}-`, status: 206, bytesSent: MODEL_BYTES.length - kept });
    expect(progress[0]?.resumedFromBytes).toBe(kept);
  });

  it('starts over when the server ignores Range', async () => {
    server.ranges = false;
    await mkdir(modelsDir, { recursive: true });
    // Not even a prefix of the real file: a 200 must truncate it, not append to it.
    await writeFile(partPath(), OTHER_BYTES);

    const result = await download();

    expect(result.resumedFromBytes).toBe(0);
    expect(server.requests).toEqual([{ path: '/files/ggml-test-tiny.bin', range: `bytes=${OTHER_BYTES.length}-`, status: 200, bytesSent: MODEL_BYTES.length }]);
    expect(Buffer.compare(await readFile(finalPath()), MODEL_BYTES)).toBe(0);
  });

  it('publishes a complete, correct part left by a crash before the rename without fetching', async () => {
    await mkdir(modelsDir, { recursive: true });
    await writeFile(partPath(), MODEL_BYTES);

    const result = await download();

    expect(result).toMatchObject({ downloaded: true, resumedFromBytes: MODEL_BYTES.length });
    expect(server.requests).toEqual([]);
    expect(await readdir(modelsDir)).toEqual(['ggml-test-tiny.bin']);
  });

  it('keeps the part when the caller aborts, and the next run resumes from it', async () => {
    const stop = new AbortController();
    const aborted = await download({
      signal: stop.signal,
      onProgress: (p) => {
        if (p.receivedBytes >= 1024 * 1024) stop.abort();
      },
    }).then(
      () => null,
      (error: unknown) => error as Error,
    );

    expect(aborted?.name).toBe('AbortError');
    const kept = (await stat(partPath())).size;
    expect(kept).toBeGreaterThanOrEqual(1024 * 1024);

    const result = await download();
    expect(result.resumedFromBytes).toBe(kept);
    expect(sha1(await readFile(finalPath()))).toBe(testModel.sha1);
  });

  it('names the URL and says the hub works without a model on HTTP 404', async () => {
    const error = await failure(download({ baseUrl: `${server.origin}/nowhere` }));

    expect(error.code).toBe('http_error');
    expect(error.message).toContain(`${server.origin}/nowhere/ggml-test-tiny.bin answered HTTP 404`);
    expect(error.message).toContain('The hub works without a speech model');
    expect(await readdir(modelsDir)).toEqual([]);
  });

  it('names the URL and the reason when the host cannot be reached', async () => {
    const closed = await startTestFileServer({});
    const deadOrigin = closed.origin;
    await closed.close();

    const error = await failure(download({ baseUrl: `${deadOrigin}/files` }));

    expect(error.code).toBe('unreachable');
    expect(error.message).toContain(`Could not reach ${deadOrigin}/files/ggml-test-tiny.bin (ECONNREFUSED)`);
    expect(error.message).toContain('The hub works without a speech model');
  });

  it('refuses a server whose file has a different size, before writing anything', async () => {
    const error = await failure(download({ name: 'short' }));

    expect(error.code).toBe('wrong_size');
    expect(error.message).toContain(`serves ${OTHER_BYTES.length} bytes, but ggml-short.bin is 1000 bytes`);
    expect(await readdir(modelsDir)).toEqual([]);
  });

  it('refuses a name that is not in the catalog, listing the ones that are', async () => {
    const error = await failure(download({ name: 'huge' }));

    expect(error.code).toBe('unknown_model');
    expect(error.message).toBe('There is no model "huge" to download: choose one of test-tiny, damaged, short.');
    expect(server.requests).toEqual([]);
  });
});
