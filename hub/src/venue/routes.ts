import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { VenueSchema } from '@onemoment/shared/schemas/venue';
import type { HubContext } from '../context.ts';
import { VenueService } from './venue-service.ts';

export function venueRoutes(context: HubContext): FastifyPluginAsyncTypebox {
  const venue = new VenueService(context);
  return async (app) => {
    app.get(
      '/api/venue',
      { schema: { tags: ['venue'], summary: 'The venue: name, currency, languages, stations', security: [], response: { 200: VenueSchema } } },
      async () => venue.venue(),
    );
  };
}
