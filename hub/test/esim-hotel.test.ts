import { newId } from '@onemoment/shared/ids';
import { addDays, localDateOf } from '@onemoment/shared/hotel/stay-dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePrinter } from '@onemoment/printers';
import { waitFor } from './outbox-helpers.ts';
import { addPrinter, paperOf } from './printing-helpers.ts';
import { FRONT_DESK_PIN, startEsimHub, WAITER_PIN, type EsimHub } from './support/esim-setup.ts';

/** eSIMs in a hotel: bought from the room's QR or sold at the desk to a stay, charged to the room at once and delivered. */
describe('eSIM sales at a hotel', () => {
  let esim: EsimHub;
  let desk: string;
  let waiter: string;
  const today = localDateOf(new Date(), 'Europe/Berlin');

  beforeAll(async () => {
    esim = await startEsimHub({ offer: ['merhaba-7days-1gb', 'eurolink-30days-5gb'] });
    [desk, waiter] = await Promise.all([esim.hub.login(FRONT_DESK_PIN), esim.hub.login(WAITER_PIN)]);
  });
  afterAll(async () => esim?.close());

  const checkedIn = async (roomId: string) => {
    const booked = await esim.hub.request('POST', '/api/hotel/bookings', { id: newId(), roomTypeId: 'standard', roomId, arrival: today, departure: addDays(today, 2), guest: { name: 'Demo guest 7' }, adults: 1 }, desk);
    expect(booked.status).toBe(201);
    const stay = await esim.hub.request('POST', `/api/hotel/bookings/${booked.body.id}/check-in`, {}, desk);
    expect(stay.status).toBe(200);
    return stay.body as { id: string; visitId: string };
  };
  const roomCode = (roomId: string) =>
    esim.hub.hub.context.store.sqlite.prepare('SELECT d.code FROM rooms r JOIN dining_tables d ON d.id = r.table_id WHERE r.id = ?').pluck().get(roomId) as string;
  const statusOf = (id: string) => esim.hub.hub.modules.esim!.store.purchase(id)?.status;

  it("a guest in house buys from the room's QR: charged to the room at once and ordered, while room service stays open", async () => {
    const stay = await checkedIn('room-106');
    const joined = await esim.hub.request('POST', '/api/guest/visits', { tableCode: roomCode('room-106') });
    const guest = joined.body.token as string;
    // Room service still owed on the visit does not hold the eSIM back.
    expect((await esim.hub.request('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId: 'greek-salad', quantity: 1 }] }, guest)).status).toBe(201);
    const id = newId();
    const bought = await esim.hub.request('POST', '/api/guest/esim/purchases', { id, packageId: 'merhaba-7days-1gb' }, guest);
    expect(bought).toMatchObject({ status: 201, body: { status: 'paid', notice: { key: 'esim.on_its_way' } } });
    await waitFor('the eSIM to be delivered', () => (statusOf(id) === 'delivered' ? true : undefined));
    const bill = await esim.hub.request('GET', `/api/visits/${stay.visitId}/bill`, undefined, waiter);
    expect(bill.body).toMatchObject({ dueMinor: 850, payments: [{ method: 'room', amountMinor: 414 }] });
    const folio = await esim.hub.request('GET', `/api/hotel/bookings/${stay.id}/folio`, undefined, desk);
    expect(folio.body.charges.filter((charge: { kind: string }) => charge.kind === 'room_service').map((charge: { amountMinor: number }) => charge.amountMinor)).toEqual([414]);
    expect(folio.body.openRoomServiceMinor).toBe(850);
    // The room's visit stays open for more room service, and the guest sees the code.
    const mine = await esim.hub.request('GET', `/api/guest/esim/purchases/${id}`, undefined, guest);
    expect(mine.body.lpa).toMatch(/^LPA:1\$/);
  });

  it('the desk sells one to a room: the seller and a manager see the code, a waiter does not', async () => {
    const stay = await checkedIn('room-107');
    const id = newId();
    const sold = await esim.hub.request('POST', `/api/visits/${stay.visitId}/esim/purchases`, { id, packageId: 'eurolink-30days-5gb', priceMinor: 1748 }, desk);
    expect(sold).toMatchObject({ status: 201, body: { status: 'paid', soldBy: 'staff', priceMinor: 1748 } });
    await waitFor('the eSIM to be delivered', () => (statusOf(id) === 'delivered' ? true : undefined));
    expect((await esim.hub.request('GET', `/api/esim/purchases/${id}`, undefined, desk)).body.lpa).toMatch(/^LPA:1\$/);
    expect((await esim.hub.request('GET', `/api/esim/purchases/${id}`, undefined, esim.managerToken)).body.lpa).toMatch(/^LPA:1\$/);
    const asWaiter = await esim.hub.request('GET', `/api/esim/purchases/${id}`, undefined, waiter);
    expect(asWaiter.body.status).toBe('delivered');
    expect(asWaiter.body).not.toHaveProperty('lpa');
    expect((await esim.hub.request('POST', `/api/esim/purchases/${id}/print`, undefined, waiter)).status).toBe(403);
    const kitchen = await esim.hub.login('3333');
    expect((await esim.hub.request('GET', '/api/esim/purchases', undefined, kitchen)).status).toBe(403);

    // The seller prints the install QR on the receipt printer: the printer receives the activation code.
    expect((await esim.hub.request('POST', `/api/esim/purchases/${id}/print`, undefined, desk)).body.error).toBe('no_receipt_printer');
    const printer = await FakePrinter.start({ state: 'online' });
    try {
      await addPrinter(esim.hub, esim.managerToken, printer, { name: 'Front desk', receipts: true });
      const printed = await esim.hub.request('POST', `/api/esim/purchases/${id}/print`, undefined, desk);
      expect(printed).toMatchObject({ status: 202, body: { printed: true } });
      const [job] = await printer.waitForJobs(1);
      const code = (await esim.hub.request('GET', `/api/esim/purchases/${id}`, undefined, desk)).body.lpa as string;
      expect(job!.decoded().qrCodes).toEqual([code]);
      const paper = paperOf(job!);
      expect(paper).toContain('YOUR eSIM');
      expect(paper).toContain(code);
    } finally {
      await printer.close();
    }
  });
});
