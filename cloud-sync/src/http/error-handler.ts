import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CloudError } from '../errors.ts';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

function describeValidation(issues: ValidationIssue[], context: string | undefined): string {
  const issue = issues[0];
  if (!issue) return 'The request is not valid.';
  const where = `${context ?? 'body'}${issue.instancePath ? issue.instancePath.replaceAll('/', '.') : ''}`;
  if (issue.keyword === 'additionalProperties') {
    return `${where} has a field this API does not know: "${String(issue.params?.additionalProperty)}".`;
  }
  if (issue.keyword === 'required') return `${where} needs the field "${String(issue.params?.missingProperty)}".`;
  return `${where} ${issue.message ?? 'is not valid'}.`;
}

export function frameworkErrors(_error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  reply.status(400).send({ error: 'bad_request', message: 'The address is not valid.' });
}

/** Every error leaves as `{ error, message }`; anything unexpected is logged and shown only as internal_error. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof CloudError) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(error.statusCode).send({ error: error.code, message: error.message });
    }
    if (error.validation) {
      return reply.status(400).send({ error: 'bad_request', message: describeValidation(error.validation, error.validationContext) });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send({ error: 'payload_too_large', message: 'The request body is too large.' });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send({ error: 'unsupported_media_type', message: 'Send JSON with Content-Type: application/json.' });
    }
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send({ error: 'invalid_json', message: 'The request body is not valid JSON.' });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.status(status).send({ error: 'bad_request', message: error.message || 'The request was refused.' });
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({ error: 'internal_error', message: 'Something went wrong in the cloud service; it has been logged.' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: 'not_found', message: `Nothing at ${request.method} ${request.url.split('?')[0]}.` });
  });
}
