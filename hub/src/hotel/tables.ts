import { sql } from 'drizzle-orm';
import { blob, check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A kind of room the hotel sells (a booking is for a type; a room is assigned to it later or at once). */
export const roomTypes = sqliteTable('room_types', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Most guests (adults and children together) a room of this type sleeps. */
  capacity: integer('capacity').notNull(),
  /** JSON array of short words ("balcony", "sea view"). */
  amenities: text('amenities').notNull(),
  /** JSON array of photo URLs (optional). */
  photos: text('photos').notNull(),
  position: integer('position').notNull(),
});

/**
 * The hotel's rooms. Housekeeping is clean, dirty or inspected; a room out of order carries a reason
 * and the nights it is out (`out_of_order_from` up to, not including, `out_of_order_to`).
 * `table_id` is the room's dining table when the restaurant runs: its QR opens room service.
 */
export const rooms = sqliteTable(
  'rooms',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull().unique(),
    floor: integer('floor').notNull(),
    roomTypeId: text('room_type_id')
      .notNull()
      .references(() => roomTypes.id),
    housekeeping: text('housekeeping', { enum: ['clean', 'dirty', 'inspected'] }).notNull(),
    outOfOrderReason: text('out_of_order_reason'),
    outOfOrderFrom: text('out_of_order_from'),
    outOfOrderTo: text('out_of_order_to'),
    tableId: text('table_id'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('rooms_type').on(t.roomTypeId)],
);

/**
 * A nightly price for a room type: from `valid_from` up to, not including, `valid_to` (open when null),
 * on the weekdays of `weekdays` (bit 0 Monday … bit 6 Sunday), for stays of at least `min_nights`.
 * When several plans cover a night, the highest `priority` wins.
 */
export const ratePlans = sqliteTable(
  'rate_plans',
  {
    id: text('id').primaryKey(),
    roomTypeId: text('room_type_id')
      .notNull()
      .references(() => roomTypes.id),
    name: text('name').notNull(),
    priceMinor: integer('price_minor').notNull(),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    weekdays: integer('weekdays').notNull(),
    minNights: integer('min_nights').notNull(),
    priority: integer('priority').notNull(),
  },
  (t) => [index('rate_plans_type').on(t.roomTypeId)],
);

/**
 * A booking (a stay). `room_type_id` is the type it occupies; `booked_room_type_id` the type it was
 * sold as (they differ after an upgrade). Dates are the venue's local calendar dates (YYYY-MM-DD):
 * the guest sleeps the nights from `arrival` up to, not including, `departure`.
 */
