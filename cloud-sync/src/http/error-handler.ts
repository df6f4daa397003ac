import type { FastifyInstance } from 'fastify';
import { installErrorHandling as installSharedErrorHandling, routerErrors } from '@onemoment/shared/server/error-handler';
import { CloudError } from '../errors.ts';

/** Errors the router raises before any route runs: `{ error, message }` too. */
export const frameworkErrors = routerErrors();

/** Every error leaves as `{ error, message }` (shared with the hub); anything unexpected is logged and shown only as internal_error. */
export function installErrorHandling(app: FastifyInstance): void {
  installSharedErrorHandling(app, {
    refusals: [CloudError],
    internalErrorMessage: 'Something went wrong in the cloud service; it has been logged.',
    // An empty JSON body is answered as invalid JSON here (the hub words it on its own).
    frameworkErrors: { FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON.' } },
  });
}
