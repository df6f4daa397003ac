/**
 * The hub's payloads as the staff pages read them. Where a shared schema exists its type is imported
 * with `import type`, which the build erases, so the browser bundle never pulls TypeBox in.
 */
import type { LocalizedText } from '@onemoment/shared/localized-text';
import type { ItemStatus, OrderStatus, StaffRole } from '@onemoment/shared/restaurant/order-lifecycle';

export type { ItemStatus, OrderStatus, StaffRole };

export interface Session {
  token: string;
  role: StaffRole;
  staffId: string;
  name: string;
  expiresAt: string;
}

export type TableState = 'free' | 'open' | 'ordering' | 'waiting' | 'bill';
export type RequestKind = 'waiter' | 'bill';

export interface TableRequest {
  id: string;
  kind: RequestKind;
  createdAt: string;
}

export interface TableVisit {
  id: string;
  openedAt: string;
  ordersCount: number;
  totalMinor: number;
}

export interface Table {
  id: string;
  name: string;
  code: string;
  seats: number;
  state: TableState;
  visit: TableVisit | null;
  pendingRequests: TableRequest[];
}

export interface OrderModifier {
  id: string;
  name: string;
  names: LocalizedText;
  priceMinor: number;
}

// Orders as the hub sends them: the shared schema's types (a type-only import, so no TypeBox in the bundle).
import type { Order, OrderItem } from '@onemoment/shared/schemas/orders';

export type { Order, OrderItem };

export interface MenuModifier {
  id: string;
  name: string;
  names: LocalizedText;
  priceMinor: number;
}

export interface MenuModifierGroup {
  id: string;
  name: string;
  names: LocalizedText;
  minChoices: number;
  maxChoices: number;
  modifiers: MenuModifier[];
}

export interface MenuItem {
  id: string;
  name: string;
  names: LocalizedText;
  description: string;
  descriptions: LocalizedText;
  priceMinor: number;
  currency: string;
  station: string;
  allergens: string[];
  available: boolean;
  modifierGroups: MenuModifierGroup[];
}

export interface MenuCategory {
  id: string;
  name: string;
  names: LocalizedText;
  items: MenuItem[];
}

export interface Menu {
  currency: string;
  language: string;
  categories: MenuCategory[];
}

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
}

export interface Venue {
  id: string;
  name: string;
  currency: string;
  languages: string[];
  timezone: string;
  visitPolicy: 'auto' | 'staff';
}

/** What an order line looks like on the way in (POST /api/orders). */
export interface OrderLineInput {
  menuItemId: string;
  quantity: number;
  modifierIds?: string[];
  note?: string;
}
