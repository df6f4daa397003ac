/**
 * Payments and settled bills on their way to HQ: the hub records `payment.recorded` and `bill.settled`
 * in the day document their payload names, inside the command that publishes them; pairing sends the
 * hub's currency and time zone, and the real cloud (PGlite, in this process) reconciles them with the
 * venue HQ created. The payments module publishes these events; until it lands, the tests publish
 * them through `events.publish` inside a command, as it will.
 */
import { newId } from '@onemoment/shared/ids';
import type { EventPayload } from '@onemoment/shared/events/domain-events';
import type { BillSettled, Payment } from '@onemoment/shared/schemas/payments';
import { readBills, readPayments } from '@onemoment/shared/sync/payment-records';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../../cloud-sync/src/db/database.ts';
import { startCloud, type TestCloud } from '../../cloud-sync/test/support/cloud-harness.ts';
import { ManualClock } from '../src/clock.ts';
import { startTestHub, type TestHub } from './harness.ts';
import { waitFor } from './sync-fake-cloud.ts';

const DAY = '2026-06-01';
const YESTERDAY = '2026-05-31';

function payment(overrides: Partial<Payment> = {}): Payment {
  return {
    id: newId(),
    visitId: newId(),
    partId: null,
    method: 'card',
    amountMinor: 4_250,
    tipMinor: 300,
    tenderedMinor: null,
    changeMinor: 0,
    last4: '4242',
    approvalCode: 'XK42QZ',
    tonInvoiceId: null,
    currency: 'EUR',
    businessDay: DAY,
    staffId: 'staff-waiter-secret',
    createdAt: `${DAY}T12:30:00.000Z`,
    ...overrides,
  };
}

function bill(visitId: string, overrides: Partial<BillSettled> = {}): BillSettled {
  return {
    visitId,
    businessDay: DAY,
    currency: 'EUR',
    subtotalMinor: 4_500,
    discountMinor: 250,
    serviceChargeMinor: 0,
    taxMinor: 708,
    taxLines: [{ rateBp: 2000, netMinor: 3_542, taxMinor: 708 }],
    totalMinor: 4_250,
    paidMinor: 4_250,
    tipsMinor: 300,
    writtenOffMinor: 0,
    settledAt: `${DAY}T12:31:00.000Z`,
    ...overrides,
  };
}

describe('payments and settled bills in the day documents', () => {
  let t: TestHub;
  beforeEach(async () => {
    t = await startTestHub({ clock: new ManualClock(new Date(`${DAY}T12:00:00Z`)) });
  });
  afterEach(async () => {
    await t.close();
  });

  const sql = () => t.hub.context.store.sqlite;
  const sync = () => t.hub.modules.sync!;
  const rowCount = () => sql().prepare('SELECT COUNT(*) FROM sync_updates').pluck().get() as number;
  const dayDoc = (day: string) => sync().documents.get(`venue/demo-bistro/day/${day}`);
  const publish = <N extends 'payment.recorded' | 'bill.settled'>(type: N, payload: EventPayload<N>) =>
    t.hub.context.commands.run((tx) => {
      t.hub.context.events.publish(tx, type, ['staff'], payload);
    });

  it('writes a payment into the document of its business day, one row per event, without the card slip or who took it', async () => {
    const before = rowCount();
    const late = payment({ businessDay: YESTERDAY, createdAt: `${DAY}T01:30:00.000Z` });
    await publish('payment.recorded', late);
    expect(rowCount()).toBe(before + 1);
    expect(readPayments(dayDoc(YESTERDAY))).toEqual([
      { id: late.id, visitId: late.visitId, partId: null, method: 'card', amountMinor: 4_250, tipMinor: 300, currency: 'EUR', tonInvoiceId: null, createdAt: late.createdAt },
    ]);
    expect(readPayments(dayDoc(DAY))).toEqual([]);
    const stored = sql().prepare('SELECT doc_name AS docName, "update" FROM sync_updates ORDER BY id DESC LIMIT 1').get() as { docName: string; update: Buffer };
    expect(stored.docName).toBe(`venue/demo-bistro/day/${YESTERDAY}`);
    for (const secret of ['4242', 'XK42QZ', 'staff-waiter-secret']) expect(stored.update.toString('latin1')).not.toContain(secret);

    // The same event again (a retried command) writes nothing.
    await publish('payment.recorded', late);
    expect(rowCount()).toBe(before + 1);
    expect(sync().status().pendingUpdates).toBe(rowCount());
  });

  it('writes a settled bill, and only what a second settlement changed', async () => {
    const visitId = newId();
    await publish('bill.settled', bill(visitId));
    expect(readBills(dayDoc(DAY))).toMatchObject([{ visitId, status: 'paid', totalMinor: 4_250, taxLines: [{ rateBp: 2000, netMinor: 3_542, taxMinor: 708 }] }]);
    const before = rowCount();
    await publish('bill.settled', bill(visitId, { paidMinor: 3_750, writtenOffMinor: 500, settledAt: `${DAY}T13:00:00.000Z` }));
    expect(rowCount()).toBe(before + 1);
    const update = sql().prepare('SELECT "update" FROM sync_updates ORDER BY id DESC LIMIT 1').pluck().get() as Buffer;
    expect(update.length).toBeLessThan(60);
    expect(readBills(dayDoc(DAY))).toMatchObject([{ visitId, status: 'written_off', writtenOffMinor: 500, settledAt: `${DAY}T12:31:00.000Z` }]);
  });

  it('writes nothing when the command that published it fails', async () => {
    const before = rowCount();
    const lost = payment();
    await expect(
      t.hub.context.commands.run((tx) => {
        t.hub.context.events.publish(tx, 'payment.recorded', ['staff'], lost);
        throw new Error('the payment was refused after all');
      }),
    ).rejects.toThrow('refused after all');
    expect(rowCount()).toBe(before);
    expect(readPayments(dayDoc(DAY))).toEqual([]);
    // The next payment still goes in.
    await publish('payment.recorded', payment());
    expect(readPayments(dayDoc(DAY))).toHaveLength(1);
  });
});

