import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@onemoment/shared/ids';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from './support/hub-process.ts';

interface Attempt {
  id: string;
  token: string;
  acknowledged: boolean;
}

async function post(baseUrl: string, path: string, body: unknown, token?: string) {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function get(baseUrl: string, path: string, token: string) {
  const response = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as any };
}

const ITEMS = [
  { menuItemId: 'classic-burger', quantity: 2, modifierIds: ['classic-burger--medium'] },
  { menuItemId: 'lemonade', quantity: 1, note: 'no ice' },
];

describe.each(['on', 'off'])('a hub killed with SIGKILL while orders arrive (GROUP_COMMIT=%s)', (groupCommit) => {
  let dataDir: string;
  let hub: HubProcess | null = null;
  afterEach(async () => {
    await hub?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Two hub processes start and a few hundred orders flow: generous time on a busy 2-core CI box.
  it('keeps every acknowledged order whole and exactly once, and a retry of an unanswered one places it once', { timeout: 180_000 }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'onemoment-crash-'));
    const env = { GROUP_COMMIT: groupCommit };
    hub = await startHubProcess(dataDir, env);
    const codes: string[] = [];
    const staff = (await post(hub.baseUrl, '/api/staff/login', { pin: '2222' })).body.token as string;
    const tables = (await get(hub.baseUrl, '/api/tables', staff)).body.tables as Array<{ code: string }>;
    for (const table of tables.slice(0, 4)) codes.push(table.code);
    const tokens: string[] = [];
    for (const code of codes) tokens.push((await post(hub.baseUrl, '/api/guest/visits', { tableCode: code })).body.token);

    // Orders stream in from four tables; the process is killed once 40 have been acknowledged.
    const attempts: Attempt[] = [];
    const firstHub = hub;
    let killed: Promise<void> | null = null;
    const sendLoop = async (token: string) => {
      while (!killed) {
        const attempt: Attempt = { id: newId(), token, acknowledged: false };
        attempts.push(attempt);
        try {
          const response = await post(firstHub.baseUrl, '/api/guest/orders', { id: attempt.id, items: ITEMS }, token);
          if (response.status !== 201) throw new Error(`order refused: ${response.status} ${JSON.stringify(response.body)}`);
          attempt.acknowledged = true;
          if (attempts.filter((a) => a.acknowledged).length >= 40 && !killed) killed = firstHub.kill();
        } catch (error) {
          if (!killed) throw error;
          return; // the connection died with the process: this attempt's fate is unknown to the client
        }
      }
    };
    await Promise.all(tokens.map(sendLoop));
    await killed;

    hub = await startHubProcess(dataDir, env);
    const acknowledged = attempts.filter((a) => a.acknowledged);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    for (const attempt of acknowledged) {
      const response = await get(hub.baseUrl, `/api/guest/orders/${attempt.id}`, attempt.token);
      expect(response.status).toBe(200);
      expect(response.body.items.map((i: { menuItemId: string; quantity: number }) => [i.menuItemId, i.quantity])).toEqual([
        ['classic-burger', 2],
        ['lemonade', 1],
      ]);
    }

    // The client retries what never got an answer, with the same ids: each is placed once.
    const unanswered = attempts.filter((a) => !a.acknowledged);
    for (const attempt of unanswered) {
      const response = await post(hub.baseUrl, '/api/guest/orders', { id: attempt.id, items: ITEMS }, attempt.token);
      expect([200, 201]).toContain(response.status);
    }
    for (const attempt of unanswered) {
      const again = await post(hub.baseUrl, '/api/guest/orders', { id: attempt.id, items: ITEMS }, attempt.token);
      expect(again.status).toBe(200);
    }
    const all = (await get(hub.baseUrl, '/api/orders?status=all', staff)).body.orders as Array<{ id: string }>;
    const ids = all.map((order) => order.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(attempts.map((a) => a.id)));
  });
});
