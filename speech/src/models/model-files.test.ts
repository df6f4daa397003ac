import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GGML_FILE_MAGIC, InvalidModelNameError, listInstalledModels, modelPath, parseModelHeader } from './model-files.ts';
import { ggmlHeader, HEADERS } from '../../test/support/model-headers.ts';

describe('parseModelHeader', () => {
  it('reads a hand-written tiny header: eleven hyper-parameters, architecture from the audio layers', () => {
    const reading = parseModelHeader(ggmlHeader(HEADERS.tiny));

    expect(reading).toEqual({
      ok: true,
      architecture: 'tiny',
      multilingual: true,
      hparams: {
        nVocab: 51_865,
        nAudioCtx: 1500,
        nAudioState: 384,
        nAudioHead: 6,
        nAudioLayer: 4,
        nTextCtx: 448,
        nTextState: 384,
        nTextHead: 6,
        nTextLayer: 4,
        nMels: 80,
        ftype: 1,
      },
    });
  });

  it('tells English-only models (51,864 tokens) from multilingual ones, and knows large-v3', () => {
    expect(parseModelHeader(ggmlHeader(HEADERS.baseEn))).toMatchObject({ ok: true, architecture: 'base', multilingual: false });
    expect(parseModelHeader(ggmlHeader(HEADERS.small))).toMatchObject({ ok: true, architecture: 'small', multilingual: true });
    expect(parseModelHeader(ggmlHeader(HEADERS.largeV3))).toMatchObject({ ok: true, architecture: 'large', multilingual: true });
    expect(parseModelHeader(ggmlHeader({ ...HEADERS.tiny, nAudioLayer: 5 }))).toMatchObject({ ok: true, architecture: 'unknown' });
  });

  it('reads the magic as little-endian: the file starts with "lmgg"', () => {
    const header = ggmlHeader(HEADERS.tiny);
    expect(Buffer.from(header.subarray(0, 4)).toString('latin1')).toBe('lmgg');
    expect(new DataView(header.buffer).getUint32(0, true)).toBe(GGML_FILE_MAGIC);
  });

  it('rejects garbage, GGUF, short and empty files, and a header with a wild value, with the reason', () => {
    const garbage = Buffer.from('This is a text file and certainly not a Whisper model at all.');
    expect(parseModelHeader(garbage)).toEqual({ ok: false, problem: 'not a whisper.cpp model: it starts with 0x73696854, not the ggml magic 0x67676d6c' });
    const gguf = Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(60)]);
    expect(parseModelHeader(gguf)).toMatchObject({ ok: false, problem: expect.stringContaining('GGUF') });
    expect(parseModelHeader(ggmlHeader(HEADERS.tiny).subarray(0, 20))).toEqual({
      ok: false,
      problem: 'the file is 20 bytes, too short for a model header (48)',
    });
    expect(parseModelHeader(new Uint8Array(0))).toEqual({ ok: false, problem: 'the file is empty' });
    expect(parseModelHeader(ggmlHeader({ ...HEADERS.tiny, nMels: -3 }))).toEqual({ ok: false, problem: 'the header is damaged: nMels is -3' });
  });
});

describe('listInstalledModels', () => {
  let modelsDir: string;
  beforeEach(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'models-files-'));
  });
  afterEach(async () => {
    await rm(modelsDir, { recursive: true, force: true });
  });

  const withWeights = (header: Uint8Array, weights = 1000) => Buffer.concat([header, Buffer.alloc(weights, 7)]);

  it('lists .bin files by header, skipping part files, other files and folders', async () => {
    await writeFile(join(modelsDir, 'ggml-tiny.bin'), withWeights(ggmlHeader(HEADERS.tiny)));
    await writeFile(join(modelsDir, 'ggml-base.en.bin'), withWeights(ggmlHeader(HEADERS.baseEn), 2000));
    await writeFile(join(modelsDir, 'ggml-small.bin.part'), ggmlHeader(HEADERS.small));
    await writeFile(join(modelsDir, 'README.txt'), 'models go here');
    await mkdir(join(modelsDir, 'old.bin'));

    expect(await listInstalledModels(modelsDir)).toEqual([
      { name: 'base.en', file: 'ggml-base.en.bin', sizeBytes: 2048, architecture: 'base', multilingual: false, valid: true },
      { name: 'tiny', file: 'ggml-tiny.bin', sizeBytes: 1048, architecture: 'tiny', multilingual: true, valid: true },
    ]);
  });

  it('lists unusable files as not valid, with the reason', async () => {
    await writeFile(join(modelsDir, 'ggml-junk.bin'), Buffer.from('{"not":"a model"}'.repeat(10)));
    await writeFile(join(modelsDir, 'ggml-empty.bin'), '');
    await writeFile(join(modelsDir, 'ggml-Big Model.bin'), withWeights(ggmlHeader(HEADERS.small)));
    await writeFile(join(modelsDir, 'ggml-tiny.bin'), withWeights(ggmlHeader(HEADERS.tiny)));
    await writeFile(join(modelsDir, 'tiny.bin'), withWeights(ggmlHeader(HEADERS.tiny)));

    const models = await listInstalledModels(modelsDir);

    expect(models.map(({ name, file, valid, problem }) => ({ name, file, valid, problem }))).toEqual([
      { name: 'Big Model', file: 'ggml-Big Model.bin', valid: false, problem: expect.stringContaining('rename the file') },
      { name: 'empty', file: 'ggml-empty.bin', valid: false, problem: 'the file is empty' },
      { name: 'junk', file: 'ggml-junk.bin', valid: false, problem: expect.stringContaining('not a whisper.cpp model') },
      { name: 'tiny', file: 'ggml-tiny.bin', valid: true, problem: undefined },
      { name: 'tiny', file: 'tiny.bin', valid: false, problem: 'ggml-tiny.bin already has the name "tiny": remove or rename this file' },
    ]);
    expect(models.find((model) => model.file === 'ggml-junk.bin')).toMatchObject({ architecture: 'unknown', multilingual: false });
  });

  it('is empty for a folder that does not exist yet', async () => {
    expect(await listInstalledModels(join(modelsDir, 'not-yet'))).toEqual([]);
  });
});

describe('modelPath', () => {
  it('names ggml-<name>.bin inside the folder', () => {
    expect(modelPath('/srv/models', 'base')).toBe(resolve('/srv/models/ggml-base.bin'));
    expect(modelPath('/srv/models', 'small.en')).toBe(resolve('/srv/models/ggml-small.en.bin'));
    expect(modelPath('/srv/models', 'large-v3_q5')).toBe(resolve('/srv/models/ggml-large-v3_q5.bin'));
  });

  it.each(['../base', 'a/b', 'a\\b', '..', 'x..y', '.hidden', 'Base', 'base bin', '', 'tiny\0', 'größe'])('refuses %j', (name) => {
    expect(() => modelPath('/srv/models', name)).toThrow(InvalidModelNameError);
  });

  it('says what a model name may contain', () => {
    expect(() => modelPath('/srv/models', '../../etc/passwd')).toThrow(
      '"../../etc/passwd" is not a model name: use lower-case letters, digits, ".", "_" and "-" only, like "base" or "small.en".',
    );
  });
});
