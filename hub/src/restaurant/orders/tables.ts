import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { LocalizedText } from '@onemoment/shared/localized-text';

export interface OrderedModifier {
  id: string;
  names: LocalizedText;
  priceMinor: number;
}

export const orders = sqliteTable(
  'orders',
  {
    /** UUIDv7 made by the client: a retried request finds the first order by this id. */
    id: text('id').primaryKey(),
    businessDay: text('business_day').notNull(),
    number: integer('number').notNull(),
    visitId: text('visit_id').notNull(),
    tableId: text('table_id').notNull(),
    status: text('status').notNull(),
    /** Why staff cancelled or voided it: for staff only, never sent to the guest. */
    statusReason: text('status_reason'),
    /** What staff chose to tell the guest about the change, if anything. */
    guestMessage: text('guest_message'),
    rush: integer('rush', { mode: 'boolean' }).notNull().default(false),
    placedBy: text('placed_by', { enum: ['guest', 'staff'] }).notNull(),
    placedByStaffId: text('placed_by_staff_id'),
    totalMinor: integer('total_minor').notNull(),
    currency: text('currency').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('orders_day_number').on(t.businessDay, t.number),
    index('orders_visit').on(t.visitId),
    index('orders_status').on(t.status),
  ],
);

export const orderItems = sqliteTable(
  'order_items',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().references(() => orders.id),
    position: integer('position').notNull(),
    menuItemId: text('menu_item_id').notNull(),
    /** Names, prices and allergens are copied at order time: a later menu edit never rewrites an order. */
    names: text('names', { mode: 'json' }).$type<LocalizedText>().notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    totalMinor: integer('total_minor').notNull(),
    modifiers: text('modifiers', { mode: 'json' }).$type<OrderedModifier[]>().notNull(),
    note: text('note'),
    station: text('station').notNull(),
    allergens: text('allergens', { mode: 'json' }).$type<string[]>().notNull(),
    status: text('status').notNull(),
    readyAt: text('ready_at'),
    /** Why staff cancelled or voided this item: for staff only. */
    statusReason: text('status_reason'),
    /** What staff chose to tell the guest about this item, if anything. */
    guestMessage: text('guest_message'),
    /** A voided item that was made and given free ("on the house") rather than taken off by mistake. */
    comped: integer('comped', { mode: 'boolean' }).notNull().default(false),
    /** The menu item's tax rate when it was ordered (basis points); null on orders from before bills existed. */
    taxRateBp: integer('tax_rate_bp'),
  },
  (t) => [index('order_items_order').on(t.orderId), index('order_items_station_status').on(t.station, t.status)],
);
