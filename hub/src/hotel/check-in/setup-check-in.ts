/**
 * Digital check-in inside the hotel module: the hotel module calls setupCheckIn from its setup, with
 * its booking service and, when the hub prints, the printing module.
 */
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../context.ts';
import type { BookingApi } from '../hotel-api.ts';
import { CheckInService } from './check-in-service.ts';
import { CheckInStore } from './check-in-store.ts';
import { IdPhotoRetention } from './id-photo-retention.ts';
import { RegistrationCardPrinting, type PrintingApi } from './registration-card-print.ts';
import { checkInRoutes } from './routes.ts';

export type { PrintingApi } from './registration-card-print.ts';

export interface CheckInApi {
  service: CheckInService;
  /** The hourly deletion of ID photos after checkout (tests call sweep() after moving the clock). */
  retention: IdPhotoRetention;
  cards: RegistrationCardPrinting;
  /** Whether the guest sent their registration (the booking service reads the table itself too). */
  isRegistered(bookingId: string): boolean;
}

/** Registers the check-in routes, and the retention sweep from the app's ready to its close. */
export async function setupCheckIn(
  scope: { app: FastifyInstance; context: HubContext },
  parts: { bookings: Pick<BookingApi, 'get'>; printing?: PrintingApi | null },
): Promise<CheckInApi> {
  const { app, context } = scope;
  const store = new CheckInStore(context.store.sqlite);
  const service = new CheckInService(context, store, parts.bookings);
  const cards = new RegistrationCardPrinting(context, store, parts.bookings, parts.printing ?? null);
  const retention = new IdPhotoRetention(context, store);
  await app.register(checkInRoutes(context, { service, cards }));
  app.addHook('onReady', async () => retention.start());
  app.addHook('onClose', async () => retention.stop());
  return { service, retention, cards, isRegistered: (bookingId) => service.isRegistered(bookingId) };
}
