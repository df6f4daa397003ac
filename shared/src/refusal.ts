/**
 * What a refused request tells a person: the HTTP status a server answers it with, a stable machine
 * code, a sentence that says what happened and what to do, and optional details sent beside them
 * (`retryAfterSeconds` also becomes the Retry-After header). Pure: the engines (speech) throw it
 * without knowing HTTP, and the servers' error handler sends it as it is.
 */
export interface Refusal {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly details?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;
}

/** The base class of the hub's and the engines' refusals (HubError, SpeechError). */
export class RefusalError extends Error implements Refusal {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RefusalError';
  }
}
