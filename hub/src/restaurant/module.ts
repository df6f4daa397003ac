import { RoomTables } from './floor/room-tables.ts';
import type { HubModule } from '../modules/hub-module.ts';
import { RequestService } from './floor/request-service.ts';
import { floorRoutes } from './floor/routes.ts';
import { TableService } from './floor/table-service.ts';
import { VisitService } from './floor/visit-service.ts';
import { VisitStore } from './floor/visits.ts';
import { KitchenService } from './kitchen/kitchen-service.ts';
import { kitchenRoutes } from './kitchen/routes.ts';
import { MenuService } from './menu/menu-service.ts';
import { menuRoutes } from './menu/routes.ts';
import { OrderService } from './orders/order-service.ts';
import { OrderStore } from './orders/order-store.ts';
import { ordersRoutes } from './orders/routes.ts';

/** What the restaurant offers the modules that need it: reads, and the menu's sync fields. */
export interface RestaurantApi {
  menu: MenuService;
  /** Orders as the orders module reads them (printing's receipts, a visit's bill). */
  orders: Pick<OrderStore, 'order' | 'ordersOfVisit' | 'billItemsOfVisit'>;
  /** Tables and visits as the floor reads them (a receipt's QR link, a conversation's table). */
  visits: Pick<VisitStore, 'table' | 'visit' | 'openVisits' | 'openVisitOf' | 'open'>;
  /** The hotel's rooms as room-service tables (kind 'room'): made when a room is, closed with its stay. */
  roomTables: RoomTables;
  /** Closing visits: the payments module closes a visit in the command that pays its bill in full, and guards every close. */
  closing: Pick<VisitService, 'closeVisitIn' | 'useBills'>;
  /** The items the kitchen still owes a visit (a paid visit closes only once they are served or cancelled). */
  kitchenOwes: Pick<OrderService, 'openItemsOfVisit'>;
}

declare module '../modules/hub-module.ts' {
  interface ModuleApis {
    restaurant: RestaurantApi;
  }
}

/**
 * The restaurant: the menu, the floor (tables, visits, QR codes, guest calls), orders and the kitchen.
 * It owns the tables `menu_*`, `modifier*`, `dining_tables`, `visits`, `guest_sessions`,
 * `guest_requests`, `orders` and `order_items`; each service here is built once.
 */
export const restaurantModule: HubModule<'restaurant'> = {
  name: 'restaurant',
  namespaces: ['/kds', '/guest'],
  subscribes: ['visit.moved'],
  timers: [],
  async setup({ app, context }) {
    const visitStore = new VisitStore(context.store.sqlite, context.clock, context.events);
    const orderStore = new OrderStore(context.store.sqlite);
    const menu = new MenuService(context);
    const orders = new OrderService(context, orderStore, menu, visitStore);
    const kitchen = new KitchenService(context, orderStore);
    const floor = {
      tables: new TableService(context, visitStore),
      visits: new VisitService(context, visitStore, orders),
      requests: new RequestService(context, visitStore),
    };
    // A moved party's orders follow it, inside the floor's move command.
    context.events.on('visit.moved', (tx, moved) => orders.followVisit(tx, moved));

    await app.register(menuRoutes(context, menu));
    await app.register(floorRoutes(context, floor));
    await app.register(ordersRoutes(context, orders));
    await app.register(kitchenRoutes(context, kitchen));
    return { menu, orders: orderStore, visits: visitStore, roomTables: new RoomTables(context.store.sqlite), closing: floor.visits, kitchenOwes: orders };
  },
};
