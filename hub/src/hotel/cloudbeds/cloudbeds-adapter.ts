// Cloudbeds as an outbox vendor. Three kinds of job, all on one budget per property (5 requests a
// second, one call at a time, so a booking's create always goes before its status changes):
// - `create`: a hub booking sent with postReservation, once. postReservation takes no idempotency key,
//   so the booking's id goes along as `thirdPartyIdentifier`; after a send whose outcome is unknown the
//   adapter looks for a reservation carrying that id (getReservations) before it ever posts again.
// - `status`: the booking's current status set with putReservation, after reading the reservation: only
//   when the hub is further on than Cloudbeds (so a retry, or a repeat, never undoes a newer status).
// - `pull`: reservations modified since the cursor, read page by page, each read whole (getReservation)
//   when the hub needs more than its status; recorded as bookings in the job's own transaction.
import { newId } from '@onemoment/shared/ids';
import type { Booking } from '@onemoment/shared/schemas/hotel';
import type { HubContext } from '../../context.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import { HubError } from '../../errors.ts';
import { VendorError, type OutboxJob, type SendContext, type VendorAdapter, type VendorBudget } from '../../outbox/vendor-adapter.ts';
import type { BookingApi, InventoryApi } from '../hotel-api.ts';
import type { CloudbedsClient, CloudbedsCredentials, CloudbedsReservation } from './cloudbeds-client.ts';
import { inboundBooking } from './cloudbeds-inbound.ts';
import { cloudbedsDateTime, cloudbedsStatusOf, hubStatusOf, mapByName, mergedStatus, nextCursor, splitGuestName } from './cloudbeds-rules.ts';
import type { CloudbedsStore } from './cloudbeds-store.ts';

export const CLOUDBEDS_VENDOR = 'cloudbeds';

export type CloudbedsPayload =
  | { kind: 'create'; bookingId: string; status: Booking['status'] }
  | { kind: 'status'; bookingId: string; status: Booking['status'] }
  | { kind: 'pull'; reason: 'timer' | 'manager' | 'settings' };

interface Mappings {
  roomTypes: Array<{ cloudbedsId: string; hubId: string }>;
  rooms: Array<{ cloudbedsId: string; hubId: string }>;
}

export type CloudbedsResult =
  | { kind: 'created'; bookingId: string; reservationID: string; cloudbedsStatus: string | null; via: 'post' | 'lookup' | 'known'; mappings: Mappings | null }
  | { kind: 'status_set'; bookingId: string; reservationID: string; status: string }
  | { kind: 'pulled'; propertyId: string; reservations: CloudbedsReservation[]; cursor: string | null; complete: boolean; mappings: Mappings }
  | { kind: 'skipped'; reason: string };

/** Cloudbeds' published limit for a property's key: 5 requests a second. */
export const CLOUDBEDS_BUDGET: VendorBudget = { windows: [{ limit: 5, intervalMs: 1_000 }], concurrency: 1 };

export const cloudbedsBudgetKey = (propertyId: string) => `property:${propertyId}`;

/** The outbox's enqueue, as the adapter uses it (context.outbox). */
export interface CloudbedsOutbox {
  enqueue(tx: CommandTx, job: { vendor: string; kind: string; idempotencyKey: string; payload: unknown; budgetKey?: string }): { id: string; created: boolean };
}

export interface CloudbedsAdapterDeps {
  context: HubContext;
  store: CloudbedsStore;
  client: CloudbedsClient;
  bookings: BookingApi;
  inventory: InventoryApi;
  /** Runs the apply of a pulled reservation with the echo guard up (see CloudbedsIntegration). */
  applyRemote(tx: CommandTx, apply: () => void): void;
}

/** How far back (before the booking was made) a lookup searches: Cloudbeds' time zone is not documented. */
const LOOKUP_MARGIN_MS = 24 * 3_600_000;

export class CloudbedsAdapter implements VendorAdapter<CloudbedsPayload, CloudbedsResult> {
  readonly vendor = CLOUDBEDS_VENDOR;
  readonly label = 'Cloudbeds';
  readonly resendSafety = 'lookup' as const;
  /** Pull keys are `pull:<boot>:<n>`: asks while pull n waits merge into it; recording it moves to n + 1. */
  private readonly boot = newId();
  private sequence = 0;

  constructor(private readonly deps: CloudbedsAdapterDeps) {}

  budget(): VendorBudget {
    return CLOUDBEDS_BUDGET;
  }

