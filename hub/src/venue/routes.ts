import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { VenueSchema } from '@onemoment/shared/schemas/venue';
import type { HubContext } from '../context.ts';

export function venueRoutes(context: HubContext): FastifyPluginAsyncTypebox {
  const venue = context.venue;
  return async (app) => {
    app.get(
      '/api/venue',
      { schema: { tags: ['venue'], summary: 'The venue: name, currency, languages, stations', security: [], response: { 200: VenueSchema } } },
      async () => venue.venue(),
    );
  };
}
