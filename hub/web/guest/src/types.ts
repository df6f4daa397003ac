/** The hub's guest API payloads as this page reads them (see the spec's Menu and Orders sections). */
import type { LocalizedText } from '@onemoment/shared/localized-text';

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

// Orders as the hub sends them: the shared schema's types (a type-only import, so no TypeBox in the bundle).
import type { Order, OrderItem } from '@onemoment/shared/schemas/orders';

export type { Order, OrderItem };

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
