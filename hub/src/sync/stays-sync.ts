import type * as Y from 'yjs';
import { monthOf } from '@onemoment/shared/hotel/stay-dates';
import type { Booking } from '@onemoment/shared/schemas/hotel';
import { docNames, parseDocName } from '@onemoment/shared/sync/doc-names';
import { setRoomTypes } from '@onemoment/shared/sync/room-types-doc';
import { hasStay, readStayById, removeStay, STAYS_ROOT, writeStay, type StayInput, type StayRecord } from '@onemoment/shared/sync/stays-doc';
import type { CommandTx } from '../db/command-runner.ts';
import type { BookingApi, InventoryApi, RemoteBooking } from '../hotel/hotel-api.ts';
import { HubError } from '../errors.ts';
import { LOCAL_ORIGIN, type StoredUpdate, type SyncDocuments } from './sync-documents.ts';

/** What sync asks of the hotel: its room types, and its bookings (read one, merge one from elsewhere). */
export interface SyncedHotel {
  inventory: Pick<InventoryApi, 'roomTypes'>;
  bookings: Pick<BookingApi, 'get' | 'applyRemoteIn'>;
}

/** Months of stays documents kept loaded and synced: last month (guests still in house) to a year ahead. */
export const STAY_MONTHS_BEHIND = 1;
export const STAY_MONTHS_AHEAD = 12;

/** The months from `behind` before `today`'s month to `ahead` after it (YYYY-MM). */
export function stayMonthsAround(today: string, behind = STAY_MONTHS_BEHIND, ahead = STAY_MONTHS_AHEAD): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  const months: string[] = [];
  for (let offset = -behind; offset <= ahead; offset++) {
    const total = year * 12 + month + offset;
    months.push(`${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

/**
 * The synced part of a booking. Picked field by field on purpose: the guest's email and phone, the
 * notes, the check-in link and registration stay on the hub (see shared/src/sync/stays-doc.ts).
 */
export function stayOf(booking: Booking): StayInput {
  return {
    id: booking.id,
    roomTypeId: booking.roomTypeId,
    roomId: booking.roomId,
    roomNumber: booking.roomNumber,
    arrival: booking.arrival,
    departure: booking.departure,
    status: booking.status,
    adults: booking.adults,
    children: booking.children,
    totalMinor: booking.totalMinor,
    currency: booking.currency,
    source: booking.source,
    guestName: booking.guest.name,
    statusAt: booking.updatedAt,
  };
}

/** Whether the hub's booking already says what the stays record says (then merging it is an echo). */
export function sameStay(local: Booking, stay: StayRecord): boolean {
  return (
    local.roomTypeId === stay.roomTypeId && local.roomId === stay.roomId && local.arrival === stay.arrival && local.departure === stay.departure &&
    local.status === stay.status && local.adults === stay.adults && local.children === stay.children && local.totalMinor === stay.totalMinor &&
    local.currency === stay.currency && local.guest.name === stay.guestName
  );
}

/**
 * A stays record as the booking service merges it. What the document does not carry (email, phone,
 * notes, Cloudbeds' id) is the hub's own and is kept as it is; a booking new to the hub has none.
 */
export function remoteOf(stay: StayRecord, local: Booking | null): RemoteBooking {
  return {
    id: stay.id,
    roomTypeId: stay.roomTypeId,
    roomId: stay.roomId,
    arrival: stay.arrival,
    departure: stay.departure,
    status: stay.status,
    guest: { name: stay.guestName, email: local?.guest.email ?? null, phone: local?.guest.phone ?? null },
    adults: stay.adults,
    children: stay.children,
    notes: local?.notes ?? null,
    totalMinor: stay.totalMinor,
    currency: stay.currency,
    source: local?.source ?? stay.source,
    cloudbedsId: local?.cloudbedsId ?? null,
  };
}

/**
 * The hotel's side of sync: every `booking.changed` goes into the stays document of the booking's
 * arrival month (leaving the month it was in when its dates moved), the room types into the config
 * document, and bookings that come from the cloud (HQ's) are merged through the booking service,
 * which records any overbooking they cause. All inside the running command.
 */
export class StaysSync {
  constructor(
    private readonly hotel: SyncedHotel,
    private readonly documents: SyncDocuments,
    private readonly venueId: () => string | null,
    private readonly store: (tx: CommandTx, stored: StoredUpdate | null) => void,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {}

  recordBooking(tx: CommandTx, booking: Booking): void {
    const venueId = this.venueId();
    if (!venueId) return;
    const name = docNames.stays(venueId, monthOf(booking.arrival));
    // Its arrival moved to another month: it leaves the document it was in (a loaded one: the months
    // around today stay loaded, and a stay's dates move within them).
    for (const other of this.documents.loadedNames()) {
      if (other === name || parseDocName(other)?.kind !== 'stays' || parseDocName(other)?.venueId !== venueId) continue;
      if (hasStay(this.documents.get(other), booking.id)) this.store(tx, this.documents.write(tx, other, (doc) => removeStay(doc, booking.id, LOCAL_ORIGIN)));
    }
    this.store(tx, this.documents.write(tx, name, (doc) => writeStay(doc, stayOf(booking), LOCAL_ORIGIN)));
  }

  /** Writes the room types as the hotel has them into the config document (only what differs). */
  recordRoomTypes(tx: CommandTx): void {
    const venueId = this.venueId();
    if (!venueId) return;
    const types = this.hotel.inventory.roomTypes().map((type) => ({ id: type.id, name: type.name, rooms: type.rooms }));
    this.store(tx, this.documents.write(tx, docNames.config(venueId), (doc) => setRoomTypes(doc, types, LOCAL_ORIGIN)));
  }

  /** Inside a cloud update's command: the bookings it touched, merged. `touched` are their ids. */
  mergeRemote(tx: CommandTx, doc: Y.Doc, month: string, touched: Iterable<string>): void {
    for (const id of touched) {
      // Gone from this month (moved to another, where it is merged), or not a readable stay: nothing to merge.
      const stay = readStayById(doc, id, month);
      if (!stay) continue;
      const local = this.hotel.bookings.get(id);
      if (local && sameStay(local, stay)) continue;
      try {
        this.hotel.bookings.applyRemoteIn(tx, remoteOf(stay, local), { kind: 'remote', source: 'hq' });
      } catch (error) {
        // A booking the hub cannot take (a room type it no longer has): the rest of the update still counts.
        if (!(error instanceof HubError) || error.statusCode >= 500) throw error;
        this.log.warn({ err: error, bookingId: id }, 'a booking from the cloud could not be merged');
      }
    }
  }
}

/** The ids of the bookings a Yjs transaction on a stays document created, changed or deleted. */
export function touchedStays(transaction: Y.Transaction, doc: Y.Doc, into: Set<string>): void {
  const root = doc.getMap<unknown>(STAYS_ROOT) as unknown as Y.AbstractType<any>;
  for (const [type, keys] of transaction.changed) {
    if (type === root) {
      for (const key of keys) if (key !== null) into.add(key);
      continue;
    }
    // A field of a booking, or a status time: climb to the booking's map.
    let current = type;
    while (current._item && current._item.parent !== root) current = current._item.parent as typeof current;
    if (current._item?.parentSub) into.add(current._item.parentSub);
  }
}
