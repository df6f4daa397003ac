import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TIMEOUTS, type FakePrinter } from '@onemoment/printers';
import { newId } from '@onemoment/shared/ids';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestHub } from './harness.ts';
import { addPrinter, fakePrinter, jobs, paperOf, placeOrder, printing, queueIdle, startPrintingHub } from './printing-helpers.ts';

/** Everything a test started, closed after it whatever happened. */
const cleanup: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function hub(options: Parameters<typeof startPrintingHub>[0] = {}): Promise<{ t: TestHub; manager: string; waiter: string }> {
  const t = await startPrintingHub(options);
  cleanup.push(() => t.close());
  const [manager, waiter] = await Promise.all([t.login('1111'), t.login('2222')]);
  return { t, manager, waiter };
}

async function printer(state: Parameters<typeof fakePrinter>[0] = 'online'): Promise<FakePrinter> {
  const fake = await fakePrinter(state);
  cleanup.push(() => fake.close());
  return fake;
}

describe('kitchen tickets', () => {
  it('prints one ticket at each station’s printer with only its items, Russian names in Cyrillic', async () => {
    const { t, manager, waiter } = await hub();
    const grill = await printer();
    const bar = await printer();
    const grillPrinter = await addPrinter(t, manager, grill, { name: 'Grill printer', stations: ['grill'] });
    const barPrinter = await addPrinter(t, manager, bar, { name: 'Bar printer', stations: ['bar'], paperWidth: 58 });

    const order = await placeOrder(t, waiter, 'table-3', [
      { menuItemId: 'classic-burger', quantity: 2, modifierIds: ['classic-burger--medium'], note: 'No pickles <b>please</b>' },
      { menuItemId: 'black-tea', quantity: 1 },
    ]);
    const [grillJob] = await grill.waitForJobs(1);
    const [barJob] = await bar.waitForJobs(1);
    await queueIdle(t);

    const grillPaper = grillJob!.decoded();
    const grillText = paperOf(grillJob!);
    expect(grillText).toContain('GRILL');
    expect(grillText).toMatch(new RegExp(`Table 3\\s+#${order.number}`));
    expect(grillText).toContain('2x Classic burger / Классический');
    expect(grillText).toContain('бургер');
    expect(grillText).toContain('+ Medium / Средняя');
    expect(grillText).toContain('! No pickles <b>please</b>');
    expect(grillText).not.toMatch(/tea|чай/i);
    expect(grillPaper.cuts).toBe(1);

    const barText = paperOf(barJob!);
    expect(barText).toContain('BAR');
    expect(barText).toContain(`#${order.number}`);
    expect(barText).toContain('1x Black tea / Чёрный чай');
    expect(barText).not.toMatch(/burger/i);
    expect(bar.decoded().cuts).toBe(1);

    const listed = await jobs(t, manager);
    expect(listed).toHaveLength(2);
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'ticket', target: 'grill', targetName: 'Grill', status: 'printed', attempts: 1, printerId: grillPrinter.id, orderNumber: order.number, orderId: order.id, lastError: null }),
        expect.objectContaining({ kind: 'ticket', target: 'bar', status: 'printed', attempts: 1, printerId: barPrinter.id }),
      ]),
    );
    // Exactly one job each: nothing else printed.
    expect(grill.jobs()).toHaveLength(1);
    expect(bar.jobs()).toHaveLength(1);
  });

  it('prints a stop chit when staff cancel or void items a printer station is making, and nothing for items it is not', async () => {
    const { t, manager, waiter } = await hub();
    const grill = await printer();
    await addPrinter(t, manager, grill, { name: 'Grill printer', stations: ['grill', 'bar'] });
    const order = await placeOrder(t, waiter, 'table-4', [
      { menuItemId: 'classic-burger', quantity: 2, modifierIds: ['classic-burger--medium'] },
      { menuItemId: 'tomato-soup', quantity: 1 },
      { menuItemId: 'black-tea', quantity: 1 },
    ]);
    await grill.waitForJobs(2);
    const itemId = (menuItemId: string) =>
      t.hub.context.store.sqlite.prepare('SELECT id FROM order_items WHERE order_id = ? AND menu_item_id = ?').pluck().get(order.id, menuItemId) as string;

    const voided = await t.request('POST', `/api/orders/${order.id}/items/${itemId('classic-burger')}/transition`, { to: 'voided', reason: 'Guest is vegetarian' }, manager);
    expect(voided.status).toBe(200);
    const [, , stop] = await grill.waitForJobs(3);
    const paper = paperOf(stop!);
    expect(paper).toContain('VOID - DO NOT MAKE');
    expect(paper).toMatch(new RegExp(`Table 4\\s+#${order.number}`));
    expect(paper).toContain('2x Classic burger');
    expect(paper).toContain('+ Medium');
    expect(paper).not.toMatch(/soup|tea/i);
    // Serving an item stops nothing: no chit. The tea is bumped and served, then the rest of the order is cancelled.
    await t.request('POST', `/api/kds/items/${itemId('black-tea')}/bump`, undefined, manager);
    expect((await t.request('POST', `/api/orders/${order.id}/items/${itemId('black-tea')}/transition`, { to: 'served' }, waiter)).status).toBe(200);
    expect((await t.request('POST', `/api/orders/${order.id}/transition`, { to: 'voided', reason: 'Kitchen closed' }, manager)).status).toBe(200);
    const all = await grill.waitForJobs(4);
    const last = paperOf(all[3]!);
    expect(last).toContain('VOID - DO NOT MAKE');
    expect(last).toContain('Tomato soup');
    expect(last).not.toMatch(/burger|tea/i);
    await queueIdle(t);
    expect(grill.jobs()).toHaveLength(4);
  });

  it('prints nothing for a KDS-only station, and prints for printer-only and both', async () => {
    const { t, manager, waiter } = await hub();
    const grill = await printer();
    await addPrinter(t, manager, grill, { name: 'Grill printer', stations: ['grill'] });

    const kdsOnly = await t.request('PUT', '/api/stations/grill/printing', { mode: 'kds' }, manager);
    expect(kdsOnly.status).toBe(200);
    expect(kdsOnly.body).toMatchObject({ id: 'grill', mode: 'kds', prints: false });
    await placeOrder(t, waiter, 'table-1', [{ menuItemId: 'tomato-soup', quantity: 1 }]);
    await queueIdle(t);
    expect(await jobs(t, manager)).toEqual([]);

    expect((await t.request('PUT', '/api/stations/grill/printing', { mode: 'printer' }, manager)).body).toMatchObject({ mode: 'printer', prints: true });
    const second = await placeOrder(t, waiter, 'table-1', [{ menuItemId: 'tomato-soup', quantity: 1 }]);
    expect((await t.request('PUT', '/api/stations/grill/printing', { mode: 'both' }, manager)).body).toMatchObject({ mode: 'both', prints: true });
    const third = await placeOrder(t, waiter, 'table-1', [{ menuItemId: 'tomato-soup', quantity: 1 }]);
    const printed = await grill.waitForJobs(2);
    expect(printed.map((job) => paperOf(job).includes(`#${second.number}`))).toEqual([true, false]);
    expect(paperOf(printed[1]!)).toContain(`#${third.number}`);

    const stations = (await t.request('GET', '/api/printers', undefined, manager)).body.stations;
    expect(stations.find((s: any) => s.id === 'grill')).toMatchObject({ mode: 'both', prints: true });
    expect(stations.find((s: any) => s.id === 'cold')).toMatchObject({ mode: 'both', prints: false, printerIds: [] });
  });

  it('sends a station’s tickets to its backup printer while its own printer is down', async () => {
    const { t, manager, waiter } = await hub();
    const main = await printer('cover_open');
    const spare = await printer();
    await addPrinter(t, manager, main, { name: 'Cold printer', stations: ['cold'] });
    await addPrinter(t, manager, spare, { name: 'Pass printer', backupFor: ['cold'] });
    await t.request('GET', '/api/printers?refresh=true', undefined, manager);

    await placeOrder(t, waiter, 'table-2', [{ menuItemId: 'greek-salad', quantity: 1 }]);
    const [job] = await spare.waitForJobs(1);
    expect(paperOf(job!)).toContain('Greek salad / Греческий салат');
    expect(main.jobs()).toHaveLength(0);
  });
});

