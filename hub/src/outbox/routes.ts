import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, IdParamsSchema } from '@onemoment/shared/schemas/common';
import {
  CancelOutboxJobBodySchema,
  OutboxJobsQuerySchema,
  OutboxJobsResponseSchema,
  OutboxJobViewSchema,
  OutboxSummarySchema,
} from '@onemoment/shared/schemas/outbox';
import type { HubContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { requireStaff, staffOf } from '../http/guards.ts';

const tags = ['outbox'];

/** What the hub still owes the internet: managers see, retry and cancel jobs; any staff login sees the summary. */
export function outboxRoutes(context: HubContext): FastifyPluginAsyncTypebox {
  const { outbox } = context;
  const manager = requireStaff(context.sessions, 'manager');
  const staff = requireStaff(context.sessions);

  return async (app) => {
    app.get(
      '/api/outbox/jobs',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Online tasks (calls owed to TON, Cloudbeds, Airalo), newest first: state, tries, the last error and the age of each',
          querystring: OutboxJobsQuerySchema,
          response: { 200: OutboxJobsResponseSchema, ...errorResponses },
        },
      },
      async (request) => ({ jobs: outbox.list(request.query) }),
    );

    app.get(
      '/api/outbox/jobs/:id',
      {
        preHandler: manager,
        schema: { tags, summary: 'One online task', params: IdParamsSchema, response: { 200: OutboxJobViewSchema, ...errorResponses } },
      },
      async (request) => {
        const job = outbox.job(request.params.id);
        if (!job) throw notFound('That online task');
        return job;
      },
    );

    app.post(
      '/api/outbox/jobs/:id/retry',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Send a waiting task now, or give one that waits for a person a fresh round of tries (409 when done or cancelled)',
          params: IdParamsSchema,
          response: { 200: OutboxJobViewSchema, ...errorResponses },
        },
      },
      async (request) => outbox.retryNow(request.params.id, staffOf(request).staffId),
    );

    app.post(
      '/api/outbox/jobs/:id/cancel',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Cancel a task that is not done, with the reason (what waited on it is undone by its module; 409 when done)',
          params: IdParamsSchema,
          body: CancelOutboxJobBodySchema,
          response: { 200: OutboxJobViewSchema, ...errorResponses },
        },
      },
      async (request) => outbox.cancel(request.params.id, request.body.reason.trim(), staffOf(request).staffId),
    );

    app.get(
      '/api/outbox/summary',
      {
        preHandler: staff,
        schema: {
          tags,
          summary: 'What the hub still owes the internet: waiting, being sent and waiting for a person, by vendor, and the oldest waiting job',
          response: { 200: OutboxSummarySchema, ...errorResponses },
        },
      },
      async () => outbox.summary(),
    );
  };
}
