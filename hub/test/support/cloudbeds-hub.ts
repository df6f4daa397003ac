// A hub with the hotel module and Cloudbeds pointed at a FakeCloudbeds, in-process on 127.0.0.1 (port 0).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub, type Hub } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { JobRow } from '../../src/outbox/job-store.ts';
import type { OutboxOptions } from '../../src/outbox/outbox.ts';
import { QUICK_RETRY, waitFor } from '../outbox-helpers.ts';
import type { FakeCloudbeds } from './fake-cloudbeds.ts';

export interface CloudbedsHub {
  hub: Hub;
  baseUrl: string;
  dataDir: string;
  request<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  login(pin: string): Promise<string>;
  /** The Cloudbeds jobs of a kind, oldest first. */
  jobs(kind?: string): JobRow[];
  close(): Promise<void>;
}

export const MANAGER_PIN = '1111';
export const FRONT_DESK_PIN = '4444';

/** Fake room types and rooms named as the demo hotel's (Standard…, 101…), with Cloudbeds-style ids. */
export function mirrorDemoHotel(fake: FakeCloudbeds, hub: Hub): void {
  const hotel = hub.modules.hotel!;
  const typeIds = new Map<string, string>();
  fake.roomTypes = hotel.inventory.roomTypes().map((type, i) => {
    typeIds.set(type.id, String(501 + i));
    return { roomTypeID: String(501 + i), roomTypeName: type.name };
  });
  fake.rooms = hotel.inventory.rooms().map((room) => ({ roomID: `9${room.number}`, roomName: room.number, roomTypeID: typeIds.get(room.roomTypeId)! }));
}

export async function startCloudbedsHub(
  cleanup: Array<() => Promise<unknown> | void>,
  options: { fake: FakeCloudbeds; dataDir?: string; log?: string[]; outbox?: OutboxOptions },
): Promise<CloudbedsHub> {
  const ownsDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'onemoment-cloudbeds-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: options.log ? 'info' : 'silent',
    MDNS: 'off',
    MODULES: 'hotel',
    CLOUDBEDS_API_URL: options.fake.url,
  });
  const log = options.log;
  const hub = await createHub(config, {
    outbox: { ...QUICK_RETRY, ...options.outbox },
    ...(log ? { logStream: { write: (line: string) => void log.push(line) } } : {}),
  });
  const port = await hub.listen();
  const baseUrl = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | null = null;
  const close = () =>
    (closed ??= (async () => {
      await hub.close();
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    })());
  cleanup.push(close);

  async function request<T>(method: string, path: string, body?: unknown, token?: string) {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  return {
    hub,
    baseUrl,
    dataDir,
    request,
    async login(pin) {
      const response = await request<{ token: string }>('POST', '/api/staff/login', { pin });
      if (response.status !== 200) throw new Error(`login with ${pin} failed: ${response.status}`);
      return response.body.token;
    },
    jobs(kind) {
      const sql = `SELECT id FROM outbox_jobs WHERE vendor = 'cloudbeds' ${kind ? 'AND kind = ?' : ''} ORDER BY created_at, id`;
      const ids = hub.context.store.sqlite.prepare(sql).pluck().all(...(kind ? [kind] : [])) as string[];
      return ids.map((id) => hub.context.outbox.store.byId(id)!);
    },
    close,
  };
}

/** Waits until every Cloudbeds job of `kind` is in `state` (and there is at least `count`). */
export function waitForJobs(t: CloudbedsHub, kind: string, state: JobRow['state'], count = 1): Promise<JobRow[]> {
  return waitFor(`${count} cloudbeds ${kind} job(s) to be ${state} (they are ${JSON.stringify(t.jobs(kind).map((j) => [j.state, j.lastError]))})`, () => {
    const jobs = t.jobs(kind);
    return jobs.length >= count && jobs.every((job) => job.state === state) ? jobs : undefined;
  });
}
