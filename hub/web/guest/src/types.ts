/**
 * The hub's guest API payloads as this page reads them: the shared schemas' types, imported with
 * `import type` (erased by the build, so the bundle never pulls TypeBox in), under the names this
 * page uses.
 */
import type { GuestCall, GuestCallsResponse, GuestRequest, GuestVisit, JoinVisitResponse, RequestKind, VisitMoved } from '@onemoment/shared/schemas/floor';
import type { Menu, MenuCategory, MenuItem, MenuModifier, MenuModifierGroup } from '@onemoment/shared/schemas/menu';
import type { GuestPlaceOrderBody, Order, OrderItem, OrderLineInput, OrderList } from '@onemoment/shared/schemas/orders';
import type { Venue } from '@onemoment/shared/schemas/venue';

export type { GuestCall, GuestCallsResponse, GuestRequest, GuestVisit, MenuCategory, MenuItem, Order, OrderItem, RequestKind, Venue, VisitMoved };
export type Modifier = MenuModifier;
export type ModifierGroup = MenuModifierGroup;
export type GuestMenu = Menu;
export type OrdersResponse = OrderList;
export type JoinResponse = JoinVisitResponse;
/** One line of `POST /api/guest/orders`; optional fields are left out when empty (unknown fields are refused). */
export type PlaceOrderLine = OrderLineInput;
export type PlaceOrderBody = GuestPlaceOrderBody;
