import { describe, expect, it } from 'vitest';
import { findCatalogModel, formatMegabytes, modelDownloadUrl, modelsBaseUrl, WHISPER_MODELS } from './catalog.ts';
import { isSafeModelName, modelNameOf } from './model-files.ts';

describe('the model catalog', () => {
  it('has tiny, base and small, each also in English-only form', () => {
    expect(WHISPER_MODELS.map((model) => model.name)).toEqual(['tiny', 'base', 'small', 'tiny.en', 'base.en', 'small.en']);
    expect(WHISPER_MODELS.filter((model) => model.multilingual).map((model) => model.name)).toEqual(['tiny', 'base', 'small']);
  });

  it('names each file ggml-<name>.bin with a safe name and a 40-digit SHA-1', () => {
    for (const model of WHISPER_MODELS) {
      expect(model.file).toBe(`ggml-${model.name}.bin`);
      expect(modelNameOf(model.file)).toBe(model.name);
      expect(isSafeModelName(model.name)).toBe(true);
      expect(model.sha1).toMatch(/^[0-9a-f]{40}$/);
    }
    expect(new Set(WHISPER_MODELS.map((model) => model.sha1)).size).toBe(WHISPER_MODELS.length);
  });

  it('has sizes that round to the MiB figures whisper.cpp publishes (75, 142, 466 MiB)', () => {
    const mib = Object.fromEntries(WHISPER_MODELS.map((model) => [model.name, Math.round(model.sizeBytes / 2 ** 20)]));
    // The README rounds 74.1 up to 75 for tiny; the others are plain rounding.
    expect(mib).toEqual({ tiny: 74, 'tiny.en': 74, base: 141, 'base.en': 141, small: 465, 'small.en': 465 });
    expect(Math.ceil(findCatalogModel('tiny')!.sizeBytes / 2 ** 20)).toBe(75);
    expect(Math.ceil(findCatalogModel('base')!.sizeBytes / 2 ** 20)).toBe(142);
    expect(Math.ceil(findCatalogModel('small')!.sizeBytes / 2 ** 20)).toBe(466);
  });

  it('downloads from Hugging Face unless MODELS_BASE_URL names a mirror', () => {
    const base = findCatalogModel('base')!;
    expect(modelDownloadUrl(base, modelsBaseUrl({}))).toBe('https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.bin');
    expect(modelDownloadUrl(base, modelsBaseUrl({ MODELS_BASE_URL: ' http://mirror.local/whisper/ ' }))).toBe(
      'http://mirror.local/whisper/ggml-base.bin',
    );
    expect(modelsBaseUrl({ MODELS_BASE_URL: '' })).toBe('https://huggingface.co/ggerganov/whisper.cpp/resolve/main');
  });

  it('finds models by exact name only', () => {
    expect(findCatalogModel('small.en')?.file).toBe('ggml-small.en.bin');
    expect(findCatalogModel('Small')).toBeNull();
    expect(findCatalogModel('medium')).toBeNull();
  });

  it('shows sizes in decimal megabytes', () => {
    expect(formatMegabytes(147_951_465)).toBe('148.0 MB');
    expect(formatMegabytes(0)).toBe('0.0 MB');
  });
});
