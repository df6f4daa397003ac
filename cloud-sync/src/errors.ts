import type { Refusal } from '@onemoment/shared/server/error-handler';

/** Errors that reach a person: an HTTP status, a stable machine code and a sentence saying what to do. */
export class CloudError extends Error implements Refusal {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Sent as `retry-after` (seconds): when the same request may succeed. */
    readonly retryAfterSeconds?: number,
    /** Sent beside error and message, for programs (e.g. both sides of a venue mismatch). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export const badRequest = (code: string, message: string) => new CloudError(400, code, message);
export const unauthorized = (message = 'Log in again: your session is missing or has expired.') => new CloudError(401, 'unauthorized', message);
export const notFound = (what: string) => new CloudError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: string, message: string) => new CloudError(409, code, message);
export const tooManyAttempts = (code: string, message: string, retryAfterMs: number) =>
  new CloudError(429, code, message, Math.max(1, Math.ceil(retryAfterMs / 1000)));
