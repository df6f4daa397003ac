import { Type, type Static } from 'typebox';
import { PURCHASE_STATUSES, type PurchaseStatus } from '../esim/purchase-lifecycle.ts';
import { CurrencySchema, IsoTimeSchema, MinorUnitsSchema, Nullable, NullableInteger, NullableString, StringEnum, UuidV7Schema } from './common.ts';

/**
 * Travel eSIMs sold through Airalo: the catalogue as the venue offers it, the purchases (a bill line
 * each), and what the buyer sees once the eSIM is delivered. Prices the guest pays are in the venue's
 * currency; Airalo's own prices are USD and are converted at the rate the manager sets.
 */

/** Airalo's package ids are slugs such as "kallur-digital-7days-1gb". */
export const PackageIdSchema = Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9_.:-]+$' });

// ---- the guest's list ----

/** One package the venue sells, as the guest and the desk browse it. Fields the package lacks are left out. */
export const EsimPackageSchema = Type.Object({
  id: PackageIdSchema,
  title: Type.String(),
  /** ISO country code of a local package; left out for a regional or global one. */
  country: Type.Optional(Type.String()),
  /** Where it works, in words ("Turkey", "Europe"). */
  area: Type.String(),
  operator: Type.String(),
  /** Data in MB; left out for an unlimited package. */
  dataMb: Type.Optional(Type.Integer({ minimum: 0 })),
  unlimited: Type.Boolean(),
  days: Type.Integer({ minimum: 1 }),
  priceMinor: MinorUnitsSchema,
  currency: CurrencySchema,
});
export type EsimPackage = Static<typeof EsimPackageSchema>;

export const EsimPackagesQuerySchema = Type.Object(
  {
    /** ISO country code: packages that work there (local and regional). */
    country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
    /** Words in the title, area or operator. */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  },
  { additionalProperties: false },
);
export type EsimPackagesQuery = Static<typeof EsimPackagesQuerySchema>;

// ---- purchases ----

export const NewEsimPurchaseSchema = Type.Object(
  {
    id: UuidV7Schema,
    packageId: PackageIdSchema,
    /** The price the buyer saw; when given and the price has changed since, the purchase is refused (409 price_changed). */
    priceMinor: Type.Optional(MinorUnitsSchema),
  },
  { additionalProperties: false },
);
export type NewEsimPurchase = Static<typeof NewEsimPurchaseSchema>;

export const EsimUsageSchema = Type.Object({
  /** MB left and in total; null for an unlimited package. */
  remainingMb: NullableInteger(),
  totalMb: NullableInteger(),
  /** When the data runs out by date, as Airalo writes it. */
  expiresAt: NullableString(),
  /** NOT_ACTIVE, ACTIVE, FINISHED, EXPIRED or UNKNOWN, as Airalo says. */
  status: Type.String(),
  fetchedAt: IsoTimeSchema,
});
export type EsimUsage = Static<typeof EsimUsageSchema>;

export const EsimInstallSchema = Type.Object({
  /** The SGP.22 activation code, `LPA:1$<smdp>$<matching id>`: what the QR code carries. */
  activationCode: Type.String(),
  smdpAddress: Type.String(),
  /** iOS asks for the matching id alone under "Activation Code". */
  iosActivationCode: Type.String(),
  /** Android's "Enter activation code" takes the whole code. */
  androidActivationCode: Type.String(),
  /** Opens the install on iOS 17.4 and later. */
  appleInstallUrl: Type.String(),
  apn: NullableString(),
  roaming: Nullable<boolean>({ type: 'boolean' }),
});
export type EsimInstall = Static<typeof EsimInstallSchema>;

export const BuyerNoticeSchema = Type.Object({
  key: Type.String(),
  title: Type.String(),
  body: Type.String(),
  /** Milliseconds since payment while the buyer waits. */
  waitedMs: NullableInteger(),
});

/**
 * A purchase as the buyer, or staff, read it. The install fields (`iccid`, `lpa`, `qr`, `install`) are
 * present only once delivered, and only for the buyer: the guest session that bought it, the staff
 * member who sold it, or a manager.
 */
export const EsimPurchaseSchema = Type.Object({
  id: Type.String(),
  visitId: Type.String(),
  tableName: Type.String(),
  packageId: Type.String(),
  title: Type.String(),
  dataMb: NullableInteger(),
  unlimited: Type.Boolean(),
  days: Type.Integer(),
  priceMinor: MinorUnitsSchema,
  currency: CurrencySchema,
  status: StringEnum<PurchaseStatus>(PURCHASE_STATUSES),
  notice: BuyerNoticeSchema,
  soldBy: StringEnum<'guest' | 'staff'>(['guest', 'staff']),
  /** Why a person has it, or why it was refunded (staff only; empty for the guest). */
  reason: NullableString(),
  createdAt: IsoTimeSchema,
  paidAt: NullableString({ format: 'date-time' }),
  deliveredAt: NullableString({ format: 'date-time' }),
  iccid: Type.Optional(Type.String()),
  /** The activation code, `LPA:1$…`. */
  lpa: Type.Optional(Type.String()),
  /** The text the install QR code encodes (the activation code). */
  qr: Type.Optional(Type.String()),
  install: Type.Optional(EsimInstallSchema),
  usage: Type.Optional(Type.Union([EsimUsageSchema, Type.Null()])),
});
export type EsimPurchase = Static<typeof EsimPurchaseSchema>;