  describe(job: OutboxJob<CloudbedsPayload>): string {
    const { payload } = job;
    if (payload.kind === 'pull') return 'Read new and changed reservations from Cloudbeds';
    const booking = this.deps.bookings.get(payload.bookingId);
    const stay = booking ? ` (${booking.arrival} to ${booking.departure}${booking.roomNumber ? `, room ${booking.roomNumber}` : ''})` : '';
    const reference = `booking ${payload.bookingId.slice(-8)}${stay}`;
    if (payload.kind === 'create') return `Send ${reference} to Cloudbeds`;
    return `Tell Cloudbeds that ${reference} is ${payload.status.replace('_', ' ')}`;
  }

  /** Writes a pull job in the caller's command; it merges with one that waits already. */
  enqueuePull(tx: CommandTx, outbox: CloudbedsOutbox, propertyId: string, reason: 'timer' | 'manager' | 'settings'): { id: string; created: boolean } {
    return outbox.enqueue(tx, {
      vendor: CLOUDBEDS_VENDOR,
      kind: 'pull',
      idempotencyKey: `pull:${this.boot}:${this.sequence}`,
      payload: { kind: 'pull', reason } satisfies CloudbedsPayload,
      budgetKey: cloudbedsBudgetKey(propertyId),
    });
  }

  async send(job: OutboxJob<CloudbedsPayload>, context: SendContext): Promise<CloudbedsResult> {
    const credentials = this.credentials();
    const { payload } = job;
    if (payload.kind === 'pull') return this.pull(credentials, context);
    const booking = this.deps.bookings.get(payload.bookingId);
    if (!booking) return { kind: 'skipped', reason: 'the booking no longer exists on the hub' };
    if (payload.kind === 'status') return this.pushStatus(credentials, booking, context);
    return this.create(credentials, booking, context);
  }

  /**
   * After a send whose outcome is unknown. A create looks for a reservation that carries the booking's
   * id, booked since a day before the booking was made, under the guest's last name; found, it is
   * recorded as the send's answer; not found (every page read), the create is sent once more. A status
   * or a pull is simply sent again (null).
   */
  async lookup(job: OutboxJob<CloudbedsPayload>, context: SendContext): Promise<CloudbedsResult | null> {
    const { payload } = job;
    if (payload.kind !== 'create') return null;
    const booking = this.deps.bookings.get(payload.bookingId);
    if (!booking) return { kind: 'skipped', reason: 'the booking no longer exists on the hub' };
    if (booking.cloudbedsId) return { kind: 'created', bookingId: booking.id, reservationID: booking.cloudbedsId, cloudbedsStatus: null, via: 'known', mappings: null };
    const credentials = this.credentials();
    const since = new Date(Date.parse(booking.createdAt) - LOOKUP_MARGIN_MS);
    const { reservations, complete } = await this.deps.client.getReservations(
      credentials,
      { resultsFrom: cloudbedsDateTime(since), lastName: splitGuestName(booking.guest.name).last },
      context,
    );
    const found = reservations.find((reservation) => reservation.thirdPartyIdentifier === booking.id);
    if (found) return { kind: 'created', bookingId: booking.id, reservationID: found.reservationID, cloudbedsStatus: found.status, via: 'lookup', mappings: null };
    if (!complete) {
      throw new VendorError('permanent', 'Cloudbeds lists too many reservations to be sure this booking never arrived: look for it in Cloudbeds, then retry (it is sent again only if it is not there) or cancel this task.');
    }
    return null;
  }

  record(tx: CommandTx, job: OutboxJob<CloudbedsPayload>, result: CloudbedsResult): void {
    if (result.kind === 'created') this.recordCreated(tx, job, result);
    else if (result.kind === 'pulled') this.recordPull(tx, result);
    if (job.payload.kind === 'pull') this.advance(tx, job);
  }

  abandoned(tx: CommandTx, job: OutboxJob<CloudbedsPayload>): void {
    // The next ask for a pull starts a fresh job instead of merging with one a person must look at.
    if (job.payload.kind === 'pull') this.advance(tx, job);
  }

  // ---- the sends ----

