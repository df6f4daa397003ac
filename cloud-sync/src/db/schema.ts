import { bigint, bigserial, boolean, customType, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** bytea as Uint8Array for both drivers (node-postgres gives a Buffer, which is one). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer)),
});

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

// ---- HQ people and venues ----

export const hqUsers = pgTable('hq_users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  /** scrypt$N$r$p$salt$key, all base64url */
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
});

export const hqSessions = pgTable('hq_sessions', {
  /** sha256 of the bearer token: a leaked table logs no one in */
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => hqUsers.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const venues = pgTable('venues', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  currency: text('currency').notNull(),
  createdAt: createdAt(),
  /** A hub of this venue last connected or sent an update. */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
  /** The last update stored for any of the venue's documents. */
  lastUpdateAt: timestamp('last_update_at', { withTimezone: true, mode: 'date' }),
});

export const pairingCodes = pgTable('pairing_codes', {
  codeHash: text('code_hash').primaryKey(),
  venueId: text('venue_id').notNull().references(() => venues.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
});

export const hubTokens = pgTable(
  'hub_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    venueId: text('venue_id').notNull().references(() => venues.id, { onDelete: 'cascade' }),
    hubName: text('hub_name'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('hub_tokens_venue_idx').on(t.venueId)],
);

/**
 * Counters of failed guesses (HQ passwords per account and per client address, pairing codes per
 * client address), kept in Postgres so every cloud node counts the same guesses. The rule is in
 * src/hq/throttle-rule.ts; a row may be deleted once expires_at has passed.
 */
export const authThrottle = pgTable(
  'auth_throttle',
  {
    /** e.g. hq-login/account/<email>, hq-login/client/<address>, pairing/client/<address> */
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('auth_throttle_expires_idx').on(t.expiresAt)],
);

// ---- documents ----

/** Every accepted Yjs update (V2 encoding), appended; compaction folds old ones into doc_snapshots. */
export const docUpdates = pgTable(
  'doc_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    docName: text('doc_name').notNull(),
    venueId: text('venue_id').notNull(),
    update: bytea('update').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('doc_updates_doc_idx').on(t.docName, t.id)],
);

/** The merged state of a document up to last_update_id (V2 encoding). */
export const docSnapshots = pgTable('doc_snapshots', {
  docName: text('doc_name').primaryKey(),
  venueId: text('venue_id').notNull(),
  state: bytea('state').notNull(),
  lastUpdateId: bigint('last_update_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

// ---- report projections (rebuilt from the documents, in the same transaction as the append) ----

export const reportOrders = pgTable(
  'report_orders',
  {
    venueId: text('venue_id').notNull(),
    orderId: text('order_id').notNull(),
    businessDay: date('business_day', { mode: 'string' }).notNull(),
    number: integer('number').notNull(),
    tableName: text('table_name').notNull(),
    status: text('status').notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    placedAt: timestamp('placed_at', { withTimezone: true, mode: 'date' }).notNull(),
    readyAt: timestamp('ready_at', { withTimezone: true, mode: 'date' }),
    servedAt: timestamp('served_at', { withTimezone: true, mode: 'date' }),
    /** Sum of the quantities of the order's lines. */
    itemCount: integer('item_count').notNull(),
  },
  // The key includes the venue: an order id sent by one venue's hub can never overwrite another's row.
  (t) => [primaryKey({ columns: [t.venueId, t.orderId] }), index('report_orders_day_idx').on(t.venueId, t.businessDay)],
);

export const reportOrderItems = pgTable(
  'report_order_items',
  {
    venueId: text('venue_id').notNull(),
    orderId: text('order_id').notNull(),
    itemId: text('item_id').notNull(),
    menuItemId: text('menu_item_id').notNull(),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: bigint('unit_price_minor', { mode: 'number' }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    station: text('station').notNull(),
    status: text('status').notNull(),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.itemId] }), index('report_order_items_order_idx').on(t.venueId, t.orderId)],
);

/**
 * A venue's payments, from the `payments` of its day documents: what was taken, by tender, with tips.
 * Money is in minor units of the row's own currency (never the venue's: a hub labels what it sold).
 */
export const reportPayments = pgTable(
  'report_payments',
  {
    venueId: text('venue_id').notNull(),
    paymentId: text('payment_id').notNull(),
    businessDay: date('business_day', { mode: 'string' }).notNull(),
    visitId: text('visit_id').notNull(),
    partId: text('part_id'),
    /** cash, card or ton */
    method: text('method').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    tipMinor: bigint('tip_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    tonInvoiceId: text('ton_invoice_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.paymentId] }), index('report_payments_day_idx').on(t.venueId, t.businessDay)],
);

