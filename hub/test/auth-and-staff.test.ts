import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { startTestHub, type TestHub } from './harness.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('staff PIN login', () => {
  let t: TestHub;
  const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
  beforeAll(async () => {
    t = await startTestHub({ clock });
  });
  afterAll(() => t.close());

  const login = (pin: unknown) => t.request('POST', '/api/staff/login', { pin });

  it('logs a manager in with their PIN and a token that says who they are', async () => {
    const response = await login('1111');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      role: 'manager',
      staffId: 'staff-manager',
      name: 'Manager',
      expiresAt: '2026-06-02T00:00:00.000Z',
    });
    const me = await t.request('GET', '/api/staff/me', undefined, response.body.token);
    expect(me).toMatchObject({ status: 200, body: { staffId: 'staff-manager', name: 'Manager', role: 'manager' } });
  });

  it('gives every login its own token', async () => {
    const [a, b] = await Promise.all([login('2222'), login('2222')]);
    expect(a.body.token).not.toBe(b.body.token);
    expect(a.body.role).toBe('waiter');
  });

  it('refuses a wrong PIN with a sentence for a person', async () => {
    const response = await login('9999');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'wrong_pin', message: 'That PIN is not right.' });
    clock.advance(5 * MINUTE + 1000); // a wrong PIN is remembered for the lockout time: let it age out
  });

  it.each([
    ['letters', '12a4'],
    ['too short', '123'],
    ['too long', '123456789'],
    ['a number instead of a string', 1111],
    ['unicode digits', '١١١١'],
    ['null', null],
  ])('refuses a malformed PIN (%s) with a 400 and does not count it as a guess', async (_name, pin) => {
    const response = await login(pin);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('bad_request');
  });

  it('refuses unknown fields and bodies that are not objects', async () => {
    expect((await t.request('POST', '/api/staff/login', { pin: '1111', role: 'manager' })).status).toBe(400);
    expect((await t.request('POST', '/api/staff/login', '[]')).status).toBe(400);
    expect((await t.request('POST', '/api/staff/login', '{"pin":')).status).toBe(400);
    expect((await t.request('POST', '/api/staff/login')).status).toBe(400);
  });

  it('locks a client out after 5 wrong PINs, even for the right PIN, and lets it in after the lockout', async () => {
    expect((await login('1111')).status).toBe(200);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await login('0000')).status, `wrong PIN #${attempt}`).toBe(401);
    }
    const locked = await login('1111');
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe('locked_out');
    expect(locked.body.message).toContain('Wait 5 minutes');
    expect(locked.headers.get('retry-after')).toBe('300');

    clock.advance(4 * MINUTE + 30_000);
    const stillLocked = await login('1111');
    expect(stillLocked.status).toBe(429);
    expect(stillLocked.body.message).toContain('Wait 1 minute,');

    clock.advance(30_000);
    expect((await login('1111')).status).toBe(200);
  });

  it('forgives no wrong PIN for a right one: a device that knows one PIN cannot guess between its logins', async () => {
    let wrongPins = 0;
    let refused: Awaited<ReturnType<typeof login>> | null = null;
    // The attack as found: four wrong guesses, then the PIN the device knows, over and over.
    for (let round = 0; round < 8 && !refused; round++) {
      for (let guess = 0; guess < 4 && !refused; guess++) {
        const response = await login(String(5000 + round * 4 + guess));
        if (response.status === 429) refused = response;
        else wrongPins += 1;
      }
      const known = await login('2222');
      if (known.status === 429) refused = known;
    }
    expect(refused?.body.error).toBe('locked_out');
    expect(wrongPins).toBeLessThanOrEqual(5);
    clock.advance(5 * MINUTE);
    expect((await login('3333')).status).toBe(200);
  });

  it('counts five wrong PINs sent at once: none slips past the lock', async () => {
    const wrong = await Promise.all(Array.from({ length: 7 }, () => login('4321')));
    const statuses = wrong.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    clock.advance(5 * MINUTE);
    expect((await login('1111')).status).toBe(200);
  });

  it('ends a session when its time is up', async () => {
    const token = await t.login('2222');
    clock.advance(12 * HOUR - 1000);
    expect((await t.request('GET', '/api/staff/me', undefined, token)).status).toBe(200);
    clock.advance(1000);
    const expired = await t.request('GET', '/api/staff/me', undefined, token);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('unauthorized');
  });

  it('logs out: the token stops working, and logging out again is refused', async () => {
    const token = await t.login('3333');
    const out = await t.request('POST', '/api/staff/logout', undefined, token);
    expect(out.status).toBe(204);
    expect(out.body).toBeNull();
    expect((await t.request('GET', '/api/staff/me', undefined, token)).status).toBe(401);
    expect((await t.request('POST', '/api/staff/logout', undefined, token)).status).toBe(401);
  });

  it('refuses missing, malformed and foreign tokens', async () => {
    expect((await t.request('GET', '/api/staff/me')).status).toBe(401);
    expect((await t.request('GET', '/api/staff/me', undefined, 'not-a-real-token-at-all')).status).toBe(401);
    expect((await t.request('GET', '/api/staff/me', undefined, '<script>alert(1)</script>')).status).toBe(401);
    const guest = await t.guestToken('table-2');
    expect((await t.request('GET', '/api/staff/me', undefined, guest)).status).toBe(401);
  });
});

