import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@onemoment/shared/ids';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from './support/hub-process.ts';
import { call } from './support/process-http.ts';

interface Attempt {
  body: Record<string, unknown>;
  acknowledged: boolean;
}

const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('a hub killed with SIGKILL while bookings arrive', () => {
  let dataDir: string;
  let hub: HubProcess | null = null;
  afterEach(async () => {
    await hub?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged booking, and a retried unanswered one is booked once', { timeout: 180_000 }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'onemoment-hotel-crash-'));
    hub = await startHubProcess(dataDir);
    const firstHub = hub;
    const desk = (await call(hub.baseUrl, 'POST', '/api/staff/login', '', { pin: '4444' })).body.token as string;
    const today = (await call(hub.baseUrl, 'GET', '/api/hotel/front-desk', desk)).body.date as string;

    const attempts: Attempt[] = [];
    let killed: Promise<void> | null = null;
    let night = 400;
    // Each loop books one-night stays further and further out, so rooms never run out.
    const bookLoop = async (roomTypeId: string) => {
      while (!killed) {
        const arrival = dayAfter(today, (night += 1) % 360);
        const attempt: Attempt = { body: { id: newId(), roomTypeId, arrival, departure: dayAfter(arrival, 1), guest: { name: 'Guest K' }, adults: 1 }, acknowledged: false };
        attempts.push(attempt);
        try {
          const response = await call(firstHub.baseUrl, 'POST', '/api/hotel/bookings', desk, attempt.body);
          if (response.status !== 201) throw new Error(`booking refused: ${response.status} ${JSON.stringify(response.body)}`);
          attempt.acknowledged = true;
          if (attempts.filter((a) => a.acknowledged).length >= 40 && !killed) killed = firstHub.kill();
        } catch (error) {
          if (!killed) throw error;
          return; // the connection died with the process: the desk does not know this one's fate
        }
      }
    };
    await Promise.all(['standard', 'double', 'superior', 'suite'].map(bookLoop));
    await killed;

    hub = await startHubProcess(dataDir);
    const acknowledged = attempts.filter((a) => a.acknowledged);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    for (const attempt of acknowledged) {
      const found = await call(hub.baseUrl, 'GET', `/api/hotel/bookings/${attempt.body.id as string}`, desk);
      expect(found.status, attempt.body.id as string).toBe(200);
    }
    // The desk retries what never got an answer, with the same ids: each is booked once.
    for (const attempt of attempts.filter((a) => !a.acknowledged)) {
      const response = await call(hub.baseUrl, 'POST', '/api/hotel/bookings', desk, attempt.body);
      expect([200, 201]).toContain(response.status);
    }
    const ids = attempts.map((a) => a.body.id as string);
    const stored = (await call(hub.baseUrl, 'GET', '/api/hotel/bookings?limit=500', desk)).body.filter((b: { id: string }) => ids.includes(b.id));
    expect(stored).toHaveLength(ids.length);
  });
});
