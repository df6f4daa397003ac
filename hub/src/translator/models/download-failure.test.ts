import { describe, expect, it } from 'vitest';
import { ModelDownloadError } from '@onemoment/speech/models/download';
import { describeDownloadFailure, errnoOf, UNREACHABLE_MESSAGE } from './download-failure.ts';

const base = { name: 'base', sizeBytes: 147_951_465 };
const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });
const speechError = (code: ConstructorParameters<typeof ModelDownloadError>[0], options?: { cause?: unknown; status?: number }) =>
  new ModelDownloadError(code, 'a CLI sentence with https://example.test/ggml-base.bin in it', 'https://example.test/ggml-base.bin', options);

describe('describeDownloadFailure', () => {
  it('says the server could not be reached in plain words, with no URL', () => {
    const failure = describeDownloadFailure(speechError('unreachable', { cause: new TypeError('fetch failed', { cause: errno('ECONNREFUSED') }) }), base);
    expect(failure.code).toBe('unreachable');
    expect(failure.message.startsWith(UNREACHABLE_MESSAGE)).toBe(true);
    expect(failure.message).not.toContain('http');
    expect(failure.keepPart).toBe(false);
  });

  it('tells a 404 from the server apart from other HTTP answers', () => {
    expect(describeDownloadFailure(speechError('http_error', { status: 404 }), base)).toMatchObject({ code: 'not_on_server', keepPart: false });
    const busy = describeDownloadFailure(speechError('http_error', { status: 503 }), base);
    expect(busy.code).toBe('http_error');
    expect(busy.message).toContain('HTTP 503');
  });

  it('reports a damaged file, which is not kept', () => {
    const failure = describeDownloadFailure(speechError('checksum_mismatch'), base);
    expect(failure).toMatchObject({ code: 'checksum_mismatch', keepPart: false });
    expect(failure.message).toContain('damaged on the way');
  });

  it('finds a full disk anywhere in the chain of causes, and frees the space', () => {
    const cut = speechError('interrupted', { cause: errno('ENOSPC') });
    expect(describeDownloadFailure(cut, base)).toMatchObject({ code: 'disk_full', keepPart: false });
    const raw = describeDownloadFailure(errno('ENOSPC'), base);
    expect(raw.message).toBe("The hub's disk is full: the base model needs 148.0 MB. Free some space on the hub, or download a smaller model, then try again.");
  });

  it('keeps the part of a cut connection so that Retry continues', () => {
    const failure = describeDownloadFailure(speechError('interrupted', { cause: errno('ECONNRESET') }), base);
    expect(failure).toMatchObject({ code: 'interrupted', keepPart: true });
    expect(failure.message).toContain('ECONNRESET');
    expect(failure.message).toContain('continues where it stopped');
  });

  it('names a folder the hub may not write into', () => {
    expect(describeDownloadFailure(errno('EACCES'), base).code).toBe('no_permission');
  });

  it('says something useful for anything else', () => {
    const failure = describeDownloadFailure(new Error('disk on fire'), base);
    expect(failure).toMatchObject({ code: 'failed', keepPart: false });
    expect(failure.message).toContain('disk on fire');
  });
});

describe('errnoOf', () => {
  it('walks the causes and ignores codes that are not errno codes', () => {
    expect(errnoOf(new Error('outer', { cause: new Error('mid', { cause: errno('ENOSPC') }) }))).toBe('ENOSPC');
    expect(errnoOf(Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }))).toBeNull();
    expect(errnoOf('not an error')).toBeNull();
  });
});
