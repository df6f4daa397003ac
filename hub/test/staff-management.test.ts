/**
 * The Staff page's calls: rename a person, change their role, switch them off. A role change or a
 * switch-off re-checks that person's open screens at once; the venue always keeps one active manager;
 * bad input changes nothing.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.ts';

interface Member {
  id: string;
  name: string;
  role: string;
  active: boolean;
}

describe('renaming and changing roles', () => {
  let t: TestHub;
  let manager: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestHub();
    manager = await t.login('1111');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  const add = async (name: string, role: string, pin: string): Promise<Member> => {
    const response = await t.request<Member>('POST', '/api/staff', { name, role, pin }, manager);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const patch = (id: string, body: unknown, token = manager) => t.request('PATCH', `/api/staff/${encodeURIComponent(id)}`, body, token);
  const team = async (): Promise<Member[]> => (await t.request<{ staff: Member[] }>('GET', '/api/staff', undefined, manager)).body.staff;

  /** A /kds socket of this login, resolved once connected; `closed` settles with the reason the hub gave. */
  const kdsSocket = async (token: string) => {
    const socket = io(`${t.baseUrl}/kds`, { path: '/socket.io', transports: ['websocket'], auth: { token, station: 'grill' }, reconnection: false, forceNew: true });
    sockets.push(socket);
    const closed = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, closed };
  };

  it('renames a person (trimmed) and keeps everything else', async () => {
    const added = await add('Jo', 'waiter', '620481');
    const renamed = await patch(added.id, { name: '  Joanna Ström ' });
    expect(renamed).toMatchObject({ status: 200, body: { id: added.id, name: 'Joanna Ström', role: 'waiter', active: true } });
    expect((await team()).find((member) => member.id === added.id)).toEqual({ id: added.id, name: 'Joanna Ström', role: 'waiter', active: true });
    const me = await t.request('GET', '/api/staff/me', undefined, await t.login('620481'));
    expect(me.body.name).toBe('Joanna Ström');
  });

  it('changes a role: the next request has the new rights, and screens the new role may not see close at once', async () => {
    const cook = await add('Cook Two', 'kitchen', '730592');
    const token = await t.login('730592');
    const kds = await kdsSocket(token);

    const changed = await patch(cook.id, { role: 'front_desk' });
    expect(changed).toMatchObject({ status: 200, body: { id: cook.id, role: 'front_desk', active: true } });
    // Front desk has no kitchen screen: the hub closes the socket (well before its periodic sweep).
    expect(await kds.closed).toBe('io server disconnect');
    expect((await t.request('GET', '/api/staff/me', undefined, token)).body.role).toBe('front_desk');
    expect((await t.request('GET', '/api/kds/tickets?station=grill', undefined, token)).status).toBe(403);
  });

  it('renames and changes the role in one call', async () => {
    const added = await add('Sam', 'waiter', '841603');
    const both = await patch(added.id, { name: 'Sam K.', role: 'manager' });
    expect(both.body).toEqual({ id: added.id, name: 'Sam K.', role: 'manager', active: true });
    // Back to waiter so the other tests count one manager less.
    expect((await patch(added.id, { role: 'waiter' })).status).toBe(200);
  });

  it.each([
    ['a blank name', { name: '   ' }],
    ['an empty name', { name: '' }],
    ['a name of 61 characters', { name: 'x'.repeat(61) }],
    ['a name that is not a string', { name: 42 }],
    ['an unknown role', { role: 'owner' }],
    ['a role in capitals', { role: 'MANAGER' }],
    ['null as a role', { role: null }],
    ['an unknown field beside a good one', { name: 'Fine', colour: 'red' }],
  ])('refuses %s with a 400 and changes nothing', async (_what, body) => {
    const before = await team();
    const response = await patch('staff-waiter', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'bad_request', message: expect.any(String) });
    expect(await team()).toEqual(before);
  });

  it('lets only a manager rename or change roles', async () => {
    const waiter = await t.login('2222');
    const before = await team();
    expect((await patch('staff-kitchen', { name: 'Chef' }, waiter)).status).toBe(403);
    expect((await patch('staff-waiter', { role: 'manager' }, waiter)).status).toBe(403);
    expect((await patch('staff-waiter', { name: 'Chef' })).status).toBe(200);
    expect((await patch('staff-waiter', { name: 'Waiter' })).status).toBe(200);
    expect((await team()).map((m) => [m.id, m.role])).toEqual(before.map((m) => [m.id, m.role]));
  });

  it('refuses to demote the last active manager with a clear 409, and changes nothing', async () => {
    const demote = await patch('staff-manager', { role: 'waiter', name: 'Renamed too' });
    expect(demote.status).toBe(409);
    expect(demote.body).toEqual({ error: 'last_manager', message: 'Manager is the only active manager: make someone else a manager first.' });
    expect((await team()).find((member) => member.id === 'staff-manager')).toEqual({ id: 'staff-manager', name: 'Manager', role: 'manager', active: true });
    expect((await t.request('GET', '/api/staff/me', undefined, manager)).body.role).toBe('manager');
  });

  it('answers 404 for a person who does not exist', async () => {
    expect(await patch('no-such-person', { name: 'Ghost' })).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });
});
