import { Type, type Static } from 'typebox';
import { BOOKING_SOURCES, BOOKING_STATUSES } from '@onemoment/shared/schemas/hotel';
import { UuidV7Schema } from '@onemoment/shared/schemas/common';
import { DaySchema, VenueIdSchema } from './schemas.ts';

/** The hotel's HQ payloads: the hotel report, a venue's room types, and a booking HQ takes. */

const NullableNumber = (description: string) => Type.Unsafe<number | null>({ type: 'number', nullable: true, description });
const NullableString = Type.Unsafe<string | null>({ type: 'string', nullable: true });
const Money = (description: string) => Type.Integer({ description });

const HotelMoneySchema = Type.Object({
  currency: Type.String({ description: 'ISO 4217: the currency the bookings and bills were made in' }),
  roomsSold: Type.Integer({ description: 'Rooms (room nights) sold in this currency' }),
  roomRevenueMinor: Money("The nights' shares of their bookings' totals"),
  adrMinor: Type.Unsafe<number | null>({ type: 'integer', nullable: true, description: 'Average daily rate: room revenue / rooms sold, half up; null when none sold' }),
  revparMinor: Type.Unsafe<number | null>({ type: 'integer', nullable: true, description: 'Room revenue / rooms available, half up; null without rooms' }),
  roomServiceMinor: Money('What room-service bills settled that business day paid'),
});

const Occupancy = NullableNumber('Rooms sold / rooms available in percent, one decimal; null without rooms');

export const HotelReportSchema = Type.Object({
  venueId: NullableString,
  from: Type.String(),
  to: Type.String(),
  byNight: Type.Array(
    Type.Object({
      night: Type.String(),
      venueId: Type.String(),
      venueName: Type.String(),
      roomsAvailable: Type.Integer(),
      roomsSold: Type.Integer({ description: 'Held by a confirmed, checked-in or checked-out stay' }),
      occupancyPercent: Occupancy,
      arrivals: Type.Integer(),
      departures: Type.Integer(),
      money: Type.Array(HotelMoneySchema, { description: 'One per currency' }),
    }),
    { description: 'Every night of the range, per venue' },
  ),
  totals: Type.Array(
    Type.Object({
      venueId: Type.String(),
      venueName: Type.String(),
      roomNightsAvailable: Type.Integer(),
      roomNightsSold: Type.Integer(),
      occupancyPercent: Occupancy,
      arrivals: Type.Integer(),
      departures: Type.Integer(),
      money: Type.Array(HotelMoneySchema),
    }),
    { description: 'One per venue over the range' },
  ),
});

export const RoomTypeListSchema = Type.Object({
  venueId: Type.String(),
  roomTypes: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), rooms: Type.Integer() })),
});

/** What HQ sends to book a stay: a room type, not a room (the venue's front desk gives the room). */
export const HqBookingBodySchema = Type.Object(
  {
    id: UuidV7Schema,
    roomTypeId: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
    arrival: DaySchema,
    departure: DaySchema,
    guest: Type.Object(
      { name: Type.String({ minLength: 1, maxLength: 120, pattern: '^[^\\u0000-\\u001f\\u007f]+$', description: 'How the front desk will greet the guest' }) },
      { additionalProperties: false },
    ),
    adults: Type.Integer({ minimum: 1, maximum: 20 }),
    children: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
    totalMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'What the stay costs, minor units; 0 when left out' })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: "The venue's currency (the default); another is refused" })),
  },
  { additionalProperties: false },
);
export type HqBookingBody = Static<typeof HqBookingBodySchema>;

export const HqBookingSchema = Type.Object({
  venueId: Type.String(),
  id: Type.String(),
  roomTypeId: Type.String(),
  roomId: NullableString,
  roomNumber: NullableString,
  arrival: Type.String(),
  departure: Type.String(),
  nights: Type.Integer(),
  status: Type.String({ enum: [...BOOKING_STATUSES] }),
  adults: Type.Integer(),
  children: Type.Integer(),
  totalMinor: Type.Integer(),
  currency: Type.String(),
  source: Type.String({ enum: [...BOOKING_SOURCES] }),
  guestName: Type.String(),
});

export const HotelQuerySchema = Type.Object({ venueId: Type.Optional(VenueIdSchema), from: DaySchema, to: DaySchema }, { additionalProperties: false });
