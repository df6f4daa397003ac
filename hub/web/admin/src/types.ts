/**
 * The hub's payloads as the staff pages read them (see the hub spec). Kept here, not imported from
 * the shared schemas, so the browser bundle never pulls TypeBox in.
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

export interface OrderItem {
  id: string;
  menuItemId: string;
  name: string;
  names: LocalizedText;
  quantity: number;
  unitPriceMinor: number;
  totalMinor: number;
  modifiers: OrderModifier[];
  note: string | null;
  station: string;
  allergens: string[];
  status: ItemStatus;
  readyAt: string | null;
}

export interface Order {
  id: string;
  number: number;
  visitId: string;
  tableId: string;
  tableName: string;
  status: OrderStatus;
  rush: boolean;
  placedBy: 'guest' | 'staff';
  totalMinor: number;
  currency: string;
  createdAt: string;
  updatedAt: string;
  statusReason: string | null;
  items: OrderItem[];
}

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
