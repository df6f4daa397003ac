import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub, type Hub, type HubOptions } from '../src/app.ts';
import type { Clock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestHub {
  hub: Hub;
  baseUrl: string;
  port: number;
  dataDir: string;
  request<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<ApiResponse<T>>;
  /** Logs in with a PIN and returns the staff token. */
  login(pin: string): Promise<string>;
  /** Joins a table's visit as a guest (opening it under the auto policy) and returns the guest token. */
  guestToken(tableId?: string): Promise<string>;
  tableCode(tableId: string): string;
  close(): Promise<void>;
}

export interface TestHubOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Reuse a data folder (to test a restart); it is then not deleted on close. */
  dataDir?: string;
  /** Passed to createHub as they are (sync, translator and realtime tuning). */
  hubOptions?: Omit<HubOptions, 'clock'>;
}

/** Starts the real hub in-process on 127.0.0.1, port 0, with a fresh data folder and the demo venue. */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const ownsDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'onemoment-hub-test-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', MDNS: 'off', ...options.env });
  const hub = await createHub(config, { ...options.hubOptions, clock: options.clock });
  const port = await hub.listen();
  const baseUrl = `http://127.0.0.1:${port}`;

  async function request<T>(method: string, path: string, body?: unknown, token?: string): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(baseUrl + path, { method, headers, body: payload });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (an SVG, a page): keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  const tableCode = (tableId: string) =>
    hub.context.store.sqlite.prepare('SELECT code FROM dining_tables WHERE id = ?').pluck().get(tableId) as string;

  return {
    hub,
    baseUrl,
    port,
    dataDir,
    request,
    tableCode,
    async login(pin) {
      const response = await request<{ token: string }>('POST', '/api/staff/login', { pin });
      if (response.status !== 200) throw new Error(`login with ${pin} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token;
    },
    async guestToken(tableId = 'table-1') {
      const response = await request<{ token: string }>('POST', '/api/guest/visits', { tableCode: tableCode(tableId) });
      if (response.status !== 201) throw new Error(`joining ${tableId} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token;
    },
    async close() {
      await hub.close();
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
