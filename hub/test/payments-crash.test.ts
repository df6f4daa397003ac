import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@onemoment/shared/ids';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from './support/hub-process.ts';
import { call } from './support/process-http.ts';

interface Attempt {
  id: string;
  visitId: string;
  acknowledged: boolean;
}

const PAYMENT = { method: 'cash', amountMinor: 10 };

describe('a hub killed with SIGKILL while payments arrive', () => {
  let dataDir: string;
  let hub: HubProcess | null = null;
  afterEach(async () => {
    await hub?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged payment exactly once, and a retried unanswered one is taken once', { timeout: 180_000 }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'onemoment-pay-crash-'));
    hub = await startHubProcess(dataDir);
    const firstHub = hub;
    const waiter = (await call(hub.baseUrl, 'POST', '/api/staff/login', '', { pin: '2222' })).body.token as string;
    const tables = (await call(hub.baseUrl, 'GET', '/api/tables', waiter)).body.tables as Array<{ id: string }>;
    const visits: string[] = [];
    for (const table of tables.slice(0, 4)) {
      const opened = await call(hub.baseUrl, 'POST', `/api/tables/${table.id}/visits`, waiter);
      const visitId = opened.body.visit.id as string;
      // A long bill, so payments of 10 cents never run out of something due.
      const order = await call(hub.baseUrl, 'POST', '/api/orders', waiter, { id: newId(), tableId: table.id, items: [{ menuItemId: 'ribeye-steak', quantity: 20, modifierIds: ['ribeye-steak--medium'] }] });
      expect(order.status).toBe(201);
      visits.push(visitId);
    }

    const attempts: Attempt[] = [];
    let killed: Promise<void> | null = null;
    const payLoop = async (visitId: string) => {
      while (!killed) {
        const attempt: Attempt = { id: newId(), visitId, acknowledged: false };
        attempts.push(attempt);
        try {
          const response = await call(firstHub.baseUrl, 'POST', `/api/visits/${visitId}/payments`, waiter, { id: attempt.id, ...PAYMENT });
          if (response.status !== 201) throw new Error(`payment refused: ${response.status} ${JSON.stringify(response.body)}`);
          attempt.acknowledged = true;
          if (attempts.filter((a) => a.acknowledged).length >= 40 && !killed) killed = firstHub.kill();
        } catch (error) {
          if (!killed) throw error;
          return; // the connection died with the process: the client does not know this one's fate
        }
      }
    };
    await Promise.all(visits.map(payLoop));
    await killed;

    hub = await startHubProcess(dataDir);
    const bills = async () => Promise.all(visits.map(async (visitId) => (await call(hub!.baseUrl, 'GET', `/api/visits/${visitId}/bill`, waiter)).body));
    const recorded = new Set((await bills()).flatMap((bill) => bill.payments.map((payment: { id: string }) => payment.id)));
    const acknowledged = attempts.filter((a) => a.acknowledged);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    for (const attempt of acknowledged) expect(recorded.has(attempt.id), attempt.id).toBe(true);

    // The waiter's screen retries what never got an answer, with the same ids: each is taken once.
    const unanswered = attempts.filter((a) => !a.acknowledged);
    for (const attempt of unanswered) {
      const response = await call(hub.baseUrl, 'POST', `/api/visits/${attempt.visitId}/payments`, waiter, { id: attempt.id, ...PAYMENT });
      expect([200, 201]).toContain(response.status);
    }
    for (const attempt of unanswered) {
      expect((await call(hub.baseUrl, 'POST', `/api/visits/${attempt.visitId}/payments`, waiter, { id: attempt.id, ...PAYMENT })).status).toBe(200);
    }
    const after = await bills();
    const ids = after.flatMap((bill) => bill.payments.map((payment: { id: string }) => payment.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(attempts.map((a) => a.id)));
    for (const bill of after) {
      expect(bill.paidMinor).toBe(bill.payments.length * PAYMENT.amountMinor);
      expect(bill.dueMinor).toBe(bill.totalMinor - bill.paidMinor);
    }
  });
});
