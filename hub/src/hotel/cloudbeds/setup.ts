import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../context.ts';
import type { BookingApi, InventoryApi } from '../hotel-api.ts';
import { CloudbedsIntegration, type CloudbedsOptions } from './cloudbeds-integration.ts';
import { cloudbedsRoutes } from './routes.ts';

export { CloudbedsIntegration, type CloudbedsOptions } from './cloudbeds-integration.ts';

/**
 * Cloudbeds inside the hotel module (hotel-module.ts calls this in its setup): the outbox adapter, the
 * manager's routes, the booking.changed subscription that writes push jobs in the booking's own
 * command, and the pull timer (started when the app is ready, stopped when it closes).
 */
export async function setupCloudbeds(
  scope: { app: FastifyInstance; context: HubContext },
  parts: { bookings: BookingApi; inventory: InventoryApi },
  options: CloudbedsOptions = {},
): Promise<CloudbedsIntegration> {
  const { app, context } = scope;
  const cloudbeds = new CloudbedsIntegration(context, parts.bookings, parts.inventory, options);
  context.outbox.register(cloudbeds.adapter);
  context.events.on('booking.changed', (tx, booking) => cloudbeds.onBookingChanged(tx, booking));
  await app.register(cloudbedsRoutes(context, cloudbeds));
  app.addHook('onReady', async () => cloudbeds.start());
  app.addHook('onClose', async () => cloudbeds.stop());
  return cloudbeds;
}
