import { Type, type Static } from 'typebox';
import {
  ITEM_STATUSES,
  ITEM_TARGETS,
  MANUAL_TARGETS,
  ORDER_STATUSES,
  type ItemStatus,
  type ItemTarget,
  type ManualTarget,
  type OrderStatus,
} from '../restaurant/order-lifecycle.ts';
import { CurrencySchema, IdSchema, IsoTimeSchema, LocalizedTextSchema, MinorUnitsSchema, NullableString, StringEnum, UuidV7Schema } from './common.ts';

/** Limits of one order, shared by the hub's validation and the pages that build orders. */
export const ORDER_LIMITS = {
  maxLines: 50,
  maxQuantity: 50,
  maxNoteLength: 200,
  maxModifiersPerLine: 20,
  maxReasonLength: 200,
  maxGuestMessageLength: 200,
} as const;

export const OrderStatusSchema = StringEnum<OrderStatus>(ORDER_STATUSES);
export const ItemStatusSchema = StringEnum<ItemStatus>(ITEM_STATUSES);

// ---- placing an order ----

export const OrderLineInputSchema = Type.Object(
  {
    menuItemId: IdSchema,
    quantity: Type.Integer({ minimum: 1, maximum: ORDER_LIMITS.maxQuantity }),
    modifierIds: Type.Optional(Type.Array(IdSchema, { maxItems: ORDER_LIMITS.maxModifiersPerLine })),
    note: Type.Optional(
      Type.String({ maxLength: ORDER_LIMITS.maxNoteLength, description: 'For the kitchen; kept as literal text, control characters removed' }),
    ),
  },
  { additionalProperties: false },
);
export type OrderLineInput = Static<typeof OrderLineInputSchema>;

const OrderLinesSchema = Type.Array(OrderLineInputSchema, { minItems: 1, maxItems: ORDER_LIMITS.maxLines });

/** Prices are never sent: the hub prices every line from its menu. */
export const GuestPlaceOrderBodySchema = Type.Object(
  {
    id: { ...UuidV7Schema, description: 'Made by the phone; sending the same id again returns the first order' },
    items: OrderLinesSchema,
  },
  { additionalProperties: false },
);
export type GuestPlaceOrderBody = Static<typeof GuestPlaceOrderBodySchema>;

export const StaffPlaceOrderBodySchema = Type.Object(
  {
    id: UuidV7Schema,
    tableId: { ...IdSchema, description: 'A visit is opened on the table when none is open' },
    items: OrderLinesSchema,
  },
  { additionalProperties: false },
);
export type StaffPlaceOrderBody = Static<typeof StaffPlaceOrderBodySchema>;

// ---- the order ----

export const OrderModifierSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  names: LocalizedTextSchema,
  priceMinor: Type.Integer(),
});
export type OrderModifier = Static<typeof OrderModifierSchema>;

export const OrderItemSchema = Type.Object({
  id: Type.String(),
  menuItemId: Type.String(),
  name: Type.String({ description: 'The name in the venue language (English); `names` has every language' }),
  names: LocalizedTextSchema,
  quantity: Type.Integer(),
  unitPriceMinor: Type.Integer({ description: 'One item with its modifiers' }),
  totalMinor: Type.Integer({ description: 'unitPriceMinor × quantity' }),
  modifiers: Type.Array(OrderModifierSchema),
  note: NullableString(),
  station: Type.String(),
  allergens: Type.Array(Type.String()),
  status: ItemStatusSchema,
  readyAt: NullableString({ format: 'date-time', description: 'When the kitchen bumped it' }),
  statusReason: NullableString({ description: 'Why staff cancelled or voided this item (staff only: always null for guests)' }),
  guestMessage: NullableString({ description: 'What staff chose to tell the guest about this item' }),
  comped: Type.Boolean({ description: 'A voided item that was made and given free ("on the house")' }),
});
export type OrderItem = Static<typeof OrderItemSchema>;

export const OrderSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer({ description: 'Counter of the business day, shown as "#12"' }),
  businessDay: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "The venue's business day it belongs to (YYYY-MM-DD, in the venue's time zone)" }),
  visitId: Type.String(),
  tableId: Type.String(),
  tableName: Type.String(),
  status: OrderStatusSchema,
  rush: Type.Boolean(),
  placedBy: StringEnum<'guest' | 'staff'>(['guest', 'staff']),
  totalMinor: MinorUnitsSchema,
  currency: CurrencySchema,
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
  statusReason: NullableString({ description: 'Why it was cancelled or voided (staff only: always null for guests)' }),
  guestMessage: NullableString({ description: 'What staff chose to tell the guest about the change' }),
  items: Type.Array(OrderItemSchema),
});
export type Order = Static<typeof OrderSchema>;

/**
 * Payload of order.items_stopped: items the kitchen was making (pending or ready) that staff just
 * cancelled or voided, with the order as it is now. Printer-only stations get a stop chit from it.
 */
export const OrderItemsStoppedSchema = Type.Object({
  order: OrderSchema,
  itemIds: Type.Array(Type.String(), { minItems: 1 }),
});
export type OrderItemsStopped = Static<typeof OrderItemsStoppedSchema>;

export const OrderListSchema = Type.Object({
  orders: Type.Array(OrderSchema),
  latestSeq: Type.Integer({ minimum: 0, description: 'Open the socket with this as lastSeq' }),
});
export type OrderList = Static<typeof OrderListSchema>;

// ---- reading and changing orders ----

export const OrderIdParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });

export const OrderListQuerySchema = Type.Object(
  {
    status: Type.Optional(StringEnum<'open' | 'all'>(['open', 'all'], { description: 'open (default): not yet served, cancelled or voided' })),
  },
  { additionalProperties: false },
);
export type OrderListQuery = Static<typeof OrderListQuerySchema>;

const ReasonSchema = Type.String({ maxLength: ORDER_LIMITS.maxReasonLength, description: 'Needed to cancel or void; staff see it, guests never do' });
const GuestMessageSchema = Type.String({
  maxLength: ORDER_LIMITS.maxGuestMessageLength,
  description: "Shown on the guest's phone beside the change (the reason is not)",
});

export const TransitionBodySchema = Type.Object(
  {
    to: StringEnum<ManualTarget>(MANUAL_TARGETS),
    reason: Type.Optional(ReasonSchema),
    guestMessage: Type.Optional(GuestMessageSchema),
  },
  { additionalProperties: false },
);
export type TransitionBody = Static<typeof TransitionBodySchema>;

export const OrderItemParamsSchema = Type.Object({ orderId: IdSchema, itemId: IdSchema }, { additionalProperties: false });
export type OrderItemParams = Static<typeof OrderItemParamsSchema>;

export const ItemTransitionBodySchema = Type.Object(
  {
    to: StringEnum<ItemTarget>(ITEM_TARGETS),
    reason: Type.Optional(ReasonSchema),
    guestMessage: Type.Optional(GuestMessageSchema),
    comped: Type.Optional(
      Type.Boolean({ description: 'Voiding only: true when the item was made and is given free; by default true once it was served' }),
    ),
  },
  { additionalProperties: false },
);
export type ItemTransitionBody = Static<typeof ItemTransitionBodySchema>;

export const RushBodySchema = Type.Object({ rush: Type.Boolean() }, { additionalProperties: false });
export type RushBody = Static<typeof RushBodySchema>;
