import { Type, type Static } from 'typebox';
import { IdSchema, IsoTimeSchema } from './common.ts';
import { OrderItemSchema, OrderSchema } from './orders.ts';

/** The kitchen display: tickets per station, bump and recall, recently bumped items, all-day counts. */

export const EXPO_STATION = 'expo';

export const StationQuerySchema = Type.Object(
  { station: { ...IdSchema, description: 'A station id (grill, cold, bar…) or "expo" for every station' } },
  { additionalProperties: false },
);
export type StationQuery = Static<typeof StationQuerySchema>;

export const ItemIdParamsSchema = Type.Object({ itemId: IdSchema }, { additionalProperties: false });

/** An order as one station sees it: only that station's items (expo: all of them). */
export const TicketSchema = Type.Object({
  orderId: Type.String(),
  number: Type.Integer(),
  tableName: Type.String(),
  station: Type.String(),
  rush: Type.Boolean(),
  placedAt: IsoTimeSchema,
  items: Type.Array(OrderItemSchema),
});
export type Ticket = Static<typeof TicketSchema>;

export const TicketsResponseSchema = Type.Object({
  tickets: Type.Array(TicketSchema, { description: 'Open tickets: rush first, then the oldest' }),
  latestSeq: Type.Integer({ minimum: 0, description: 'Open the /kds socket with this as lastSeq' }),
});
export type TicketsResponse = Static<typeof TicketsResponseSchema>;

export const BumpResponseSchema = Type.Object({ item: OrderItemSchema, order: OrderSchema });
export type BumpResponse = Static<typeof BumpResponseSchema>;

/** A bumped item with the labels of its ticket, for the recall list. */
export const RecentItemSchema = Type.Object({
  ...OrderItemSchema.properties,
  orderId: Type.String(),
  orderNumber: Type.Integer(),
  tableName: Type.String(),
});
export type RecentItem = Static<typeof RecentItemSchema>;

export const RecentItemsResponseSchema = Type.Object({
  items: Type.Array(RecentItemSchema, { description: 'The last 20 items bumped and not yet served, newest first' }),
});
export type RecentItemsResponse = Static<typeof RecentItemsResponseSchema>;

export const AllDayCountSchema = Type.Object({
  menuItemId: Type.String(),
  name: Type.String(),
  quantity: Type.Integer({ minimum: 0 }),
});
export type AllDayCount = Static<typeof AllDayCountSchema>;

export const AllDayResponseSchema = Type.Object({
  counts: Type.Array(AllDayCountSchema, { description: 'Quantities still to make, most first' }),
});
export type AllDayResponse = Static<typeof AllDayResponseSchema>;