/** A venue's settled bills, from the `bills` of its day documents: one row per visit. */
export const reportBills = pgTable(
  'report_bills',
  {
    venueId: text('venue_id').notNull(),
    visitId: text('visit_id').notNull(),
    businessDay: date('business_day', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    subtotalMinor: bigint('subtotal_minor', { mode: 'number' }).notNull(),
    discountMinor: bigint('discount_minor', { mode: 'number' }).notNull(),
    serviceChargeMinor: bigint('service_charge_minor', { mode: 'number' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    paidMinor: bigint('paid_minor', { mode: 'number' }).notNull(),
    tipsMinor: bigint('tips_minor', { mode: 'number' }).notNull(),
    writtenOffMinor: bigint('written_off_minor', { mode: 'number' }).notNull(),
    /** A hotel room's room-service bill (the hotel report's room-service takings). */
    roomService: boolean('room_service').notNull().default(false),
    settledAt: timestamp('settled_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.visitId] }), index('report_bills_day_idx').on(t.venueId, t.businessDay)],
);

/** The tax of each settled bill by rate (its business day and currency copied, so reports need no join). */
export const reportBillTaxes = pgTable(
  'report_bill_taxes',
  {
    venueId: text('venue_id').notNull(),
    visitId: text('visit_id').notNull(),
    rateBp: integer('rate_bp').notNull(),
    businessDay: date('business_day', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    netMinor: bigint('net_minor', { mode: 'number' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.visitId, t.rateBp] }), index('report_bill_taxes_day_idx').on(t.venueId, t.businessDay)],
);

// ---- hotel (from the stays documents and the config document's room types) ----

/**
 * A venue's bookings, from its stays documents: one row per booking, with the month of the document
 * that holds it (a booking whose arrival moved is deleted from the old month's document, and only the
 * row of that month is dropped then, whichever document's update comes first).
 */
export const reportStays = pgTable(
  'report_stays',
  {
    venueId: text('venue_id').notNull(),
    bookingId: text('booking_id').notNull(),
    /** YYYY-MM: the stays document the booking is in. */
    stayMonth: text('stay_month').notNull(),
    roomTypeId: text('room_type_id').notNull(),
    roomId: text('room_id'),
    roomNumber: text('room_number'),
    arrival: date('arrival', { mode: 'string' }).notNull(),
    departure: date('departure', { mode: 'string' }).notNull(),
    nights: integer('nights').notNull(),
    status: text('status').notNull(),
    adults: integer('adults').notNull(),
    children: integer('children').notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** hub, hq or cloudbeds */
    source: text('source').notNull(),
    guestName: text('guest_name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.venueId, t.bookingId] }),
    index('report_stays_arrival_idx').on(t.venueId, t.arrival),
    index('report_stays_departure_idx').on(t.venueId, t.departure),
  ],
);

/**
 * Each night of each booking with its share of the booking's total (largest remainder, so the nights
 * add up to the total): what the per-night report sums. Rewritten whole when the booking changes.
 */
export const reportStayNights = pgTable(
  'report_stay_nights',
  {
    venueId: text('venue_id').notNull(),
    bookingId: text('booking_id').notNull(),
    night: date('night', { mode: 'string' }).notNull(),
    stayMonth: text('stay_month').notNull(),
    roomTypeId: text('room_type_id').notNull(),
    status: text('status').notNull(),
    revenueMinor: bigint('revenue_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.bookingId, t.night] }), index('report_stay_nights_night_idx').on(t.venueId, t.night)],
);

/** A venue's room types and how many rooms each has, from its config document (rooms for sale a night). */
export const reportRoomTypes = pgTable(
  'report_room_types',
  {
    venueId: text('venue_id').notNull(),
    roomTypeId: text('room_type_id').notNull(),
    name: text('name').notNull(),
    rooms: integer('rooms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.roomTypeId] })],
);

// ---- eSIMs (from the `esimSales` of the day documents) ----

/**
 * A venue's eSIM sales, one row per sale keyed by venue and sale id (a resend or a later status
 * rewrites the row), on the business day of the document that holds it: the day it was put on the
 * bill. Price and cost (Airalo's net price at the sale's rate) are minor units of the row's currency.
 */
export const reportEsimSales = pgTable(
  'report_esim_sales',
  {
    venueId: text('venue_id').notNull(),
    saleId: text('sale_id').notNull(),
    businessDay: date('business_day', { mode: 'string' }).notNull(),
    visitId: text('visit_id').notNull(),
    packageId: text('package_id').notNull(),
    title: text('title').notNull(),
    /** awaiting_payment, paid, delivered, needs_person, refunded or cancelled */
    status: text('status').notNull(),
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    costMinor: bigint('cost_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true, mode: 'date' }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    refundedAt: timestamp('refunded_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.saleId] }), index('report_esim_sales_day_idx').on(t.venueId, t.businessDay)],
);
