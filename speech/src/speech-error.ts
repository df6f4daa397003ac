import { RefusalError } from '@onemoment/shared/refusal';

/**
 * A refusal that reaches a person: a stable machine code, a sentence that says what happened and what
 * to do, and the HTTP status a server answers it with (the engine itself speaks no HTTP; the hub's
 * error handler sends a SpeechError exactly as it sends its own errors).
 */
export class SpeechError extends RefusalError {
  constructor(statusCode: number, code: string, message: string, details?: Record<string, unknown>) {
    super(statusCode, code, message, details);
    this.name = 'SpeechError';
  }
}
