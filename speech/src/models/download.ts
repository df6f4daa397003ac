// Downloads a Whisper model into the models folder so that a file named ggml-<name>.bin is always
// whole and checked: bytes go to `<file>.part` while they are hashed, and only a part with the
// published size and SHA-1 is synced and renamed into place. A cut connection keeps the part, and the
// next run asks the server for the rest (HTTP Range) instead of starting a 466 MB download over.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { findCatalogModel, formatMegabytes, modelDownloadUrl, modelsBaseUrl, WHISPER_MODELS, type CatalogModel } from './catalog.ts';
import { modelPath } from './model-files.ts';

export interface DownloadProgress {
  /** Bytes in the part file so far, including any resumed from an earlier run. */
  receivedBytes: number;
  totalBytes: number;
  /** Bytes that an earlier run had already downloaded (0 for a fresh download). */
  resumedFromBytes: number;
}

export interface DownloadModelOptions {
  name: string;
  modelsDir: string;
  /** Defaults to MODELS_BASE_URL, then Hugging Face. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  onProgress?: (progress: DownloadProgress) => void;
  /** Aborting keeps the part file, so the next run resumes. */
  signal?: AbortSignal;
  /** Defaults to the published models; tests and mirrors pass their own entries. */
  catalog?: readonly CatalogModel[];
}

export interface DownloadResult {
  model: CatalogModel;
  path: string;
  url: string;
  /** False when the file was already there with the right checksum and nothing was fetched. */
  downloaded: boolean;
  resumedFromBytes: number;
}

export type ModelDownloadErrorCode =
  | 'unknown_model'
  | 'unreachable'
  | 'http_error'
  | 'wrong_size'
  | 'interrupted'
  | 'checksum_mismatch';

export class ModelDownloadError extends Error {
  /** The server's HTTP status for http_error (a 404 means a wrong mirror, a 503 a busy one). */
  readonly status: number | null;

  constructor(
    readonly code: ModelDownloadErrorCode,
    message: string,
    readonly url: string | null,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModelDownloadError';
    this.status = options?.status ?? null;
  }
}

// Every failure a venue can hit offline ends with this, so nobody thinks the hub itself is broken.
const WORKS_WITHOUT_MODEL =
  'The hub works without a speech model (guests can still type and tap phrases); speech-to-text starts once a model is installed.';

export async function downloadModel(options: DownloadModelOptions): Promise<DownloadResult> {
  const catalog = options.catalog ?? WHISPER_MODELS;
  const model = findCatalogModel(options.name, catalog);
  if (!model) {
    throw new ModelDownloadError(
      'unknown_model',
      `There is no model "${options.name}" to download: choose one of ${catalog.map((m) => m.name).join(', ')}.`,
      null,
    );
  }
  const path = modelPath(options.modelsDir, model.name);
  const url = modelDownloadUrl(model, options.baseUrl ?? modelsBaseUrl());
  const result = { model, path, url };
  await mkdir(dirname(path), { recursive: true });

  if (await hasChecksum(path, model)) return { ...result, downloaded: false, resumedFromBytes: 0 };

  const partPath = `${path}.part`;
  const kept = await usablePart(partPath, model);
  const resumedFromBytes = kept === model.sizeBytes ? kept : await fetchIntoPart({ ...options, model, url, partPath, kept });
  await moveIntoPlace(partPath, path);
  return { ...result, downloaded: true, resumedFromBytes };
}

async function hasChecksum(path: string, model: CatalogModel): Promise<boolean> {
  const size = await fileSize(path);
  return size === model.sizeBytes && (await sha1OfFile(path)) === model.sha1;
}

/**
 * How many bytes of an earlier part file are worth keeping. A part of the full size is a download
 * that finished but was not yet renamed (a crash in between): it is kept only if its checksum is right.
 */
async function usablePart(partPath: string, model: CatalogModel): Promise<number> {
  const size = await fileSize(partPath);
  if (size === null || size === 0) return 0;
  if (size < model.sizeBytes) return size;
  if (size === model.sizeBytes && (await sha1OfFile(partPath)) === model.sha1) return size;
  await rm(partPath, { force: true });
  return 0;
}

interface FetchPlan extends DownloadModelOptions {
  model: CatalogModel;
  url: string;
  partPath: string;
  /** Bytes already in the part file. */
  kept: number;
}

