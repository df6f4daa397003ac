import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { startTestHub, type TestHub } from './harness.ts';

const HOUR = 3_600_000;

/**
 * A socket that notes how it ended. The waits are for states (connected, closed by the hub), each with
 * an upper bound well below the hub's periodic check, so a pass proves the closing came from the
 * login ending and not from the sweep.
 */
class Watched {
  readonly socket: Socket;
  readonly events: string[] = [];
  private closedBy: Promise<string>;

  constructor(baseUrl: string, namespace: string, auth: Record<string, unknown>) {
    this.socket = io(baseUrl + namespace, { path: '/socket.io', transports: ['websocket'], auth, reconnection: false, forceNew: true });
    this.socket.on('event', (event: { type: string }) => this.events.push(event.type));
    this.closedBy = new Promise((resolve) => this.socket.on('disconnect', (reason) => resolve(reason)));
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (error) => reject(error));
    });
  }

  closed(withinMs: number): Promise<string> {
    return Promise.race([
      this.closedBy,
      new Promise<string>((_, reject) => setTimeout(() => reject(new Error(`still open after ${withinMs} ms; heard ${this.events.join(', ')}`)), withinMs)),
    ]);
  }

  /** Connecting again with the same login: the hub's answer to the handshake. */
  async reconnect(): Promise<'connected' | string> {
    return new Promise((resolve) => {
      this.socket.once('connect', () => resolve('connected'));
      this.socket.once('connect_error', (error) => resolve(error.message));
      this.socket.connect();
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}

describe('sockets end with the rights they were opened with', () => {
  let t: TestHub;
  const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
  const opened: Watched[] = [];
  const watch = async (namespace: string, auth: Record<string, unknown>) => {
    const watched = new Watched(t.baseUrl, namespace, auth);
    opened.push(watched);
    await watched.connected();
    return watched;
  };

  beforeAll(async () => {
    // The periodic check (for expiry) every 200 ms here; ended logins must not wait for it anyway.
    t = await startTestHub({ clock, hubOptions: { realtime: { recheckEveryMs: 200 } } });
  });
  afterAll(async () => {
    for (const watched of opened) watched.close();
    await t.close();
  });

  it('closes a waiter\'s /staff socket when they log out, and refuses it again; other logins stay', async () => {
    const waiter = await t.login('2222');
    const manager = await t.login('1111');
    const waiterSocket = await watch('/staff', { token: waiter });
    const managerSocket = await watch('/staff', { token: manager });

    expect((await t.request('POST', '/api/staff/logout', undefined, waiter)).status).toBe(204);
    expect(await waiterSocket.closed(5_000)).toBe('io server disconnect');
    expect(await waiterSocket.reconnect()).toBe('unauthorized');
    expect(managerSocket.socket.connected).toBe(true);
  });

  it("closes a person's /kds and /staff sockets when a manager switches them off", async () => {
    const manager = await t.login('1111');
    const kitchen = await t.login('3333');
    const kds = await watch('/kds', { token: kitchen, station: 'grill' });
    const staff = await watch('/staff', { token: kitchen });

    expect((await t.request('PATCH', '/api/staff/staff-kitchen', { active: false }, manager)).status).toBe(200);
    expect(await kds.closed(5_000)).toBe('io server disconnect');
    expect(await staff.closed(5_000)).toBe('io server disconnect');
    expect(await kds.reconnect()).toBe('unauthorized');
    expect((await t.request('PATCH', '/api/staff/staff-kitchen', { active: true }, manager)).status).toBe(200);
  });

  it("closes a closed visit's guest sockets after telling them, and no other visit's", async () => {
    const waiter = await t.login('2222');
    const guest = await t.request('POST', '/api/guest/visits', { tableCode: t.tableCode('table-3') });
    const neighbour = await t.guestToken('table-4');
    const guestSocket = await watch('/guest', { token: guest.body.token });
    const neighbourSocket = await watch('/guest', { token: neighbour });

    expect((await t.request('POST', `/api/visits/${guest.body.visitId}/close`, undefined, waiter)).status).toBe(200);
    expect(await guestSocket.closed(5_000)).toBe('io server disconnect');
    expect(guestSocket.events).toContain('visit.closed');
    expect(await guestSocket.reconnect()).toBe('unauthorized');
    expect(neighbourSocket.socket.connected).toBe(true);

    // A table QR code rotated after the close reaches the staff, never the closed visit's socket.
    const rotated = await t.request('POST', '/api/tables/table-3/rotate-code', undefined, await t.login('1111'));
    expect(rotated.status).toBe(200);
    expect(guestSocket.events).toEqual(['visit.closed']);
  });

  it('closes a staff socket when its login expires, and a guest socket when its token goes idle', async () => {
    const waiter = await t.login('2222');
    const staff = await watch('/staff', { token: waiter });
    const guest = await watch('/guest', { token: await t.guestToken('table-5') });
    clock.advance(4 * HOUR + 1000); // past GUEST_TOKEN_IDLE_HOURS, not STAFF_TOKEN_HOURS
    expect(await guest.closed(5_000)).toBe('io server disconnect');
    expect(staff.socket.connected).toBe(true);
    clock.advance(8 * HOUR);
    expect(await staff.closed(5_000)).toBe('io server disconnect');
  });
});
