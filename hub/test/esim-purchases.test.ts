import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@onemoment/shared/ids';
import { waitFor } from './outbox-helpers.ts';
import { startEsimHub, WAITER_PIN, type EsimHub } from './support/esim-setup.ts';

/** Selling an eSIM from the guest page: browse, buy (a bill line), pay the bill, get the install code. */
describe('eSIM sales from the guest page', () => {
  let esim: EsimHub;
  let waiter: string;

  beforeAll(async () => {
    esim = await startEsimHub({ offer: ['merhaba-7days-1gb', 'bonjour-7days-unlimited', 'eurolink-30days-5gb'] });
    waiter = await esim.hub.login(WAITER_PIN);
  });
  afterAll(async () => esim?.close());

  const saleRows = () => esim.hub.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM esim_purchases').pluck().get() as number;
  const billOf = async (token: string) => (await esim.hub.request('GET', '/api/guest/bill', undefined, token)).body;
  const payCash = async (visitId: string, amountMinor: number) => {
    const paid = await esim.hub.request('POST', `/api/visits/${visitId}/payments`, { id: newId(), method: 'cash', amountMinor }, waiter);
    expect(paid.status).toBe(201);
  };
  const purchase = async (id: string, token: string) => esim.hub.request('GET', `/api/guest/esim/purchases/${id}`, undefined, token);

  it('lists what the venue offers, in its currency, priced never below Airalo retail at the dollar rate', async () => {
    const guest = await esim.hub.guestToken('table-1');
    const listed = await esim.hub.request('GET', '/api/guest/esim/packages', undefined, guest);
    expect(listed.status).toBe(200);
    // $4.50 at 0.92 is €4.14; $2.30 is €2.116, rounded up to €2.12; $19 is €17.48.
    expect(listed.body).toEqual([
      { id: 'eurolink-30days-5gb', title: 'Eurolink-5 GB - 30 Days', area: 'Europe', operator: expect.any(String), dataMb: 5120, unlimited: false, days: 30, priceMinor: 1748, currency: 'EUR' },
      { id: 'bonjour-7days-unlimited', title: 'Bonjour-Unlimited - 7 Days', country: 'FR', area: 'France', operator: expect.any(String), unlimited: true, days: 7, priceMinor: 212, currency: 'EUR' },
      { id: 'merhaba-7days-1gb', title: 'Merhaba-1 GB - 7 Days', country: 'TR', area: 'Turkey', operator: expect.any(String), dataMb: 1024, unlimited: false, days: 7, priceMinor: 414, currency: 'EUR' },
    ]);
    // A regional package works in each country it covers; a search matches words of the title.
    const inFrance = await esim.hub.request('GET', '/api/guest/esim/packages?country=fr', undefined, guest);
    expect(inFrance.body.map((pkg: { id: string }) => pkg.id).sort()).toEqual(['bonjour-7days-unlimited', 'eurolink-30days-5gb']);
    const searched = await esim.hub.request('GET', '/api/guest/esim/packages?q=merhaba%207', undefined, guest);
    expect(searched.body.map((pkg: { id: string }) => pkg.id)).toEqual(['merhaba-7days-1gb']);
  });

  it('puts a purchase on the bill, orders it once when the bill is paid, and shows the code only to the buyer', async () => {
    const buyer = await esim.hub.guestToken('table-2');
    const tablemate = await esim.hub.guestToken('table-2');
    const id = newId();
    const created = await esim.hub.request('POST', '/api/guest/esim/purchases', { id, packageId: 'merhaba-7days-1gb', priceMinor: 414 }, buyer);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, status: 'awaiting_payment', priceMinor: 414, currency: 'EUR', notice: { key: 'esim.awaiting_payment' } });
    const again = await esim.hub.request('POST', '/api/guest/esim/purchases', { id, packageId: 'merhaba-7days-1gb' }, buyer);
    expect(again.status).toBe(200);
    const bill = await billOf(buyer);
    expect(bill.lines).toEqual([expect.objectContaining({ itemId: id, name: 'eSIM · Merhaba-1 GB - 7 Days', totalMinor: 414 })]);
    expect(bill.dueMinor).toBe(414);
    expect(esim.fake.count('orders:post')).toBe(0);

    await payCash(bill.visitId, 414);
    const delivered = await waitFor('the eSIM to be delivered', () => (esim.hub.hub.modules.esim!.store.purchase(id)?.status === 'delivered' ? true : undefined));
    expect(delivered).toBe(true);
    expect(esim.fake.count('orders:post')).toBe(1);
    expect(esim.fake.callsTo('orders:post')[0]!.form).toMatchObject({ package_id: 'merhaba-7days-1gb', quantity: '1', type: 'sim', description: id });

    // The table's visit closed when its bill was paid in full: the buyer still opens what they bought.
    const mine = await purchase(id, buyer);
    expect(mine.status).toBe(200);
    expect(mine.body.status).toBe('delivered');
    expect(mine.body.lpa).toMatch(/^LPA:1\$[^$]+\$[^$]+$/);
    expect(mine.body.qr).toBe(mine.body.lpa);
    expect(mine.body.iccid).toBe(esim.fake.orders[0]!.iccids[0]);
    expect(mine.body.install).toMatchObject({ smdpAddress: expect.any(String), androidActivationCode: mine.body.lpa, appleInstallUrl: expect.stringContaining('carddata=LPA%3A1%24') });

    const theirs = await purchase(id, tablemate);
    expect(theirs.status).toBe(200);
    expect(theirs.body.status).toBe('delivered');
    expect(theirs.body).not.toHaveProperty('lpa');
    expect(theirs.body).not.toHaveProperty('iccid');

    const stranger = await esim.hub.guestToken('table-3');
    expect((await purchase(id, stranger)).status).toBe(404);
    // The codes are the buyer's alone: not in the events staff and guests replay.
    const events = esim.hub.hub.context.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'esim.sale_changed'").pluck().all() as string[];
    expect(events.length).toBeGreaterThan(0);
    for (const payload of events) expect(payload).not.toContain(mine.body.iccid);
  });

  it('refuses what cannot be sold with a clear answer, writing nothing', async () => {
    const guest = await esim.hub.guestToken('table-4');
    const before = saleRows();
    const buy = (body: unknown) => esim.hub.request('POST', '/api/guest/esim/purchases', body, guest);
    const unknown = await buy({ id: newId(), packageId: 'no-such-package' });
    expect(unknown).toMatchObject({ status: 404, body: { error: 'not_found' } });
    const notOffered = await buy({ id: newId(), packageId: 'merhaba-30days-3gb' });
    expect(notOffered).toMatchObject({ status: 409, body: { error: 'not_offered' } });
    const changed = await buy({ id: newId(), packageId: 'merhaba-7days-1gb', priceMinor: 399 });
    expect(changed).toMatchObject({ status: 409, body: { error: 'price_changed', priceMinor: 414 } });
    expect(changed.body.message).toContain('€4.14');
    for (const body of [{ id: 'not-a-uuid', packageId: 'merhaba-7days-1gb' }, { id: newId(), packageId: 42 }, { id: newId(), packageId: '<script>alert(1)</script>' }, { id: newId() }, { id: newId(), packageId: 'merhaba-7days-1gb', priceMinor: -1 }, { id: newId(), packageId: 'merhaba-7days-1gb', extra: true }]) {
      const answer = await buy(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    const huge = await buy({ id: newId(), packageId: 'x'.repeat(2_000_000) });
    expect([400, 413]).toContain(huge.status);
    expect(saleRows()).toBe(before);
    expect((await billOf(guest)).lines).toEqual([]);
    // Another visit's purchase id is not this guest's to reuse.
    const other = await esim.hub.guestToken('table-5');
    const id = newId();
    expect((await esim.hub.request('POST', '/api/guest/esim/purchases', { id, packageId: 'merhaba-7days-1gb' }, other)).status).toBe(201);
    const taken = await buy({ id, packageId: 'merhaba-7days-1gb' });
    expect(taken).toMatchObject({ status: 409, body: { error: 'id_taken' } });
    expect((await esim.hub.request('POST', `/api/guest/esim/purchases/${id}/cancel`, undefined, guest)).status).toBe(404);
  });

  it('lets the buyer cancel before paying: the line leaves the bill and nothing is ordered', async () => {
    const guest = await esim.hub.guestToken('table-6');
    const id = newId();
    await esim.hub.request('POST', '/api/guest/esim/purchases', { id, packageId: 'bonjour-7days-unlimited' }, guest);
    const ordersBefore = esim.fake.count('orders:post');
    const cancelled = await esim.hub.request('POST', `/api/guest/esim/purchases/${id}/cancel`, undefined, guest);
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    const bill = await billOf(guest);
    expect(bill.dueMinor).toBe(0);
    expect(bill.totalMinor).toBe(0);
    const twice = await esim.hub.request('POST', `/api/guest/esim/purchases/${id}/cancel`, undefined, guest);
    expect(twice).toMatchObject({ status: 409, body: { error: 'invalid_transition' } });
    expect(esim.fake.count('orders:post')).toBe(ordersBefore);
  });
});
