import type { Static, TSchema } from 'typebox';
import { GuestRequestSchema, TableChangedSchema, VisitMovedSchema, VisitSchema } from '../schemas/floor.ts';
import { MenuChangedSchema } from '../schemas/menu.ts';
import { OrderItemsStoppedSchema, OrderSchema } from '../schemas/orders.ts';
import { EsimSaleSchema } from '../schemas/esim.ts';
import { BookingChangedSchema, OverbookingDetectedSchema, RoomChangedSchema } from '../schemas/hotel.ts';
import { BillChangedSchema, BillSettledSchema, PaymentSchema, TonInvoiceSchema } from '../schemas/payments.ts';
import { PrinterStatusEventSchema } from '../schemas/printing.ts';
import { ConversationLineEventSchema, ConversationSchema, TranslatorProgressEventSchema } from '../schemas/translator.ts';

interface EventEntry {
  payload: TSchema;
  /** Who receives it on the LAN (the publisher computes the rooms; this says it for people). */
  audience: string;
}

const ORDER_AUDIENCE = "the KDS of each station it has items for and the expo, staff, and the guests of its visit";

/**
 * Every domain event of the hub: its name (past tense), its payload and who receives it. An event is
 * stored in the event log inside the command that made it, handed to the subscribers of other modules
 * in that same transaction (`on`), and broadcast to its rooms after the commit. The hub's `publish` and
 * `on`, and the web apps' switches, are all typed from this one table.
 */
export const DOMAIN_EVENTS = {
  'order.placed': { payload: OrderSchema, audience: ORDER_AUDIENCE },
  'order.updated': { payload: OrderSchema, audience: ORDER_AUDIENCE },
  'order.items_stopped': {
    payload: OrderItemsStoppedSchema,
    audience: 'no screen (the screens follow order.updated): modules that act on it, as printing prints a stop chit at printer stations',
  },
  'menu.changed': { payload: MenuChangedSchema, audience: 'staff and every guest' },
  'table.changed': { payload: TableChangedSchema, audience: 'staff' },
  'visit.opened': { payload: VisitSchema, audience: 'staff' },
  'visit.moved': { payload: VisitMovedSchema, audience: 'staff and the guests of the visit' },
  'visit.closed': { payload: VisitSchema, audience: 'staff and the guests of the visit' },
  'request.created': { payload: GuestRequestSchema, audience: 'staff' },
  'request.acknowledged': { payload: GuestRequestSchema, audience: 'staff and the guests of the visit' },
  'conversation.started': { payload: ConversationSchema, audience: "staff and the guests of the conversation's visit" },
  'conversation.updated': { payload: ConversationSchema, audience: "staff and the guests of the conversation's visit" },
  'conversation.closed': { payload: ConversationSchema, audience: "staff and the guests of the conversation's visit" },
  'conversation.line': { payload: ConversationLineEventSchema, audience: "staff and the guests of the conversation's visit" },
  'bill.changed': { payload: BillChangedSchema, audience: 'staff and the guests of the visit' },
  'payment.recorded': { payload: PaymentSchema, audience: 'staff and the guests of the visit (without who took it)' },
  'bill.settled': { payload: BillSettledSchema, audience: 'staff (the cloud sync records it in the day document)' },
  'ton.invoice_updated': { payload: TonInvoiceSchema, audience: 'staff and the guests of the visit' },
  'booking.changed': { payload: BookingChangedSchema, audience: 'staff (the front desk); the cloud sync writes it in its stays document' },
  'room.changed': { payload: RoomChangedSchema, audience: 'staff (the front desk and housekeeping)' },
  'overbooking.detected': { payload: OverbookingDetectedSchema, audience: 'staff (the front desk shows the conflict with its choices)' },
  'esim.sale_changed': { payload: EsimSaleSchema, audience: 'staff and the guests of the visit (never the install codes); the cloud sync records it for HQ' },
  'printer.status': { payload: PrinterStatusEventSchema, audience: 'staff, the expo, and the KDS of the stations it prints for' },
} as const satisfies Record<string, EventEntry>;

/** Messages that are never stored or replayed: stale a moment later, sent only to who is connected. */
export const TRANSIENT_MESSAGES = {
  'translator.progress': { payload: TranslatorProgressEventSchema, audience: "staff and the guests of the conversation's visit" },
} as const satisfies Record<string, EventEntry>;

export type DomainEventName = keyof typeof DOMAIN_EVENTS;
export type EventPayload<N extends DomainEventName> = Static<(typeof DOMAIN_EVENTS)[N]['payload']>;
export type TransientName = keyof typeof TRANSIENT_MESSAGES;
export type TransientPayload<N extends TransientName> = Static<(typeof TRANSIENT_MESSAGES)[N]['payload']>;

/** One stored event as every socket namespace sends it: `switch (event.type)` narrows the payload. */
export type DomainEvent = { [N in DomainEventName]: { seq: number; type: N; payload: EventPayload<N>; at: string } }[DomainEventName];
