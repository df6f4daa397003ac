import { Type, type Static } from 'typebox';
import { PAYMENT_METHODS } from '@onemoment/shared/schemas/payments';

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
  {
    pairingCode: Type.String({ minLength: 1, maxLength: 32 }),
    hubName: Type.Optional(Type.String({ maxLength: 120 })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'What the hub sells in (ISO 4217)' })),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "The hub's time zone (IANA), which names its business days" })),
  },
  { additionalProperties: false },
);
export type PairBody = Static<typeof PairBodySchema>;
export const PairedSchema = Type.Object({
  venueId: Type.String(),
  hubToken: Type.String(),
  currency: Type.String({ description: "The venue's currency (the hub's, when the venue took it at this pairing)" }),
  timezone: Type.String(),
});

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

export const TonRateBodySchema = Type.Object(
  {
    nanotonsPerMinor: Type.Union([Type.String({ maxLength: 30 }), Type.Integer()], {
      description: 'Nanotons (10^-9 TON) for one minor unit of the venue\'s currency (a cent), 1 to 10^15; digits in a string, or a whole number',
    }),
  },
  { additionalProperties: false },
);
export type TonRateBody = Static<typeof TonRateBodySchema>;
export const TonRateSchema = Type.Object({
  venueId: Type.String(),
  tonRate: Type.Union([Type.Object({ nanotonsPerMinor: Type.String(), setAt: Type.String({ format: 'date-time' }) }), Type.Null()]),
});

export const SalesQuerySchema = Type.Object(
  { venueId: Type.Optional(VenueIdSchema), from: DaySchema, to: DaySchema },
  { additionalProperties: false },
);
export type SalesQuery = Static<typeof SalesQuerySchema>;

const Currency = Type.String({ description: 'ISO 4217: the currency the hub sold in' });
const Figures = { currency: Currency, orders: Type.Integer(), grossMinor: Type.Integer() };
export const SalesReportSchema = Type.Object({
  venueId: NullableString,
  from: Type.String(),
  to: Type.String(),
  orders: Type.Integer(),
  grossMinor: Type.Unsafe<number | null>({ type: 'integer', nullable: true, description: 'Null when the amounts are in several currencies: see totals' }),
  currency: Type.Unsafe<string | null>({ type: 'string', nullable: true, description: 'The one currency of every amount; null when there are several' }),
  totals: Type.Array(Type.Object(Figures), { description: 'One per currency' }),
  byDay: Type.Array(Type.Object({ day: Type.String(), ...Figures })),
  byHour: Type.Array(Type.Object({ hour: Type.Integer(), ...Figures })),
  topItems: Type.Array(Type.Object({ menuItemId: Type.String(), name: Type.String(), currency: Currency, quantity: Type.Integer(), grossMinor: Type.Integer() })),
  avgTicketSeconds: NullableInt,
  p90TicketSeconds: NullableInt,
});

const Money = (description?: string) => Type.Integer({ description: description ?? 'Minor units of the row’s currency' });
const TakingsFigures = {
  currency: Currency,
  payments: Type.Integer({ description: 'Payments taken' }),
  takingsMinor: Money('What the payments paid toward bills, tips not included'),
  tipsMinor: Money(),
  byTender: Type.Array(
    Type.Object({ method: Type.String({ enum: [...PAYMENT_METHODS] }), count: Type.Integer(), amountMinor: Money(), tipMinor: Money() }),
    { description: 'Always cash, card, ton and room (charged to a hotel stay), in that order' },
  ),
  settledBills: Type.Integer({ description: 'Bills paid in full or written off' }),
  discountMinor: Money(),
  serviceChargeMinor: Money(),
  taxMinor: Money(),
  taxLines: Type.Array(Type.Object({ rateBp: Type.Integer({ description: '2000 is 20 %' }), netMinor: Money(), taxMinor: Money() })),
  writtenOffMinor: Money(),
};
export const TakingsReportSchema = Type.Object({
  venueId: NullableString,
  from: Type.String(),
  to: Type.String(),
  totals: Type.Array(Type.Object(TakingsFigures), { description: 'One per currency, over every day and venue' }),
  byDay: Type.Array(Type.Object({ day: Type.String(), venueId: Type.String(), venueName: Type.String(), ...TakingsFigures }), {
    description: 'A row per business day, venue and currency with a payment or a settled bill',
  }),
});

export const HealthSchema = Type.Object({ status: Type.String(), db: Type.String() });
