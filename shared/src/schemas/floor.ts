import { Type, type Static } from 'typebox';
import { IdSchema, IsoTimeSchema } from './common.ts';

/** Tables, visits, guest sessions and guest requests ("call the waiter", "the bill, please"). */

export const TABLE_STATES = ['free', 'browsing', 'open', 'ordering', 'waiting', 'bill'] as const;
export const TableStateSchema = Type.Union(
  [Type.Literal('free'), Type.Literal('browsing'), Type.Literal('open'), Type.Literal('ordering'), Type.Literal('waiting'), Type.Literal('bill')],
  {
    description:
      'free: no open visit; browsing: a guest opened the menu by the QR code, nobody seated them and nothing is ordered; ' +
      'open: staff seated the party, no orders yet; ordering: orders, none in the kitchen; ' +
      'waiting: an order placed/accepted/preparing/ready; bill: the guests asked for the bill',
  },
);
export type TableState = (typeof TABLE_STATES)[number];

export const REQUEST_KINDS = ['waiter', 'bill'] as const;
export const RequestKindSchema = Type.Union([Type.Literal('waiter'), Type.Literal('bill')]);
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const VisitStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('closed')]);

// ---- staff: tables ----

export const PendingRequestSchema = Type.Object({
  id: Type.String(),
  kind: RequestKindSchema,
  createdAt: IsoTimeSchema,
});
export type PendingRequest = Static<typeof PendingRequestSchema>;

export const VisitSummarySchema = Type.Object({
  id: Type.String(),
  openedAt: IsoTimeSchema,
  ordersCount: Type.Integer({ minimum: 0, description: 'Orders of the visit, not counting cancelled or voided ones' }),
  totalMinor: Type.Integer({ minimum: 0, description: 'Their total, in minor units of the venue currency' }),
});
export type VisitSummary = Static<typeof VisitSummarySchema>;

export const TableSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  code: Type.String({ description: 'The secret part of the table QR link /t/<code>' }),
  seats: Type.Integer(),
  state: TableStateSchema,
  visit: Type.Union([VisitSummarySchema, Type.Null()]),
  pendingRequests: Type.Array(PendingRequestSchema),
});
export type Table = Static<typeof TableSchema>;

export const TablesResponseSchema = Type.Object({
  tables: Type.Array(TableSchema),
  latestSeq: Type.Integer({ minimum: 0, description: 'Open the /staff socket with this as lastSeq' }),
});
export type TablesResponse = Static<typeof TablesResponseSchema>;

export const RotatedCodeSchema = Type.Object({ code: Type.String() });

/** Payload of table.changed (staff only): a table got a new QR code. */
export const TableChangedSchema = Type.Object({ tableId: Type.String(), tableName: Type.String(), code: Type.String() });
export type TableChanged = Static<typeof TableChangedSchema>;

// ---- staff: visits ----

/** A visit as staff actions return it, and the payload of visit.opened / visit.closed / visit.moved. */
export const VisitSchema = Type.Object({
  id: Type.String(),
  tableId: Type.String(),
  tableName: Type.String(),
  status: VisitStatusSchema,
  openedAt: IsoTimeSchema,
  closedAt: Type.Union([IsoTimeSchema, Type.Null()]),
});
export type Visit = Static<typeof VisitSchema>;

export const VisitResponseSchema = Type.Object({ visit: VisitSchema });
export type VisitResponse = Static<typeof VisitResponseSchema>;

/** What to do with items the kitchen still owes when a visit is closed. */
export const OPEN_ITEM_CHOICES = ['cancel', 'serve'] as const;
export type OpenItemChoice = (typeof OPEN_ITEM_CHOICES)[number];

export const CloseVisitBodySchema = Type.Object(
  {
    openItems: Type.Optional(
      Type.Union([Type.Literal('cancel'), Type.Literal('serve')], {
        description: 'Items not yet served: cancel them (a reason is needed) or mark them served. Without it, a visit with such items is refused (409 visit_has_open_items).',
      }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 200, description: 'Why the open items are cancelled (staff only)' })),
    guestMessage: Type.Optional(Type.String({ maxLength: 200, description: "Shown on the guest's phone" })),
    writeOffReason: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 300,
        description: 'A manager lets what is still due on the bill go, for this reason. Without it, a visit with money due is refused (409 bill_not_paid).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CloseVisitBody = Static<typeof CloseVisitBodySchema>;

/** An item the kitchen still owes, listed in the 409 visit_has_open_items refusal's `details.openItems`. */
export const OpenItemSchema = Type.Object({
  orderId: Type.String(),
  orderNumber: Type.Integer(),
  itemId: Type.String(),
  name: Type.String(),
  quantity: Type.Integer(),
  status: Type.String(),
});
export type OpenItem = Static<typeof OpenItemSchema>;

export const MoveVisitBodySchema = Type.Object({ tableId: IdSchema }, { additionalProperties: false });
export type MoveVisitBody = Static<typeof MoveVisitBodySchema>;

/** Payload of visit.moved: the visit at its new table, and where it came from. */
export const VisitMovedSchema = Type.Object({
  ...VisitSchema.properties,
  fromTableId: Type.String(),
  fromTableName: Type.String(),
});
export type VisitMoved = Static<typeof VisitMovedSchema>;

// ---- guests ----

export const JoinVisitBodySchema = Type.Object(
  { tableCode: Type.String({ minLength: 1, maxLength: 40, description: 'The code from the table QR link' }) },
  { additionalProperties: false },
);
export type JoinVisitBody = Static<typeof JoinVisitBodySchema>;

export const JoinVisitResponseSchema = Type.Object({
  token: Type.String({ description: 'Bearer token for the guest API and the /guest socket' }),
  visitId: Type.String(),
  tableId: Type.String(),
  tableName: Type.String(),
  expiresAt: IsoTimeSchema,
});
export type JoinVisitResponse = Static<typeof JoinVisitResponseSchema>;

export const GuestVisitSchema = Type.Object({
  visitId: Type.String(),
  tableId: Type.String(),
  tableName: Type.String(),
  status: VisitStatusSchema,
});
export type GuestVisit = Static<typeof GuestVisitSchema>;

export const GuestRequestBodySchema = Type.Object({ kind: RequestKindSchema }, { additionalProperties: false });
export type GuestRequestBody = Static<typeof GuestRequestBodySchema>;

export const GuestRequestCreatedSchema = PendingRequestSchema;

/** A guest's own call as the guest page lists it: when staff saw it, if they have. */
export const GuestCallSchema = Type.Object({
  id: Type.String(),
  kind: RequestKindSchema,
  createdAt: IsoTimeSchema,
  acknowledgedAt: Type.Union([IsoTimeSchema, Type.Null()]),
});
export type GuestCall = Static<typeof GuestCallSchema>;

export const GuestCallsResponseSchema = Type.Object({ calls: Type.Array(GuestCallSchema) });
export type GuestCallsResponse = Static<typeof GuestCallsResponseSchema>;

/** A guest request as staff see it, and the payload of request.created / request.acknowledged. */
export const GuestRequestSchema = Type.Object({
  id: Type.String(),
  kind: RequestKindSchema,
  createdAt: IsoTimeSchema,
  acknowledgedAt: Type.Union([IsoTimeSchema, Type.Null()]),
  visitId: Type.String(),
  tableId: Type.String(),
  tableName: Type.String(),
});
export type GuestRequest = Static<typeof GuestRequestSchema>;