/** Fetches the missing bytes into the part file and checks the whole; returns how many were resumed. */
async function fetchIntoPart(plan: FetchPlan): Promise<number> {
  let response = await request(plan, plan.kept);
  let start = plan.kept > 0 ? resumeOffset(response, plan.kept) : 0;
  if (start === null) {
    // The server cannot continue this part (416, or a range we did not ask for): start over.
    await response.body?.cancel();
    response = await request(plan, 0);
    start = 0;
  }
  checkDeclaredSize(response, start, plan);

  const hash = createHash('sha1');
  if (start > 0) await hashFile(plan.partPath, hash);
  // 'w' truncates: a server that ignored our Range (200) is sending the file from its first byte.
  const handle = await open(plan.partPath, start > 0 ? 'a' : 'w');
  try {
    const received = await streamBody(response, handle, hash, start, plan);
    if (received < plan.model.sizeBytes) {
      throw interrupted(plan, received, new Error('the server ended the file early'));
    }
    const sha1 = hash.digest('hex');
    if (sha1 !== plan.model.sha1) {
      await handle.close();
      await rm(plan.partPath, { force: true });
      throw new ModelDownloadError(
        'checksum_mismatch',
        `${plan.model.file} from ${plan.url} has SHA-1 ${sha1}, not the published ${plan.model.sha1}: ` +
          'the file was damaged on the way or the server has a different file. The partial file was deleted; run the download again.',
        plan.url,
      );
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
  return start;
}

async function request(plan: FetchPlan, from: number): Promise<Response> {
  const fetchImpl = plan.fetchImpl ?? fetch;
  // identity: a compressed answer would make Content-Length and Range count different bytes.
  const headers: Record<string, string> = { 'accept-encoding': 'identity', ...(from > 0 ? { range: `bytes=${from}-` } : {}) };
  let response: Response;
  try {
    // Hugging Face answers with a redirect to its CDN; fetch follows it and keeps the Range header.
    response = await fetchImpl(plan.url, { headers, redirect: 'follow', signal: plan.signal });
  } catch (error) {
    if (plan.signal?.aborted) throw error;
    throw new ModelDownloadError(
      'unreachable',
      `Could not reach ${plan.url} (${reasonOf(error)}). ${WORKS_WITHOUT_MODEL} ` +
        `Without internet, copy ${plan.model.file} into the models folder from a computer that has it.`,
      plan.url,
      { cause: error },
    );
  }
  if (response.ok || (from > 0 && response.status === 416)) return response;
  await response.body?.cancel();
  throw new ModelDownloadError(
    'http_error',
    `${plan.url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}. ${WORKS_WITHOUT_MODEL}`,
    plan.url,
    { status: response.status },
  );
}

/** Where the body starts: `from` for a matching 206, 0 for a 200, null when we must ask again. */
function resumeOffset(response: Response, from: number): number | null {
  if (response.status === 200) return 0;
  if (response.status !== 206) return null;
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  return match && Number(match[1]) === from ? from : null;
}

function checkDeclaredSize(response: Response, start: number, plan: FetchPlan): void {
  const length = response.headers.get('content-length');
  if (length === null) return;
  const declared = start + Number(length);
  if (declared === plan.model.sizeBytes) return;
  void response.body?.cancel();
  throw new ModelDownloadError(
    'wrong_size',
    `${plan.url} serves ${declared} bytes, but ${plan.model.file} is ${plan.model.sizeBytes} bytes: ` +
      'this server has a different file. Check MODELS_BASE_URL.',
    plan.url,
  );
}

async function streamBody(response: Response, handle: FileHandle, hash: Hash, start: number, plan: FetchPlan): Promise<number> {
  const total = plan.model.sizeBytes;
  let received = start;
  if (!response.body) return received;
  try {
    // Node's web streams are async iterable; the cast keeps a DOM-typed build (the e2e tests) compiling too.
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      // Without a Content-Length, a wrong server could fill the disk: stop at the published size.
      if (received + chunk.byteLength > total) {
        throw new ModelDownloadError('wrong_size', `${plan.url} sent more than the ${total} bytes of ${plan.model.file}: this server has a different file.`, plan.url);
      }
      hash.update(chunk);
      await handle.write(chunk);
      received += chunk.byteLength;
      plan.onProgress?.({ receivedBytes: received, totalBytes: total, resumedFromBytes: start });
    }
  } catch (error) {
    if (error instanceof ModelDownloadError) {
      await handle.close();
      await rm(plan.partPath, { force: true });
      throw error;
    }
    if (plan.signal?.aborted) throw error;
    throw interrupted(plan, received, error);
  }
  return received;
}

function interrupted(plan: FetchPlan, received: number, cause: unknown): ModelDownloadError {
  return new ModelDownloadError(
    'interrupted',
    `The download from ${plan.url} stopped after ${formatMegabytes(received)} of ${formatMegabytes(plan.model.sizeBytes)} ` +
      `(${reasonOf(cause)}); run it again to continue where it stopped. ${WORKS_WITHOUT_MODEL}`,
    plan.url,
    { cause },
  );
}

async function moveIntoPlace(partPath: string, path: string): Promise<void> {
  // The rename must never publish a file whose bytes are still only in the page cache (a part left
  // by an earlier run was checked by reading it, which proves nothing about the disk).
  const part = await open(partPath, 'r+');
  try {
    await part.sync();
  } finally {
    await part.close();
  }
  await rename(partPath, path);
  // The rename itself lives in the folder: sync it too, or a power cut can bring the part back.
  const folder = await open(dirname(path), 'r').catch(() => null);
  if (!folder) return;
  try {
    await folder.sync();
  } catch {
    // Some platforms cannot sync a folder; the file's own data is already synced.
  } finally {
    await folder.close();
  }
}

async function fileSize(path: string): Promise<number | null> {
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? info.size : null;
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

async function sha1OfFile(path: string): Promise<string> {
  const hash = createHash('sha1');
  await hashFile(path, hash);
  return hash.digest('hex');
}

// fetch wraps network failures as "fetch failed"; the useful part (ECONNREFUSED, "other side
// closed") is the innermost cause.
function reasonOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth++) current = current.cause;
  if (!(current instanceof Error)) return String(current);
  const code = (current as NodeJS.ErrnoException).code;
  return code && /^E[A-Z]+$/.test(code) ? code : current.message;
}
