import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newId } from '@onemoment/shared/ids';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { startTestHub, type TestHub } from './harness.ts';

/** Whether a socket.io namespace lets this login in: 'connected', or the refusal's message. */
function tryNamespace(baseUrl: string, namespace: string, auth: Record<string, unknown>): Promise<string> {
  return new Promise((resolve) => {
    const socket = io(baseUrl + namespace, { path: '/socket.io', transports: ['websocket'], auth, reconnection: false, forceNew: true });
    socket.on('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.on('connect_error', (error) => {
      socket.disconnect();
      resolve(error.message);
    });
  });
}

async function apiPaths(t: TestHub): Promise<string[]> {
  return Object.keys((await t.request('GET', '/api/docs/json')).body.paths);
}

describe('MODULES=restaurant: a restaurant without the translator', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { MODULES: 'restaurant' } });
  });
  afterAll(() => t.close());

  it('takes orders, shows them on the kitchen display and prints them (printing and sync always run)', async () => {
    const kitchen = await t.login('3333');
    expect(await tryNamespace(t.baseUrl, '/kds', { token: kitchen, station: 'grill' })).toBe('connected');
    const guest = await t.guestToken('table-1');
    const placed = await t.request('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId: 'grilled-salmon', quantity: 1 }] }, guest);
    expect(placed.status).toBe(201);
    const tickets = await t.request('GET', '/api/kds/tickets?station=grill', undefined, kitchen);
    expect(tickets.body.tickets.map((ticket: { orderId: string }) => ticket.orderId)).toContain(placed.body.id);
    expect((await t.request('GET', '/api/printers', undefined, await t.login('1111'))).status).toBe(200);
    expect((await t.request('GET', '/api/sync/status', undefined, await t.login('1111'))).status).toBe(200);
  });

  it('has no route, no API page entry and no page of the modules it does not load', async () => {
    const manager = await t.login('1111');
    const paths = await apiPaths(t);
    expect(paths).toContain('/api/orders');
    expect(paths.filter((path) => path.startsWith('/api/translator'))).toEqual([]);
    for (const path of ['/api/translator/status', '/api/translator/conversations', '/api/translator/phrases']) {
      const response = await t.request('GET', path, undefined, manager);
      expect(response.status, path).toBe(404);
      expect(response.body.error).toBe('not_found');
    }
    expect((await t.request('GET', '/api/venue')).body.modules).toEqual(['restaurant', 'printing', 'sync']);
  });

  it('keeps every module\'s tables, so switching one on later loses nothing', () => {
    const tables = t.hub.context.store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['printers', 'print_jobs', 'sync_updates', 'conversations', 'orders']));
    expect(Object.keys(t.hub.modules)).toEqual(['restaurant', 'printing', 'sync']);
  });
});

describe('MODULES=translator: a front desk without a kitchen', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { MODULES: 'translator' } });
  });
  afterAll(() => t.close());

  it('serves the translator and the staff logins, but no orders, tables or kitchen display', async () => {
    const waiter = await t.login('2222');
    expect((await t.request('GET', '/api/translator/status', undefined, waiter)).status).toBe(200);
    expect((await t.request('GET', '/api/orders', undefined, waiter)).status).toBe(404);
    expect((await t.request('GET', '/api/tables', undefined, waiter)).status).toBe(404);
    expect(await tryNamespace(t.baseUrl, '/kds', { token: waiter, station: 'grill' })).toBe('Invalid namespace');
    expect(await tryNamespace(t.baseUrl, '/staff', { token: waiter })).toBe('connected');
    expect((await t.request('GET', '/api/venue')).body.modules).toEqual(['printing', 'sync', 'translator']);
    // Printing runs without the restaurant: printers can be set up, and no order will ever reach them.
    expect((await t.request('GET', '/api/printers', undefined, await t.login('1111'))).status).toBe(200);
  });
});

describe('MODULES=hotel: a hotel without a kitchen', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { MODULES: 'hotel' } });
  });
  afterAll(() => t.close());

  it('books, checks in, takes the folio and checks out, with no tables, orders or bills', async () => {
    const desk = await t.login('4444');
    expect((await t.request('GET', '/api/venue')).body.modules).toEqual(['printing', 'hotel', 'sync']);
    expect((await t.request('GET', '/api/tables', undefined, desk)).status).toBe(404);
    const today = (await t.request('GET', '/api/hotel/front-desk', undefined, desk)).body.date as string;
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const booked = await t.request('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'double', arrival: today, departure: tomorrow, guest: { name: 'Guest A' }, adults: 2 }, desk);
    expect(booked.status).toBe(201);
    const checkedIn = await t.request('POST', `/api/hotel/bookings/${booked.body.id}/check-in`, {}, desk);
    // No kitchen: no room-service visit is opened.
    expect(checkedIn.body).toMatchObject({ status: 'checked_in', visitId: null });
    const due = booked.body.totalMinor as number;
    expect((await t.request('POST', `/api/hotel/bookings/${booked.body.id}/folio/payments`, { id: newId(), method: 'card', amountMinor: due, last4: '4242' }, desk)).status).toBe(201);
    expect((await t.request('POST', `/api/hotel/bookings/${booked.body.id}/check-out`, {}, desk)).body.status).toBe('checked_out');
  });
});

describe('MODULES=restaurant: no hotel', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { MODULES: 'restaurant' } });
  });
  afterAll(() => t.close());

  it('has no hotel routes, and its floor plan shows no rooms', async () => {
    const manager = await t.login('1111');
    expect((await t.request('GET', '/api/hotel/rooms', undefined, manager)).status).toBe(404);
    const tables = (await t.request('GET', '/api/tables', undefined, manager)).body.tables as Array<{ name: string }>;
    expect(tables.map((table) => table.name)).toEqual(Array.from({ length: 12 }, (_, i) => `Table ${i + 1}`));
  });
});

describe('choosing modules at boot', () => {
  it('names an unknown module (a missing need is named too: see module-names.test.ts)', () => {
    expect(() => loadConfig({ MODULES: 'restaurant,teleporter' })).toThrow(ConfigError);
    expect(() => loadConfig({ MODULES: 'restaurant,teleporter' })).toThrow(/"teleporter"/);
    expect(loadConfig({}).modules).toEqual(['restaurant', 'printing', 'payments', 'hotel', 'esim', 'sync', 'translator']);
  });

  it('stops `npm start` with the message before anything listens', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-modules-'));
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'hub/src/server.ts'], {
      cwd: root,
      env: { ...process.env, MODULES: 'restaurant,teleporter', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, MDNS: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(78);
    expect(stderr).toContain('MODULES names "teleporter", which this hub does not have (it has restaurant, printing, payments, hotel, esim, sync, translator; printing and sync always run)');
  });
});
