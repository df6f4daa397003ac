import type { Booking, CreateBookingBody, FrontDesk, BookingStatus, Folio, Room, RoomType, Availability, HousekeepingState } from '@onemoment/shared/schemas/hotel';
import type { BookingAction } from '@onemoment/shared/hotel/booking-lifecycle';
import type { CommandTx } from '../db/command-runner.ts';
import type { StaffPrincipal } from '../sessions/session-lookup.ts';

/**
 * What the hotel module offers the modules loaded after it (sync's stays documents) and its own
 * parts (Cloudbeds, check-in): every booking change goes through the booking service, in a command.
 */

/** Who changes a booking: a person at the hub, or a merge from HQ or Cloudbeds. */
export type BookingActor = { kind: 'staff'; staff: StaffPrincipal } | { kind: 'remote'; source: 'hq' | 'cloudbeds' };

/** A booking as made elsewhere (HQ's stays document, Cloudbeds), applied without an availability check. */
export interface RemoteBooking {
  id: string;
  roomTypeId: string;
  roomId: string | null;
  arrival: string;
  departure: string;
  status: BookingStatus;
  guest: { name: string; email: string | null; phone: string | null };
  adults: number;
  children: number;
  notes: string | null;
  totalMinor: number;
  currency: string;
  source: 'hub' | 'hq' | 'cloudbeds';
  cloudbedsId: string | null;
}

export interface BookingQuery {
  from?: string;
  to?: string;
  status?: BookingStatus;
  limit?: number;
}

export interface BookingApi {
  create(body: CreateBookingBody, staff: StaffPrincipal): Promise<{ booking: Booking; created: boolean }>;
  get(id: string): Booking | null;
  /** Stays that overlap [from, to) (all when neither is given), newest arrival first. */
  list(query: BookingQuery): Booking[];
  transition(id: string, action: BookingAction, staff: StaffPrincipal, reason?: string): Promise<Booking>;
  /**
   * Inside a command: inserts or updates a booking made elsewhere (no availability check: it already
   * happened), publishes booking.changed, then looks for overbooking it caused and records each
   * conflict (overbooking.detected). Returns null when nothing changed.
   */
  applyRemoteIn(tx: CommandTx, remote: RemoteBooking, actor: BookingActor): Booking | null;
  /** Inside a command: records Cloudbeds' id for a booking pushed there (no booking.changed: nothing a person sees changed). */
  setCloudbedsIdIn(tx: CommandTx, bookingId: string, cloudbedsId: string): void;
  frontDesk(date?: string): FrontDesk;
}

export interface InventoryApi {
  roomTypes(): RoomType[];
  rooms(): Room[];
  room(id: string): Room | null;
  availability(from: string, to: string, roomTypeId?: string): Availability;
  setHousekeeping(roomId: string, state: HousekeepingState, staff: StaffPrincipal): Promise<Room>;
}

export interface FolioApi {
  folio(bookingId: string): Folio | null;
}