  private async create(credentials: CloudbedsCredentials, booking: Booking, context: SendContext): Promise<CloudbedsResult> {
    if (booking.cloudbedsId) return { kind: 'created', bookingId: booking.id, reservationID: booking.cloudbedsId, cloudbedsStatus: null, via: 'known', mappings: null };
    if (booking.status === 'cancelled' || booking.status === 'no_show') {
      return { kind: 'skipped', reason: `the booking was ${booking.status.replace('_', ' ')} before it reached Cloudbeds; there is nothing to tell` };
    }
    let mappings: Mappings | null = null;
    let roomTypeID = this.deps.store.cloudbedsIdOf('room_type', booking.roomTypeId);
    if (roomTypeID === null) {
      mappings = await this.readMappings(credentials, context);
      roomTypeID = mappings.roomTypes.find((pair) => pair.hubId === booking.roomTypeId)?.cloudbedsId ?? null;
    }
    if (roomTypeID === null) {
      const name = this.deps.inventory.roomTypes().find((type) => type.id === booking.roomTypeId)?.name ?? booking.roomTypeId;
      throw new VendorError('permanent', `Cloudbeds has no room type named "${name}": give a Cloudbeds room type the same name as the hub's, then retry this task.`);
    }
    const roomID = booking.roomId === null ? null : (mappings?.rooms.find((pair) => pair.hubId === booking.roomId)?.cloudbedsId ?? this.deps.store.cloudbedsIdOf('room', booking.roomId));
    const name = splitGuestName(booking.guest.name);
    const created = await this.deps.client.postReservation(
      credentials,
      {
        startDate: booking.arrival,
        endDate: booking.departure,
        guestFirstName: name.first,
        guestLastName: name.last,
        guestEmail: booking.guest.email,
        guestPhone: booking.guest.phone,
        roomTypeID,
        roomID,
        adults: booking.adults,
        children: booking.children,
        thirdPartyIdentifier: booking.id,
        dateCreated: cloudbedsDateTime(new Date(booking.createdAt)),
      },
      context,
    );
    return { kind: 'created', bookingId: booking.id, reservationID: created.reservationID, cloudbedsStatus: created.status, via: 'post', mappings };
  }

  private async pushStatus(credentials: CloudbedsCredentials, booking: Booking, context: SendContext): Promise<CloudbedsResult> {
    // Not in Cloudbeds yet: its create, when recorded, sends the status it has by then.
    if (!booking.cloudbedsId) return { kind: 'skipped', reason: 'the booking is not in Cloudbeds yet; its status goes with it' };
    // Read first: a status set in Cloudbeds meanwhile (a check-in there) must not be undone by an older one.
    const current = await this.deps.client.getReservation(credentials, booking.cloudbedsId, context);
    const theirs = hubStatusOf(current.status);
    if (theirs === booking.status) return { kind: 'skipped', reason: `Cloudbeds already has it ${booking.status.replace('_', ' ')}` };
    if (theirs !== null && mergedStatus(booking.status, theirs) !== booking.status) {
      return { kind: 'skipped', reason: `Cloudbeds has it further on (${current.status}); the next pull brings that to the hub` };
    }
    const status = cloudbedsStatusOf(booking.status);
    await this.deps.client.putReservationStatus(credentials, booking.cloudbedsId, status, context);
    return { kind: 'status_set', bookingId: booking.id, reservationID: booking.cloudbedsId, status };
  }

  private async pull(credentials: CloudbedsCredentials, context: SendContext): Promise<CloudbedsResult> {
    const mappings = await this.readMappings(credentials, context);
    const settings = this.deps.store.settings();
    const cursor = settings?.propertyId === credentials.propertyId ? settings.pulledUntil : null;
    // The first pull reads the stays not over yet; after that, what changed since the last one.
    const query = cursor ? { modifiedFrom: cursor } : { checkOutFrom: this.deps.context.venue.businessDay() };
    const { reservations: listed, complete } = await this.deps.client.getReservations(credentials, query, context);
    const reservations: CloudbedsReservation[] = [];
    for (const summary of listed) {
      // A booking made at the hub takes only its status from Cloudbeds: the list says it, no detail needed.
      const known = this.knownBooking(summary.reservationID, summary.thirdPartyIdentifier);
      if (known && known.source !== 'cloudbeds' && known.cloudbedsId === summary.reservationID && cloudbedsStatusOf(known.status) === summary.status) continue;
      reservations.push(await this.deps.client.getReservation(credentials, summary.reservationID, context));
    }
    return { kind: 'pulled', propertyId: credentials.propertyId, reservations, cursor: nextCursor(cursor, listed.map((r) => r.dateModified)), complete, mappings };
  }

  /** Cloudbeds' room types and rooms, paired with the hub's by name (a room by its number). */
  private async readMappings(credentials: CloudbedsCredentials, context: SendContext): Promise<Mappings> {
    const types = await this.deps.client.getRoomTypes(credentials, context);
    const rooms = await this.deps.client.getRooms(credentials, context);
    return {
      roomTypes: mapByName(
        types.map((type) => ({ id: type.roomTypeID, name: type.roomTypeName })),
        this.deps.inventory.roomTypes().map((type) => ({ id: type.id, name: type.name })),
      ),
      rooms: mapByName(
        rooms.map((room) => ({ id: room.roomID, name: room.roomName })),
        this.deps.inventory.rooms().map((room) => ({ id: room.id, name: room.number })),
      ),
    };
  }

  // ---- the records ----

