// A manager downloads a Whisper model from the Translator page's API: the real hub, the real
// downloadModel, and a fake model server (a real HTTP server on 127.0.0.1) reached through
// MODELS_BASE_URL, with a catalogue of small test models. The model that finishes is the synthetic tiny
// model (a real ggml file whisper.cpp runs), so "usable at once" is a real recognition, not a listing.
// Every wait polls a state with a deadline; nothing sleeps for a fixed time.
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelDownload, ModelDownloadList, TranslatorStatus } from '@onemoment/shared/schemas/translator';
import { writeSyntheticModel } from '@onemoment/speech/whisper/synthetic-model';
import { UNREACHABLE_MESSAGE } from '../src/translator/models/download-failure.ts';
import { speakToWav } from '../../speech/test/support/audio.ts';
import { startTestHub, type TestHub } from './harness.ts';
import { catalogEntry, headerOnlyModel, startFakeModelServer, type FakeModelServer } from './support/fake-model-server.ts';

const workDir = mkdtempSync(join(tmpdir(), 'onemoment-model-download-'));
const synthetic = readFileSync(writeSyntheticModel(workDir).path);
const small = headerOnlyModel(2 * 1024 * 1024 + 17);
const damaged = Buffer.from(small);
damaged[5000] = (damaged[5000] ?? 0) ^ 0xff;

const CATALOG = [
  catalogEntry('test-tiny', synthetic),
  catalogEntry('test-small', small),
  // Served bytes whose SHA-1 is not the catalogue's.
  catalogEntry('test-damaged', small),
  catalogEntry('test-missing', small),
];
const SERVED = { 'ggml-test-tiny.bin': synthetic, 'ggml-test-small.bin': small, 'ggml-test-damaged.bin': damaged };

