import { Type, type Static } from 'typebox';
import { CurrencySchema, IsoTimeSchema, LocalizedTextSchema, MinorUnitsSchema, NullableInteger, NullableString, StringEnum, UuidV7Schema } from './common.ts';

/**
 * Bills, payments, splits, TON invoices and the day's close. Money is integer minor units of the
 * `currency` beside it; nanotons (10^-9 TON) are decimal strings, as they pass 2^53.
 */

export const TAX_MODES = ['included', 'added'] as const;
export type TaxModeName = (typeof TAX_MODES)[number];
/** `room`: charged to a hotel stay's folio (the room-charge tender), paid at checkout. */
export const PAYMENT_METHODS = ['cash', 'card', 'ton', 'room'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** The room-charge tender: it settles a bill but brings no money in (takings leave it out). */
export const ROOM_CHARGE = 'room' satisfies PaymentMethod;

const ReasonSchema = Type.String({ minLength: 1, maxLength: 300, description: 'Why, in a few words (staff only)' });
const NanotonsSchema = Type.String({ pattern: '^[0-9]{1,30}$', description: 'Nanotons (10^-9 TON), as a decimal string' });

// ---- the bill ----

export const BillLineSchema = Type.Object({
  itemId: Type.String(),
  name: Type.String({ description: 'In the venue language' }),
  names: LocalizedTextSchema,
  quantity: Type.Integer({ minimum: 1 }),
  totalMinor: MinorUnitsSchema,
  taxRateBp: Type.Integer({ minimum: 0, description: '2000 is 20 %' }),
});

export const BillDiscountSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum<'amount' | 'percent'>(['amount', 'percent']),
  rateBp: NullableInteger({ description: 'For a percent discount: 1000 is 10 %' }),
  amountMinor: MinorUnitsSchema,
  reason: NullableString({ description: 'Why it was given (staff only: null for guests)' }),
});

export const TaxLineSchema = Type.Object({
  rateBp: Type.Integer({ minimum: 0 }),
  discountMinor: MinorUnitsSchema,
  netMinor: MinorUnitsSchema,
  taxMinor: MinorUnitsSchema,
  grossMinor: MinorUnitsSchema,
});

export const PaymentSchema = Type.Object({
  id: Type.String(),
  visitId: Type.String(),
  partId: NullableString(),
  method: StringEnum<PaymentMethod>(PAYMENT_METHODS),
  amountMinor: MinorUnitsSchema,
  tipMinor: MinorUnitsSchema,
  tenderedMinor: NullableInteger({ description: 'Cash handed over' }),
  changeMinor: MinorUnitsSchema,
  last4: NullableString({ description: "Card: the last 4 digits on the terminal's slip" }),
  approvalCode: NullableString({ description: "Card: the approval code on the terminal's slip" }),
  tonInvoiceId: NullableString(),
  currency: CurrencySchema,
  businessDay: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  staffId: NullableString({ description: 'Who took it (null for guests, and for TON confirmed by the hub)' }),
  createdAt: IsoTimeSchema,
});
export type Payment = Static<typeof PaymentSchema>;

export const BillPartSchema = Type.Object({
  id: Type.String(),
  position: Type.Integer({ minimum: 0 }),
  label: Type.String(),
  amountMinor: MinorUnitsSchema,
  paidMinor: MinorUnitsSchema,
  dueMinor: MinorUnitsSchema,
});
export type BillPart = Static<typeof BillPartSchema>;

export const BillSplitSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum<'equal' | 'items' | 'amounts'>(['equal', 'items', 'amounts']),
  baseMinor: MinorUnitsSchema,
  /** False once the bill changed after the split (an item voided): split it again. */
  current: Type.Boolean({ description: 'False when the bill changed after the split was made: split it again' }),
  parts: Type.Array(BillPartSchema),
});

export const BillWriteOffSchema = Type.Object({
  id: Type.String(),
  amountMinor: MinorUnitsSchema,
  reason: NullableString({ description: 'Staff only: null for guests' }),
  createdAt: IsoTimeSchema,
});

export const BillStatusSchema = StringEnum<'open' | 'paid' | 'written_off'>(['open', 'paid', 'written_off'], {
  description: 'open: something is due; paid: paid in full; written_off: a manager let the rest go',
});