describe('a printer that is down', () => {
  it('holds tickets across a hub restart and prints each of them exactly once, in order, when it comes back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-printing-restart-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const grill = await printer('offline');

    const first = await startPrintingHub({ dataDir });
    let firstClosed = false;
    cleanup.push(() => (firstClosed ? undefined : first.close()));
    const manager = await first.login('1111');
    const waiter = await first.login('2222');
    await addPrinter(first, manager, grill, { name: 'Grill printer', stations: ['grill'] });
    const orders = [];
    for (const menuItemId of ['tomato-soup', 'ribeye-steak', 'grilled-salmon']) {
      const modifierIds = menuItemId === 'ribeye-steak' ? ['ribeye-steak--rare'] : undefined;
      orders.push(await placeOrder(first, waiter, 'table-4', [{ menuItemId, quantity: 1, modifierIds }]));
    }
    await queueIdle(first);
    const waiting = (await jobs(first, manager)).reverse();
    expect(waiting.map((job) => job.status)).toEqual(['queued', 'queued', 'queued']);
    expect(waiting[0].attempts).toBeGreaterThanOrEqual(1);
    expect(waiting[0].lastError).toContain('Grill printer is not answering');
    // Later tickets wait behind the first: they are not even tried while it cannot print.
    expect(waiting.slice(1).map((job) => job.attempts)).toEqual([0, 0]);
    await first.close();
    firstClosed = true;

    const second = await startPrintingHub({ dataDir });
    cleanup.push(() => second.close());
    const manager2 = await second.login('1111');
    await grill.setState('online');
    expect((await second.request('POST', '/api/print-jobs/retry', {}, manager2)).status).toBe(200);
    const printed = await grill.waitForJobs(3);
    printing(second).queue.kick();
    await queueIdle(second);

    expect(grill.jobs()).toHaveLength(3);
    expect(printed.map((job) => paperOf(job))).toEqual([
      expect.stringContaining(`#${orders[0]!.number}`),
      expect.stringContaining(`#${orders[1]!.number}`),
      expect.stringContaining(`#${orders[2]!.number}`),
    ]);
    expect(paperOf(printed[0]!)).toContain('Tomato soup');
    expect(paperOf(printed[1]!)).toContain('Ribeye steak');
    expect(paperOf(printed[2]!)).toContain('Grilled salmon');
    const done = (await jobs(second, manager2)).reverse();
    expect(done.map((job) => job.status)).toEqual(['printed', 'printed', 'printed']);
    expect(done.map((job) => job.lastError)).toEqual([null, null, null]);
  });

  it('fails a job that was being sent when the hub stopped, as "may have printed", and never prints it by itself', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-printing-crash-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const grill = await printer('hang');
    const first = await startPrintingHub({ dataDir });
    let firstClosed = false;
    cleanup.push(() => (firstClosed ? undefined : first.close()));
    // The send hangs for as long as the test runs, and closing lets go of it at once: as if the power went.
    printing(first).queue.options.transport = { ...DEFAULT_TIMEOUTS, statusTimeoutMs: 120_000, writeTimeoutMs: 120_000 };
    printing(first).queue.options.stopGraceMs = 0;
    const manager = await first.login('1111');
    const waiter = await first.login('2222');
    await addPrinter(first, manager, grill, { name: 'Grill printer', stations: ['grill'] });
    const order = await placeOrder(first, waiter, 'table-11', [{ menuItemId: 'fish-and-chips', quantity: 1 }]);
    expect((await jobs(first, manager))[0]).toMatchObject({ status: 'printing', orderNumber: order.number });
    await first.close();
    firstClosed = true;

    await grill.setState('online');
    const second = await startPrintingHub({ dataDir });
    cleanup.push(() => second.close());
    const kitchen = await second.login('3333');
    printing(second).queue.kick();
    await queueIdle(second);
    const [job] = await jobs(second, kitchen);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job.lastError).toBe(
      'The hub stopped while this ticket was being sent to the printer: it may have printed. Check the printer, and press Reprint if the ticket is missing.',
    );
    expect(grill.jobs()).toHaveLength(0);

    // The cook looked, the ticket is missing: a reprint prints it, marked as a reprint.
    expect((await second.request('POST', `/api/print-jobs/${job.id}/reprint`, {}, kitchen)).status).toBe(201);
    const [copy] = await grill.waitForJobs(1);
    expect(paperOf(copy!)).toContain('REPRINT');
    expect(paperOf(copy!)).toContain('Fish and chips');
  });

  it('does not let a printer that accepts and then hangs block another printer or the API', async () => {
    const { t, manager, waiter } = await hub();
    const grill = await printer('hang');
    const bar = await printer();
    // The stuck attempt must last for the whole test, however slow the machine: it ends when the printer goes away.
    printing(t).queue.options.transport = { ...DEFAULT_TIMEOUTS, statusTimeoutMs: 120_000, writeTimeoutMs: 120_000 };
    const grillPrinter = await addPrinter(t, manager, grill, { name: 'Grill printer', stations: ['grill'] });
    await addPrinter(t, manager, bar, { name: 'Bar printer', stations: ['bar'] });

    const order = await placeOrder(t, waiter, 'table-6', [
      { menuItemId: 'tomato-soup', quantity: 1 },
      { menuItemId: 'espresso', quantity: 2 },
    ]);
    const [barJob] = await bar.waitForJobs(1);
    expect(paperOf(barJob!)).toContain('2x Espresso');
    await printing(t).queue.idle({ kind: 'station', id: 'bar' });

    // The grill's job is still being sent, and the API answers meanwhile.
    expect(printing(t).queue.isBusy(grillPrinter.id)).toBe(true);
    const health = await t.request('GET', '/api/health');
    expect(health.status).toBe(200);
    const listed = await jobs(t, manager);
    expect(listed.find((job) => job.target === 'grill')).toMatchObject({ status: 'printing', orderNumber: order.number });
    expect(listed.find((job) => job.target === 'bar')).toMatchObject({ status: 'printed' });
    const second = await placeOrder(t, waiter, 'table-7', [{ menuItemId: 'cappuccino', quantity: 1, modifierIds: ['cappuccino--oat-milk'] }]);
    const [, nextBar] = await bar.waitForJobs(2);
    expect(paperOf(nextBar!)).toContain(`#${second.number}`);

    // The hung printer goes away: nothing of the job had been sent, so it waits to be printed again.
    await grill.close();
    await printing(t).queue.idle({ kind: 'station', id: 'grill' });
    const grillJob = (await jobs(t, manager)).find((job) => job.target === 'grill');
    expect(grillJob).toMatchObject({ status: 'queued', attempts: 1 });
    expect(grillJob.lastError).toContain('The ticket will print as soon as the printer is ready.');
  });

  it('keeps a ticket queued while the paper is out, tells the kitchen, and prints it once when paper is back', async () => {
    const { t, manager, waiter } = await hub();
    const kitchen = await t.login('3333');
    const grill = await printer('paper_out');
    const socket: Socket = io(t.baseUrl + '/kds', {
      path: '/socket.io',
      auth: { token: kitchen, station: 'grill' },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    cleanup.push(() => {
      socket.disconnect();
    });
    const statuses: any[] = [];
    socket.on('event', (event: { type: string; payload: any }) => {
      if (event.type === 'printer.status') statuses.push(event.payload);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('ready', () => resolve());
      socket.once('connect_error', reject);
    });
    const paperBack = new Promise<void>((resolve) => socket.on('event', (event: { type: string; payload: any }) => {
      if (event.type === 'printer.status' && event.payload.status === 'online') resolve();
    }));

    const grillPrinter = await addPrinter(t, manager, grill, { name: 'Grill printer', stations: ['grill'] });
    await placeOrder(t, waiter, 'table-8', [{ menuItemId: 'chicken-schnitzel', quantity: 1 }]);
    await queueIdle(t);

    const [waiting] = await jobs(t, manager);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, printerId: grillPrinter.id });
    expect(waiting.lastError).toBe('Grill printer: Paper is out: load a new roll. The ticket will print as soon as the printer is ready.');
    expect(waiting.nextAttemptAt).not.toBeNull();
    expect(grill.jobs()).toHaveLength(0);
    const listed = (await t.request('GET', '/api/printers', undefined, kitchen)).body.printers[0];
    expect(listed).toMatchObject({ status: 'paper_out', statusMessage: 'Paper is out: load a new roll.', queue: { queued: 1, printing: 0 } });

    await grill.setState('online');
    await t.request('POST', '/api/print-jobs/retry', {}, kitchen);
    const [job] = await grill.waitForJobs(1);
    expect(paperOf(job!)).toContain('Chicken schnitzel');
    printing(t).queue.kick();
    await queueIdle(t);
    expect(grill.jobs()).toHaveLength(1);
    expect((await jobs(t, manager))[0]).toMatchObject({ status: 'printed', lastError: null });

    await paperBack;
    expect(statuses[0]).toMatchObject({ printerId: grillPrinter.id, name: 'Grill printer', stations: ['grill'], status: 'paper_out', message: 'Paper is out: load a new roll.' });
    expect(statuses.at(-1)).toMatchObject({ printerId: grillPrinter.id, status: 'online' });
  });
});

