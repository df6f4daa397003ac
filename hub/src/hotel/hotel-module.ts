import type { HubModule } from '../modules/hub-module.ts';
import { BookingService } from './booking-service.ts';
import { setupCheckIn, type CheckInApi } from './check-in/setup-check-in.ts';
import type { CloudbedsOptions } from './cloudbeds/cloudbeds-integration.ts';
import { setupCloudbeds } from './cloudbeds/setup.ts';
import { FolioService } from './folio-service.ts';
import type { BookingApi, FolioApi, InventoryApi } from './hotel-api.ts';
import { Inventory } from './inventory.ts';
import { hotelRoutes } from './routes.ts';

/** Tuning for tests and benchmarks (how often Cloudbeds is pulled); the defaults suit a hotel. */
export interface HotelOptions {
  cloudbeds?: CloudbedsOptions;
}

/** What the hotel offers the modules loaded after it (sync writes and merges the stays documents). */
export interface HotelApi {
  inventory: InventoryApi;
  bookings: BookingApi;
  folios: FolioApi;
  checkIn: CheckInApi;
}

declare module '../modules/hub-module.ts' {
  interface ModuleApis {
    hotel: HotelApi;
  }
}

/**
 * The hotel: room types, rooms and rates, bookings that never overbook what the hub knows, the folio,
 * housekeeping, and conflicts after merges. It owns `room_types`, `rooms`, `rate_plans`, `bookings`,
 * `booking_changes`, `overbooking_conflicts`, `folio_*`, `check_in_*`, `housekeeping_log` and
 * `cloudbeds_*`. It runs without the restaurant; with it, a room's QR opens room service for the stay,
 * and with payments, bills take the room-charge tender.
 */
export function hotelModule(options: HotelOptions = {}): HubModule<'hotel'> {
  return {
    name: 'hotel',
    namespaces: [],
    // Cloudbeds queues its push in the command that changed the booking.
    subscribes: ['booking.changed'],
    timers: ['Cloudbeds reservations pulled every 60 s while a key is set', 'ID photos deleted a set number of days after checkout (hourly)'],
    async setup({ app, context, modules }) {
      const inventory = new Inventory(context);
      const bookings = new BookingService(context, inventory);
      const folios = new FolioService(context, bookings, inventory, modules);
      bookings.useStayHooks(folios);
      modules.payments?.bills.useRoomCharges({
        postIn: (tx, posting) => {
          folios.postRoomChargeIn(tx, posting);
        },
        stayOfVisit: (visitId) => folios.stayOfVisit(visitId),
      });
      await app.register(hotelRoutes(context, { inventory, bookings, folios }));
      await setupCloudbeds({ app, context }, { bookings, inventory }, options.cloudbeds);
      const checkIn = await setupCheckIn({ app, context }, { bookings, printing: modules.printing ?? null });
      return { inventory, bookings, folios, checkIn };
    },
  };
}