export const PurchaseActionBodySchema = Type.Object(
  {
    action: StringEnum<'cancel' | 'retry' | 'swap' | 'refund'>(['cancel', 'retry', 'swap', 'refund']),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    /** For a swap: the live package that replaces a gone one, at the same or a lower price. */
    packageId: Type.Optional(PackageIdSchema),
  },
  { additionalProperties: false },
);
export type PurchaseActionBody = Static<typeof PurchaseActionBodySchema>;

export const EsimPurchaseListQuerySchema = Type.Object(
  {
    status: Type.Optional(StringEnum<PurchaseStatus>(PURCHASE_STATUSES)),
    visitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

// ---- the manager's settings and catalogue ----

export const AiraloCredentialsBodySchema = Type.Object(
  {
    clientId: Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' }),
    clientSecret: Type.String({ minLength: 1, maxLength: 500, pattern: '^[\\x21-\\x7e]+$' }),
  },
  { additionalProperties: false },
);
export type AiraloCredentialsBody = Static<typeof AiraloCredentialsBodySchema>;

export const EsimPricingBodySchema = Type.Object(
  {
    /** How many units of the venue's currency one US dollar costs, as decimal text ("0.92"); up to 6 decimals. */
    usdRate: Type.String({ pattern: '^[0-9]{1,6}(\\.[0-9]{1,6})?$' }),
  },
  { additionalProperties: false },
);
export type EsimPricingBody = Static<typeof EsimPricingBodySchema>;

export const AiraloSettingsSchema = Type.Object({
  configured: Type.Boolean(),
  /** The client id with all but its last 4 characters masked. */
  clientId: NullableString(),
  apiUrl: Type.String(),
  currency: CurrencySchema,
  /** Venue currency per US dollar; null until a manager sets it (always "1" for a venue in USD). */
  usdRate: NullableString(),
  catalogue: Type.Object({
    packages: Type.Integer(),
    offered: Type.Integer(),
    syncedAt: NullableString({ format: 'date-time' }),
    /** Why the last refresh did not apply, in words (a cut-short answer, refused credentials). */
    problem: NullableString(),
  }),
});
export type AiraloSettings = Static<typeof AiraloSettingsSchema>;

/** A catalogue package as the manager sets it up: Airalo's prices beside the venue's. */
export const EsimCatalogueEntrySchema = Type.Object({
  id: Type.String(),
  type: StringEnum<'sim' | 'topup'>(['sim', 'topup']),
  title: Type.String(),
  country: NullableString(),
  area: Type.String(),
  operator: Type.String(),
  dataMb: NullableInteger(),
  unlimited: Type.Boolean(),
  days: Type.Integer(),
  /** Airalo's retail and net prices, in US cents. */
  retailUsdMinor: Type.Integer(),
  netUsdMinor: Type.Integer(),
  /** The lowest price the venue may charge: retail at the venue's rate, rounded up; null until the rate is set. */
  floorMinor: NullableInteger(),
  /** The venue's price when it set one; the floor otherwise. */
  sellingMinor: NullableInteger(),
  currency: CurrencySchema,
  offered: Type.Boolean(),
  /** Airalo no longer lists it: it is not sold. */
  gone: Type.Boolean(),
});
export type EsimCatalogueEntry = Static<typeof EsimCatalogueEntrySchema>;

export const EsimCatalogueQuerySchema = Type.Object(
  {
    country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    offered: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const EsimOfferBodySchema = Type.Object(
  {
    offered: Type.Boolean(),
    /** The venue's selling price in minor units of its currency; left out, the floor. */
    sellingMinor: Type.Optional(MinorUnitsSchema),
  },
  { additionalProperties: false },
);
export type EsimOfferBody = Static<typeof EsimOfferBodySchema>;

// ---- the event (and the cloud's record): never the install codes ----

/** A purchase as it travels in events and to HQ: what it sold, for how much, and where it stands. No codes. */
export const EsimSaleSchema = Type.Object({
  id: Type.String(),
  visitId: Type.String(),
  packageId: Type.String(),
  title: Type.String(),
  status: StringEnum<PurchaseStatus>(PURCHASE_STATUSES),
  priceMinor: MinorUnitsSchema,
  currency: CurrencySchema,
  /** Airalo's net price at the sale, converted to the venue's currency at the rate of the sale. */
  costMinor: MinorUnitsSchema,
  businessDay: Type.String(),
  createdAt: IsoTimeSchema,
  paidAt: NullableString({ format: 'date-time' }),
  deliveredAt: NullableString({ format: 'date-time' }),
  refundedAt: NullableString({ format: 'date-time' }),
  updatedAt: IsoTimeSchema,
});
export type EsimSale = Static<typeof EsimSaleSchema>;