describe('receipts', () => {
  it('prints the bill when the guest asks for it, with the total and the QR link; a reprint makes a second copy', async () => {
    const { t, manager, waiter } = await hub();
    const till = await printer();
    await addPrinter(t, manager, till, { name: 'Till', receipts: true });
    const guest = await t.guestToken('table-5');
    const placed = await t.request(
      'POST',
      '/api/guest/orders',
      { id: newId(), items: [{ menuItemId: 'lemonade', quantity: 2 }, { menuItemId: 'hummus', quantity: 1 }] },
      guest,
    );
    expect(placed.status).toBe(201);
    expect(placed.body.totalMinor).toBe(2 * 450 + 700);

    expect((await t.request('POST', '/api/guest/requests', { kind: 'bill' }, guest)).status).toBe(201);
    const [receipt] = await till.waitForJobs(1);
    const paper = receipt!.decoded();
    const text = paper.lines.join('\n');
    expect(text).toContain('OneMoment Demo Bistro');
    expect(text).toContain('Table 5');
    expect(text).toMatch(/2x Homemade lemonade\s+€9\.00/);
    expect(text).toMatch(/TOTAL\s+€16\.00/);
    expect(paper.qrCodes).toEqual([`${t.hub.context.publicUrl()}/t/${t.tableCode('table-5')}`]);
    expect(paper.cuts).toBe(1);

    await queueIdle(t);
    const [job] = await jobs(t, manager);
    expect(job).toMatchObject({ kind: 'receipt', target: 'receipts', status: 'printed' });
    const copy = await t.request('POST', `/api/print-jobs/${job.id}/reprint`, {}, waiter);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ kind: 'receipt', copyOf: job.id, status: 'queued' });
    const [, second] = await till.waitForJobs(2);
    expect(second!.decoded().lines).toEqual(paper.lines);
    expect(second!.decoded().qrCodes).toEqual(paper.qrCodes);

    const onDemand = await t.request('POST', `/api/orders/${placed.body.id}/receipt`, {}, waiter);
    expect(onDemand.status).toBe(201);
    const [, , third] = await till.waitForJobs(3);
    expect(paperOf(third!)).toContain(`Order #${placed.body.number}`);
    // Asking for the bill again while the first call is pending rings once and prints nothing new.
    expect((await t.request('POST', '/api/guest/requests', { kind: 'bill' }, guest)).status).toBe(200);
    await queueIdle(t);
    expect(till.jobs()).toHaveLength(3);
  });

  it('prints no receipt without a receipt printer, and says so when one is asked for', async () => {
    const { t, manager, waiter } = await hub();
    const grill = await printer();
    await addPrinter(t, manager, grill, { name: 'Grill printer', stations: ['grill'] });
    const order = await placeOrder(t, waiter, 'table-9', [{ menuItemId: 'espresso', quantity: 1 }]);
    const guest = await t.guestToken('table-9');
    expect((await t.request('POST', '/api/guest/requests', { kind: 'bill' }, guest)).status).toBe(201);
    const refused = await t.request('POST', `/api/orders/${order.id}/receipt`, {}, waiter);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'no_receipt_printer' });
    await queueIdle(t);
    expect(await jobs(t, manager)).toEqual([]);
  });
});
