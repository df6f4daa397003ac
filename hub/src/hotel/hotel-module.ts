import type { HubModule } from '../modules/hub-module.ts';
import { BookingService } from './booking-service.ts';
import { FolioService } from './folio-service.ts';
import type { BookingApi, FolioApi, InventoryApi } from './hotel-api.ts';
import { Inventory } from './inventory.ts';
import { hotelRoutes } from './routes.ts';

/** What the hotel offers the modules loaded after it (sync writes and merges the stays documents). */
export interface HotelApi {
  inventory: InventoryApi;
  bookings: BookingApi;
  folios: FolioApi;
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
export function hotelModule(): HubModule<'hotel'> {
  return {
    name: 'hotel',
    namespaces: [],
    subscribes: [],
    timers: [],
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
      return { inventory, bookings, folios };
    },
  };
}