describe("pairing with the cloud: the hub's currency and time zone", () => {
  let database: Database;
  let cloud: TestCloud;
  let hq: string;
  let t: TestHub;
  let manager: string;

  beforeAll(async () => {
    database = await openPglite(null);
    cloud = await startCloud({ database });
    hq = await cloud.hqToken();
  });
  afterAll(async () => {
    await cloud?.close();
    await database?.close();
  });
  beforeEach(async () => {
    t = await startTestHub({ clock: new ManualClock(new Date(`${DAY}T12:00:00Z`)) });
    manager = await t.login('1111');
  });
  afterEach(async () => {
    await t.close();
  });

  const createVenue = async (name: string, currency: string, timezone: string) => {
    const created = await cloud.request('POST', '/api/hq/venues', { name, timezone, currency }, hq);
    expect(created.status).toBe(201);
    return created.body as { id: string; pairingCode: string };
  };
  const venueRecord = async (id: string) => (await cloud.request('GET', '/api/hq/venues', undefined, hq)).body.venues.find((v: { id: string }) => v.id === id);
  const publish = <N extends 'payment.recorded' | 'bill.settled'>(type: N, payload: EventPayload<N>) =>
    t.hub.context.commands.run((tx) => {
      t.hub.context.events.publish(tx, type, ['staff'], payload);
    });

  it("pairs a EUR hub with a fresh HQ venue created as RUB on Asia/Tokyo: the venue takes EUR and the hub's time zone, and the euros taken before pairing reach HQ as euros", async () => {
    const cash = payment({ method: 'cash', amountMinor: 2_000, tipMinor: 0, tenderedMinor: 5_000, changeMinor: 3_000, last4: null, approvalCode: null });
    const card = payment();
    await publish('payment.recorded', cash);
    await publish('payment.recorded', card);
    await publish('bill.settled', bill(card.visitId));
    const venue = await createVenue('Tokyo, by mistake', 'RUB', 'Asia/Tokyo');

    const paired = await t.request('POST', '/api/sync/pair', { cloudUrl: cloud.baseUrl, pairingCode: venue.pairingCode }, manager);
    expect(paired.status, JSON.stringify(paired.body)).toBe(200);
    expect(await venueRecord(venue.id)).toMatchObject({ currency: 'EUR', timezone: 'Europe/Berlin' });
    const sync = t.hub.modules.sync!;
    await waitFor('the payments to reach the cloud', () => sync.status().connected && sync.status().pendingUpdates === 0, 30_000);

    const takings = await cloud.request('GET', `/api/hq/reports/takings?venueId=${venue.id}&from=${DAY}&to=${DAY}`, undefined, hq);
    expect(takings.status).toBe(200);
    expect(takings.body.totals).toEqual([
      expect.objectContaining({
        currency: 'EUR',
        payments: 2,
        takingsMinor: 6_250,
        tipsMinor: 300,
        settledBills: 1,
        discountMinor: 250,
        taxLines: [{ rateBp: 2000, netMinor: 3_542, taxMinor: 708 }],
      }),
    ]);
    expect(takings.body.byDay.map((d: { day: string; currency: string }) => [d.day, d.currency])).toEqual([[DAY, 'EUR']]);
  });

  it('shows the cloud\'s refusal in words when the HQ venue already sells in RUB, and stays unpaired', async () => {
    const venue = await createVenue('Tokyo sushi', 'RUB', 'Asia/Tokyo');
    const first = await cloud.request('POST', '/api/pair', { pairingCode: venue.pairingCode, hubName: 'Tokyo hub', currency: 'RUB', timezone: 'Asia/Tokyo' });
    expect(first.status).toBe(200);
    const code = (await cloud.request('POST', `/api/hq/venues/${venue.id}/pairing-codes`, undefined, hq)).body.pairingCode as string;

    const refused = await t.request('POST', '/api/sync/pair', { cloudUrl: cloud.baseUrl, pairingCode: code }, manager);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('venue_mismatch');
    expect(refused.body.message).toMatch(/^This hub sells in EUR on Europe\/Berlin time, but HQ's venue "Tokyo sushi" is set to RUB on Asia\/Tokyo time/);
    expect(refused.body.message).toContain('Ask HQ for the pairing code of a venue in EUR (Europe/Berlin)');
    expect(t.hub.modules.sync!.status()).toMatchObject({ paired: false, cloudUrl: null });
    expect(await venueRecord(venue.id)).toMatchObject({ currency: 'RUB', timezone: 'Asia/Tokyo', hubs: 1 });
  });
});
