/**
 * The hub's payloads the kitchen display reads. The types come from the shared TypeBox schemas (the
 * one source of truth for the API); `import type` is erased at build time, so TypeBox itself never
 * reaches the browser bundle.
 */
export type { AllDayCount, AllDayResponse, BumpResponse, RecentItem, RecentItemsResponse, Ticket, TicketsResponse } from '@onemoment/shared/schemas/kitchen';
export type { Order, OrderItem, OrderModifier } from '@onemoment/shared/schemas/orders';
export type { Station, Venue } from '@onemoment/shared/schemas/venue';
export type { LoginResponse as StaffSession } from '@onemoment/shared/schemas/auth';

/** The pseudo-station that sees every station's items (EXPO_STATION in the kitchen schema). */
export const EXPO = 'expo';