const DEADLINE_MS = 30_000;

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a manager downloads a speech model from the Translator page', { timeout: 120_000 }, () => {
  let hub: TestHub;
  let server: FakeModelServer;
  let manager: string;
  let waiter: string;
  const modelsDir = () => join(hub.dataDir, 'models');
  const filesInModels = () => readdirSync(modelsDir()).sort();
  const download = (name: string) => hub.request<ModelDownload>('GET', `/api/translator/models/${name}/download`, undefined, manager);
  const start = (name: string, token = manager) => hub.request<ModelDownload>('POST', `/api/translator/models/${name}/download`, {}, token);
  const status = async () => (await hub.request<TranslatorStatus>('GET', '/api/translator/status', undefined, manager)).body;
  const settled = (name: string) => until(`the ${name} download to end`, async () => (await download(name)).body, (body) => body.state !== 'downloading');

  beforeAll(async () => {
    server = await startFakeModelServer(SERVED);
    hub = await startTestHub({ env: { MODELS_BASE_URL: server.baseUrl }, hubOptions: { translator: { modelCatalog: CATALOG } } });
    manager = await hub.login('1111');
    waiter = await hub.login('2222');
  });

  afterAll(async () => {
    await hub?.close();
    await server?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('is for managers only, and an unknown model is 404', async () => {
    expect((await hub.request('POST', '/api/translator/models/test-tiny/download', {})).status).toBe(401);
    const refused = await start('test-tiny', waiter);
    expect(refused.status).toBe(403);
    expect((await hub.request('GET', '/api/translator/model-downloads', undefined, waiter)).status).toBe(403);
    expect((await hub.request('DELETE', '/api/translator/models/test-tiny/download', undefined, waiter)).status).toBe(403);
    const unknown = await start('huge');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'unknown_model' });
    expect((await download('test-tiny')).status).toBe(404);
    expect(server.requests).toEqual([]);
  });

  it('answers 202 at once, shows progress while it runs, and the finished model is listed and usable without a restart', async () => {
    // The translator is deaf before; the status offers the catalogue.
    const before = await status();
    expect(before.ready).toBe(false);
    expect(before.downloadable.map((model) => model.name)).toEqual(CATALOG.map((model) => model.name));

    server.holdAfter = 1024 * 1024;
    const started = await start('test-tiny');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ name: 'test-tiny', state: 'downloading', totalBytes: synthetic.length, finishedAt: null, message: null });

    const halfway = await until('bytes to arrive', async () => (await download('test-tiny')).body, (body) => body.receivedBytes > 0);
    expect(halfway).toMatchObject({ state: 'downloading', totalBytes: synthetic.length });
    expect(halfway.receivedBytes).toBeLessThanOrEqual(1024 * 1024);
    // A second press while it runs is the same download, not another one.
    const again = await start('test-tiny');
    expect(again.status).toBe(200);
    expect(again.body.startedAt).toBe(started.body.startedAt);
    expect(server.requests).toEqual(['/models/ggml-test-tiny.bin']);
    const list = await hub.request<ModelDownloadList>('GET', '/api/translator/model-downloads', undefined, manager);
    expect(list.body.downloads.map((entry) => [entry.name, entry.state])).toEqual([['test-tiny', 'downloading']]);
    // Half a file is never a model.
    expect((await status()).installedModels).toEqual([]);

    server.holdAfter = null;
    server.release();
    const done = await settled('test-tiny');
    expect(done).toMatchObject({ state: 'done', receivedBytes: synthetic.length, errorCode: null });
    expect(done.finishedAt).not.toBeNull();
    expect(filesInModels()).toEqual(['ggml-test-tiny.bin']);

    const after = await status();
    expect(after).toMatchObject({ ready: true, activeModel: 'test-tiny' });
    expect(after.installedModels).toMatchObject([{ name: 'test-tiny', sizeBytes: synthetic.length, architecture: 'tiny', valid: true }]);
    // And it listens: a real recognition with the model just downloaded.
    const heard = await fetch(`${hub.baseUrl}/api/translator/transcriptions?task=transcribe&language=en`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'audio/wav' },
      body: speakToWav('Good evening'),
    });
    expect(heard.status).toBe(200);
  });

  it('refuses a model that is already installed with 409', async () => {
    const reply = await start('test-tiny');
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ error: 'model_installed', message: 'The test-tiny model is already installed: choose it under Speech model to use it.' });
  });

  it('a file that fails its checksum is reported and not kept', async () => {
    expect((await start('test-damaged')).status).toBe(202);
    const failed = await settled('test-damaged');
    expect(failed).toMatchObject({ state: 'failed', errorCode: 'checksum_mismatch' });
    expect(failed.message).toContain('damaged on the way');
    expect(filesInModels()).toEqual(['ggml-test-tiny.bin']);
  });

  it("a model the server does not have (404) says so in a manager's words", async () => {
    expect((await start('test-missing')).status).toBe(202);
    const failed = await settled('test-missing');
    expect(failed).toMatchObject({ state: 'failed', errorCode: 'not_on_server' });
    expect(failed.message).toContain('does not have the test-missing model');
    expect(filesInModels()).toEqual(['ggml-test-tiny.bin']);
  });

  it('cancel stops a running download and leaves no partial file', async () => {
    server.holdAfter = 64 * 1024;
    expect((await start('test-small')).status).toBe(202);
    await until('bytes to arrive', async () => (await download('test-small')).body, (body) => body.receivedBytes > 0);
    expect(filesInModels()).toContain('ggml-test-small.bin.part');

    const cancelled = await hub.request<ModelDownload>('DELETE', '/api/translator/models/test-small/download', undefined, manager);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect(filesInModels()).toEqual(['ggml-test-tiny.bin']);
    expect((await download('test-small')).body.state).toBe('cancelled');
    expect((await hub.request('DELETE', '/api/translator/models/test-small/download', undefined, manager)).status).toBe(404);
    server.holdAfter = null;
    server.release();
    expect((await status()).installedModels.map((model) => model.name)).toEqual(['test-tiny']);
  });

  it('with the model server down, it fails with the plain message and leaves nothing behind', async () => {
    await server.close();
    expect((await start('test-small')).status).toBe(202);
    const failed = await settled('test-small');
    expect(failed).toMatchObject({ state: 'failed', errorCode: 'unreachable' });
    expect(failed.message?.startsWith(UNREACHABLE_MESSAGE)).toBe(true);
    expect(filesInModels()).toEqual(['ggml-test-tiny.bin']);
  });
});
