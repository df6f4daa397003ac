// A small typed client for Cloudbeds' API v1.2 (https://api.cloudbeds.com/api/v1.2/{method}), as its
// documentation describes it: the key in `x-api-key`, GET parameters in the query string, POST and PUT
// bodies form-encoded, JSON answers of the shape `{ success, data, count, total, message }`. Every
// failure is a VendorError the outbox knows how to treat: a 429 waits (Retry-After), a 5xx, a timeout or
// a dropped connection is tried again, and a refusal (a wrong key, a bad request, `success: false`)
// waits for a person with Cloudbeds' own words.
import { parseRetryAfter } from '../../outbox/retry-rules.ts';
import { VendorError, type SendContext } from '../../outbox/vendor-adapter.ts';
import { formEncode } from './cloudbeds-rules.ts';
import { causeOf, isRecord, parseJsonObject } from '../../outbox/vendor-json.ts';

export const DEFAULT_CLOUDBEDS_API_URL = 'https://api.cloudbeds.com/api/v1.2';

export interface CloudbedsCredentials {
  apiKey: string;
  propertyId: string;
}

export interface CloudbedsClientOptions {
  baseUrl: string;
  /** A request (headers and body) must be answered within this time; 10 s by default. */
  timeoutMs?: number;
  /** Pages one listing reads at most (100 reservations each), so a flood cannot hold the budget forever. */
  maxPages?: number;
}

export interface CloudbedsRoomType {
  roomTypeID: string;
  roomTypeName: string;
}

export interface CloudbedsRoom {
  roomID: string;
  roomName: string;
  roomTypeID: string;
}

/** One row of getReservations (only what the hub reads). */
export interface CloudbedsReservationSummary {
  reservationID: string;
  status: string;
  dateModified: string | null;
  thirdPartyIdentifier: string | null;
}

export interface CloudbedsReservationRoom {
  roomTypeID: string;
  roomID: string | null;
  startDate: string | null;
  endDate: string | null;
  adults: number;
  children: number;
}

/** getReservation's answer (only what the hub reads). */
export interface CloudbedsReservation {
  reservationID: string;
  status: string;
  startDate: string;
  endDate: string;
  dateModified: string | null;
  thirdPartyIdentifier: string | null;
  /** The booking's total in the property's currency, major units (a decimal). */
  total: number | string | null;
  guest: { firstName: string | null; lastName: string | null; name: string | null; email: string | null; phone: string | null };
  /** Assigned rooms first, then unassigned ones (a room type without a room yet). */
  rooms: CloudbedsReservationRoom[];
}

export interface ReservationsQuery {
  /** Reservations modified at or after this time ("YYYY-MM-DD HH:MM:SS"). */
  modifiedFrom?: string;
  /** Reservations booked at or after this time. */
  resultsFrom?: string;
  /** Reservations whose check-out is on or after this date (a first pull: stays not over yet). */
  checkOutFrom?: string;
  /** The primary guest's last name (narrows a lookup). */
  lastName?: string;
}

export interface NewReservation {
  startDate: string;
  endDate: string;
  guestFirstName: string;
  guestLastName: string;
  guestEmail: string | null;
  guestPhone: string | null;
  roomTypeID: string;
  roomID: string | null;
  adults: number;
  children: number;
  /** The hub's booking id, kept by Cloudbeds and shown again by getReservations: how a lost answer is found. */
  thirdPartyIdentifier: string;
  /** When the booking was made at the hub. */
  dateCreated: string;
}

export interface CreatedReservation {
  reservationID: string;
  status: string | null;
}

type Json = Record<string, unknown>;

const PAGE_SIZE = 100;
const MAX_MESSAGE = 300;

