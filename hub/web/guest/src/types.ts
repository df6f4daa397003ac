/** The hub's guest API payloads as this page reads them (see the spec's Menu and Orders sections). */
import type { LocalizedText } from '@onemoment/shared/localized-text';
import type { ItemStatus, OrderStatus } from '@onemoment/shared/restaurant/order-lifecycle';

export interface Modifier {
  id: string;
  name: string;
  names: LocalizedText;
  priceMinor: number;
}

export interface ModifierGroup {
  id: string;
  name: string;
  names: LocalizedText;
  minChoices: number;
  maxChoices: number;
  modifiers: Modifier[];
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
  modifierGroups: ModifierGroup[];
}

export interface MenuCategory {
  id: string;
  name: string;
  names: LocalizedText;
  items: MenuItem[];
}

export interface GuestMenu {
  currency: string;
  language: string;
  categories: MenuCategory[];
}

export interface OrderItem {
  id: string;
  menuItemId: string;
  name: string;
  names: LocalizedText;
  quantity: number;
  unitPriceMinor: number;
  totalMinor: number;
  modifiers: Modifier[];
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

export interface OrdersResponse {
  orders: Order[];
  latestSeq?: number;
}

export interface JoinResponse {
  token: string;
  visitId: string;
  tableId: string;
  tableName: string;
  expiresAt: string;
}

export interface Venue {
  id: string;
  name: string;
  currency: string;
  languages: string[];
}

/** One line of `POST /api/guest/orders`; optional fields are left out when empty (unknown fields are refused). */
export interface PlaceOrderLine {
  menuItemId: string;
  quantity: number;
  modifierIds?: string[];
  note?: string;
}

export interface PlaceOrderBody {
  id: string;
  items: PlaceOrderLine[];
}

export type RequestKind = 'waiter' | 'bill';
