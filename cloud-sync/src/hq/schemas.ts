import { Type, type Static } from 'typebox';

/**
 * The cloud's HTTP payloads. They live beside the cloud rather than in shared/ because only the
 * cloud and its HQ page use them; the hub speaks to the cloud through /api/pair and the sync socket.
 */
export const ErrorSchema = Type.Object({ error: Type.String(), message: Type.String() }, { additionalProperties: true });
export const errorResponses = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema };

const NullableString = Type.Unsafe<string | null>({ type: 'string', nullable: true });
const NullableTime = Type.Unsafe<string | null>({ type: 'string', format: 'date-time', nullable: true });
const NullableInt = Type.Unsafe<number | null>({ type: 'integer', nullable: true });

export const VenueIdSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', maxLength: 64 });
export const DaySchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A business day, YYYY-MM-DD' });

export const LoginBodySchema = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const TokenSchema = Type.Object({ token: Type.String() });

export const CreateVenueBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Berlin' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  },
  { additionalProperties: false },
);
export type CreateVenueBody = Static<typeof CreateVenueBodySchema>;
export const CreatedVenueSchema = Type.Object({ id: Type.String(), pairingCode: Type.String({ description: '8 characters, single use, valid 24 hours' }) });
export const PairingCodeSchema = Type.Object({ pairingCode: Type.String() });

export const VenueSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  timezone: Type.String(),
  currency: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: NullableTime,
  lastUpdateAt: NullableTime,
  hubs: Type.Integer({ description: 'Hubs paired with the venue' }),
  connectedHubs: Type.Integer({ description: 'Hubs connected to this cloud node now' }),
  lagMs: NullableInt,
});
export const VenueListSchema = Type.Object({ venues: Type.Array(VenueSchema) });

export const PairBodySchema = Type.Object(
  { pairingCode: Type.String({ minLength: 1, maxLength: 32 }), hubName: Type.Optional(Type.String({ maxLength: 120 })) },
  { additionalProperties: false },
);
export const PairedSchema = Type.Object({ venueId: Type.String(), hubToken: Type.String() });

export const VenueParamsSchema = Type.Object({ venueId: VenueIdSchema }, { additionalProperties: false });
export const MenuItemParamsSchema = Type.Object(
  { venueId: VenueIdSchema, itemId: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }) },
  { additionalProperties: false },
);
export const MenuItemPatchSchema = Type.Object(
  {
    priceMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    available: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type MenuItemPatchBody = Static<typeof MenuItemPatchSchema>;
export const MenuItemSchema = Type.Object({
  id: Type.String(),
  priceMinor: NullableInt,
  available: Type.Unsafe<boolean | null>({ type: 'boolean', nullable: true }),
  updatedAt: NullableTime,
  // Written by the hub (its English names, and whether a manager archived the item).
  name: Type.Optional(Type.String()),
  category: Type.Optional(Type.String()),
  archived: Type.Optional(Type.Boolean()),
});
export const MenuItemListSchema = Type.Object({ items: Type.Array(MenuItemSchema) });

export const SalesQuerySchema = Type.Object(
  { venueId: Type.Optional(VenueIdSchema), from: DaySchema, to: DaySchema },
  { additionalProperties: false },
);
export type SalesQuery = Static<typeof SalesQuerySchema>;

const Figures = { orders: Type.Integer(), grossMinor: Type.Integer() };
export const SalesReportSchema = Type.Object({
  venueId: NullableString,
  from: Type.String(),
  to: Type.String(),
  ...Figures,
  currency: NullableString,
  byDay: Type.Array(Type.Object({ day: Type.String(), ...Figures })),
  byHour: Type.Array(Type.Object({ hour: Type.Integer(), ...Figures })),
  topItems: Type.Array(Type.Object({ menuItemId: Type.String(), name: Type.String(), quantity: Type.Integer(), grossMinor: Type.Integer() })),
  avgTicketSeconds: NullableInt,
  p90TicketSeconds: NullableInt,
});

export const HealthSchema = Type.Object({ status: Type.String(), db: Type.String() });
