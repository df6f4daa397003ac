import { newId } from '@onemoment/shared/ids';
import { addDays, localDateOf } from '@onemoment/shared/hotel/stay-dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { startTestHub, type TestHub } from './harness.ts';

// Monday noon in Berlin: the demo's weekend rates fall on Friday and Saturday nights.
const clock = new ManualClock(new Date('2026-12-07T11:00:00Z'));
const TODAY = localDateOf(clock.now(), 'Europe/Berlin');

describe('hotel bookings', () => {
  let t: TestHub;
  let desk: string;
  let manager: string;
  let waiter: string;
  const bookingCount = () => t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM bookings').pluck().get() as number;
  const book = (body: Record<string, unknown>, token = desk) =>
    t.request('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'standard', arrival: addDays(TODAY, 40), departure: addDays(TODAY, 42), guest: { name: 'Guest A' }, adults: 1, ...body }, token);

  beforeAll(async () => {
    t = await startTestHub({ clock });
    [desk, manager, waiter] = await Promise.all([t.login('4444'), t.login('1111'), t.login('2222')]);
  });
  afterAll(() => t.close());

  it('lists room types with their room counts and rooms with their housekeeping', async () => {
    const types = await t.request('GET', '/api/hotel/room-types', undefined, desk);
    expect(types.status).toBe(200);
    expect(types.body.map((type: { id: string; rooms: number }) => [type.id, type.rooms])).toEqual([
      ['standard', 10],
      ['double', 8],
      ['superior', 4],
      ['suite', 2],
    ]);
    const rooms = await t.request('GET', '/api/hotel/rooms', undefined, desk);
    expect(rooms.body).toHaveLength(24);
    expect(rooms.body.find((room: { number: string }) => room.number === '104')).toMatchObject({ id: 'room-104', roomTypeId: 'standard', housekeeping: 'dirty', ready: false });
    expect(rooms.body.find((room: { number: string }) => room.number === '201')).toMatchObject({ housekeeping: 'clean', ready: false, occupiedBy: expect.any(String) });
  });

  it('prices a stay by its nights, weekend nights at the weekend rate', async () => {
    // Thursday to Sunday: Thursday 89.00, Friday and Saturday 109.00.
    const thursday = addDays(TODAY, 3);
    const created = await book({ arrival: thursday, departure: addDays(thursday, 3) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'confirmed', totalMinor: 8900 + 10900 + 10900, currency: 'EUR', nights: 3, roomId: null, source: 'hub' });
    expect(created.body.checkInUrl).toMatch(/\/checkin\/[a-z0-9]{10}$/);
  });

  it('answers the same booking again for the same id, and writes it once', async () => {
    const id = newId();
    const first = await book({ id });
    const before = bookingCount();
    const again = await book({ id });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(bookingCount()).toBe(before);
  });

  it('shows each night the rooms still free, and refuses a booking when none is (409 room_unavailable)', async () => {
    const arrival = addDays(TODAY, 60);
    const departure = addDays(arrival, 2);
    const before = await t.request('GET', `/api/hotel/availability?from=${arrival}&to=${departure}&roomTypeId=suite`, undefined, desk);
    expect(before.body.roomTypes).toEqual([{ roomTypeId: 'suite', name: 'Suite', rooms: 2, nights: [
      { date: arrival, free: 2, priceMinor: expect.any(Number) },
      { date: addDays(arrival, 1), free: 2, priceMinor: expect.any(Number) },
    ] }]);
    expect((await book({ roomTypeId: 'suite', arrival, departure })).status).toBe(201);
    expect((await book({ roomTypeId: 'suite', arrival: addDays(arrival, 1), departure: addDays(arrival, 3) })).status).toBe(201);
    const full = await book({ roomTypeId: 'suite', arrival: addDays(arrival, 1), departure: addDays(arrival, 2) });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ error: 'room_unavailable', message: `No Suite is free on the night of ${addDays(arrival, 1)}.` });
    // The night before and the departure day are still free.
    expect((await book({ roomTypeId: 'suite', arrival: addDays(arrival, -1), departure: arrival })).status).toBe(201);
    const after = await t.request('GET', `/api/hotel/availability?from=${arrival}&to=${departure}&roomTypeId=suite`, undefined, desk);
    expect(after.body.roomTypes[0].nights.map((n: { free: number }) => n.free)).toEqual([1, 0]);
  });

  it('gives the last free room to exactly one of 50 bookings made at once', async () => {
    const arrival = addDays(TODAY, 90);
    const departure = addDays(arrival, 3);
    // Fill the superior rooms but one, each booking on its own night range inside the stay.
    for (let i = 0; i < 3; i++) expect((await book({ roomTypeId: 'superior', arrival, departure })).status).toBe(201);
    const before = bookingCount();
    const answers = await Promise.all(Array.from({ length: 50 }, () => book({ roomTypeId: 'superior', arrival: addDays(arrival, 1), departure })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.error).toBe('room_unavailable');
    expect(bookingCount()).toBe(before + 1);
  });

  it('refuses a named room already held on one of the nights', async () => {
    const arrival = addDays(TODAY, 120);
    expect((await book({ roomId: 'room-105', arrival, departure: addDays(arrival, 3) })).status).toBe(201);
    const clash = await book({ roomId: 'room-105', arrival: addDays(arrival, 2), departure: addDays(arrival, 4) });
    expect(clash).toMatchObject({ status: 409, body: { error: 'room_unavailable', message: 'Room 105 is already booked on some of these nights.' } });
    const otherType = await book({ roomId: 'room-201', arrival, departure: addDays(arrival, 1) });
    expect(otherType).toMatchObject({ status: 400, body: { error: 'room_of_other_type' } });
  });

  describe('bad input changes nothing', () => {
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ['departure not after arrival', { arrival: addDays(TODAY, 10), departure: addDays(TODAY, 10) }, 400, 'bad_dates'],
      ['departure before arrival', { arrival: addDays(TODAY, 10), departure: addDays(TODAY, 9) }, 400, 'bad_dates'],
      ['a date not on the calendar', { arrival: '2027-02-29', departure: '2027-03-02' }, 400, 'bad_dates'],
      ['a stay of 400 nights', { arrival: addDays(TODAY, 10), departure: addDays(TODAY, 410) }, 400, 'stay_too_long'],
      ['a past arrival at the desk', { arrival: addDays(TODAY, -3), departure: addDays(TODAY, 1) }, 400, 'arrival_in_past'],
      ['an unknown room type', { roomTypeId: 'penthouse' }, 400, 'unknown_room_type'],
      ['more guests than the room sleeps', { adults: 2, children: 1 }, 400, 'over_capacity'],
      ['an unknown room', { roomId: 'room-999' }, 400, 'unknown_room'],
      ['adults as a string', { adults: '2' }, 400, 'bad_request'],
      ['no adults', { adults: 0 }, 400, 'bad_request'],
      ['an id that is not a UUIDv7', { id: 'booking-1' }, 400, 'bad_request'],
      ['an unknown field', { upgradeMe: true }, 400, 'bad_request'],
      ['a name of only spaces and control characters', { guest: { name: ' \u0007 ' } }, 400, 'bad_name'],
      ['a name longer than a name', { guest: { name: 'x'.repeat(500) } }, 400, 'bad_request'],
      ['an e-mail that is not one', { guest: { name: 'Guest A', email: 'not-an-email' } }, 400, 'bad_request'],
    ];
    it.each(cases)('%s → %s %s', async (_what, body, status, code) => {
      const before = bookingCount();
      const answer = await book(body);
      expect(answer.status).toBe(status);
      expect(answer.body.error).toBe(code);
      expect(answer.body.message.length).toBeGreaterThan(10);
      expect(bookingCount()).toBe(before);
    });

    it('lets a manager record a stay that began in the past', async () => {
      const answer = await book({ arrival: addDays(TODAY, -2), departure: addDays(TODAY, 1) }, manager);
      expect(answer.status).toBe(201);
    });

    it('keeps HTML and unicode in a name as text', async () => {
      const name = '<img src=x onerror=alert(1)> Gäst 客人 🛎';
      const answer = await book({ guest: { name } });
      expect(answer.status).toBe(201);
      expect(answer.body.guest.name).toBe(name);
    });

    it('refuses a waiter, a guest and a missing login', async () => {
      const before = bookingCount();
      expect((await book({}, waiter)).status).toBe(403);
      expect((await book({}, '')).status).toBe(401);
      expect((await book({}, 'f'.repeat(43))).status).toBe(401);
      expect(bookingCount()).toBe(before);
    });

    it('refuses a body far too big with 413', async () => {
      const before = bookingCount();
      const answer = await t.request('POST', '/api/hotel/bookings', JSON.stringify({ id: newId(), notes: 'x'.repeat(2_000_000) }), desk);
      expect(answer.status).toBe(413);
      expect(bookingCount()).toBe(before);
    });
  });

  it('walks a stay in: check-in assigns a ready room, checkout waits for the folio to be paid, and the room needs cleaning', async () => {
    const created = await book({ arrival: TODAY, departure: addDays(TODAY, 2), adults: 2 });
    const id = created.body.id as string;
    const checkedIn = await t.request('POST', `/api/hotel/bookings/${id}/check-in`, undefined, desk);
    expect(checkedIn.status).toBe(200);
    expect(checkedIn.body.status).toBe('checked_in');
    const roomId = checkedIn.body.roomId as string;
    const room = (await t.request('GET', '/api/hotel/rooms', undefined, desk)).body.find((r: { id: string }) => r.id === roomId);
    expect(room).toMatchObject({ roomTypeId: 'standard', occupiedBy: id, ready: false });
    expect(room.number).not.toBe('104'); // the dirty one is never given

    const folio = await t.request('GET', `/api/hotel/bookings/${id}/folio`, undefined, desk);
    expect(folio.body).toMatchObject({ totalMinor: 17800, paidMinor: 0, dueMinor: 17800 });
    expect(folio.body.charges.map((c: { kind: string; night: string }) => [c.kind, c.night])).toEqual([
      ['night', TODAY],
      ['night', addDays(TODAY, 1)],
    ]);

    const refused = await t.request('POST', `/api/hotel/bookings/${id}/check-out`, {}, desk);
    expect(refused).toMatchObject({ status: 409, body: { error: 'folio_not_paid', message: '€178.00 is still due on this folio: take the payment, then check out.' } });

    const minibar = await t.request('POST', `/api/hotel/bookings/${id}/folio/charges`, { id: newId(), kind: 'extra', description: 'Minibar', amountMinor: 450 }, desk);
    expect(minibar.status).toBe(201);
    const paymentId = newId();
    const cash = await t.request('POST', `/api/hotel/bookings/${id}/folio/payments`, { id: paymentId, method: 'cash', amountMinor: 18250, tenderedMinor: 20000 }, desk);
    expect(cash).toMatchObject({ status: 201, body: { amountMinor: 18250, changeMinor: 1750 } });
    expect((await t.request('POST', `/api/hotel/bookings/${id}/folio/payments`, { id: paymentId, method: 'cash', amountMinor: 18250, tenderedMinor: 20000 }, desk)).status).toBe(200);
    const tooMuch = await t.request('POST', `/api/hotel/bookings/${id}/folio/payments`, { id: newId(), method: 'card', amountMinor: 100 }, desk);
    expect(tooMuch).toMatchObject({ status: 409, body: { error: 'already_paid' } });

    const out = await t.request('POST', `/api/hotel/bookings/${id}/check-out`, undefined, desk);
    expect(out).toMatchObject({ status: 200, body: { status: 'checked_out' } });
    const after = (await t.request('GET', '/api/hotel/rooms', undefined, desk)).body.find((r: { id: string }) => r.id === roomId);
    expect(after).toMatchObject({ housekeeping: 'dirty', occupiedBy: null, ready: false });
    const again = await t.request('POST', `/api/hotel/bookings/${id}/check-in`, undefined, desk);
    expect(again).toMatchObject({ status: 409, body: { error: 'invalid_transition' } });
  });

  it('says which rooms are free but not cleaned when none is ready', async () => {
    const housekeeper = await t.login('5555');
    // Room 301 is the demo's arrival of today; the other superior rooms wait for cleaning.
    for (const room of ['room-302', 'room-303', 'room-304']) {
      expect((await t.request('POST', `/api/hotel/rooms/${room}/housekeeping`, { state: 'dirty' }, housekeeper)).status).toBe(200);
    }
    const { body } = await book({ roomTypeId: 'superior', arrival: TODAY, departure: addDays(TODAY, 1) });
    const refused = await t.request('POST', `/api/hotel/bookings/${body.id}/check-in`, {}, desk);
    expect(refused).toMatchObject({ status: 409, body: { error: 'no_room_ready', message: 'No room of this type is ready yet: 302, 303, 304 are free but not cleaned.' } });
    expect((await t.request('GET', `/api/hotel/bookings/${body.id}`, undefined, desk)).body).toMatchObject({ status: 'confirmed', roomId: null });
    expect((await t.request('POST', '/api/hotel/rooms/room-303/housekeeping', { state: 'clean' }, housekeeper)).status).toBe(200);
    expect((await t.request('POST', `/api/hotel/bookings/${body.id}/check-in`, {}, desk)).body).toMatchObject({ status: 'checked_in', roomNumber: '303' });
  });

  it('follows the lifecycle table: who may do what, and what needs a reason', async () => {
    const { body } = await book({ status: 'tentative' });
    expect((await t.request('POST', `/api/hotel/bookings/${body.id}/no-show`, {}, desk)).status).toBe(403);
    expect((await t.request('POST', `/api/hotel/bookings/${body.id}/cancel`, {}, desk)).body.error).toBe('reason_required');
    expect((await t.request('POST', `/api/hotel/bookings/${body.id}/confirm`, {}, desk)).body.status).toBe('confirmed');
    const cancelled = await t.request('POST', `/api/hotel/bookings/${body.id}/cancel`, { reason: 'Guest changed plans' }, desk);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Guest changed plans' });
    expect((await t.request('POST', `/api/hotel/bookings/${body.id}/check-in`, {}, desk)).status).toBe(409);
    expect((await t.request('POST', `/api/hotel/bookings/${newId()}/check-in`, {}, desk)).status).toBe(404);
  });

  it('upgrades a booking to a room of another type only when asked to', async () => {
    const { body } = await book({ arrival: addDays(TODAY, 150), departure: addDays(TODAY, 151) });
    expect((await t.request('POST', `/api/hotel/bookings/${body.id}/room`, { roomId: 'room-302' }, desk)).body.error).toBe('room_of_other_type');
    const upgraded = await t.request('POST', `/api/hotel/bookings/${body.id}/room`, { roomId: 'room-302', upgrade: true }, desk);
    expect(upgraded.body).toMatchObject({ roomId: 'room-302', roomTypeId: 'superior', bookedRoomTypeId: 'standard', totalMinor: 8900 });
  });

  it('lets housekeeping mark rooms, and nobody outside the hotel', async () => {
    const housekeeper = await t.login('5555');
    expect((await t.request('POST', '/api/hotel/rooms/room-203/housekeeping', { state: 'inspected' }, housekeeper)).body).toMatchObject({ housekeeping: 'inspected', ready: true });
    expect((await t.request('POST', '/api/hotel/rooms/room-203/housekeeping', { state: 'dirty' }, waiter)).status).toBe(403);
    expect((await t.request('POST', '/api/hotel/rooms/room-203/housekeeping', { state: 'sparkling' }, housekeeper)).status).toBe(400);
    expect((await t.request('POST', '/api/hotel/rooms/room-999/housekeeping', { state: 'clean' }, housekeeper)).status).toBe(404);
  });

  it('keeps an out-of-order room out of availability on its nights', async () => {
    const from = addDays(TODAY, 200);
    const ooo = await t.request('POST', '/api/hotel/rooms/room-305/out-of-order', { reason: 'Water damage', from, to: addDays(from, 2) }, desk);
    expect(ooo.body.outOfOrder).toEqual({ reason: 'Water damage', from, to: addDays(from, 2) });
    const nights = (await t.request('GET', `/api/hotel/availability?from=${from}&to=${addDays(from, 3)}&roomTypeId=suite`, undefined, desk)).body.roomTypes[0].nights;
    expect(nights.map((n: { free: number }) => n.free)).toEqual([1, 1, 2]);
    expect((await book({ roomId: 'room-305', roomTypeId: 'suite', arrival: from, departure: addDays(from, 1) })).body.error).toBe('room_unavailable');
    expect((await t.request('POST', '/api/hotel/rooms/room-305/out-of-order', { reason: 'x', from, to: from }, desk)).status).toBe(400);
  });

  it('takes a room out of order only when no stay needs it', async () => {
    const from = addDays(TODAY, 230);
    expect((await book({ roomId: 'room-306', roomTypeId: 'suite', arrival: addDays(from, 1), departure: addDays(from, 2) })).status).toBe(201);
    const assigned = await t.request('POST', '/api/hotel/rooms/room-306/out-of-order', { reason: 'Painting', from, to: addDays(from, 3) }, desk);
    expect(assigned).toMatchObject({ status: 409, body: { error: 'room_has_stays', message: `Room 306 has Guest A from ${addDays(from, 1)} on those nights: move that stay to another room first.` } });
    // The other suite is free of assigned stays, but an unassigned suite booking needs it that night.
    expect((await book({ roomTypeId: 'suite', arrival: addDays(from, 1), departure: addDays(from, 2) })).status).toBe(201);
    const needed = await t.request('POST', '/api/hotel/rooms/room-305/out-of-order', { reason: 'Painting', from, to: addDays(from, 3) }, desk);
    expect(needed).toMatchObject({ status: 409, body: { error: 'room_needed' } });
    // Refused, so the room keeps the out-of-order it had (the water damage of an earlier test).
    expect((await t.request('GET', '/api/hotel/rooms', undefined, desk)).body.find((r: { id: string }) => r.id === 'room-305').outOfOrder.reason).toBe('Water damage');
    expect((await t.request('POST', '/api/hotel/rooms/room-305/out-of-order', { reason: 'Painting', from: addDays(from, 2), to: addDays(from, 4) }, desk)).status).toBe(200);
  });

  it('adds a rate plan once for one id, and removes it', async () => {
    const id = newId();
    const plan = { id, roomTypeId: 'double', name: 'Winter <b>sale</b>', priceMinor: 7900, validFrom: addDays(TODAY, 300), validTo: addDays(TODAY, 310), priority: 50 };
    const first = await t.request('POST', '/api/hotel/rate-plans', plan, manager);
    expect(first).toMatchObject({ status: 201, body: { id, name: 'Winter <b>sale</b>', weekdays: 127, minNights: 1 } });
    expect((await t.request('POST', '/api/hotel/rate-plans', plan, manager)).status).toBe(200);
    expect((await t.request('GET', '/api/hotel/rate-plans', undefined, desk)).body.filter((p: { id: string }) => p.id === id)).toHaveLength(1);
    const priced = await book({ roomTypeId: 'double', arrival: addDays(TODAY, 301), departure: addDays(TODAY, 302) });
    expect(priced.body.totalMinor).toBe(7900);
    expect((await t.request('POST', '/api/hotel/rate-plans', { ...plan, id: newId() }, desk)).status).toBe(403);
    expect((await t.request('POST', '/api/hotel/rate-plans', { ...plan, id: newId(), validTo: plan.validFrom }, manager)).body.error).toBe('bad_dates');
    expect((await t.request('DELETE', `/api/hotel/rate-plans/${id}`, undefined, manager)).status).toBe(204);
    expect((await t.request('DELETE', `/api/hotel/rate-plans/${id}`, undefined, manager)).status).toBe(404);
    // The booking keeps the price it was made at.
    expect((await t.request('GET', `/api/hotel/bookings/${priced.body.id}`, undefined, desk)).body.totalMinor).toBe(7900);
  });
});
