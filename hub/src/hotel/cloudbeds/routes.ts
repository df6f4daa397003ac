import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '@onemoment/shared/schemas/common';
import { CloudbedsSettingsBodySchema, CloudbedsSettingsSchema } from '@onemoment/shared/schemas/hotel';
import type { HubContext } from '../../context.ts';
import { requireStaff } from '../../http/guards.ts';
import type { CloudbedsIntegration } from './cloudbeds-integration.ts';

const tags = ['hotel'];
const PullQueuedSchema = Type.Object({ jobId: Type.String({ description: 'The online task that pulls (see /api/outbox/jobs/:id)' }) });

/**
 * The manager's Cloudbeds settings: the property's API key (answered masked, never logged, never synced)
 * and its property id, and a pull on demand. Thin: schema in, one call, schema out.
 */
export function cloudbedsRoutes(context: HubContext, cloudbeds: CloudbedsIntegration): FastifyPluginAsyncTypebox {
  const manager = requireStaff(context.sessions, 'manager');

  return async (app) => {
    app.get(
      '/api/admin/integrations/cloudbeds',
      { preHandler: manager, schema: { tags, summary: 'Cloudbeds: whether it is set up, the masked key, the property, the pull cursor and how many room types and rooms are mapped', response: { 200: CloudbedsSettingsSchema, ...errorResponses } } },
      async () => cloudbeds.settings(),
    );

    app.put(
      '/api/admin/integrations/cloudbeds',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: "Set the property's Cloudbeds API key and property id; a first pull maps room types and rooms by name",
          body: CloudbedsSettingsBodySchema,
          response: { 200: CloudbedsSettingsSchema, ...errorResponses },
        },
      },
      async (request) => cloudbeds.saveSettings(request.body),
    );

    app.delete(
      '/api/admin/integrations/cloudbeds',
      { preHandler: manager, schema: { tags, summary: 'Forget the Cloudbeds key, property, cursor and mappings', response: { 200: CloudbedsSettingsSchema, ...errorResponses } } },
      async () => cloudbeds.clearSettings(),
    );

    app.post(
      '/api/admin/integrations/cloudbeds/pull',
      { preHandler: manager, schema: { tags, summary: 'Read new and changed Cloudbeds reservations now (an online task)', response: { 202: PullQueuedSchema, ...errorResponses } } },
      async (_request, reply) => reply.code(202).send(await cloudbeds.pullNow()),
    );
  };
}
