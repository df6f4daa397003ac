import type { FakePrinter } from '@onemoment/printers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from './harness.ts';
import { addPrinter, fakePrinter, jobs, paperOf, placeOrder, queueIdle, startPrintingHub } from './printing-helpers.ts';

describe('printer settings over HTTP', () => {
  let t: TestHub;
  let manager: string;
  let waiter: string;
  let kitchen: string;
  let fake: FakePrinter;

  beforeAll(async () => {
    t = await startPrintingHub();
    [manager, waiter, kitchen] = await Promise.all([t.login('1111'), t.login('2222'), t.login('3333')]);
    fake = await fakePrinter();
  });
  afterAll(async () => {
    await fake.close();
    await t.close();
  });

  const rows = (table: string) => t.hub.context.store.sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  const valid = { name: 'Grill printer', host: '192.168.1.50', stations: ['grill'], receipts: false };

  it.each([
    ['a web link as host', { ...valid, host: 'http://192.168.1.50' }, 'invalid_host'],
    ['the port glued to the host', { ...valid, host: '192.168.1.50:9100' }, 'invalid_host'],
    ['a Cyrillic host name', { ...valid, host: 'принтер.local' }, 'invalid_host'],
    ['an IP with a number over 255', { ...valid, host: '192.168.1.300' }, 'invalid_host'],
    ['a host with spaces', { ...valid, host: 'grill printer' }, 'invalid_host'],
    ['HTML as host', { ...valid, host: '<img src=x>' }, 'invalid_host'],
    ['port 0', { ...valid, port: 0 }, 'bad_request'],
    ['port 70000', { ...valid, port: 70000 }, 'bad_request'],
    ['the port as text', { ...valid, port: '9100' }, 'bad_request'],
    ['a fractional port', { ...valid, port: 91.5 }, 'bad_request'],
    ['an unknown station', { ...valid, stations: ['pizza'] }, 'unknown_station'],
    ['an unknown backup station', { ...valid, backupFor: ['pizza'] }, 'unknown_station'],
    ['a station twice', { ...valid, stations: ['grill', 'grill'] }, 'bad_request'],
    ['a station both first and backup', { ...valid, backupFor: ['grill'] }, 'invalid_backup'],
    ['stations as a string', { ...valid, stations: 'grill' }, 'bad_request'],
    ['receipts as text', { ...valid, receipts: 'yes' }, 'bad_request'],
    ['72 mm paper', { ...valid, paperWidth: 72 }, 'bad_request'],
    ['an empty name', { ...valid, name: '' }, 'bad_request'],
    ['a blank name', { ...valid, name: '   \n ' }, 'invalid_name'],
    ['a very long name', { ...valid, name: 'x'.repeat(61) }, 'bad_request'],
    ['an unknown field', { ...valid, ip: '10.0.0.1' }, 'bad_request'],
    ['no host', { name: 'x', stations: [], receipts: false }, 'bad_request'],
  ])('refuses %s with a 400 and writes nothing', async (_case, body, code) => {
    const response = await t.request('POST', '/api/printers', body, manager);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe(code);
    expect(typeof response.body.message).toBe('string');
    expect(rows('printers')).toBe(0);
  });

  it('lets only a manager add a printer', async () => {
    expect((await t.request('POST', '/api/printers', valid)).status).toBe(401);
    expect((await t.request('POST', '/api/printers', valid, waiter)).status).toBe(403);
    expect((await t.request('POST', '/api/printers', valid, kitchen)).status).toBe(403);
    expect((await t.request('POST', '/api/printers', valid, await t.guestToken('table-11'))).status).toBe(401);
    expect(rows('printers')).toBe(0);
  });

  it('adds a printer with defaults, lists it with its status, and refuses the same address twice', async () => {
    const created = await t.request('POST', '/api/printers', { ...valid, name: '  Grill  printer ', host: 'Grill-Printer.LOCAL' }, manager);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Grill  printer',
      host: 'grill-printer.local',
      port: 9100,
      paperWidth: 80,
      stations: ['grill'],
      receipts: false,
      backupFor: [],
      enabled: true,
      queue: { queued: 0, printing: 0, failed: 0 },
    });
    const again = await t.request('POST', '/api/printers', { ...valid, host: 'grill-printer.local', name: 'Copy' }, manager);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'printer_exists' });
    expect(again.body.message).toContain('Grill  printer');

    const listed = await t.request('GET', '/api/printers', undefined, kitchen);
    expect(listed.status).toBe(200);
    expect(listed.body.printers).toHaveLength(1);
    expect(listed.body.printers[0]).toMatchObject({ id: created.body.id, status: expect.stringMatching(/^(unknown|offline)$/) });
    expect(listed.body.stations.map((s: any) => s.id)).toEqual(['grill', 'cold', 'bar']);
    expect(listed.body.stations[0]).toMatchObject({ printerIds: [created.body.id], mode: 'both', prints: true });

    const deleted = await t.request('DELETE', `/api/printers/${created.body.id}`, undefined, manager);
    expect(deleted.status).toBe(204);
    expect(rows('printers')).toBe(0);
  });

  it('changes a printer, and refuses bad changes without writing', async () => {
    const printer = await addPrinter(t, manager, fake, { name: 'Pass printer', stations: ['cold'] });
    const changed = await t.request('PATCH', `/api/printers/${printer.id}`, { paperWidth: 58, backupFor: ['grill'], receipts: true }, manager);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ paperWidth: 58, backupFor: ['grill'], receipts: true, stations: ['cold'], name: 'Pass printer' });

    for (const body of [{}, { host: 'ftp://x' }, { stations: ['nope'] }, { port: -1 }, { enabled: 'no' }, { backupFor: ['cold'] }]) {
      const refused = await t.request('PATCH', `/api/printers/${printer.id}`, body, manager);
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    expect((await t.request('PATCH', '/api/printers/no-such-printer', { name: 'x' }, manager)).status).toBe(404);
    const after = (await t.request('GET', '/api/printers', undefined, manager)).body.printers[0];
    expect(after).toMatchObject({ paperWidth: 58, stations: ['cold'], backupFor: ['grill'], receipts: true, host: '127.0.0.1' });
    await t.request('DELETE', `/api/printers/${printer.id}`, undefined, manager);
  });

  it('refuses to remove a printer whose waiting jobs would be left without a printer', async () => {
    const down = await fakePrinter('offline');
    try {
      const printer = await addPrinter(t, manager, down, { name: 'Bar printer', stations: ['bar'] });
      await placeOrder(t, waiter, 'table-10', [{ menuItemId: 'espresso', quantity: 1 }]);
      await queueIdle(t);
      const refused = await t.request('DELETE', `/api/printers/${printer.id}`, undefined, manager);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe('printer_has_jobs');
      expect(refused.body.message).toContain('1 job is waiting for Bar printer (Bar)');
      expect(rows('printers')).toBe(1);

      // Another printer takes the bar: the waiting ticket prints there, and the first can go.
      const other = await addPrinter(t, manager, fake, { name: 'Spare', stations: ['bar'] });
      const [job] = await fake.waitForJobs(1);
      expect(paperOf(job!)).toContain('Espresso');
      expect((await t.request('DELETE', `/api/printers/${printer.id}`, undefined, manager)).status).toBe(204);
      expect((await t.request('DELETE', `/api/printers/${other.id}`, undefined, manager)).status).toBe(204);
      expect((await t.request('DELETE', `/api/printers/${other.id}`, undefined, manager)).status).toBe(404);
    } finally {
      await down.close();
    }
  });

  it('sets a station’s print mode for managers only, and only to a known mode of a known station', async () => {
    expect((await t.request('PUT', '/api/stations/grill/printing', { mode: 'paper' }, manager)).status).toBe(400);
    expect((await t.request('PUT', '/api/stations/grill/printing', { mode: 'kds', extra: 1 }, manager)).status).toBe(400);
    expect((await t.request('PUT', '/api/stations/pizza/printing', { mode: 'kds' }, manager)).status).toBe(404);
    expect((await t.request('PUT', '/api/stations/grill/printing', { mode: 'kds' }, kitchen)).status).toBe(403);
    expect(rows('station_printing')).toBe(0);
  });

  it('queues a test page that prints even on a printer switched off for stations', async () => {
    const printer = await addPrinter(t, manager, fake, { name: 'Test me', stations: ['grill'], receipts: true });
    await t.request('PATCH', `/api/printers/${printer.id}`, { enabled: false }, manager);
    const before = fake.jobs().length;
    const queued = await t.request('POST', `/api/printers/${printer.id}/test`, undefined, manager);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ kind: 'test', targetKind: 'printer', target: printer.id, targetName: 'Test me', status: 'queued' });
    const printed = await fake.waitForJobs(before + 1);
    const text = paperOf(printed.at(-1)!);
    expect(text).toContain('This is a test page');
    expect(text).toContain('Кириллица: Борщ');
    expect(text).toContain('Prints: Grill, Receipts');
    expect((await t.request('POST', '/api/printers/nope/test', undefined, manager)).status).toBe(404);
    await queueIdle(t);
    expect((await t.request('DELETE', `/api/printers/${printer.id}`, undefined, manager)).status).toBe(204);
  });

  it('previews a sample ticket, a sample receipt and a job as SVG on the printer’s paper', async () => {
    const printer = await addPrinter(t, manager, fake, { name: 'Preview', stations: [], paperWidth: 58 });
    try {
      const ticket = await t.request('GET', `/api/printers/${printer.id}/preview.svg`, undefined, kitchen);
      expect(ticket.status).toBe(200);
      expect(ticket.headers.get('content-type')).toContain('image/svg+xml');
      expect(ticket.body).toMatch(/^<svg /);
      expect(ticket.body).toContain('Борщ');
      // A rule spans the paper: 32 columns of 12 dots on 58 mm paper.
      expect(ticket.body).toContain('textLength="384" lengthAdjust="spacingAndGlyphs" xml:space="preserve">--------------------------------<');
      const receipt = await t.request('GET', `/api/printers/${printer.id}/preview.svg?kind=receipt`, undefined, manager);
      expect(receipt.body).toContain('OneMoment Demo Bistro');
      const [job] = await jobs(t, manager);
      const ofJob = await t.request('GET', `/api/printers/${printer.id}/preview.svg?jobId=${job.id}`, undefined, manager);
      expect(ofJob.status).toBe(200);
      expect(ofJob.body).toContain('<svg');
      expect((await t.request('GET', `/api/printers/${printer.id}/preview.svg?jobId=nope`, undefined, manager)).status).toBe(404);
      expect((await t.request('GET', `/api/printers/${printer.id}/preview.svg?kind=menu`, undefined, manager)).status).toBe(400);
      expect((await t.request('GET', '/api/printers/nope/preview.svg', undefined, manager)).status).toBe(404);
      expect((await t.request('GET', `/api/printers/${printer.id}/preview.svg`)).status).toBe(401);
    } finally {
      await t.request('DELETE', `/api/printers/${printer.id}`, undefined, manager);
    }
  });

  it('lists jobs by status, and refuses a reprint of a job that has not printed yet', async () => {
    expect((await t.request('GET', '/api/print-jobs?status=lost', undefined, manager)).status).toBe(400);
    expect((await t.request('GET', '/api/print-jobs?limit=0', undefined, manager)).status).toBe(400);
    expect((await t.request('GET', '/api/print-jobs', undefined, await t.guestToken('table-12'))).status).toBe(401);
    const printed = await jobs(t, manager, '?status=printed&limit=1');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ status: 'printed', ageSeconds: expect.any(Number) });
    expect((await t.request('POST', '/api/print-jobs/nope/reprint', {}, kitchen)).status).toBe(404);
    expect((await t.request('POST', `/api/print-jobs/${printed[0].id}/reprint`, { printerId: 'nope' }, kitchen)).status).toBe(404);
    expect((await t.request('POST', `/api/print-jobs/${printed[0].id}/reprint`, { copies: 2 }, kitchen)).status).toBe(400);

    const down = await fakePrinter('offline');
    try {
      const printer = await addPrinter(t, manager, down, { name: 'Cold printer', stations: ['cold'] });
      await placeOrder(t, waiter, 'table-12', [{ menuItemId: 'greek-salad', quantity: 1 }]);
      await queueIdle(t);
      const [waiting] = await jobs(t, manager, '?status=queued');
      const refused = await t.request('POST', `/api/print-jobs/${waiting.id}/reprint`, {}, kitchen);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe('job_not_finished');
      // Sent to a printer that works instead: a copy, marked as a reprint.
      const before = fake.jobs().length;
      await t.request('PATCH', `/api/printers/${printer.id}`, { stations: [] }, manager);
      const spare = await addPrinter(t, manager, fake, { name: 'Cold spare', stations: ['cold'] });
      const printedThere = await fake.waitForJobs(before + 1);
      expect(paperOf(printedThere.at(-1)!)).toContain('Greek salad');
      await queueIdle(t);
      const copy = await t.request('POST', `/api/print-jobs/${waiting.id}/reprint`, { printerId: spare.id }, kitchen);
      expect(copy.status).toBe(201);
      const copies = await fake.waitForJobs(before + 2);
      expect(paperOf(copies.at(-1)!)).toContain('REPRINT');
      await queueIdle(t);
      await t.request('DELETE', `/api/printers/${spare.id}`, undefined, manager);
      await t.request('DELETE', `/api/printers/${printer.id}`, undefined, manager);
    } finally {
      await down.close();
    }
  });

  it('answers a printer search with an empty list and a note when mDNS is off, never an error', async () => {
    const response = await t.request('GET', '/api/printers/discover?timeoutMs=500', undefined, manager);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ printers: [], note: expect.stringContaining('MDNS=off') });
    expect((await t.request('GET', '/api/printers/discover?timeoutMs=99999', undefined, manager)).status).toBe(400);
    expect((await t.request('GET', '/api/printers/discover', undefined, kitchen)).status).toBe(403);
  });
});
