// What a failed model download means to a restaurant manager. The speech engine's errors are written for
// whoever runs the CLI (URLs, MODELS_BASE_URL, "run it again"); the Translator page needs a sentence
// that says what happened and what to do, in words a manager uses. Pure: the error in, the words out.
import { formatMegabytes } from '@onemoment/speech/models/catalog';
import { ModelDownloadError } from '@onemoment/speech/models/download';

export type DownloadFailureCode =
  | 'unreachable'
  | 'not_on_server'
  | 'http_error'
  | 'checksum_mismatch'
  | 'wrong_size'
  | 'interrupted'
  | 'disk_full'
  | 'no_permission'
  | 'failed';

export interface DownloadFailure {
  code: DownloadFailureCode;
  message: string;
  /**
   * Whether the part file is worth keeping: only bytes that arrived whole from the right server, cut
   * short by the connection, so that Retry continues where it stopped. A full disk, a wrong file or a
   * failure before any byte arrived leaves nothing behind.
   */
  keepPart: boolean;
}

export interface FailedModel {
  name: string;
  sizeBytes: number;
}

export const UNREACHABLE_MESSAGE =
  "The hub could not reach the model server: check the venue's internet connection and try again.";

// Said after every failure, so nobody thinks the hub itself is broken.
const STILL_WORKS = 'The translator still works without it: phrases and typed text need no model.';

export function describeDownloadFailure(error: unknown, model: FailedModel): DownloadFailure {
  const errno = errnoOf(error);
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    return {
      code: 'disk_full',
      message: `The hub's disk is full: the ${model.name} model needs ${formatMegabytes(model.sizeBytes)}. Free some space on the hub, or download a smaller model, then try again.`,
      keepPart: false,
    };
  }
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') {
    return {
      code: 'no_permission',
      message: `The hub may not write into its models folder (${errno}), so the ${model.name} model could not be saved. Ask whoever installed the hub to fix the folder's permissions.`,
      keepPart: false,
    };
  }
  if (!(error instanceof ModelDownloadError)) {
    return { code: 'failed', message: `The ${model.name} model could not be downloaded (${reasonOf(error)}). Try again. ${STILL_WORKS}`, keepPart: false };
  }
  switch (error.code) {
    case 'unreachable':
      return { code: 'unreachable', message: `${UNREACHABLE_MESSAGE} ${STILL_WORKS}`, keepPart: false };
    case 'http_error':
      return error.status === 404
        ? {
            code: 'not_on_server',
            message: `The model server does not have the ${model.name} model (it answered "not found"). If the hub downloads from its own model server (MODELS_BASE_URL), ask whoever set it up to check it.`,
            keepPart: false,
          }
        : {
            code: 'http_error',
            message: `The model server refused the download (HTTP ${error.status ?? 'error'}); it may be busy. Try again later. ${STILL_WORKS}`,
            keepPart: false,
          };
    case 'checksum_mismatch':
      return {
        code: 'checksum_mismatch',
        message: `The downloaded ${model.name} model was damaged on the way (its checksum is wrong), so it was deleted and not installed. Try again; if it happens again, the model server has a different file.`,
        keepPart: false,
      };
    case 'wrong_size':
      return {
        code: 'wrong_size',
        message: `The model server sent a file of the wrong size for the ${model.name} model, so nothing was installed. If the hub downloads from its own model server (MODELS_BASE_URL), ask whoever set it up to check it.`,
        keepPart: false,
      };
    case 'interrupted':
      return {
        code: 'interrupted',
        message: `The connection to the model server was lost (${reasonOf(error.cause)}). Check the venue's internet connection and press Retry: the download continues where it stopped.`,
        keepPart: true,
      };
    case 'unknown_model':
      return { code: 'failed', message: error.message, keepPart: false };
  }
}

/** The first errno code (ENOSPC, ECONNRESET...) in an error's chain of causes. */
export function errnoOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    current = current.cause;
  }
  return null;
}

function reasonOf(error: unknown): string {
  const code = errnoOf(error);
  if (code) return code;
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
