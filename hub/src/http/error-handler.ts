import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HubError } from '../errors.ts';
import { sendAppIndex } from './web-apps.ts';

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

const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: 'Send JSON with Content-Type: application/json.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request', message: 'The request body is empty; send a JSON object.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', message: 'The Content-Length does not match the body.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON.' },
};

/**
 * Errors the router raises before any route runs (a malformed URL, a path segment over the length
 * limit): passed to Fastify as `frameworkErrors`, so they too leave as `{ error, message }`.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.status(414).send({ error: 'uri_too_long', message: 'A part of the address is too long.' });
    return;
  }
  reply.status(400).send({ error: 'bad_request', message: 'The address is not valid.' });
}

/**
 * Every error leaves as `{ error, message }`. Client mistakes get a 4xx with a clear code; anything
 * unexpected is logged in full and shown only as "internal_error", never with its details.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & Partial<HubError>, request, reply) => {
    if (error instanceof HubError) {
      // A refusal that says when to come back says it in the header that clients and proxies read too.
      const retryAfter = error.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.status(error.statusCode).send({ error: error.code, message: error.message, ...(error.details ?? {}) });
    }
    if (error.validation) {
      return reply.status(400).send({ error: 'bad_request', message: describeValidation(error.validation, error.validationContext) });
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) return reply.status(known.status).send({ error: known.code, message: known.message });
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return reply.status(400).send({ error: 'invalid_json', message: 'The request body is not valid JSON.' });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 429 ? 'rate_limited' : 'bad_request';
      return reply.status(status).send({ error: code, message: error.message || 'The request was refused.' });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({ error: 'internal_error', message: 'Something went wrong on the hub; it has been logged.' });
  });

  app.setNotFoundHandler((request, reply) => {
    if (sendAppIndex(request, reply)) return;
    reply.status(404).send({ error: 'not_found', message: `Nothing at ${request.method} ${request.url.split('?')[0]}.` });
  });
}