export const BillSchema = Type.Object({
  visitId: Type.String(),
  tableId: Type.String(),
  tableName: Type.String(),
  currency: CurrencySchema,
  status: BillStatusSchema,
  taxMode: StringEnum<TaxModeName>(TAX_MODES),
  lines: Type.Array(BillLineSchema),
  subtotalMinor: MinorUnitsSchema,
  discounts: Type.Array(BillDiscountSchema),
  discountMinor: MinorUnitsSchema,
  serviceChargeBp: Type.Integer({ minimum: 0 }),
  serviceChargeMinor: MinorUnitsSchema,
  taxLines: Type.Array(TaxLineSchema),
  taxMinor: MinorUnitsSchema,
  taxAddedMinor: MinorUnitsSchema,
  totalMinor: MinorUnitsSchema,
  paidMinor: MinorUnitsSchema,
  tipsMinor: MinorUnitsSchema,
  writtenOffMinor: MinorUnitsSchema,
  dueMinor: MinorUnitsSchema,
  /** Paid beyond the total, when the bill shrank after a payment: the venue owes it back. */
  owedBackMinor: MinorUnitsSchema,
  payments: Type.Array(PaymentSchema),
  writeOffs: Type.Array(BillWriteOffSchema),
  split: Type.Union([BillSplitSchema, Type.Null()]),
  tonAvailable: Type.Boolean({ description: 'The venue takes TON: its wallet and rate are set' }),
});
export type BillView = Static<typeof BillSchema>;

// ---- commands ----

export const CardOrCashPaymentBodySchema = Type.Object(
  {
    id: UuidV7Schema,
    method: StringEnum<'cash' | 'card' | 'room'>(['cash', 'card', 'room'], { description: 'room: charge it to a stay in house (bookingId; on a room-service visit, its own stay)' }),
    amountMinor: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    tipMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    tenderedMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Cash: what the guest handed over' })),
    last4: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
    approvalCode: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{1,12}$' })),
    partId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    bookingId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Room charge: the stay in house to charge' })),
  },
  { additionalProperties: false },
);
export type PaymentBody = Static<typeof CardOrCashPaymentBodySchema>;

export const DiscountBodySchema = Type.Object(
  {
    id: UuidV7Schema,
    kind: StringEnum<'amount' | 'percent'>(['amount', 'percent']),
    amountMinor: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
    rateBp: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    reason: ReasonSchema,
  },
  { additionalProperties: false },
);
export type DiscountBody = Static<typeof DiscountBodySchema>;

const LineShareSchema = Type.Object(
  {
    lineId: Type.String({ minLength: 1, maxLength: 64 }),
    numerator: Type.Integer({ minimum: 1, maximum: 100 }),
    denominator: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false },
);