export const bookings = sqliteTable(
  'bookings',
  {
    id: text('id').primaryKey(),
    roomTypeId: text('room_type_id').notNull(),
    bookedRoomTypeId: text('booked_room_type_id').notNull(),
    roomId: text('room_id'),
    arrival: text('arrival').notNull(),
    departure: text('departure').notNull(),
    status: text('status', { enum: ['tentative', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show'] }).notNull(),
    guestName: text('guest_name').notNull(),
    guestEmail: text('guest_email'),
    guestPhone: text('guest_phone'),
    adults: integer('adults').notNull(),
    children: integer('children').notNull(),
    notes: text('notes'),
    /** What the nights cost, priced when booked (integer minor units of `currency`). */
    totalMinor: integer('total_minor').notNull(),
    /** JSON array of each night's price in minor units (they add up to total_minor): the folio posts them at check-in. */
    nightPrices: text('night_prices').notNull(),
    currency: text('currency').notNull(),
    /** Where it was made: here, by HQ, or in Cloudbeds. */
    source: text('source', { enum: ['hub', 'hq', 'cloudbeds'] }).notNull(),
    /** Cloudbeds' reservation id, once pushed or when pulled. */
    cloudbedsId: text('cloudbeds_id').unique(),
    /** The secret part of the guest's check-in QR link. */
    checkInCode: text('check_in_code').notNull().unique(),
    /** The room-service visit while the guest is in house (restaurant running). */
    visitId: text('visit_id'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    checkedInAt: text('checked_in_at'),
    checkedOutAt: text('checked_out_at'),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    index('bookings_type_departure').on(t.roomTypeId, t.departure),
    index('bookings_room_departure').on(t.roomId, t.departure),
    index('bookings_arrival').on(t.arrival),
    check('bookings_dates', sql`${t.departure} > ${t.arrival}`),
  ],
);

/** Each change of a booking's status or room: who did it, when, and why. */
export const bookingChanges = sqliteTable(
  'booking_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bookingId: text('booking_id').notNull(),
    kind: text('kind').notNull(),
    detail: text('detail').notNull(),
    staffId: text('staff_id'),
    at: text('at').notNull(),
  },
  (t) => [index('booking_changes_booking').on(t.bookingId)],
);

/**
 * Two stays in one room on the same night, found after a merge from HQ or Cloudbeds (the hub never
 * makes one itself). Open until a person resolves it; nothing is dropped on its own.
 */
export const overbookingConflicts = sqliteTable(
  'overbooking_conflicts',
  {
    id: text('id').primaryKey(),
    /** The room both stays hold, or null when a type has more stays than rooms. */
    roomId: text('room_id'),
    roomTypeId: text('room_type_id').notNull(),
    /** JSON array of the booking ids involved. */
    bookingIds: text('booking_ids').notNull(),
    firstNight: text('first_night').notNull(),
    detectedAt: text('detected_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
  },
  (t) => [index('overbooking_conflicts_open').on(t.detectedAt).where(sql`resolved_at IS NULL`)],
);

/**
 * A stay's folio: what the guest owes (nights, room service, bar, extras). `source_id` makes a posting
 * idempotent (a night's date, or the payment that charged a bill to the room).
 */
export const folioCharges = sqliteTable(
  'folio_charges',
  {
    id: text('id').primaryKey(),
    bookingId: text('booking_id').notNull(),
    kind: text('kind', { enum: ['night', 'room_service', 'bar', 'extra'] }).notNull(),
    description: text('description').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    sourceId: text('source_id').notNull(),
    night: text('night'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    voidedAt: text('voided_at'),
    voidReason: text('void_reason'),
  },
  (t) => [index('folio_charges_booking').on(t.bookingId), uniqueIndex('folio_charges_source').on(t.bookingId, t.kind, t.sourceId)],
);

/** Payments against a folio, cash or card, client-made ids (a retry adds nothing). */
export const folioPayments = sqliteTable(
  'folio_payments',
  {
    id: text('id').primaryKey(),
    bookingId: text('booking_id').notNull(),
    method: text('method', { enum: ['cash', 'card'] }).notNull(),
    amountMinor: integer('amount_minor').notNull(),
    tenderedMinor: integer('tendered_minor'),
    changeMinor: integer('change_minor'),
    cardLast4: text('card_last4'),
    approvalCode: text('approval_code'),
    staffId: text('staff_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('folio_payments_booking').on(t.bookingId)],
);

/** What the guest filled in on their check-in page. Stays on the hub; never synced. */
export const checkInRegistrations = sqliteTable('check_in_registrations', {
  bookingId: text('booking_id').primaryKey(),
  fullName: text('full_name').notNull(),
  nationality: text('nationality').notNull(),
  documentType: text('document_type').notNull(),
  documentNumber: text('document_number').notNull(),
  address: text('address').notNull(),
  arrival: text('arrival').notNull(),
  departure: text('departure').notNull(),
  consentAt: text('consent_at').notNull(),
  submittedAt: text('submitted_at').notNull(),
});

/**
 * The ID photo and the drawn signature, as bytes in SQLite (written in the registration's own
 * transaction). The ID photo's bytes are cleared a set number of days after checkout.
 */
export const checkInDocuments = sqliteTable(
  'check_in_documents',
  {
    bookingId: text('booking_id').notNull(),
    kind: text('kind', { enum: ['id_photo', 'signature'] }).notNull(),
    mime: text('mime').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }),
    createdAt: text('created_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [uniqueIndex('check_in_documents_one').on(t.bookingId, t.kind)],
);

/** A guest's check-in page token, stored hashed: it reaches only its booking, like a table's. */
export const checkInSessions = sqliteTable(
  'check_in_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    bookingId: text('booking_id').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('check_in_sessions_booking').on(t.bookingId)],
);

/** Every housekeeping change of a room: who marked it, from what to what. */
export const housekeepingLog = sqliteTable(
  'housekeeping_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roomId: text('room_id').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    staffId: text('staff_id'),
    at: text('at').notNull(),
  },
  (t) => [index('housekeeping_log_room').on(t.roomId)],
);

/** Cloudbeds credentials and the pull cursor: one row, absent until a manager sets a key. */
export const cloudbedsSettings = sqliteTable(
  'cloudbeds_settings',
  {
    id: integer('id').primaryKey(),
    apiKey: text('api_key').notNull(),
    propertyId: text('property_id').notNull(),
    /** `modifiedFrom` of the next pull: the newest modification time read so far. */
    pulledUntil: text('pulled_until'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [check('cloudbeds_settings_one_row', sql`${t.id} = 1`)],
);

/** Which Cloudbeds room type or room is which of the hub's. */
export const cloudbedsMappings = sqliteTable(
  'cloudbeds_mappings',
  {
    kind: text('kind', { enum: ['room_type', 'room'] }).notNull(),
    cloudbedsId: text('cloudbeds_id').notNull(),
    hubId: text('hub_id').notNull(),
  },
  (t) => [uniqueIndex('cloudbeds_mappings_cloudbeds').on(t.kind, t.cloudbedsId), index('cloudbeds_mappings_hub').on(t.kind, t.hubId)],
);