describe('managing the team', () => {
  let t: TestHub;
  let manager: string;
  let waiter: string;
  beforeAll(async () => {
    t = await startTestHub();
    manager = await t.login('1111');
    waiter = await t.login('2222');
  });
  afterAll(() => t.close());

  const addPerson = (body: unknown, token = manager) => t.request('POST', '/api/staff', body, token);
  const patch = (id: string, body: unknown, token = manager) => t.request('PATCH', `/api/staff/${encodeURIComponent(id)}`, body, token);

  it('lists the team for a manager only', async () => {
    const list = await t.request('GET', '/api/staff', undefined, manager);
    expect(list.status).toBe(200);
    expect(list.body.staff).toEqual(
      expect.arrayContaining([
        { id: 'staff-manager', name: 'Manager', role: 'manager', active: true },
        { id: 'staff-waiter', name: 'Waiter', role: 'waiter', active: true },
        { id: 'staff-kitchen', name: 'Kitchen', role: 'kitchen', active: true },
      ]),
    );
    const refused = await t.request('GET', '/api/staff', undefined, waiter);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: 'forbidden', message: 'This needs a manager login; you are logged in as waiter.' });
    expect((await addPerson({ name: 'Sneaky', role: 'manager', pin: '5555' }, waiter)).status).toBe(403);
    expect((await patch('staff-waiter', { role: 'manager' }, waiter)).status).toBe(403);
  });

  it('adds a waiter who can then log in, with the name trimmed and kept as literal text', async () => {
    const added = await addPerson({ name: '  Ана <b>Łucja</b> 🍷 ', role: 'waiter', pin: '24680' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Ана <b>Łucja</b> 🍷', role: 'waiter', active: true });
    const session = await t.request('POST', '/api/staff/login', { pin: '24680' });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ staffId: added.body.id, role: 'waiter', name: 'Ана <b>Łucja</b> 🍷' });
    const list = await t.request('GET', '/api/staff', undefined, manager);
    expect(list.body.staff).toContainEqual(added.body);
  });

  it('refuses a PIN that someone already has, without saying whose it is', async () => {
    const taken = await addPerson({ name: 'Copycat', role: 'kitchen', pin: '2222' });
    expect(taken.status).toBe(409);
    expect(taken.body).toEqual({ error: 'pin_taken', message: 'That PIN is already used by someone else: choose another.' });
    expect((await t.request('GET', '/api/staff', undefined, manager)).body.staff.map((m: { name: string }) => m.name)).not.toContain('Copycat');
    // Two managers adding the same new PIN at the same moment: one wins, the other gets a 409.
    const race = await Promise.all([addPerson({ name: 'Twin A', role: 'waiter', pin: '777777' }), addPerson({ name: 'Twin B', role: 'waiter', pin: '777777' })]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it.each([
    ['a PIN with letters', { name: 'A', role: 'waiter', pin: '12ab' }],
    ['a PIN as a number', { name: 'A', role: 'waiter', pin: 1234 }],
    ['an empty name', { name: '', role: 'waiter', pin: '1357' }],
    ['a blank name', { name: '   ', role: 'waiter', pin: '1357' }],
    ['a name of 61 characters', { name: 'x'.repeat(61), role: 'waiter', pin: '1357' }],
    ['an unknown role', { name: 'A', role: 'owner', pin: '1357' }],
    ['an unknown field', { name: 'A', role: 'waiter', pin: '1357', active: false }],
    ['a missing PIN', { name: 'A', role: 'waiter' }],
  ])('refuses to add someone with %s', async (_name, body) => {
    const response = await addPerson(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('bad_request');
  });

  it('changes a PIN: the old one stops working, the new one logs in', async () => {
    const added = await addPerson({ name: 'Pat', role: 'kitchen', pin: '11223344' });
    const changed = await patch(added.body.id, { pin: '44332211' });
    expect(changed).toMatchObject({ status: 200, body: { id: added.body.id, name: 'Pat', role: 'kitchen', active: true } });
    expect((await t.request('POST', '/api/staff/login', { pin: '11223344' })).status).toBe(401);
    expect((await t.request('POST', '/api/staff/login', { pin: '44332211' })).body.staffId).toBe(added.body.id);
    expect((await patch(added.body.id, { pin: '44332211' })).status).toBe(200); // their own PIN again is fine
    expect((await patch(added.body.id, { pin: '1111' })).body.error).toBe('pin_taken');
  });

  it('switching someone off ends their session and their PIN; switching them on again lets them back', async () => {
    const added = await addPerson({ name: 'Sam', role: 'waiter', pin: '8642' });
    const token = await t.login('8642');
    expect((await t.request('GET', '/api/staff/me', undefined, token)).status).toBe(200);

    const off = await patch(added.body.id, { active: false });
    expect(off.body).toEqual({ id: added.body.id, name: 'Sam', role: 'waiter', active: false });
    expect((await t.request('GET', '/api/staff/me', undefined, token)).status).toBe(401);
    expect((await t.request('POST', '/api/staff/login', { pin: '8642' })).body.error).toBe('wrong_pin');

    expect((await patch(added.body.id, { active: true })).body.active).toBe(true);
    expect((await t.request('GET', '/api/staff/me', undefined, token)).status).toBe(401); // the old session stays ended
    expect((await t.request('POST', '/api/staff/login', { pin: '8642' })).status).toBe(200);
  });

  it('takes a role change into account on the next request', async () => {
    const added = await addPerson({ name: 'Kim', role: 'waiter', pin: '97531' });
    const token = await t.login('97531');
    expect((await t.request('GET', '/api/staff', undefined, token)).status).toBe(403);
    await patch(added.body.id, { role: 'manager', name: 'Kim Lee' });
    const me = await t.request('GET', '/api/staff/me', undefined, token);
    expect(me.body).toEqual({ staffId: added.body.id, name: 'Kim Lee', role: 'manager' });
    expect((await t.request('GET', '/api/staff', undefined, token)).status).toBe(200);
    await patch(added.body.id, { role: 'waiter' });
  });

  it('refuses an empty change, an unknown person and hostile ids', async () => {
    expect((await patch('staff-waiter', {})).status).toBe(400);
    expect((await patch('staff-waiter', { active: 'no' })).status).toBe(400);
    expect((await patch('staff-waiter', { pin: '12' })).status).toBe(400);
    expect((await patch('staff-waiter', { id: 'other' })).status).toBe(400);
    const missing = await patch('nobody-here', { active: false });
    expect(missing).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect((await patch('<script>', { active: false })).status).toBe(400);
    expect((await patch('x'.repeat(300), { active: false })).status).toBe(414); // Fastify's limit on path parameters
  });

  it('keeps a manager from switching themselves off', async () => {
    const response = await patch('staff-manager', { active: false });
    expect(response.status).toBe(409);
    expect(response.body.error).toBe('cannot_deactivate_self');
    expect((await t.request('GET', '/api/staff/me', undefined, manager)).status).toBe(200);
  });

  it('always keeps one active manager', async () => {
    const second = await addPerson({ name: 'Deputy', role: 'manager', pin: '13579' });
    const deputy = await t.login('13579');
    // The deputy may demote the first manager while they are two...
    expect((await patch('staff-manager', { role: 'waiter' }, deputy)).status).toBe(200);
    // ...but then neither the deputy's own demotion nor switching the deputy off is allowed.
    const demoteSelf = await patch(second.body.id, { role: 'kitchen' }, deputy);
    expect(demoteSelf.status).toBe(409);
    expect(demoteSelf.body).toEqual({ error: 'last_manager', message: 'Deputy is the only active manager: make someone else a manager first.' });
    expect((await patch('staff-manager', { role: 'manager' }, deputy)).status).toBe(200);
    expect((await patch(second.body.id, { active: false }, await t.login('1111'))).status).toBe(200);
    const lastOne = await t.login('1111');
    expect((await patch('staff-manager', { role: 'front_desk' }, lastOne)).body.error).toBe('last_manager');
  });
});

describe('the hub-wide brake on wrong PINs', () => {
  let t: TestHub;
  let manager: string;
  const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
  // Each client may fail often here, so only the hub's own budget stops the guessing, as it must
  // when forty devices share it: 10 wrong PINs per 15 minutes, one more every 90 seconds.
  const env = { PIN_MAX_FAILURES: '100', PIN_HUB_MAX_FAILURES: '10', PIN_HUB_WINDOW_MINUTES: '15' };
  const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-brake-test-'));
  beforeAll(async () => {
    t = await startTestHub({ clock, dataDir, env });
    manager = await t.login('1111');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const login = (pin: string) => t.request('POST', '/api/staff/login', { pin });

  it('stops checking any PIN once the budget is spent, says so to managers, and refills slowly', async () => {
    expect((await t.request('GET', '/api/staff/login-brake', undefined, manager)).body).toEqual({
      braked: false,
      retryAfterSeconds: null,
      failuresLeft: 10,
      maxFailures: 10,
      windowMinutes: 15,
      lastTrippedAt: null,
    });
    for (let guess = 0; guess < 10; guess++) expect((await login(String(7000 + guess))).status).toBe(401);

    // Even the right PIN is not checked now: its answer would tell a guesser it was right.
    const braked = await login('2222');
    expect(braked.status).toBe(429);
    expect(braked.body.error).toBe('logins_braked');
    expect(braked.body.message).toContain('try again in 90 seconds');
    expect(braked.headers.get('retry-after')).toBe('90');
    const report = await t.request('GET', '/api/staff/login-brake', undefined, manager);
    expect(report.body).toMatchObject({ braked: true, retryAfterSeconds: 90, failuresLeft: 0, lastTrippedAt: '2026-06-01T12:00:00.000Z' });
    // A waiter already logged in is not a manager: the report is for managers.
    expect((await t.request('GET', '/api/staff/login-brake', undefined, await tokenFor(t, clock))).status).toBe(403);

    clock.advance(89_000);
    expect((await login('2222')).status).toBe(429);
    clock.advance(1_000);
    expect((await login('2222')).status).toBe(200);
    // One unit came back: one more wrong PIN spends it again.
    expect((await login('7777')).status).toBe(401);
    expect((await login('2222')).body.error).toBe('logins_braked');
  });

  it('keeps its budget across a restart of the hub', async () => {
    await t.close();
    t = await startTestHub({ clock, dataDir, env });
    expect((await login('2222')).body.error).toBe('logins_braked');
    clock.advance(15 * MINUTE);
    manager = await t.login('1111');
    expect((await t.request('GET', '/api/staff/login-brake', undefined, manager)).body).toMatchObject({ braked: false, failuresLeft: 10 });
  });
});

/** A waiter's token, logged in while the hub is braked: made straight in the store, as a login earlier in the shift would have. */
async function tokenFor(t: TestHub, clock: ManualClock): Promise<string> {
  const { hashToken, newToken } = await import('../src/sessions/tokens.ts');
  const token = newToken();
  const now = clock.now();
  t.hub.context.store.sqlite
    .prepare('INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
    .run(hashToken(token), 'staff-waiter', now.toISOString(), new Date(now.getTime() + HOUR).toISOString());
  return token;
}

describe('"that PIN is taken" is rationed like a wrong PIN', () => {
  let t: TestHub;
  const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
  beforeAll(async () => {
    t = await startTestHub({ clock });
  });
  afterAll(() => t.close());

  it('refuses a manager who keeps finding taken PINs, for the lockout time, and counts per manager', async () => {
    const manager = await t.login('1111');
    const taken = ['2222', '3333', '2222', '3333', '2222'];
    for (const pin of taken) expect((await t.request('POST', '/api/staff', { name: 'Probe', role: 'waiter', pin }, manager)).body.error).toBe('pin_taken');
    const refused = await t.request('POST', '/api/staff', { name: 'Probe', role: 'waiter', pin: '3333' }, manager);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('locked_out');
    // A free PIN is refused too while the lock holds (its answer would also be an answer), and so is a PIN change.
    expect((await t.request('POST', '/api/staff', { name: 'New', role: 'waiter', pin: '864213' }, manager)).status).toBe(429);
    expect((await t.request('PATCH', '/api/staff/staff-waiter', { pin: '3333' }, manager)).status).toBe(429);
    // Changes that name no PIN go on.
    expect((await t.request('PATCH', '/api/staff/staff-waiter', { name: 'Waiter Two' }, manager)).status).toBe(200);
    expect(await t.hub.context.store.sqlite.prepare("SELECT COUNT(*) FROM staff WHERE name IN ('Probe', 'New')").pluck().get()).toBe(0);

    clock.advance(5 * MINUTE);
    expect((await t.request('POST', '/api/staff', { name: 'New', role: 'waiter', pin: '864213' }, manager)).status).toBe(201);
    // Logging in is another matter: the manager's PIN checks did not lock this device's logins.
    expect((await t.request('POST', '/api/staff/login', { pin: '1111' })).status).toBe(200);
  });
});
