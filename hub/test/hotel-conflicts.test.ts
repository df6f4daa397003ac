import { newId } from '@onemoment/shared/ids';
import { addDays, localDateOf } from '@onemoment/shared/hotel/stay-dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import type { RemoteBooking } from '../src/hotel/hotel-api.ts';
import { startTestHub, type TestHub } from './harness.ts';

const clock = new ManualClock(new Date('2026-12-09T10:00:00Z'));
const TODAY = localDateOf(clock.now(), 'Europe/Berlin');

/**
 * Merges from HQ or Cloudbeds are applied as they come: the booking already happened elsewhere. What
 * they overbook is raised to the front desk with choices, and closes once a person's change removes it.
 */
describe('overbooking after a merge', () => {
  let t: TestHub;
  let desk: string;

  beforeAll(async () => {
    t = await startTestHub({ clock });
    desk = await t.login('4444');
  });
  afterAll(() => t.close());

  const merge = (remote: Partial<RemoteBooking>) =>
    t.hub.context.commands.run((tx) =>
      t.hub.modules.hotel!.bookings.applyRemoteIn(
        tx,
        {
          id: newId(),
          roomTypeId: 'double',
          roomId: null,
          arrival: addDays(TODAY, 20),
          departure: addDays(TODAY, 23),
          status: 'confirmed',
          guest: { name: 'Guest from HQ', email: null, phone: null },
          adults: 2,
          children: 0,
          notes: null,
          totalMinor: 30000,
          currency: 'EUR',
          source: 'hq',
          cloudbedsId: null,
          ...remote,
        },
        { kind: 'remote', source: 'hq' },
      ),
    );
  const frontDesk = async () => (await t.request('GET', '/api/hotel/front-desk', undefined, desk)).body;

  it('keeps both stays in one room, and offers another room, an upgrade or new dates', async () => {
    const arrival = addDays(TODAY, 20);
    const local = await t.request('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'double', roomId: 'room-205', arrival, departure: addDays(arrival, 3), guest: { name: 'Guest at the desk' }, adults: 2 }, desk);
    expect(local.status).toBe(201);
    const remote = await merge({ roomId: 'room-205', arrival: addDays(arrival, 1), departure: addDays(arrival, 4) });
    expect(remote).toMatchObject({ roomId: 'room-205', source: 'hq', totalMinor: 30000 });

    const { conflicts } = await frontDesk();
    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts;
    expect(conflict).toMatchObject({ roomId: 'room-205', roomNumber: '205', roomTypeId: 'double', firstNight: addDays(arrival, 1) });
    expect([...conflict.bookingIds].sort()).toEqual([local.body.id, remote!.id].sort());
    const kinds = conflict.choices.map((c: { kind: string }) => c.kind);
    expect(kinds).toContain('another_room');
    expect(kinds).toContain('upgrade');
    expect(kinds.filter((k: string) => k === 'move_booking')).toHaveLength(2);
    // Both are still there: nothing was dropped.
    const bookings = await t.request('GET', `/api/hotel/bookings?from=${arrival}&to=${addDays(arrival, 4)}`, undefined, desk);
    expect(bookings.body.map((b: { id: string }) => b.id)).toEqual(expect.arrayContaining([local.body.id, remote!.id]));

    const another = conflict.choices.find((c: { kind: string; bookingId: string }) => c.kind === 'another_room' && c.bookingId === remote!.id);
    const moved = await t.request('POST', `/api/hotel/bookings/${remote!.id}/room`, { roomId: another.roomId }, desk);
    expect(moved.status).toBe(200);
    expect((await frontDesk()).conflicts).toEqual([]);
  });

  it('raises more stays of a type than it has rooms, and a cancellation resolves it', async () => {
    const arrival = addDays(TODAY, 40);
    const suites = [];
    for (let i = 0; i < 2; i++) {
      const answer = await t.request('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'suite', arrival, departure: addDays(arrival, 2), guest: { name: `Guest ${i + 1}` }, adults: 2 }, desk);
      expect(answer.status).toBe(201);
      suites.push(answer.body.id as string);
    }
    const extra = await merge({ roomTypeId: 'suite', arrival: addDays(arrival, 1), departure: addDays(arrival, 2), source: 'cloudbeds', cloudbedsId: 'CB-1001' });
    const { conflicts } = await frontDesk();
    const typeConflict = conflicts.find((c: { roomTypeId: string; roomId: string | null }) => c.roomTypeId === 'suite' && c.roomId === null);
    expect(typeConflict).toMatchObject({ firstNight: addDays(arrival, 1) });
    expect([...typeConflict.bookingIds].sort()).toEqual([...suites, extra!.id].sort());

    // The same merge again changes nothing and raises nothing new.
    expect(await merge({ id: extra!.id, roomTypeId: 'suite', arrival: addDays(arrival, 1), departure: addDays(arrival, 2), source: 'cloudbeds', cloudbedsId: 'CB-1001' })).toBeNull();
    expect((await frontDesk()).conflicts).toHaveLength(1);

    expect((await t.request('POST', `/api/hotel/bookings/${suites[0]}/cancel`, { reason: 'Moved to a partner hotel' }, desk)).status).toBe(200);
    expect((await frontDesk()).conflicts).toEqual([]);
  });

  it('refuses a merged booking whose dates are not a stay, writing nothing', async () => {
    const before = t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM bookings').pluck().get();
    await expect(merge({ arrival: addDays(TODAY, 5), departure: addDays(TODAY, 5) })).rejects.toMatchObject({ code: 'bad_dates' });
    await expect(merge({ roomTypeId: 'penthouse' })).rejects.toMatchObject({ code: 'unknown_room_type' });
    expect(t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM bookings').pluck().get()).toBe(before);
  });

  it('never checks a second guest into a room someone is in, after a merge put two stays there', async () => {
    const local = await t.request('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'double', roomId: 'room-207', arrival: TODAY, departure: addDays(TODAY, 2), guest: { name: 'Guest at the desk' }, adults: 1 }, desk);
    expect((await t.request('POST', `/api/hotel/bookings/${local.body.id}/check-in`, {}, desk)).body.status).toBe('checked_in');
    const remote = await merge({ roomId: 'room-207', arrival: TODAY, departure: addDays(TODAY, 1) });
    const refused = await t.request('POST', `/api/hotel/bookings/${remote!.id}/check-in`, {}, desk);
    expect(refused).toMatchObject({ status: 409, body: { error: 'room_occupied', message: 'Room 207 has a guest in house: give this guest another room first.' } });
    expect((await t.request('GET', `/api/hotel/bookings/${remote!.id}`, undefined, desk)).body.status).toBe('confirmed');
    const conflict = (await frontDesk()).conflicts.find((c: { roomId: string | null }) => c.roomId === 'room-207');
    const another = conflict.choices.find((c: { kind: string; bookingId: string }) => c.kind === 'another_room' && c.bookingId === remote!.id);
    expect((await t.request('POST', `/api/hotel/bookings/${remote!.id}/room`, { roomId: another.roomId }, desk)).status).toBe(200);
    expect((await t.request('POST', `/api/hotel/bookings/${remote!.id}/check-in`, {}, desk)).body).toMatchObject({ status: 'checked_in', roomId: another.roomId });
  });
});

