import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hqUsers } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/hq/secrets.ts';
import type { Backend, TestCloud } from './cloud-harness.ts';

/**
 * Guessing HQ passwords and pairing codes, against two cloud nodes on one store whose limits are
 * small (3 wrong ones, a 10-minute lockout) and whose clock is fake. Each test logs in from
 * addresses of its own (127.0.0.x: the same machine, another client to the cloud) and uses accounts
 * of its own, so the counters of one test never meet another's.
 */

const PASSWORD = 'right-password-1';
const LOCKOUT_MS = 10 * 60_000;
const env = { HQ_LOGIN_MAX_FAILURES: '3', HQ_LOGIN_LOCKOUT_MINUTES: '10', PAIRING_MAX_FAILURES: '3', PAIRING_LOCKOUT_MINUTES: '10', LOG_LEVEL: 'info' };

export function throttleScenarios(openBackend: () => Promise<Backend>): void {
  let backend: Backend;
  let cloud: TestCloud;
  let secondNode: TestCloud;
  let clock = Date.parse('2026-06-01T10:00:00Z');
  const logLines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    backend = await openBackend();
    const logStream = { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) };
    cloud = await backend.node(env, { now: () => clock, logStream });
    secondNode = await backend.node({ ...env, LOG_LEVEL: 'silent' }, { now: () => clock });
  });

  afterAll(async () => {
    await secondNode?.close();
    await cloud?.close();
    await backend?.dispose();
  });

  let accounts = 0;
  /** A fresh HQ account with PASSWORD. */
  async function account(): Promise<string> {
    const email = `hq${++accounts}@throttle.test`;
    await cloud.cloud.context.database.db.insert(hqUsers).values({ id: randomUUID(), email, passwordHash: await hashPassword(PASSWORD) });
    return email;
  }

  let addresses = 10;
  /** A client address no other test uses. */
  const client = () => `127.0.0.${++addresses}`;

  const login = (from: string, email: string, password: string, node: TestCloud = cloud) => node.requestFrom(from, 'POST', '/api/hq/login', { email, password });
  const statuses = async (attempts: Array<Promise<{ status: number }>>) => (await Promise.all(attempts)).map((r) => r.status);

  describe('HQ login throttle', () => {
    it('locks an account after 3 wrong passwords: the right one then waits too, from any address and any node, until the lockout ends', async () => {
      const email = await account();
      const attacker = client();
      expect(await statuses([login(attacker, email, 'guess-1')])).toEqual([401]);
      expect(await statuses([login(attacker, email, 'guess-2')])).toEqual([401]);
      expect(await statuses([login(client(), email, 'guess-3')])).toEqual([401]);

      const locked = await login(attacker, email, PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.body).toEqual({ error: 'locked_out', message: 'Too many wrong passwords for this account or from this address; wait 10 minutes and try again.' });
      expect(locked.headers.get('retry-after')).toBe('600');
      const owner = client();
      expect((await login(owner, email, PASSWORD)).status).toBe(429);
      expect((await login(owner, email, PASSWORD, secondNode)).status).toBe(429);

      // The owner's address is not locked: another account logs in from it.
      expect((await login(owner, await account(), PASSWORD)).status).toBe(200);

      clock += 5 * 60_000;
      const later = await login(owner, email, PASSWORD);
      expect(later.status).toBe(429);
      expect(later.headers.get('retry-after')).toBe('300');
      clock += LOCKOUT_MS;
      expect((await login(owner, email, PASSWORD)).status).toBe(200);
    });

    it('counts parallel guesses before checking them: of 10 at once on two nodes, 3 are checked and 7 refused', async () => {
      const email = await account();
      const from = client();
      const answers = await statuses(Array.from({ length: 10 }, (_, i) => login(from, email, `parallel-${i}`, i % 2 ? secondNode : cloud)));
      expect(answers.filter((s) => s === 401)).toHaveLength(3);
      expect(answers.filter((s) => s === 429)).toHaveLength(7);
    });

    it('locks an address that sprays one guess at each of many accounts, and its success does not reset its count', async () => {
      const sprayer = client();
      const [a, b, c, own] = [await account(), await account(), await account(), await account()];
      expect(await statuses([login(sprayer, a, 'guess')])).toEqual([401]);
      expect(await statuses([login(sprayer, b, 'guess')])).toEqual([401]);
      // A login of its own in between takes back only that attempt.
      expect(await statuses([login(sprayer, own, PASSWORD)])).toEqual([200]);
      expect(await statuses([login(sprayer, c, 'guess')])).toEqual([401]);
      const locked = await login(sprayer, own, PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.body.error).toBe('locked_out');
      // The accounts were guessed once each: their owners log in from elsewhere.
      const elsewhere = client();
      expect(await statuses([login(elsewhere, a, PASSWORD), login(elsewhere, b, PASSWORD), login(elsewhere, c, PASSWORD)])).toEqual([200, 200, 200]);
    });

    it('forgets an account\'s wrong passwords once the right one is given', async () => {
      const email = await account();
      expect(await statuses([login(client(), email, 'typo-1'), login(client(), email, 'typo-2')])).toEqual([401, 401]);
      expect((await login(client(), email, PASSWORD)).status).toBe(200);
      const from = client();
      expect(await statuses([login(from, email, 'typo-3')])).toEqual([401]);
      expect(await statuses([login(client(), email, 'typo-4')])).toEqual([401]);
      expect(await statuses([login(client(), email, 'typo-5')])).toEqual([401]);
      expect((await login(client(), email, PASSWORD)).status).toBe(429);
    });

    it('counts unknown emails like real ones, so a lockout tells nothing about who has an account', async () => {
      const unknown: number[] = [];
      for (const guess of ['guess-1', 'guess-2', 'guess-3', 'guess-4']) unknown.push((await login(client(), 'nobody@throttle.test', guess)).status);
      expect(unknown).toEqual([401, 401, 401, 429]);
    });

    it('counts by the socket\'s address: forwarded-address headers change nothing', async () => {
      const email = await account();
      const from = client();
      const answers: number[] = [];
      for (let i = 0; i < 4; i++) {
        const spoofed = { 'x-forwarded-for': `198.51.100.${i}`, 'x-real-ip': `198.51.100.${i}`, forwarded: `for=198.51.100.${i}` };
        // A different account each time, so only the count of this address can lock.
        const target = i === 3 ? email : await account();
        answers.push((await cloud.requestFrom(from, 'POST', '/api/hq/login', { email: target, password: i === 3 ? PASSWORD : 'guess' }, undefined, spoofed)).status);
      }
      expect(answers).toEqual([401, 401, 401, 429]);
      expect(logLines.filter((line) => line.client === from && line.level === 40)).toHaveLength(4);
      expect(JSON.stringify(logLines)).not.toContain('198.51.100.');
    });

    it('logs each failed login and lockout at warn, with the email and address, never the password', async () => {
      const email = await account();
      const from = client();
      for (const guess of ['secret-guess-1', 'secret-guess-2', 'secret-guess-3', PASSWORD]) await login(from, email, guess);
      const lines = logLines.filter((line) => line.email === email);
      expect(lines.map((line) => [line.level, line.msg])).toEqual([
        [40, 'failed HQ login: wrong email or password'],
        [40, 'failed HQ login: wrong email or password'],
        [40, 'failed HQ login: wrong email or password'],
        [40, 'HQ login refused: locked out after too many wrong passwords'],
      ]);
      expect(lines.every((line) => line.client === from)).toBe(true);
      const everything = logLines.map((line) => JSON.stringify(line)).join('\n');
      expect(everything).not.toMatch(/secret-guess|right-password/);
    });
  });

  describe('pairing throttle', () => {
    const pair = (from: string, pairingCode: string) => cloud.requestFrom(from, 'POST', '/api/pair', { pairingCode });
    async function newCode(): Promise<string> {
      const created = await cloud.requestFrom('127.0.0.1', 'POST', '/api/hq/venues', { name: 'Throttle bistro', timezone: 'UTC', currency: 'EUR' }, await hqToken());
      return created.body.pairingCode as string;
    }
    let token: string | null = null;
    async function hqToken(): Promise<string> {
      if (!token) token = (await login('127.0.0.2', 'hq@onemoment.local', 'onemoment-demo')).body.token as string;
      return token!;
    }

    it('refuses an address after 3 wrong codes, even with a right one, until the lockout ends; other addresses pair', async () => {
      const guesser = client();
      for (const code of ['AAAAAAAA', 'CCCCCCCC', 'DDDDDDDD']) {
        const wrong = await pair(guesser, code);
        expect(wrong.status).toBe(400);
        expect(wrong.body.error).toBe('invalid_pairing_code');
      }
      const code = await newCode();
      const refused = await pair(guesser, code);
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({
        error: 'too_many_attempts',
        message: 'Too many wrong pairing codes from this address; wait 10 minutes, then type the code HQ shows again.',
      });
      expect(refused.headers.get('retry-after')).toBe('600');
      // The refused attempt did not spend the code: another address pairs with it.
      expect((await pair(client(), code)).status).toBe(200);
      clock += LOCKOUT_MS;
      expect((await pair(guesser, await newCode())).status).toBe(200);
    });

    it('does not forget earlier wrong codes when a right one is given', async () => {
      const from = client();
      expect((await pair(from, 'AAAAAAAA')).status).toBe(400);
      expect((await pair(from, 'CCCCCCCC')).status).toBe(400);
      expect((await pair(from, await newCode())).status).toBe(200);
      expect((await pair(from, 'DDDDDDDD')).status).toBe(400);
      expect((await pair(from, await newCode())).status).toBe(429);
    });

    it('logs failed pairings at warn without the code', async () => {
      const from = client();
      await pair(from, 'EEEEEEEE');
      const line = logLines.find((l) => l.client === from);
      expect(line).toMatchObject({ level: 40, msg: 'failed pairing: unknown, used or expired pairing code' });
      expect(JSON.stringify(logLines)).not.toContain('EEEEEEEE');
    });
  });
}
