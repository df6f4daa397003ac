import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Airalo's credentials and the venue's pricing: one row, absent until a manager sets them. The secret
 * is read by the token store only; it is never part of a job, an event, a log line or a sync document.
 */
export const airaloSettings = sqliteTable(
  'airalo_settings',
  {
    id: integer('id').primaryKey(),
    clientId: text('client_id'),
    clientSecret: text('client_secret'),
    /** Venue currency per US dollar, decimal text ("0.92"); null until set (the venue sells nothing before). */
    usdRate: text('usd_rate'),
    /** The last catalogue refresh that applied, and why the last one did not (a cut-short answer). */
    catalogueSyncedAt: text('catalogue_synced_at'),
    catalogueProblem: text('catalogue_problem'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [check('airalo_settings_one_row', sql`${t.id} = 1`)],
);

/**
 * Airalo's bearer token, kept across restarts (its endpoint allows 3 calls a minute), keyed by a hash
 * of the API address and client id so new credentials never use an old client's token.
 */
export const airaloTokens = sqliteTable('airalo_tokens', {
  clientKey: text('client_key').primaryKey(),
  accessToken: text('access_token').notNull(),
  obtainedAt: integer('obtained_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/**
 * Airalo's catalogue as last read, browsable offline. Prices are Airalo's, in US cents. A package Airalo
 * stops listing keeps its row with `gone_at`, since sales refer to it; it is no longer sold.
 */
export const esimPackages = sqliteTable('esim_packages', {
    id: text('id').primaryKey(),
    type: text('type', { enum: ['sim', 'topup'] }).notNull(),
    title: text('title').notNull(),
    countryCode: text('country_code'),
    area: text('area').notNull(),
    operator: text('operator').notNull(),
    dataMb: integer('data_mb'),
    unlimited: integer('unlimited', { mode: 'boolean' }).notNull(),
    days: integer('days').notNull(),
    retailUsdMinor: integer('retail_usd_minor').notNull(),
    netUsdMinor: integer('net_usd_minor').notNull(),
    /** Lower-case words of title, area, operator and countries, for the guest's search. */
    searchText: text('search_text').notNull(),
    goneAt: text('gone_at'),
    updatedAt: text('updated_at').notNull(),
});

/** The countries each package works in: the guest's country filter reads this index. */
export const esimCoverage = sqliteTable(
  'esim_coverage',
  {
    countryCode: text('country_code').notNull(),
    packageId: text('package_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countryCode, t.packageId] }), index('esim_coverage_package').on(t.packageId)],
);

/** Which packages the venue sells and at what price (minor units of the venue's currency; null: the floor). */
export const esimOffers = sqliteTable('esim_offers', {
  packageId: text('package_id').primaryKey(),
  offered: integer('offered', { mode: 'boolean' }).notNull(),
  sellingMinor: integer('selling_minor'),
  updatedAt: text('updated_at').notNull(),
});

/**
 * An eSIM sale: a line on a visit's bill until paid, then an order to Airalo through the outbox (the
 * sale id is the order's `description`), then the delivered eSIM. The install codes are the buyer's:
 * they stay in this table, never in events, jobs, logs or sync documents.
 */
export const esimPurchases = sqliteTable(
  'esim_purchases',
  {
    id: text('id').primaryKey(),
    visitId: text('visit_id').notNull(),
    packageId: text('package_id').notNull(),
    title: text('title').notNull(),
    dataMb: integer('data_mb'),
    unlimited: integer('unlimited', { mode: 'boolean' }).notNull(),
    days: integer('days').notNull(),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    /** Airalo's net price at the sale (US cents), and converted to the venue's currency at the sale's rate. */
    netUsdMinor: integer('net_usd_minor').notNull(),
    costMinor: integer('cost_minor').notNull(),
    status: text('status', { enum: ['awaiting_payment', 'paid', 'delivered', 'needs_person', 'refunded', 'cancelled'] }).notNull(),
    soldBy: text('sold_by', { enum: ['guest', 'staff'] }).notNull(),
    /** Who may see the install codes: the guest session's token hash, or the staff member who sold it. */
    buyerTokenHash: text('buyer_token_hash'),
    sellerStaffId: text('seller_staff_id'),
    reason: text('reason'),
    businessDay: text('business_day').notNull(),
    createdAt: text('created_at').notNull(),
    paidAt: text('paid_at'),
    deliveredAt: text('delivered_at'),
    refundedAt: text('refunded_at'),
    updatedAt: text('updated_at').notNull(),
    airaloOrderId: text('airalo_order_id'),
    airaloOrderCode: text('airalo_order_code'),
    iccid: text('iccid'),
    /** The SM-DP+ address and matching id Airalo answered, and the activation code made of them. */
    smdpAddress: text('smdp_address'),
    matchingId: text('matching_id'),
    activationCode: text('activation_code'),
    apn: text('apn'),
    roaming: integer('roaming', { mode: 'boolean' }),
    /** The last usage read (JSON), when it was read, and when a person last asked for a fresh one. */
    usage: text('usage'),
    usageFetchedAt: text('usage_fetched_at'),
    usageAskedAt: text('usage_asked_at'),
  },
  (t) => [index('esim_purchases_visit').on(t.visitId), index('esim_purchases_status').on(t.status), index('esim_purchases_iccid').on(t.iccid)],
);
