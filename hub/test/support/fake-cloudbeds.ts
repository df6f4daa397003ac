import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server.ts';

/**
 * Cloudbeds' API v1.2 as a real HTTP server on 127.0.0.1, port 0, built from its documented shapes:
 *
 * - `GET getRoomTypes`, `GET getRooms` (paged, rooms grouped per property), `GET getReservations`
 *   (filters modifiedFrom, resultsFrom, checkOutFrom, lastName; paged by pageNumber and pageSize ≤ 100,
 *   with count and total), `GET getReservation`, `POST postReservation` and `PUT putReservation`
 *   (form-encoded bodies, PHP-style arrays such as `rooms[0][roomTypeID]`).
 * - Every answer is `{ success, ... }` JSON; a missing or wrong `x-api-key` gets 401 with a message.
 * - Switches: `plan(endpoint, ...answers)` queues answers for the next calls of an endpoint (a 429 with
 *   Retry-After, a 500, a slow answer, or `hold`: do the call and never answer, as a hub killed in the
 *   middle of a send sees it). Every request is counted per endpoint with its arrival time.
 */

export type FakeAnswer = { status: number; message?: string; retryAfter?: string } | { delayMs: number } | { hold: true };

export interface FakeReservation {
  reservationID: string;
  status: string;
  startDate: string;
  endDate: string;
  guestFirstName: string;
  guestLastName: string;
  guestEmail: string;
  guestPhone: string;
  roomTypeID: string;
  roomID: string | null;
  adults: number;
  children: number;
  total: number;
  thirdPartyIdentifier: string;
  dateCreated: string;
  dateModified: string;
}

export interface ArrivedCall {
  method: string;
  endpoint: string;
  at: number;
  status: number | 'held';
  query: Record<string, string>;
  form: Record<string, unknown>;
}

const PAGE_MAX = 100;

/** "YYYY-MM-DD HH:MM:SS", as Cloudbeds writes a date-time. */
const dateTime = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ');

export class FakeCloudbeds {
  apiKey = 'cb-test-key-0001';
  propertyId = '7001';
  roomTypes: Array<{ roomTypeID: string; roomTypeName: string }> = [];
  rooms: Array<{ roomID: string; roomName: string; roomTypeID: string }> = [];
  readonly reservations = new Map<string, FakeReservation>();
  readonly calls: ArrivedCall[] = [];
  private readonly planned = new Map<string, FakeAnswer[]>();
  private readonly held: ServerResponse[] = [];
  private waiters: Array<{ ready: () => boolean; resolve: () => void }> = [];
  private nextId = 880_001;
  /** Modification times only move forward, a second at a time at least, so a cursor test is exact. */
  private lastModified = 0;

  private server: LoopbackServer | null = null;

  private constructor(readonly url: string) {}

  static async start(): Promise<FakeCloudbeds> {
    let fake: FakeCloudbeds | null = null;
    const server = await listenOnLoopback((request, response) => void fake!.handle(request, response));
    const port = server.port;
    fake = new FakeCloudbeds(`http://127.0.0.1:${port}/api/v1.2`);
    fake.server = server;
    return fake;
  }

  /** The next calls of `endpoint` get these answers, in order; then the normal answer again. */
  plan(endpoint: string, ...answers: FakeAnswer[]): void {
    this.planned.set(endpoint, [...(this.planned.get(endpoint) ?? []), ...answers]);
  }

  callsTo(endpoint: string): ArrivedCall[] {
    return this.calls.filter((call) => call.endpoint === endpoint);
  }

