import { RefusalError } from '@onemoment/shared/refusal';

/**
 * Errors that reach a person. Each carries an HTTP status, a stable machine code and a sentence that
 * says what happened and, where it can, what to do next.
 */
export class HubError extends RefusalError {
  constructor(statusCode: number, code: string, message: string, details?: Record<string, unknown>) {
    super(statusCode, code, message, details);
    this.name = 'HubError';
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new HubError(400, code, message, details);
export const unauthorized = (message = 'Log in again: your session is missing or has expired.') =>
  new HubError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role cannot do this.') => new HubError(403, 'forbidden', message);
export const notFound = (what: string) => new HubError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new HubError(409, code, message, details);
export const tooManyRequests = (code: string, message: string) => new HubError(429, code, message);