  private recordCreated(tx: CommandTx, job: OutboxJob<CloudbedsPayload>, result: Extract<CloudbedsResult, { kind: 'created' }>): void {
    if (result.mappings) this.saveMappings(result.mappings);
    const booking = this.deps.bookings.get(result.bookingId);
    if (!booking) return;
    if (booking.cloudbedsId !== result.reservationID) this.deps.bookings.setCloudbedsIdIn(tx, booking.id, result.reservationID);
    // Cloudbeds makes a reservation confirmed or not by its own settings, and the booking may have
    // moved on while it was sent: set the status the booking has now when they differ.
    const wanted = cloudbedsStatusOf(booking.status);
    if (result.cloudbedsStatus === wanted) return;
    this.deps.context.outbox.enqueue(tx, {
      vendor: CLOUDBEDS_VENDOR,
      kind: 'status',
      idempotencyKey: `status:${booking.id}:${booking.status}:after-create`,
      payload: { kind: 'status', bookingId: booking.id, status: booking.status } satisfies CloudbedsPayload,
      budgetKey: job.budgetKey,
    });
  }

  private recordPull(tx: CommandTx, result: Extract<CloudbedsResult, { kind: 'pulled' }>): void {
    const { store, bookings, context } = this.deps;
    const settings = store.settings();
    // Credentials replaced by another property's while this pull ran: its answer is not this hotel's.
    if (!settings || settings.propertyId !== result.propertyId) return;
    this.saveMappings(result.mappings);
    const currency = context.venue.venue().currency;
    for (const reservation of result.reservations) {
      const existing = this.knownBooking(reservation.reservationID, reservation.thirdPartyIdentifier);
      const inbound = inboundBooking(reservation, existing, { roomType: (id) => store.hubIdOf('room_type', id), room: (id) => store.hubIdOf('room', id) }, { currency, newId });
      if (inbound.kind === 'skip') {
        context.log.warn({ vendor: CLOUDBEDS_VENDOR, reservationID: reservation.reservationID, reason: inbound.reason }, 'a Cloudbeds reservation was not taken; the front desk enters it by hand');
        continue;
      }
      if (inbound.kind === 'unchanged') continue;
      try {
        this.deps.applyRemote(tx, () => {
          bookings.applyRemoteIn(tx, inbound.remote, { kind: 'remote', source: 'cloudbeds' });
          if (existing && existing.cloudbedsId !== reservation.reservationID) bookings.setCloudbedsIdIn(tx, existing.id, reservation.reservationID);
        });
      } catch (error) {
        // The booking service refuses before it writes (unknown room type, dates that are not a stay):
        // one bad reservation must not hold back the others.
        if (!(error instanceof HubError)) throw error;
        context.log.warn({ vendor: CLOUDBEDS_VENDOR, reservationID: reservation.reservationID, reason: error.message }, 'a Cloudbeds reservation was not taken; the front desk enters it by hand');
      }
    }
    if (result.cursor !== null && result.complete) store.setCursor(result.propertyId, result.cursor);
    else if (!result.complete) context.log.warn({ vendor: CLOUDBEDS_VENDOR }, 'a Cloudbeds pull stopped at its page limit; the rest is read by the next pull');
  }

  private saveMappings(mappings: Mappings): void {
    this.deps.store.replaceMappings('room_type', mappings.roomTypes);
    this.deps.store.replaceMappings('room', mappings.rooms);
  }

  // ---- helpers ----

  /** The hub's booking for a Cloudbeds reservation: by its recorded id, else by the hub id it carries. */
  private knownBooking(reservationID: string, thirdPartyIdentifier: string | null): Booking | null {
    const id = this.deps.store.bookingIdByCloudbedsId(reservationID);
    if (id) return this.deps.bookings.get(id);
    if (!thirdPartyIdentifier) return null;
    const booking = this.deps.bookings.get(thirdPartyIdentifier);
    // A booking that holds another reservation already is not this one.
    return booking && (booking.cloudbedsId === null || booking.cloudbedsId === reservationID) ? booking : null;
  }

  private credentials(): CloudbedsCredentials {
    const settings = this.deps.store.settings();
    if (!settings) {
      throw new VendorError('permanent', 'Cloudbeds is not set up on this hub any more (no API key): a manager sets the key and property id under Integrations, then retries this task.');
    }
    return { apiKey: settings.apiKey, propertyId: settings.propertyId };
  }

  private advance(tx: CommandTx, job: OutboxJob<CloudbedsPayload>): void {
    if (job.idempotencyKey !== `pull:${this.boot}:${this.sequence}`) return;
    this.sequence++;
    tx.onRollback(() => this.sequence--);
  }
}
