// What the check-in tests (hub and browser) share; not used by check-in itself: a hub with the demo
// hotel, and requests with raw bodies (an ID photo's bytes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@onemoment/shared/ids';
import type { Booking } from '@onemoment/shared/schemas/hotel';
import { createHub, type Hub, type HubOptions } from '../../app.ts';
import type { Clock } from '../../clock.ts';
import { loadConfig } from '../../config.ts';
import type { CheckInApi } from './setup-check-in.ts';

export interface CheckInTestHub {
  hub: Hub;
  baseUrl: string;
  checkIn: CheckInApi;
  request<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T; headers: Headers }>;
  /** A raw request (the ID photo's bytes, a body of any type). */
  send(method: string, path: string, init: { body?: Buffer | string; type?: string; token?: string }): Promise<Response>;
  login(pin: string): Promise<string>;
  close(): Promise<void>;
}

export interface CheckInHubOptions {
  env?: Record<string, string>;
  clock?: Clock;
  hubOptions?: Omit<HubOptions, 'clock'>;
}

export async function startCheckInHub(options: CheckInHubOptions = {}): Promise<CheckInTestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-check-in-test-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', MDNS: 'off', ...options.env });
  const hub = await createHub(config, { ...options.hubOptions, clock: options.clock });
  const hotel = hub.modules.hotel;
  if (!hotel) throw new Error('this hub runs without the hotel module');
  const checkIn = hotel.checkIn;
  const port = await hub.listen();
  const baseUrl = `http://127.0.0.1:${port}`;

  const send = (method: string, path: string, init: { body?: Buffer | string; type?: string; token?: string }) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.type) headers['content-type'] = init.type;
    return fetch(baseUrl + path, { method, headers, body: init.body === undefined ? undefined : new Uint8Array(typeof init.body === 'string' ? Buffer.from(init.body) : init.body) });
  };
  async function request<T>(method: string, path: string, body?: unknown, token?: string) {
    const response = await send(method, path, { token, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body), type: 'application/json' }) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  return {
    hub,
    baseUrl,
    checkIn,
    request,
    send,
    async login(pin) {
      const response = await request<{ token: string }>('POST', '/api/staff/login', { pin });
      if (response.status !== 200) throw new Error(`login with ${pin} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token;
    },
    async close() {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A room type with rooms and an every-night rate, when the demo venue has none yet. */
/** A local calendar date `days` after the hub's today (in UTC; the tests' clock sits at noon UTC). */
export function dayAfter(clock: Clock, days: number): string {
  return new Date(clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Books a standard room through the booking route, as the front desk; returns the booking and its link's code. */
export async function bookStay(t: CheckInTestHub, desk: string, stay: { arrival: string; departure: string; guest?: string }): Promise<{ booking: Booking; code: string }> {
  const response = await t.request<Booking>(
    'POST',
    '/api/hotel/bookings',
    { id: newId(), roomTypeId: 'standard', arrival: stay.arrival, departure: stay.departure, guest: { name: stay.guest ?? 'Guest A' }, adults: 1 },
    desk,
  );
  if (response.status !== 201) throw new Error(`booking failed: ${response.status} ${JSON.stringify(response.body)}`);
  const code = response.body.checkInUrl.split('/checkin/')[1]!;
  return { booking: response.body, code };
}