export class CloudbedsClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxPages: number;

  constructor(options: CloudbedsClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxPages = options.maxPages ?? 50;
  }

  async getRoomTypes(credentials: CloudbedsCredentials, context: SendContext): Promise<CloudbedsRoomType[]> {
    const body = await this.request('GET', 'getRoomTypes', credentials, context, { propertyIDs: credentials.propertyId });
    return arrayOf(body.data)
      .map((item) => ({ roomTypeID: idText(item.roomTypeID), roomTypeName: text(item.roomTypeName) }))
      .filter((type): type is CloudbedsRoomType => type.roomTypeID !== null && type.roomTypeName !== null);
  }

  /** Every room of the property (getRooms answers per property, each with its rooms; paged). */
  async getRooms(credentials: CloudbedsCredentials, context: SendContext): Promise<CloudbedsRoom[]> {
    const rooms: CloudbedsRoom[] = [];
    for (let page = 1; page <= this.maxPages; page++) {
      const body = await this.request('GET', 'getRooms', credentials, context, { propertyIDs: credentials.propertyId, pageNumber: String(page), pageSize: String(PAGE_SIZE) });
      let read = 0;
      for (const property of arrayOf(body.data)) {
        for (const item of arrayOf(property.rooms)) {
          read++;
          const room = { roomID: idText(item.roomID), roomName: text(item.roomName), roomTypeID: idText(item.roomTypeID) };
          if (room.roomID !== null && room.roomName !== null && room.roomTypeID !== null) rooms.push(room as CloudbedsRoom);
        }
      }
      if (read < PAGE_SIZE) break;
    }
    return rooms;
  }

  /** Every reservation the query matches, page after page (each page one request of the budget). */
  async getReservations(credentials: CloudbedsCredentials, query: ReservationsQuery, context: SendContext): Promise<{ reservations: CloudbedsReservationSummary[]; complete: boolean }> {
    const reservations: CloudbedsReservationSummary[] = [];
    const seen = new Set<string>();
    for (let page = 1; page <= this.maxPages; page++) {
      const params: Record<string, string> = { propertyID: credentials.propertyId, pageNumber: String(page), pageSize: String(PAGE_SIZE) };
      for (const [key, value] of Object.entries(query)) if (typeof value === 'string' && value !== '') params[key] = value;
      const body = await this.request('GET', 'getReservations', credentials, context, params);
      const items = arrayOf(body.data);
      for (const item of items) {
        const id = idText(item.reservationID);
        if (id === null || seen.has(id)) continue;
        seen.add(id);
        reservations.push({ reservationID: id, status: text(item.status) ?? '', dateModified: text(item.dateModified), thirdPartyIdentifier: text(item.thirdPartyIdentifier) });
      }
      const total = typeof body.total === 'number' ? body.total : null;
      if (items.length < PAGE_SIZE || (total !== null && page * PAGE_SIZE >= total)) return { reservations, complete: true };
    }
    return { reservations, complete: false };
  }

  async getReservation(credentials: CloudbedsCredentials, reservationID: string, context: SendContext): Promise<CloudbedsReservation> {
    const body = await this.request('GET', 'getReservation', credentials, context, { propertyID: credentials.propertyId, reservationID });
    const reservation = readReservation(body.data);
    if (!reservation) throw new VendorError('retry', `Cloudbeds answered reservation ${reservationID} in a shape the hub cannot read; it asks again.`);
    return reservation;
  }

  async postReservation(credentials: CloudbedsCredentials, reservation: NewReservation, context: SendContext): Promise<CreatedReservation> {
    const one = (quantity: number) => [{ roomTypeID: reservation.roomTypeID, quantity, roomID: reservation.roomID }];
    const form = formEncode({
      propertyID: credentials.propertyId,
      startDate: reservation.startDate,
      endDate: reservation.endDate,
      guestFirstName: reservation.guestFirstName,
      guestLastName: reservation.guestLastName,
      guestEmail: reservation.guestEmail,
      guestPhone: reservation.guestPhone,
      rooms: [{ roomTypeID: reservation.roomTypeID, quantity: 1, roomID: reservation.roomID }],
      adults: one(reservation.adults),
      children: one(reservation.children),
      // The guest settles the folio at the hub's desk; Cloudbeds needs a method to make the booking.
      paymentMethod: 'cash',
      thirdPartyIdentifier: reservation.thirdPartyIdentifier,
      dateCreated: reservation.dateCreated,
      // The hub's own front desk talks to the guest; Cloudbeds must not email a second confirmation.
      sendEmailConfirmation: 'false',
    });
    const body = await this.request('POST', 'postReservation', credentials, context, {}, form);
    const reservationID = idText(body.reservationID);
    if (reservationID === null) throw new VendorError('retry', 'Cloudbeds accepted the reservation but sent no reservationID; the hub looks it up before anything else.');
    return { reservationID, status: text(body.status) };
  }

  async putReservationStatus(credentials: CloudbedsCredentials, reservationID: string, status: string, context: SendContext): Promise<void> {
    const form = formEncode({ propertyID: credentials.propertyId, reservationID, status, sendStatusChangeEmail: 'false' });
    await this.request('PUT', 'putReservation', credentials, context, {}, form);
  }

  /** One request of the budget: its answer's body when `success` is true, else a VendorError. */
  private async request(
    method: 'GET' | 'POST' | 'PUT',
    endpoint: string,
    credentials: CloudbedsCredentials,
    context: SendContext,
    query: Record<string, string>,
    form?: URLSearchParams,
  ): Promise<Json> {
    await context.takeRequest();
    const url = `${this.baseUrl}/${endpoint}${Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json', 'x-api-key': credentials.apiKey, 'x-property-id': credentials.propertyId };
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let status: number;
    let retryAfter: string | null;
    let raw: string;
    try {
      const response = await fetch(url, { method, headers, body: form?.toString(), signal: AbortSignal.any([context.signal, timeout]) });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      raw = await response.text();
    } catch (error) {
      if (context.signal.aborted) throw new VendorError('retry', 'The hub stopped this Cloudbeds call (closing, or the task was cancelled).');
      if (timeout.aborted) throw new VendorError('retry', `Cloudbeds did not answer ${endpoint} within ${Math.round(this.timeoutMs / 1000)} s; the hub tries again.`);
      throw new VendorError('retry', `Cloudbeds could not be reached (${causeOf(error)}); the hub tries again.`);
    }
    const body = parseJsonObject<Json>(raw);
    const said = messageOf(body);
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(retryAfter, new Date());
      throw new VendorError('rate_limited', 'Cloudbeds asked the hub to slow down (429); the call waits and goes again.', {
        status,
        ...(retryAfterMs === null ? {} : { retryAfterMs }),
      });
    }
    if (status >= 500 || status === 408) throw new VendorError('retry', `Cloudbeds failed (${status}${said ? `: ${said}` : ''}); the hub tries again.`, { status });
    if (status === 401 || status === 403) {
      throw new VendorError('permanent', `Cloudbeds refused the API key (${status}${said ? `: ${said}` : ''}). A manager sets a valid key and property id under Integrations, then retries this task.`, { status });
    }
    if (status >= 400) throw new VendorError('permanent', `Cloudbeds refused ${endpoint} (${status}${said ? `: ${said}` : ''}).`, { status });
    if (!body) throw new VendorError('retry', `Cloudbeds answered ${endpoint} with something that is not JSON; the hub tries again.`, { status });
    if (body.success !== true) throw new VendorError('permanent', `Cloudbeds refused ${endpoint}: ${said ?? 'no reason given'}.`, { status });
    return body;
  }
}

/** getReservation's `data`, or null when it lacks what a booking needs. */
export function readReservation(data: unknown): CloudbedsReservation | null {
  if (!isRecord<Json>(data)) return null;
  const reservationID = idText(data.reservationID);
  const startDate = dateText(data.startDate);
  const endDate = dateText(data.endDate);
  if (reservationID === null || startDate === null || endDate === null) return null;
  const rooms: CloudbedsReservationRoom[] = [];
  for (const list of [data.assigned, data.unassigned]) {
    for (const item of arrayOf(list)) {
      const roomTypeID = idText(item.roomTypeID);
      if (roomTypeID === null) continue;
      rooms.push({
        roomTypeID,
        roomID: idText(item.roomID),
        startDate: dateText(item.startDate),
        endDate: dateText(item.endDate),
        adults: count(item.adults, 1),
        children: count(item.children, 0),
      });
    }
  }
  const guests = isRecord<Json>(data.guestList) ? Object.values(data.guestList).filter((guest) => isRecord<Json>(guest)) : [];
  const main = guests.find((guest) => guest.isMainGuest === true) ?? guests[0] ?? null;
  return {
    reservationID,
    status: text(data.status) ?? '',
    startDate,
    endDate,
    dateModified: text(data.dateModified),
    thirdPartyIdentifier: text(data.thirdPartyIdentifier),
    total: typeof data.total === 'number' || typeof data.total === 'string' ? data.total : null,
    guest: {
      firstName: text(main?.guestFirstName),
      lastName: text(main?.guestLastName),
      name: text(data.guestName),
      email: text(main?.guestEmail) ?? text(data.guestEmail),
      phone: text(main?.guestPhone) ?? text(main?.guestCellPhone),
    },
    rooms,
  };
}

function messageOf(body: Json | null): string | null {
  const message = typeof body?.message === 'string' ? body.message : null;
  // Cloudbeds' words go to a person: control characters out, and short.
  if (!message) return null;
  const printable = [...message].map((char) => (char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127 ? ' ' : char)).join('');
  return printable.replace(/\s+/g, ' ').trim().slice(0, MAX_MESSAGE) || null;
}


function arrayOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 500) : null;
}

/** Cloudbeds' ids are strings in its documentation and sometimes numbers in practice; both are read. */
function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  const id = text(value);
  return id !== null && id.length <= 64 ? id : null;
}

function dateText(value: unknown): string | null {
  const date = text(value);
  return date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date.slice(0, 10)) ? date.slice(0, 10) : null;
}

function count(value: unknown, fallback: number): number {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= 20 ? number : fallback;
}
