import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/*
 * How the hub and the cloud answer errors over HTTP: every error leaves as `{ error, message }`.
 *
 * `shared/src/server/` is for the two Fastify services only: no browser bundle imports it. It imports
 * Fastify's types and nothing at run time (each service passes its own Fastify instance), so shared
 * gains no dependency to load, and the pages that bundle shared/src/client never reach it.
 */

/** An answer: HTTP status, stable machine code, and a sentence a person can act on. */
export interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
}

/**
 * An error a service raises on purpose (HubError, CloudError, SpeechError) is sent as it is, with its
 * details beside error and message. A `retryAfterSeconds` (its own, or in its details) is sent as the
 * `retry-after` header that clients and proxies read too.
 */
import type { Refusal } from '../refusal.ts';

export type { Refusal };

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Turns a schema failure into one sentence a developer or a person can act on. */
export function describeValidation(issues: ValidationIssue[], context: string | undefined): string {
  const issue = issues[0];
  if (!issue) return 'The request is not valid.';
  const where = `${context ?? 'body'}${issue.instancePath ? issue.instancePath.replaceAll('/', '.') : ''}`;
  if (issue.keyword === 'additionalProperties') {
    return `${where} has a field this API does not know: "${String(issue.params?.additionalProperty)}".`;
  }
  if (issue.keyword === 'required') return `${where} needs the field "${String(issue.params?.missingProperty)}".`;
  return `${where} ${issue.message ?? 'is not valid'}.`;
}

/** Fastify's errors about a request body, by code, as both services word them. */
export const FRAMEWORK_ERRORS: Readonly<Record<string, ErrorAnswer>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: 'Send JSON with Content-Type: application/json.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON.' },
};

/**
 * Errors the router raises before any route runs (a malformed URL, a path segment over the length
 * limit), for Fastify's `frameworkErrors` option, so they too leave as `{ error, message }`. `answers`
 * words some of them by code; any other is "The address is not valid."
 */
export function routerErrors(answers: Readonly<Record<string, ErrorAnswer>> = {}) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    const known = answers[error.code];
    if (known) reply.status(known.status).send({ error: known.code, message: known.message });
    else reply.status(400).send({ error: 'bad_request', message: 'The address is not valid.' });
  };
}

export interface ErrorHandlingOptions {
  /** The error classes this service raises on purpose; their instances are sent as they are. */
  refusals: ReadonlyArray<abstract new (...args: never[]) => Refusal>;
  /** The sentence of an unexpected error (a 500): the details go to the log, never to the client. */
  internalErrorMessage: string;
  /** Fastify errors this service words itself, by code, beside (or instead of) FRAMEWORK_ERRORS. */
  frameworkErrors?: Readonly<Record<string, ErrorAnswer>>;
  /** The code of a plain 4xx by its status (429: rate_limited); any other is bad_request. */
  clientErrorCodes?: Readonly<Record<number, string>>;
  /** Runs first for an address no route has; returns true when it answered (the hub's web apps). */
  notFound?: (request: FastifyRequest, reply: FastifyReply) => boolean;
}

/**
 * Every error leaves as `{ error, message }`. A service's refusals go as they are; client mistakes get
 * a 4xx with a clear code; anything unexpected is logged in full and shown only as "internal_error",
 * never with its details.
 */
export function installErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions): void {
  const frameworkErrors = { ...FRAMEWORK_ERRORS, ...options.frameworkErrors };
  const isRefusal = (error: unknown): error is Refusal => options.refusals.some((refusal) => error instanceof refusal);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isRefusal(error)) {
      const retryAfter = error.retryAfterSeconds ?? error.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.status(error.statusCode).send({ error: error.code, message: error.message, ...(error.details ?? {}) });
    }
    if (error.validation) {
      return reply.status(400).send({ error: 'bad_request', message: describeValidation(error.validation, error.validationContext) });
    }
    const known = error.code ? frameworkErrors[error.code] : undefined;
    if (known) return reply.status(known.status).send({ error: known.code, message: known.message });
    if (error instanceof SyntaxError) return reply.status(400).send({ error: 'invalid_json', message: 'The request body is not valid JSON.' });
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: options.clientErrorCodes?.[status] ?? 'bad_request', message: error.message || 'The request was refused.' });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({ error: 'internal_error', message: options.internalErrorMessage });
  });

  app.setNotFoundHandler((request, reply) => {
    if (options.notFound?.(request, reply)) return;
    reply.status(404).send({ error: 'not_found', message: `Nothing at ${request.method} ${request.url.split('?')[0]}.` });
  });
}
