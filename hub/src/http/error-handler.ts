import type { FastifyInstance } from 'fastify';
import { installErrorHandling as installSharedErrorHandling, routerErrors } from '@onemoment/shared/server/error-handler';
import { RefusalError } from '@onemoment/shared/refusal';
import { sendAppIndex } from './web-apps.ts';

/**
 * Errors the router raises before any route runs (a malformed URL, a path segment over the length
 * limit): passed to Fastify as `frameworkErrors`, so they too leave as `{ error, message }`.
 */
export const frameworkErrors = routerErrors({
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri_too_long', message: 'A part of the address is too long.' },
});

/**
 * Every error leaves as `{ error, message }` (shared with the cloud). The hub's own: its refusals and
 * the speech engine's (audio, queue, model names) share one base class and are sent as they are, a few body errors are worded
 * more exactly, a plain 429 is rate_limited, and an unknown address under a web app gets its page.
 */
export function installErrorHandling(app: FastifyInstance): void {
  installSharedErrorHandling(app, {
    refusals: [RefusalError],
    internalErrorMessage: 'Something went wrong on the hub; it has been logged.',
    frameworkErrors: {
      FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request', message: 'The request body is empty; send a JSON object.' },
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', message: 'The Content-Length does not match the body.' },
    },
    clientErrorCodes: { 429: 'rate_limited' },
    notFound: sendAppIndex,
  });
}
