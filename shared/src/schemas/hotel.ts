import { Type, type Static } from 'typebox';
import { CurrencySchema, IsoTimeSchema, MinorUnitsSchema, NullableString, StringEnum, UuidV7Schema } from './common.ts';

/**
 * The hotel: room types, rooms, rates, bookings (stays), their folios, check-in and housekeeping.
 * Dates are the venue's local calendar dates (YYYY-MM-DD); a stay's nights run from `arrival` up to,
 * not including, `departure`. Money is integer minor units of the `currency` beside it.
 */

export const DateSchema = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', description: 'A local calendar date, YYYY-MM-DD' });

export const BOOKING_STATUSES = ['tentative', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_SOURCES = ['hub', 'hq', 'cloudbeds'] as const;
export type BookingSource = (typeof BOOKING_SOURCES)[number];
export const HOUSEKEEPING_STATES = ['clean', 'dirty', 'inspected'] as const;
export type HousekeepingState = (typeof HOUSEKEEPING_STATES)[number];
export const FOLIO_CHARGE_KINDS = ['night', 'room_service', 'bar', 'extra'] as const;
export type FolioChargeKind = (typeof FOLIO_CHARGE_KINDS)[number];

const ShortText = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });
const ReasonSchema = ShortText(300, 'Why, in a few words (staff only)');

// ---- inventory ----

export const RoomTypeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  capacity: Type.Integer({ minimum: 1 }),
  amenities: Type.Array(Type.String()),
  photos: Type.Array(Type.String()),
  /** How many rooms of this type the hotel has (out of order ones included). */
  rooms: Type.Integer({ minimum: 0 }),
});
export type RoomType = Static<typeof RoomTypeSchema>;

export const OutOfOrderSchema = Type.Object({
  reason: Type.String(),
  from: DateSchema,
  to: DateSchema,
});

export const RoomSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  floor: Type.Integer(),
  roomTypeId: Type.String(),
  housekeeping: StringEnum<HousekeepingState>(HOUSEKEEPING_STATES),
  /** Out of order on some nights (null when never). */
  outOfOrder: Type.Union([OutOfOrderSchema, Type.Null()]),
  /** Out of order tonight. */
  outOfOrderNow: Type.Boolean(),
  /** The booking in the room tonight (checked in), if any. */
  occupiedBy: NullableString(),
  /** Clean or inspected, not out of order and nobody in it: a guest can be given it now. */
  ready: Type.Boolean(),
});
export type Room = Static<typeof RoomSchema>;

export const RatePlanSchema = Type.Object({
  id: Type.String(),
  roomTypeId: Type.String(),
  name: Type.String(),
  priceMinor: MinorUnitsSchema,
  validFrom: Type.Union([DateSchema, Type.Null()]),
  validTo: Type.Union([DateSchema, Type.Null()]),
  /** Bit 0 Monday … bit 6 Sunday; 127 is every day. */
  weekdays: Type.Integer({ minimum: 1, maximum: 127 }),
  minNights: Type.Integer({ minimum: 1, maximum: 365 }),
  priority: Type.Integer({ minimum: 0, maximum: 1000 }),
});
export type RatePlan = Static<typeof RatePlanSchema>;

