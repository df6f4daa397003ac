import { describe, expect, it } from 'vitest';
import type { ModelDownload } from '@onemoment/shared/schemas/translator';
import { isDownloading, justFinished, notInstalled, shownDownloads, withDownload } from './model-download-state.ts';

const download = (name: string, state: ModelDownload['state']): ModelDownload => ({
  name,
  state,
  receivedBytes: 0,
  totalBytes: 100,
  startedAt: '2025-01-01T10:00:00.000Z',
  finishedAt: null,
  errorCode: null,
  message: null,
});

describe('the model download view', () => {
  it('notices a download that has just finished, once', () => {
    const running = [download('base', 'downloading')];
    const done = [download('base', 'done')];
    expect(justFinished(running, done)).toEqual(['base']);
    expect(justFinished(done, done)).toEqual([]);
    expect(justFinished([], [download('tiny', 'failed')])).toEqual([]);
  });

  it('replaces a download by name and shows only running and failed ones', () => {
    const list = withDownload([download('base', 'failed'), download('tiny', 'done')], download('base', 'downloading'));
    expect(list.map((entry) => [entry.name, entry.state])).toEqual([['tiny', 'done'], ['base', 'downloading']]);
    expect(shownDownloads([...list, download('small', 'cancelled'), download('small.en', 'failed')]).map((entry) => entry.name)).toEqual(['base', 'small.en']);
    expect(isDownloading(list, 'base')).toBe(true);
    expect(isDownloading(list, 'tiny')).toBe(false);
  });

  it('offers the catalogue models that have no usable file', () => {
    const installed = (name: string, valid: boolean) => ({ name, sizeBytes: 1, architecture: 'tiny', multilingual: true, valid });
    const status = {
      downloadable: [{ name: 'tiny', sizeBytes: 1 }, { name: 'base', sizeBytes: 2 }, { name: 'small', sizeBytes: 3 }],
      installedModels: [installed('tiny', true), installed('base', false)],
    };
    expect(notInstalled(status).map((model) => model.name)).toEqual(['base', 'small']);
  });
});