export const SplitBodySchema = Type.Union([
  Type.Object({ id: UuidV7Schema, kind: Type.Literal('equal'), parts: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false }),
  Type.Object(
    { id: UuidV7Schema, kind: Type.Literal('amounts'), amountsMinor: Type.Array(Type.Integer({ minimum: 1, maximum: 100_000_000 }), { minItems: 1, maxItems: 100 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: UuidV7Schema,
      kind: Type.Literal('items'),
      shares: Type.Array(Type.Array(LineShareSchema, { maxItems: 200 }), { minItems: 1, maxItems: 100, description: "shares[p] is person p's lines and fractions" }),
    },
    { additionalProperties: false },
  ),
]);
export type SplitBody = Static<typeof SplitBodySchema>;

export const BillingSettingsSchema = Type.Object(
  {
    taxMode: StringEnum<TaxModeName>(TAX_MODES),
    serviceChargeBp: Type.Integer({ minimum: 0, maximum: 5_000, description: '1250 is 12.5 %; 0 is none' }),
  },
  { additionalProperties: false },
);
export type BillingSettings = Static<typeof BillingSettingsSchema>;

// ---- TON ----

export const TON_INVOICE_STATES = ['awaiting', 'paid', 'underpaid', 'overpaid', 'expired', 'cancelled'] as const;
export type TonInvoiceState = (typeof TON_INVOICE_STATES)[number];

export const TonRateSchema = Type.Object({
  nanotonsPerMinor: Type.Union([Type.Integer({ minimum: 1 }), NanotonsSchema], { description: 'Nanotons for one minor unit of the venue currency' }),
});

export const TonSettingsBodySchema = Type.Object(
  {
    address: Type.String({ minLength: 48, maxLength: 70, description: 'The receiving wallet: raw (0:<hex>) or user-friendly form' }),
    rate: TonRateSchema,
  },
  { additionalProperties: false },
);

export const TonSettingsSchema = Type.Object({
  addressRaw: Type.String(),
  addressFriendly: Type.String(),
  network: StringEnum<'mainnet' | 'testnet'>(['mainnet', 'testnet']),
  nanotonsPerMinor: NanotonsSchema,
  rateSource: StringEnum<'manager' | 'hq'>(['manager', 'hq']),
  rateSetAt: IsoTimeSchema,
  lastPollAt: NullableString({ format: 'date-time' }),
  lastPollError: NullableString(),
});
export type TonSettingsView = Static<typeof TonSettingsSchema>;

export const TonInvoiceBodySchema = Type.Object(
  {
    id: UuidV7Schema,
    amountMinor: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    partId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const TonInvoiceSchema = Type.Object({
  id: Type.String(),
  visitId: Type.String(),
  partId: NullableString(),
  amountMinor: MinorUnitsSchema,
  currency: CurrencySchema,
  address: Type.String({ description: 'User-friendly form of the receiving wallet' }),
  nanotons: NanotonsSchema,
  receivedNanotons: NanotonsSchema,
  /** What is still to send when underpaid; 0 otherwise. */
  remainingNanotons: NanotonsSchema,
  comment: Type.String(),
  link: Type.String({ description: 'ton://transfer/<address>?amount=<nanotons>&text=<comment>' }),
  nanotonsPerMinor: NanotonsSchema,
  rateSetAt: IsoTimeSchema,
  status: StringEnum<TonInvoiceState>(TON_INVOICE_STATES),
  /** False while the hub cannot reach the TON API: the guest is told it is confirmed once the venue is back online. */
  verifiedOnline: Type.Boolean(),
  expiresAt: IsoTimeSchema,
  paidAt: NullableString({ format: 'date-time' }),
  createdAt: IsoTimeSchema,
});
export type TonInvoice = Static<typeof TonInvoiceSchema>;

// ---- the day's close ----

export const DayTotalsSchema = Type.Object({
  businessDay: Type.String(),
  currency: CurrencySchema,
  byMethod: Type.Array(Type.Object({ method: StringEnum<PaymentMethod>(PAYMENT_METHODS), count: Type.Integer(), amountMinor: MinorUnitsSchema, tipMinor: MinorUnitsSchema })),
  takingsMinor: MinorUnitsSchema,
  tipsMinor: MinorUnitsSchema,
  discountMinor: MinorUnitsSchema,
  serviceChargeMinor: MinorUnitsSchema,
  writtenOffMinor: MinorUnitsSchema,
  taxLines: Type.Array(Type.Object({ rateBp: Type.Integer(), netMinor: MinorUnitsSchema, taxMinor: MinorUnitsSchema })),
  taxMinor: MinorUnitsSchema,
  settledBills: Type.Integer({ minimum: 0 }),
  openTables: Type.Array(Type.Object({ visitId: Type.String(), tableName: Type.String(), dueMinor: MinorUnitsSchema })),
  unconfirmedTon: Type.Object({
    count: Type.Integer({ minimum: 0 }),
    amountMinor: MinorUnitsSchema,
    oldestAt: NullableString({ format: 'date-time' }),
  }),
  closedAt: NullableString({ format: 'date-time' }),
  closedBy: NullableString(),
  note: NullableString({ description: "What the manager noted when closing the day (a till count, why a table stayed open)" }),
});
export type DayTotals = Static<typeof DayTotalsSchema>;

export const CloseDayBodySchema = Type.Object({ note: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false });
export type CloseDayBody = Static<typeof CloseDayBodySchema>;

// ---- events ----

/** Payload of bill.changed: enough for a screen to know it must fetch the bill again. */
export const BillChangedSchema = Type.Object({
  visitId: Type.String(),
  currency: CurrencySchema,
  status: BillStatusSchema,
  totalMinor: MinorUnitsSchema,
  paidMinor: MinorUnitsSchema,
  dueMinor: MinorUnitsSchema,
});
export type BillChanged = Static<typeof BillChangedSchema>;

/**
 * Payload of bill.settled: the bill as it stood when it was paid in full or written off (for the day
 * document and HQ's takings, taxes, discounts and service).
 */
export const BillSettledSchema = Type.Object({
  visitId: Type.String(),
  businessDay: Type.String(),
  currency: CurrencySchema,
  subtotalMinor: MinorUnitsSchema,
  discountMinor: MinorUnitsSchema,
  serviceChargeMinor: MinorUnitsSchema,
  taxMinor: MinorUnitsSchema,
  taxLines: Type.Array(Type.Object({ rateBp: Type.Integer(), netMinor: MinorUnitsSchema, taxMinor: MinorUnitsSchema })),
  totalMinor: MinorUnitsSchema,
  paidMinor: MinorUnitsSchema,
  tipsMinor: MinorUnitsSchema,
  writtenOffMinor: MinorUnitsSchema,
  settledAt: IsoTimeSchema,
});
export type BillSettled = Static<typeof BillSettledSchema>;

export { NanotonsSchema };

// ---- TON: the verification's routes (staff views, transfers, commands) ----

export const TonInvoiceParamsSchema = Type.Object({ id: UuidV7Schema }, { additionalProperties: false });

export const TonVisitParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' }) }, { additionalProperties: false });

/** A transaction hash as the TON API writes it: base64 (with + / =, sent percent-encoded in a path) or hex. */
export const TonTransferParamsSchema = Type.Object({ hash: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9+/=_-]+$' }) }, { additionalProperties: false });

export const TonInvoiceListQuerySchema = Type.Object(
  { status: Type.Optional(StringEnum<TonInvoiceState>(TON_INVOICE_STATES, { description: 'Only invoices in this state' })) },
  { additionalProperties: false },
);

/** What staff see of an invoice: the guest's view, and what a manager decided about an overpayment. */
export const TonStaffInvoiceSchema = Type.Object({
  ...TonInvoiceSchema.properties,
  createdBy: StringEnum<'guest' | 'staff'>(['guest', 'staff']),
  overpaidDecision: Type.Unsafe<'tip' | 'owed_back' | null>({
    type: 'string',
    enum: ['tip', 'owed_back'],
    nullable: true,
    description: 'For an overpaid invoice: kept as a tip, or owed back',
  }),
});
export type TonStaffInvoice = Static<typeof TonStaffInvoiceSchema>;

export const TonInvoiceListSchema = Type.Object({ invoices: Type.Array(TonStaffInvoiceSchema) });

export const TonUnconfirmedSchema = Type.Object({
  count: Type.Integer({ minimum: 0, description: 'Invoices still waiting for money (awaiting or underpaid)' }),
  amountMinor: Type.Integer({ minimum: 0, description: 'What they ask for, in minor units of the venue currency' }),
  oldestAt: NullableString({ format: 'date-time', description: 'When the oldest of them was made' }),
});
export type TonUnconfirmed = Static<typeof TonUnconfirmedSchema>;

export const TonTransferSchema = Type.Object({
  hash: Type.String(),
  lt: Type.String(),
  /** When the transfer reached the chain. */
  at: IsoTimeSchema,
  source: NullableString({ description: 'The sending wallet' }),
  nanotons: NanotonsSchema,
  comment: NullableString({ description: 'The text sent with it, as sent (trimmed)' }),
  invoiceId: NullableString(),
  attachedBy: NullableString({ description: 'The manager who attached it to an invoice by hand' }),
  seenAt: IsoTimeSchema,
});
export type TonTransfer = Static<typeof TonTransferSchema>;

export const TonTransferListSchema = Type.Object({ transfers: Type.Array(TonTransferSchema) });

export const TonAttachBodySchema = Type.Object({ invoiceId: UuidV7Schema }, { additionalProperties: false });

export const TonOverpaidBodySchema = Type.Object(
  { decision: StringEnum<'tip' | 'owed_back'>(['tip', 'owed_back'], { description: 'tip: the extra is kept as a tip (at the invoice rate, rounded down); owed_back: it is given back' }) },
  { additionalProperties: false },
);