export const RatePlanBodySchema = Type.Object(
  {
    /** Client-made, so a retried save adds the plan once. */
    id: Type.Optional(UuidV7Schema),
    roomTypeId: Type.String({ minLength: 1, maxLength: 64 }),
    name: ShortText(80),
    priceMinor: MinorUnitsSchema,
    validFrom: Type.Optional(Type.Union([DateSchema, Type.Null()])),
    validTo: Type.Optional(Type.Union([DateSchema, Type.Null()])),
    weekdays: Type.Optional(Type.Integer({ minimum: 1, maximum: 127 })),
    minNights: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type RatePlanBody = Static<typeof RatePlanBodySchema>;

export const AvailabilityQuerySchema = Type.Object(
  { from: DateSchema, to: DateSchema, roomTypeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
);

export const AvailabilitySchema = Type.Object({
  from: DateSchema,
  to: DateSchema,
  roomTypes: Type.Array(
    Type.Object({
      roomTypeId: Type.String(),
      name: Type.String(),
      rooms: Type.Integer({ minimum: 0 }),
      /** One entry per night from `from` up to, not including, `to`. */
      nights: Type.Array(Type.Object({ date: DateSchema, free: Type.Integer(), priceMinor: Type.Union([MinorUnitsSchema, Type.Null()]) })),
    }),
  ),
});
export type Availability = Static<typeof AvailabilitySchema>;

export const OutOfOrderBodySchema = Type.Object(
  { reason: ReasonSchema, from: DateSchema, to: DateSchema },
  { additionalProperties: false },
);

export const HousekeepingBodySchema = Type.Object(
  { state: StringEnum<HousekeepingState>(HOUSEKEEPING_STATES) },
  { additionalProperties: false },
);

// ---- bookings ----

export const BookingGuestSchema = Type.Object(
  {
    name: ShortText(120),
    email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
    phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[0-9+()\\-. ]{3,40}$' })),
  },
  { additionalProperties: false },
);

export const CreateBookingBodySchema = Type.Object(
  {
    id: UuidV7Schema,
    roomTypeId: Type.String({ minLength: 1, maxLength: 64 }),
    roomId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    arrival: DateSchema,
    departure: DateSchema,
    guest: BookingGuestSchema,
    adults: Type.Integer({ minimum: 1, maximum: 20 }),
    children: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
    /** tentative holds the room until confirmed; confirmed is the default. */
    status: Type.Optional(StringEnum<'tentative' | 'confirmed'>(['tentative', 'confirmed'])),
    notes: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CreateBookingBody = Static<typeof CreateBookingBodySchema>;

export const BookingSchema = Type.Object({
  id: Type.String(),
  status: StringEnum<BookingStatus>(BOOKING_STATUSES),
  roomTypeId: Type.String(),
  bookedRoomTypeId: Type.String(),
  roomId: NullableString(),
  roomNumber: NullableString(),
  arrival: DateSchema,
  departure: DateSchema,
  nights: Type.Integer({ minimum: 1 }),
  guest: Type.Object({ name: Type.String(), email: NullableString(), phone: NullableString() }),
  adults: Type.Integer(),
  children: Type.Integer(),
  notes: NullableString(),
  totalMinor: MinorUnitsSchema,
  currency: CurrencySchema,
  source: StringEnum<BookingSource>(BOOKING_SOURCES),
  cloudbedsId: NullableString(),
  /** The guest's check-in link (staff only). */
  checkInUrl: Type.String(),
  /** The guest filled in their registration on their phone. */
  registered: Type.Boolean(),
  visitId: NullableString(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
  checkedInAt: NullableString(),
  checkedOutAt: NullableString(),
  cancelReason: NullableString(),
});
export type Booking = Static<typeof BookingSchema>;

export const BookingListQuerySchema = Type.Object(
  {
    from: Type.Optional(DateSchema),
    to: Type.Optional(DateSchema),
    status: Type.Optional(StringEnum<BookingStatus>(BOOKING_STATUSES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const BookingTransitionBodySchema = Type.Object(
  { reason: Type.Optional(ReasonSchema) },
  { additionalProperties: false },
);

export const AssignRoomBodySchema = Type.Object(
  {
    roomId: Type.String({ minLength: 1, maxLength: 64 }),
    /** Give a room of another type at the booked price (an upgrade); without it the room must be of the booking's type. */
    upgrade: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ChangeDatesBodySchema = Type.Object(
  { arrival: DateSchema, departure: DateSchema },
  { additionalProperties: false },
);

/** The front desk's day: who arrives, who leaves, who is in house, and the conflicts to resolve. */
export const FrontDeskSchema = Type.Object({
  date: DateSchema,
  arrivals: Type.Array(BookingSchema),
  departures: Type.Array(BookingSchema),
  inHouse: Type.Array(BookingSchema),
  conflicts: Type.Array(Type.Object({
    id: Type.String(),
    roomId: NullableString(),
    roomNumber: NullableString(),
    roomTypeId: Type.String(),
    bookingIds: Type.Array(Type.String()),
    firstNight: DateSchema,
    detectedAt: IsoTimeSchema,
    /** What a person can do: rooms of the type free for the stay, rooms of a better type, or move a booking's dates. */
    choices: Type.Array(Type.Object({
      kind: StringEnum<'another_room' | 'upgrade' | 'move_booking'>(['another_room', 'upgrade', 'move_booking']),
      bookingId: Type.String(),
      roomId: NullableString(),
      roomNumber: NullableString(),
      label: Type.String(),
    })),
  })),
  rooms: Type.Object({ total: Type.Integer(), ready: Type.Integer(), dirty: Type.Integer(), outOfOrder: Type.Integer(), occupied: Type.Integer() }),
});
export type FrontDesk = Static<typeof FrontDeskSchema>;
export type OverbookingConflict = FrontDesk['conflicts'][number];

// ---- folio ----

export const FolioChargeSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum<FolioChargeKind>(FOLIO_CHARGE_KINDS),
  description: Type.String(),
  amountMinor: MinorUnitsSchema,
  taxRateBp: Type.Integer({ minimum: 0 }),
  night: NullableString(),
  createdAt: IsoTimeSchema,
});

export const FolioPaymentSchema = Type.Object({
  id: Type.String(),
  method: StringEnum<'cash' | 'card'>(['cash', 'card']),
  amountMinor: MinorUnitsSchema,
  tenderedMinor: Type.Union([MinorUnitsSchema, Type.Null()]),
  changeMinor: Type.Union([MinorUnitsSchema, Type.Null()]),
  last4: NullableString(),
  approvalCode: NullableString(),
  createdAt: IsoTimeSchema,
});

export const FolioSchema = Type.Object({
  bookingId: Type.String(),
  currency: CurrencySchema,
  charges: Type.Array(FolioChargeSchema),
  payments: Type.Array(FolioPaymentSchema),
  /** Room-service still open on the stay's visit: charged to the folio at checkout. */
  openRoomServiceMinor: MinorUnitsSchema,
  totalMinor: MinorUnitsSchema,
  paidMinor: MinorUnitsSchema,
  dueMinor: MinorUnitsSchema,
});
export type Folio = Static<typeof FolioSchema>;

export const FolioPaymentBodySchema = Type.Union([
  Type.Object({ id: UuidV7Schema, method: Type.Literal('cash'), amountMinor: Type.Integer({ minimum: 1, maximum: 100_000_000 }), tenderedMinor: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })) }, { additionalProperties: false }),
  Type.Object(
    { id: UuidV7Schema, method: Type.Literal('card'), amountMinor: Type.Integer({ minimum: 1, maximum: 100_000_000 }), last4: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })), approvalCode: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{1,12}$' })) },
    { additionalProperties: false },
  ),
]);
export type FolioPaymentBody = Static<typeof FolioPaymentBodySchema>;

export const FolioChargeBodySchema = Type.Object(
  {
    id: UuidV7Schema,
    kind: StringEnum<'bar' | 'extra'>(['bar', 'extra']),
    description: ShortText(120),
    amountMinor: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    taxRateBp: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

// ---- check-in ----

export const DOCUMENT_TYPES = ['passport', 'id_card', 'driving_licence', 'residence_permit'] as const;

export const RegistrationBodySchema = Type.Object(
  {
    fullName: ShortText(120),
    nationality: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' }),
    documentType: StringEnum<(typeof DOCUMENT_TYPES)[number]>(DOCUMENT_TYPES),
    documentNumber: Type.String({ minLength: 3, maxLength: 30, pattern: '^[A-Za-z0-9 -]+$' }),
    address: ShortText(300),
    arrival: DateSchema,
    departure: DateSchema,
    consent: Type.Literal(true, { description: 'The guest agreed to the house rules and to the data being kept as the venue says' }),
    /** The drawn signature as a PNG data URL (data:image/png;base64,…). */
    signature: Type.String({ minLength: 30, maxLength: 400_000, pattern: '^data:image/png;base64,[A-Za-z0-9+/=]+$' }),
  },
  { additionalProperties: false },
);
export type RegistrationBody = Static<typeof RegistrationBodySchema>;

export const GuestStaySchema = Type.Object({
  bookingId: Type.String(),
  hotelName: Type.String(),
  guestName: Type.String(),
  roomType: Type.String(),
  roomNumber: NullableString(),
  arrival: DateSchema,
  departure: DateSchema,
  nights: Type.Integer(),
  status: StringEnum<BookingStatus>(BOOKING_STATUSES),
  registered: Type.Boolean(),
  idPhoto: Type.Boolean({ description: 'An ID photo is on file' }),
});
export type GuestStay = Static<typeof GuestStaySchema>;

// ---- check-in routes ----

export const CheckInCodeParamsSchema = Type.Object(
  { code: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: "The secret part of the guest's check-in link" }) },
  { additionalProperties: false },
);

export const JoinCheckInResponseSchema = Type.Object({
  /** The guest's bearer token for /api/guest/stay…: returned once, only its hash is kept. */
  token: Type.String(),
  expiresAt: IsoTimeSchema,
  stay: GuestStaySchema,
});
export type JoinCheckInResponse = Static<typeof JoinCheckInResponseSchema>;

export const RegistrationViewSchema = Type.Object({
  bookingId: Type.String(),
  registered: Type.Boolean(),
  /** What the guest filled in (null until they send the form). */
  form: Type.Union([
    Type.Object({
      fullName: Type.String(),
      nationality: Type.String(),
      documentType: Type.String(),
      documentNumber: Type.String(),
      address: Type.String(),
      arrival: DateSchema,
      departure: DateSchema,
      consentAt: IsoTimeSchema,
      submittedAt: IsoTimeSchema,
    }),
    Type.Null(),
  ]),
  idPhoto: Type.Object({
    onFile: Type.Boolean(),
    uploadedAt: NullableString(),
    /** When the retention rule deleted it (null while kept, or when there never was one). */
    deletedAt: NullableString(),
    /** When it will be deleted: set once the stay has ended. */
    deleteAfter: NullableString(),
  }),
  signature: Type.Boolean(),
});
export type RegistrationView = Static<typeof RegistrationViewSchema>;

export const PrintQueuedSchema = Type.Object({ jobId: Type.String() });

// ---- Cloudbeds ----

export const CloudbedsSettingsBodySchema = Type.Object(
  {
    apiKey: Type.String({ minLength: 8, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' }),
    propertyId: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z_-]+$' }),
  },
  { additionalProperties: false },
);

export const CloudbedsSettingsSchema = Type.Object({
  configured: Type.Boolean(),
  /** The key with all but its last 4 characters hidden. */
  apiKeyMasked: NullableString(),
  propertyId: NullableString(),
  pulledUntil: NullableString(),
  mappedRoomTypes: Type.Integer(),
  mappedRooms: Type.Integer(),
});

// ---- events ----

export const BookingChangedSchema = BookingSchema;
export const RoomChangedSchema = RoomSchema;
export const OverbookingDetectedSchema = Type.Object({
  id: Type.String(),
  roomId: NullableString(),
  roomTypeId: Type.String(),
  bookingIds: Type.Array(Type.String()),
  firstNight: DateSchema,
});
