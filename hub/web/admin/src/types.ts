/**
 * The hub's payloads as the staff pages read them. Where a shared schema exists its type is imported
 * with `import type`, which the build erases, so the browser bundle never pulls TypeBox in.
 */
import type { ItemStatus, OrderStatus, StaffRole } from '@onemoment/shared/restaurant/order-lifecycle';

export type { ItemStatus, OrderStatus, StaffRole };


// The hub's payloads: the shared schemas' types (type-only imports, so no TypeBox in the bundle).
import type { LoginResponse, StaffMember } from '@onemoment/shared/schemas/auth';
import type { PendingRequest, RequestKind, Table, TableState, VisitSummary } from '@onemoment/shared/schemas/floor';
import type { Menu, MenuCategory, MenuItem, MenuModifier, MenuModifierGroup } from '@onemoment/shared/schemas/menu';
import type { Order, OrderItem, OrderLineInput } from '@onemoment/shared/schemas/orders';
import type { Venue } from '@onemoment/shared/schemas/venue';

export type { Menu, MenuCategory, MenuItem, MenuModifier, MenuModifierGroup, Order, OrderItem, OrderLineInput, RequestKind, StaffMember, Table, TableState, Venue };
export type TableRequest = PendingRequest;
export type TableVisit = VisitSummary;
/** A staff login as the page keeps it: the login answer. */
export type Session = Pick<LoginResponse, 'token' | 'role' | 'staffId' | 'name' | 'expiresAt'>;

// Bills, payments, TON and the day's close; the outbox (online tasks).
import type { BillView, DayTotals, Payment, TonInvoice, TonSettingsView, TonStaffInvoice, TonTransfer, TonUnconfirmed, BillingSettings } from '@onemoment/shared/schemas/payments';
import type { OutboxJobState, OutboxJobView, OutboxSummary } from '@onemoment/shared/schemas/outbox';

export type { BillView, BillingSettings, DayTotals, OutboxJobState, OutboxJobView, OutboxSummary, Payment, TonInvoice, TonSettingsView, TonStaffInvoice, TonTransfer, TonUnconfirmed };
export type TaxLine = BillView['taxLines'][number];
export type BillPart = NonNullable<BillView['split']>['parts'][number];