  /** Resolves once `check` holds (checked after each call arrives). */
  waitUntil(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ready: check, resolve }));
  }

  waitForCalls(endpoint: string, count: number): Promise<void> {
    return this.waitUntil(() => this.callsTo(endpoint).length >= count);
  }

  /** A reservation made in Cloudbeds itself (a channel, the property's own staff). */
  addReservation(fields: Partial<FakeReservation> & Pick<FakeReservation, 'startDate' | 'endDate' | 'roomTypeID'>): FakeReservation {
    const now = this.modifiedNow();
    const reservation: FakeReservation = {
      reservationID: String(this.nextId++),
      status: 'confirmed',
      guestFirstName: 'Guest',
      guestLastName: 'C',
      guestEmail: '',
      guestPhone: '',
      roomID: null,
      adults: 2,
      children: 0,
      total: 240,
      thirdPartyIdentifier: '',
      dateCreated: now,
      dateModified: now,
      ...fields,
    };
    this.reservations.set(reservation.reservationID, reservation);
    return reservation;
  }

  /** A change made in Cloudbeds: it moves the reservation's modification time. */
  modify(reservationID: string, fields: Partial<FakeReservation>): void {
    const reservation = this.reservations.get(reservationID);
    if (!reservation) throw new Error(`no reservation ${reservationID}`);
    Object.assign(reservation, fields, { dateModified: this.modifiedNow() });
  }

  /** Drops the held connections, as Cloudbeds would once the hub that sent them is gone. */
  dropHeld(): void {
    for (const response of this.held.splice(0)) response.socket?.destroy();
  }

  async close(): Promise<void> {
    this.dropHeld();
    await this.server?.close();
  }

  private modifiedNow(): string {
    const now = Math.max(Math.floor(Date.now() / 1000) * 1000, this.lastModified + 1000);
    this.lastModified = now;
    return dateTime(new Date(now));
  }

  private arrived(call: ArrivedCall): void {
    this.calls.push(call);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.ready()) return true;
      waiter.resolve();
      return false;
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake');
    const endpoint = url.pathname.replace(/^\/api\/v1\.2\//, '');
    const query = Object.fromEntries(url.searchParams);
    const form = parseForm(Buffer.concat(chunks).toString('utf8'));
    const method = request.method ?? 'GET';
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.arrived({ method, endpoint, at, status, query, form });
      response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req-${this.calls.length}`, ...headers });
      response.end(JSON.stringify(body));
    };

    if (request.headers['x-api-key'] !== this.apiKey) {
      json(401, { success: false, message: 'Invalid or expired API key. Generate a new key in Cloudbeds: Account > Apps & Marketplace > API credentials.' });
      return;
    }
    const answer = this.planned.get(endpoint)?.shift();
    if (answer && 'status' in answer) {
      json(answer.status, { success: false, message: answer.message ?? `Planned ${answer.status}` }, answer.retryAfter ? { 'retry-after': answer.retryAfter } : {});
      return;
    }
    if (answer && 'delayMs' in answer) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    const result = this.serve(method, endpoint, query, form);
    if (answer && 'hold' in answer) {
      this.held.push(response);
      this.arrived({ method, endpoint, at, status: 'held', query, form });
      return;
    }
    json(result.status, result.body);
  }

  private serve(method: string, endpoint: string, query: Record<string, string>, form: Record<string, unknown>): { status: number; body: unknown } {
    const ok = (body: Record<string, unknown>) => ({ status: 200, body: { success: true, ...body } });
    const refuse = (message: string) => ({ status: 200, body: { success: false, message } });
    const route = `${method} ${endpoint}`;
    if (route === 'GET getRoomTypes') return ok({ data: this.roomTypes.map((type) => ({ ...type, propertyID: this.propertyId, maxGuests: 4 })), count: this.roomTypes.length, total: this.roomTypes.length });
    if (route === 'GET getRooms') {
      const { page, size } = paging(query);
      const rooms = this.rooms.slice((page - 1) * size, page * size).map((room) => ({
        ...room,
        roomTypeName: this.roomTypes.find((type) => type.roomTypeID === room.roomTypeID)?.roomTypeName ?? '',
        isVirtual: false,
      }));
      return ok({ data: [{ propertyID: this.propertyId, rooms }], count: 1, total: 1 });
    }
    if (route === 'GET getReservations') {
      const { page, size } = paging(query);
      const matches = [...this.reservations.values()].filter(
        (r) =>
          (!query.modifiedFrom || r.dateModified >= query.modifiedFrom) &&
          (!query.resultsFrom || r.dateCreated >= query.resultsFrom) &&
          (!query.checkOutFrom || r.endDate >= query.checkOutFrom) &&
          (!query.lastName || r.guestLastName === query.lastName),
      );
      const data = matches.slice((page - 1) * size, page * size).map((r) => ({
        propertyID: this.propertyId,
        reservationID: r.reservationID,
        dateCreated: r.dateCreated,
        dateModified: r.dateModified,
        status: r.status,
        guestName: `${r.guestFirstName} ${r.guestLastName}`,
        startDate: r.startDate,
        endDate: r.endDate,
        adults: String(r.adults),
        children: String(r.children),
        balance: r.total,
        thirdPartyIdentifier: r.thirdPartyIdentifier,
      }));
      return ok({ data, count: data.length, total: matches.length });
    }
    if (route === 'GET getReservation') {
      const r = this.reservations.get(query.reservationID ?? '');
      if (!r) return refuse('Reservation not found');
      return ok({ data: this.detail(r) });
    }
    if (route === 'POST postReservation') return this.post(form);
    if (route === 'PUT putReservation') {
      const r = this.reservations.get(String(form.reservationID ?? ''));
      if (!r) return refuse('Reservation not found');
      const status = String(form.status ?? '');
      if (!['confirmed', 'not_confirmed', 'canceled', 'checked_in', 'checked_out', 'no_show'].includes(status)) return refuse(`Invalid status: ${status}`);
      this.modify(r.reservationID, { status });
      return ok({ data: this.detail(r) });
    }
    return { status: 404, body: { success: false, message: `Unknown method ${endpoint}` } };
  }

  private post(form: Record<string, unknown>): { status: number; body: unknown } {
    const refuse = (message: string) => ({ status: 200, body: { success: false, message } });
    const rooms = Array.isArray(form.rooms) ? (form.rooms as Array<Record<string, string>>) : [];
    const adults = Array.isArray(form.adults) ? (form.adults as Array<Record<string, string>>) : [];
    const children = Array.isArray(form.children) ? (form.children as Array<Record<string, string>>) : [];
    const room = rooms[0];
    for (const field of ['startDate', 'endDate', 'guestFirstName', 'guestLastName']) {
      if (typeof form[field] !== 'string' || form[field] === '') return refuse(`Parameter ${field} is required`);
    }
    if (!room || !this.roomTypes.some((type) => type.roomTypeID === room.roomTypeID)) return refuse('Invalid roomTypeID');
    const created = this.addReservation({
      startDate: String(form.startDate),
      endDate: String(form.endDate),
      guestFirstName: String(form.guestFirstName),
      guestLastName: String(form.guestLastName),
      guestEmail: String(form.guestEmail ?? ''),
      guestPhone: String(form.guestPhone ?? ''),
      roomTypeID: room.roomTypeID!,
      roomID: room.roomID ?? null,
      adults: Number(adults[0]?.quantity ?? 1),
      children: Number(children[0]?.quantity ?? 0),
      thirdPartyIdentifier: String(form.thirdPartyIdentifier ?? ''),
      ...(typeof form.dateCreated === 'string' ? { dateCreated: form.dateCreated } : {}),
    });
    return {
      status: 200,
      body: {
        success: true,
        reservationID: created.reservationID,
        status: created.status,
        guestID: `g-${created.reservationID}`,
        guestFirstName: created.guestFirstName,
        guestLastName: created.guestLastName,
        startDate: created.startDate,
        endDate: created.endDate,
        dateCreated: created.dateCreated,
        grandTotal: created.total,
      },
    };
  }

  private detail(r: FakeReservation): Record<string, unknown> {
    const type = this.roomTypes.find((t) => t.roomTypeID === r.roomTypeID);
    const room = r.roomID ? this.rooms.find((candidate) => candidate.roomID === r.roomID) : undefined;
    const line = { roomTypeID: r.roomTypeID, roomTypeName: type?.roomTypeName ?? '', startDate: r.startDate, endDate: r.endDate, adults: String(r.adults), children: String(r.children), roomTotal: r.total };
    return {
      propertyID: this.propertyId,
      reservationID: r.reservationID,
      status: r.status,
      dateCreated: r.dateCreated,
      dateModified: r.dateModified,
      startDate: r.startDate,
      endDate: r.endDate,
      guestName: `${r.guestFirstName} ${r.guestLastName}`,
      guestEmail: r.guestEmail,
      guestList: {
        [`g-${r.reservationID}`]: { guestID: `g-${r.reservationID}`, guestFirstName: r.guestFirstName, guestLastName: r.guestLastName, guestEmail: r.guestEmail, guestPhone: r.guestPhone, isMainGuest: true },
      },
      thirdPartyIdentifier: r.thirdPartyIdentifier,
      total: r.total,
      balance: r.total,
      assigned: r.roomID ? [{ ...line, roomID: r.roomID, roomName: room?.roomName ?? '' }] : [],
      unassigned: r.roomID ? [] : [line],
    };
  }
}

function paging(query: Record<string, string>): { page: number; size: number } {
  const page = Math.max(1, Number(query.pageNumber ?? 1) || 1);
  const size = Math.min(PAGE_MAX, Math.max(1, Number(query.pageSize ?? PAGE_MAX) || PAGE_MAX));
  return { page, size };
}

/** A form body with PHP-style keys (`rooms[0][roomTypeID]`) as nested objects and arrays. */
function parseForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split(/[[\]]+/).filter((part) => part !== '');
    let node: any = root;
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      if (last) {
        node[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[index + 1]!);
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part];
    });
  }
  return root;
}
