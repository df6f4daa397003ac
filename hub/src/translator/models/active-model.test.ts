import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidModelNameError, type ModelHyperParameters } from '@onemoment/speech/models/model-files';
import { writeSyntheticModel } from '@onemoment/speech/whisper/synthetic-model';
import { ggmlHeader, HEADERS } from '../../../../speech/test/support/model-headers.ts';
import { openStore, type Store } from '../../db/connection.ts';
import { ACTIVE_MODEL_SETTING, activeModel, chooseActiveModel, ModelNotUsableError } from './active-model.ts';

let dataDir: string;
let modelsDir: string;
let store: Store;
const now = new Date('2026-06-01T12:00:00Z');

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'models-active-'));
  modelsDir = join(dataDir, 'models');
  await mkdir(modelsDir);
  store = openStore(dataDir);
});

afterEach(async () => {
  store.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function install(name: string, header: ModelHyperParameters, weights = 1000): Promise<void> {
  await writeFile(join(modelsDir, `ggml-${name}.bin`), Buffer.concat([ggmlHeader(header), Buffer.alloc(weights)]));
}

const settingRow = () =>
  store.sqlite.prepare('SELECT key, value, updated_at AS updatedAt FROM translator_settings WHERE key = ?').get(ACTIVE_MODEL_SETTING);

describe('activeModel', () => {
  it('is null with no usable model installed', async () => {
    expect(await activeModel(store.sqlite, modelsDir)).toBeNull();
    await writeFile(join(modelsDir, 'ggml-junk.bin'), 'not a model, just some words in a file');
    expect(await activeModel(store.sqlite, modelsDir)).toBeNull();
  });

  it('is the only valid model when exactly one is installed, unchosen', async () => {
    await install('base', HEADERS.base);
    await writeFile(join(modelsDir, 'ggml-junk.bin'), 'not a model, just some words in a file');

    expect(await activeModel(store.sqlite, modelsDir)).toMatchObject({ name: 'base', architecture: 'base', selectedBy: 'only-model' });
  });

  it('treats the synthetic test model like any ggml model', async () => {
    const { sizeBytes } = writeSyntheticModel(modelsDir);

    expect(await activeModel(store.sqlite, modelsDir)).toEqual({
      name: 'synthetic-tiny',
      file: 'ggml-synthetic-tiny.bin',
      sizeBytes,
      architecture: 'tiny',
      multilingual: true,
      valid: true,
      selectedBy: 'only-model',
    });
  });

  it('guesses the largest multilingual model when several are installed and none is chosen', async () => {
    await install('tiny', HEADERS.tiny);
    await install('small.en', HEADERS.smallEn);
    await install('base', HEADERS.base);

    expect(await activeModel(store.sqlite, modelsDir)).toMatchObject({ name: 'base', selectedBy: 'best-guess' });

    await unlink(join(modelsDir, 'ggml-base.bin'));
    await unlink(join(modelsDir, 'ggml-tiny.bin'));
    await install('tiny.en', { ...HEADERS.tiny, nVocab: 51_864 });
    expect(await activeModel(store.sqlite, modelsDir)).toMatchObject({ name: 'small.en', selectedBy: 'best-guess' });
  });

  it("follows the manager's choice, stored in translator_settings, across a restart", async () => {
    await install('tiny', HEADERS.tiny);
    await install('base', HEADERS.base);

    const chosen = await chooseActiveModel(store.sqlite, modelsDir, 'tiny', now);

    expect(chosen).toMatchObject({ name: 'tiny', selectedBy: 'manager' });
    expect(settingRow()).toEqual({ key: 'active_model', value: 'tiny', updatedAt: '2026-06-01T12:00:00.000Z' });
    store.close();
    store = openStore(dataDir);
    expect(await activeModel(store.sqlite, modelsDir)).toMatchObject({ name: 'tiny', selectedBy: 'manager' });

    const later = new Date('2026-06-02T08:30:00Z');
    await chooseActiveModel(store.sqlite, modelsDir, 'base', later);
    expect(settingRow()).toEqual({ key: 'active_model', value: 'base', updatedAt: '2026-06-02T08:30:00.000Z' });
    expect(await activeModel(store.sqlite, modelsDir)).toMatchObject({ name: 'base', selectedBy: 'manager' });
  });

  it('falls back to the files when the chosen model was removed or damaged', async () => {
    await install('tiny', HEADERS.tiny);
    await install('base', HEADERS.base);
    await chooseActiveModel(store.sqlite, modelsDir, 'tiny', now);

    await writeFile(join(modelsDir, 'ggml-tiny.bin'), 'overwritten by mistake');
    expect(await activeModel(store.sqlite, modelsDir)).toMatchObject({ name: 'base', selectedBy: 'only-model' });

    await unlink(join(modelsDir, 'ggml-tiny.bin'));
    await install('small', HEADERS.small);
    expect(await activeModel(store.sqlite, modelsDir)).toMatchObject({ name: 'small', selectedBy: 'best-guess' });
  });
});

describe('chooseActiveModel', () => {
  async function refusal(name: string): Promise<Error> {
    return chooseActiveModel(store.sqlite, modelsDir, name, now).then(
      () => {
        throw new Error(`choosing "${name}" should have been refused`);
      },
      (error: unknown) => error as Error,
    );
  }

  it('refuses a model that is not installed, naming those that are', async () => {
    await install('tiny', HEADERS.tiny);

    const error = await refusal('small');

    expect(error).toBeInstanceOf(ModelNotUsableError);
    expect(error).toMatchObject({ statusCode: 409, code: 'model_not_installed', modelName: 'small' });
    expect(error.message).toBe('The model "small" is not installed. Installed: tiny.');
    expect(settingRow()).toBeUndefined();
  });

  it('points to the Translator page download when nothing is installed', async () => {
    const error = await refusal('base');
    expect(error.message).toBe('The model "base" is not installed. Download one first with a Download button under Speech model on the Translator page.');
  });

  it('refuses a file whose header is not a model, with the reason', async () => {
    await writeFile(join(modelsDir, 'ggml-broken.bin'), 'GGUF and then nothing useful at all, 48 bytes or more.');

    const error = await refusal('broken');

    expect(error).toMatchObject({ code: 'model_not_valid' });
    expect(error.message).toContain('ggml-broken.bin cannot be used: this is a GGUF file');
  });

  it('refuses a name that could reach outside the models folder', async () => {
    const error = await refusal('../hub');

    expect(error).toBeInstanceOf(InvalidModelNameError);
    expect(error).toMatchObject({ statusCode: 400, code: 'invalid_model_name' });
  });
});
