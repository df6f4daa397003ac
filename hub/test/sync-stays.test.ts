/**
 * The hotel's stays on their way to HQ and back: a booking made at the hub goes into the stays document
 * of its arrival month (and moves with its dates), without the guest's email, phone or notes; the room
 * types go into the config document; a booking HQ made for a room the hub also sold while the hub was
 * offline arrives on reconnect, both bookings stand, and the front desk sees the conflict with its
 * choices until a person resolves it. The cloud is the fake one of sync-fake-cloud.ts (real sockets).
 */
import { newId } from '@onemoment/shared/ids';
import { addDays, localDateOf } from '@onemoment/shared/hotel/stay-dates';
import type { FrontDesk } from '@onemoment/shared/schemas/hotel';
import { readBills } from '@onemoment/shared/sync/payment-records';
import { readRoomTypes } from '@onemoment/shared/sync/room-types-doc';
import { readStayById, readStays, writeStay } from '@onemoment/shared/sync/stays-doc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { stayMonthsAround } from '../src/sync/stays-sync.ts';
import { startTestHub, type TestHub } from './harness.ts';
import { startFakeCloud, waitFor, type FakeCloud } from './sync-fake-cloud.ts';

// Monday noon in Berlin.
const clock = new ManualClock(new Date('2026-12-07T11:00:00Z'));
const TODAY = localDateOf(clock.now(), 'Europe/Berlin');
const EMAIL = 'guest-a@example.com';
const PHONE = '+49 30 5550199';
const NOTES = 'Allergic to feathers';

