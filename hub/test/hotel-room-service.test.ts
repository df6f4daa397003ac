import { newId } from '@onemoment/shared/ids';
import { addDays, localDateOf } from '@onemoment/shared/hotel/stay-dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { startTestHub, type TestHub } from './harness.ts';

const clock = new ManualClock(new Date('2026-12-08T09:00:00Z'));
const TODAY = localDateOf(clock.now(), 'Europe/Berlin');

describe('room service and the folio', () => {
  let t: TestHub;
  let desk: string;
  let waiter: string;
  let kitchen: string;

  beforeAll(async () => {
    t = await startTestHub({ clock });
    [desk, waiter, kitchen] = await Promise.all([t.login('4444'), t.login('2222'), t.login('3333')]);
  });
  afterAll(() => t.close());

  const roomCode = (roomId: string) =>
    t.hub.context.store.sqlite.prepare('SELECT d.code FROM rooms r JOIN dining_tables d ON d.id = r.table_id WHERE r.id = ?').pluck().get(roomId) as string;
  const checkedInStay = async (roomId: string) => {
    const booked = await t.request('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'standard', roomId, arrival: TODAY, departure: addDays(TODAY, 1), guest: { name: 'Guest B' }, adults: 1 }, desk);
    expect(booked.status).toBe(201);
    const checkedIn = await t.request('POST', `/api/hotel/bookings/${booked.body.id}/check-in`, {}, desk);
    expect(checkedIn.status).toBe(200);
    return checkedIn.body as { id: string; visitId: string; totalMinor: number };
  };
  const serve = async (order: { id: string; items: Array<{ id: string }> }) => {
    for (const item of order.items) expect((await t.request('POST', `/api/kds/items/${item.id}/bump`, undefined, kitchen)).status).toBe(200);
    expect((await t.request('POST', `/api/orders/${order.id}/transition`, { to: 'served' }, waiter)).status).toBe(200);
  };

  it("refuses the room's QR before check-in, and never lets staff seat a party in a room", async () => {
    const refused = await t.request('POST', '/api/guest/visits', { tableCode: roomCode('room-106') });
    expect(refused).toMatchObject({ status: 409, body: { error: 'room_not_in_house' } });
    const seat = await t.request('POST', '/api/tables/room-table-room-106/visits', undefined, waiter);
    expect(seat).toMatchObject({ status: 409, body: { error: 'room_service_table' } });
  });

  it("orders from the room's QR go to the kitchen and onto the folio, paid at checkout", async () => {
    const stay = await checkedInStay('room-106');
    expect(stay.visitId).toEqual(expect.any(String));
    const joined = await t.request('POST', '/api/guest/visits', { tableCode: roomCode('room-106') });
    expect(joined).toMatchObject({ status: 201, body: { visitId: stay.visitId, tableName: 'Room 106' } });
    const order = await t.request('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId: 'greek-salad', quantity: 2 }] }, joined.body.token);
    expect(order.status).toBe(201);
    const grill = await t.request('GET', '/api/kds/tickets?station=cold', undefined, kitchen);
    expect(JSON.stringify(grill.body)).toContain('Room 106');

    const folio = await t.request('GET', `/api/hotel/bookings/${stay.id}/folio`, undefined, desk);
    expect(folio.body).toMatchObject({ openRoomServiceMinor: 1700, totalMinor: stay.totalMinor + 1700, dueMinor: stay.totalMinor + 1700 });

    // Paid in full at the desk, checkout is still refused while the kitchen owes the salads.
    expect((await t.request('POST', `/api/hotel/bookings/${stay.id}/folio/payments`, { id: newId(), method: 'card', amountMinor: stay.totalMinor + 1700 }, desk)).status).toBe(201);
    const early = await t.request('POST', `/api/hotel/bookings/${stay.id}/check-out`, {}, desk);
    expect(early).toMatchObject({ status: 409, body: { error: 'room_service_open' } });
    await serve(order.body);

    const out = await t.request('POST', `/api/hotel/bookings/${stay.id}/check-out`, {}, desk);
    expect(out.body.status).toBe('checked_out');
    const bill = await t.request('GET', `/api/visits/${stay.visitId}/bill`, undefined, waiter);
    expect(bill.body).toMatchObject({ status: 'paid', dueMinor: 0, payments: [{ method: 'room', amountMinor: 1700 }] });
    const after = await t.request('GET', `/api/hotel/bookings/${stay.id}/folio`, undefined, desk);
    expect(after.body).toMatchObject({ openRoomServiceMinor: 0, dueMinor: 0 });
    expect(after.body.charges.filter((c: { kind: string }) => c.kind === 'room_service').map((c: { amountMinor: number }) => c.amountMinor)).toEqual([1700]);
    // The guest's token ends with the stay.
    expect((await t.request('GET', '/api/guest/visit', undefined, joined.body.token)).status).toBe(401);
  });

  it('keeps the room-service visit open when its bill is paid, for the next order', async () => {
    const stay = await checkedInStay('room-107');
    const joined = await t.request('POST', '/api/guest/visits', { tableCode: roomCode('room-107') });
    const order = await t.request('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId: 'tomato-soup', quantity: 1 }] }, joined.body.token);
    await serve(order.body);
    expect((await t.request('POST', `/api/visits/${stay.visitId}/payments`, { id: newId(), method: 'cash', amountMinor: 650 }, waiter)).status).toBe(201);
    expect((await t.request('GET', '/api/guest/visit', undefined, joined.body.token)).status).toBe(200);
  });

  it('charges a bar bill to a room with the room-charge tender, once for one payment id', async () => {
    const stay = await checkedInStay('room-108');
    const barVisit = (await t.request('POST', '/api/tables/table-5/visits', undefined, waiter)).body.visit.id as string;
    expect((await t.request('POST', '/api/orders', { id: newId(), tableId: 'table-5', items: [{ menuItemId: 'tomato-soup', quantity: 2 }] }, waiter)).status).toBe(201);
    const paymentId = newId();
    const charge = { id: paymentId, method: 'room', amountMinor: 1300, bookingId: stay.id };
    const first = await t.request('POST', `/api/visits/${barVisit}/payments`, charge, waiter);
    expect(first).toMatchObject({ status: 201, body: { method: 'room', amountMinor: 1300 } });
    expect((await t.request('POST', `/api/visits/${barVisit}/payments`, charge, waiter)).status).toBe(200);
    const folio = await t.request('GET', `/api/hotel/bookings/${stay.id}/folio`, undefined, desk);
    expect(folio.body.charges.filter((c: { kind: string }) => c.kind === 'bar').map((c: { amountMinor: number; description: string }) => [c.amountMinor, c.description])).toEqual([
      [1300, 'Table 5: bill of 1 line'],
    ]);
  });

  it('refuses a room charge without a stay, to a stay not in house, or with a tip; nothing is written', async () => {
    const barVisit = (await t.request('POST', '/api/tables/table-6/visits', undefined, waiter)).body.visit.id as string;
    expect((await t.request('POST', '/api/orders', { id: newId(), tableId: 'table-6', items: [{ menuItemId: 'tomato-soup', quantity: 1 }] }, waiter)).status).toBe(201);
    const notInHouse = await t.request('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'double', arrival: addDays(TODAY, 3), departure: addDays(TODAY, 4), guest: { name: 'Guest C' }, adults: 1 }, desk);
    const charges = () => t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM folio_charges').pluck().get();
    const payments = () => t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM payments WHERE visit_id = ?').pluck().get(barVisit);
    const before = [charges(), payments()];
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ method: 'room', amountMinor: 650 }, 400, 'booking_required'],
      [{ method: 'room', amountMinor: 650, bookingId: notInHouse.body.id }, 409, 'not_in_house'],
      [{ method: 'room', amountMinor: 650, bookingId: newId() }, 404, 'not_found'],
      [{ method: 'room', amountMinor: 650, tipMinor: 100, bookingId: notInHouse.body.id }, 400, 'bad_payment'],
      [{ method: 'room', amountMinor: 9999, bookingId: notInHouse.body.id }, 409, 'more_than_due'],
    ];
    for (const [body, status, error] of cases) {
      const answer = await t.request('POST', `/api/visits/${barVisit}/payments`, { id: newId(), ...body }, waiter);
      expect({ status: answer.status, error: answer.body.error }).toEqual({ status, error });
    }
    expect([charges(), payments()]).toEqual(before);
  });
});