describe('stays documents', () => {
  let t: TestHub;
  let cloud: FakeCloud;
  let desk: string;
  let manager: string;

  beforeEach(async () => {
    t = await startTestHub({ clock, hubOptions: { sync: { minBackoffMs: 20, maxBackoffMs: 100 } } });
    cloud = await startFakeCloud();
    [desk, manager] = await Promise.all([t.login('4444'), t.login('1111')]);
    const paired = await t.request('POST', '/api/sync/pair', { cloudUrl: cloud.url, pairingCode: cloud.pairingCode }, manager);
    expect(paired.status, JSON.stringify(paired.body)).toBe(200);
    await waitFor('every document to reach the cloud', () => sync().status().connected && sync().status().pendingUpdates === 0, 15_000);
  });
  afterEach(async () => {
    await t.close();
    await cloud.close();
  });

  const sync = () => t.hub.modules.sync!;
  const sqlite = () => t.hub.context.store.sqlite;
  const hubStays = (month: string) => sync().documents.get(`venue/demo-bistro/stays/${month}`);
  const cloudStays = (month: string) => cloud.doc(`venue/${cloud.venueId}/stays/${month}`);
  const book = (body: Record<string, unknown>) =>
    t.request('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'standard', guest: { name: 'Guest A' }, adults: 1, ...body }, desk);

  it('keeps the stays of last month to a year ahead in sync, and the room types in the config document', () => {
    expect(stayMonthsAround('2026-12-07')).toEqual(['2026-11', '2026-12', ...Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`)]);
    const names = sync().status().documents.map((d) => d.name);
    expect(names).toContain('venue/demo-bistro/stays/2026-11');
    expect(names).toContain('venue/demo-bistro/stays/2027-12');
    expect(readRoomTypes(cloud.doc(`venue/${cloud.venueId}/config`))).toEqual([
      { id: 'double', name: 'Double', rooms: 8 },
      { id: 'standard', name: 'Standard', rooms: 10 },
      { id: 'suite', name: 'Suite', rooms: 2 },
      { id: 'superior', name: 'Superior', rooms: 4 },
    ]);
  });

  it('writes a booking into the stays document of its arrival month, moves it with its dates, and never sends the email, phone or notes', async () => {
    const arrival = addDays(TODAY, 20); // 2026-12-27
    const created = await book({ arrival, departure: addDays(arrival, 2), guest: { name: 'Guest A', email: EMAIL, phone: PHONE }, notes: NOTES });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect(readStayById(hubStays('2026-12'), id)).toEqual({
      id, roomTypeId: 'standard', roomId: null, roomNumber: null, arrival, departure: addDays(arrival, 2), nights: 2, status: 'confirmed',
      statusTimes: { confirmed: expect.any(String) }, adults: 1, children: 0, totalMinor: created.body.totalMinor, currency: 'EUR', source: 'hub', guestName: 'Guest A',
    });
    await waitFor('the booking at the cloud', () => readStayById(cloudStays('2026-12'), id) !== null);

    // Moved to January: it leaves December's document and enters January's, at the hub and the cloud.
    const moved = await t.request('POST', `/api/hotel/bookings/${id}/dates`, { arrival: '2027-01-04', departure: '2027-01-06' }, desk);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(readStayById(hubStays('2026-12'), id)).toBeNull();
    expect(readStayById(hubStays('2027-01'), id)).toMatchObject({ arrival: '2027-01-04', departure: '2027-01-06' });
    await waitFor('the move at the cloud', () => readStayById(cloudStays('2026-12'), id) === null && readStayById(cloudStays('2027-01'), id) !== null);

    // Checked in today instead: its status times grow, nothing else is sent.
    const today = await t.request('POST', `/api/hotel/bookings/${id}/dates`, { arrival: TODAY, departure: addDays(TODAY, 1) }, desk);
    expect(today.status).toBe(200);
    const checkedIn = await t.request('POST', `/api/hotel/bookings/${id}/check-in`, {}, desk);
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(200);
    await waitFor('the check-in at the cloud', () => readStayById(cloudStays('2026-12'), id)?.status === 'checked_in');
    expect(readStayById(cloudStays('2027-01'), id)).toBeNull();

    const stored = sqlite().prepare('SELECT "update" FROM sync_updates').pluck().all() as Buffer[];
    const sent = [...stored, ...cloud.received.map((r) => Buffer.from(r.update))];
    for (const secret of [EMAIL, PHONE, NOTES, 'feathers', '5550199']) {
      expect(sent.some((bytes) => bytes.toString('latin1').includes(secret) || bytes.toString('utf8').includes(secret)), secret).toBe(false);
    }
  });

  it("merges HQ's booking for a room the hub sold while offline: both stand, the front desk lists the conflict with choices until a person resolves it", async () => {
    const arrival = '2027-01-11';
    const departure = '2027-01-13';
    const ours = await book({ arrival, departure, roomId: 'room-105' });
    expect(ours.status, JSON.stringify(ours.body)).toBe(201);
    await waitFor('our booking at the cloud', () => readStayById(cloudStays('2027-01'), ours.body.id) !== null);

    cloud.offline();
    await waitFor('the hub to see the cloud gone', () => !sync().status().connected);
    // Meanwhile HQ books the same room for the same nights (as the cloud's copy of the document has it).
    const hqId = newId();
    writeStay(cloudStays('2027-01'), {
      id: hqId, roomTypeId: 'standard', roomId: 'room-105', roomNumber: '105', arrival, departure: addDays(arrival, 1), status: 'confirmed',
      adults: 2, children: 0, totalMinor: 9_900, currency: 'EUR', source: 'hq', guestName: 'Guest B', statusAt: clock.now().toISOString(),
    }, 'hq');
    cloud.online();
    sync().reconnectNow();

    await waitFor("HQ's booking at the hub", () => t.hub.modules.hotel!.bookings.get(hqId) !== null, 15_000);
    const merged = await t.request('GET', `/api/hotel/bookings/${hqId}`, undefined, desk);
    expect(merged.body).toMatchObject({ id: hqId, source: 'hq', status: 'confirmed', roomId: 'room-105', roomNumber: '105', guest: { name: 'Guest B', email: null, phone: null }, adults: 2, children: 0, totalMinor: 9_900 });
    const listed = await t.request('GET', `/api/hotel/bookings?from=${arrival}&to=${departure}`, undefined, desk);
    expect(listed.body.map((b: { id: string }) => b.id)).toEqual(expect.arrayContaining([ours.body.id, hqId]));
    // Nothing was written back for the merge itself: the document already said all of it.
    const unsent = sqlite().prepare("SELECT COUNT(*) FROM sync_updates WHERE doc_name = 'venue/demo-bistro/stays/2027-01' AND acked_at IS NULL").pluck().get();
    expect(unsent).toBe(0);

    const desk1 = (await t.request('GET', `/api/hotel/front-desk?date=${arrival}`, undefined, desk)).body as FrontDesk;
    const conflict = desk1.conflicts.find((c) => c.bookingIds.includes(hqId));
    expect(conflict).toMatchObject({ roomId: 'room-105', roomTypeId: 'standard', firstNight: arrival });
    expect(conflict!.bookingIds.sort()).toEqual([ours.body.id, hqId].sort());
    const choice = conflict!.choices.find((c) => c.kind === 'another_room' && c.bookingId === hqId);
    expect(choice).toMatchObject({ roomId: expect.stringMatching(/^room-1\d\d$/) });

    const resolved = await t.request('POST', `/api/hotel/bookings/${hqId}/room`, { roomId: choice!.roomId }, desk);
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const desk2 = (await t.request('GET', `/api/hotel/front-desk?date=${arrival}`, undefined, desk)).body as FrontDesk;
    expect(desk2.conflicts.filter((c) => c.bookingIds.includes(hqId))).toEqual([]);
    // The room the front desk gave reaches HQ.
    await waitFor('the new room at the cloud', () => readStayById(cloudStays('2027-01'), hqId)?.roomId === choice!.roomId);
    expect(readStays(cloudStays('2027-01')).map((s) => s.id).sort()).toEqual([ours.body.id, hqId].sort());
  });

  it("marks a room's room-service bill in its day document", async () => {
    const visitId = (sqlite().prepare("SELECT id FROM visits WHERE table_id LIKE 'room-table-%' AND status = 'open' LIMIT 1").pluck().get() as string | undefined) ?? null;
    expect(visitId).not.toBeNull();
    const day = t.hub.context.venue.businessDay(clock.now());
    await t.hub.context.commands.run((tx) => {
      t.hub.context.events.publish(tx, 'bill.settled', ['staff'], {
        visitId: visitId!, businessDay: day, currency: 'EUR', subtotalMinor: 2_450, discountMinor: 0, serviceChargeMinor: 0, taxMinor: 0, taxLines: [],
        totalMinor: 2_450, paidMinor: 2_450, tipsMinor: 0, writtenOffMinor: 0, settledAt: clock.now().toISOString(),
      });
      t.hub.context.events.publish(tx, 'bill.settled', ['staff'], {
        visitId: 'visit-at-table-1', businessDay: day, currency: 'EUR', subtotalMinor: 1_000, discountMinor: 0, serviceChargeMinor: 0, taxMinor: 0, taxLines: [],
        totalMinor: 1_000, paidMinor: 1_000, tipsMinor: 0, writtenOffMinor: 0, settledAt: clock.now().toISOString(),
      });
    });
    const bills = readBills(sync().documents.get(`venue/demo-bistro/day/${day}`));
    expect(bills.map((b) => [b.visitId, b.roomService]).sort()).toEqual([[visitId, true], ['visit-at-table-1', false]].sort());
  });
});
