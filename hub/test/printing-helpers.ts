// Shared by the printing tests: fake printers registered through the API, orders placed by a waiter,
// and a way to wait for the print queue without sleeping.
import { FakePrinter, type FakePrinterState } from '@onemoment/printers';
import { newId } from '@onemoment/shared/ids';
import { startTestHub, type TestHub, type TestHubOptions } from './harness.ts';

export async function startPrintingHub(options: TestHubOptions = {}): Promise<TestHub> {
  return startTestHub({ ...options, env: { MDNS: 'off', ...options.env } });
}

export function printing(t: TestHub) {
  const printing = t.hub.modules.printing;
  if (!printing) throw new Error('this hub runs without the printing module');
  return printing;
}

/** Waits until no print loop is sending (jobs waiting for a back-off do not count). */
export function queueIdle(t: TestHub): Promise<void> {
  return printing(t).queue.idle();
}

export async function fakePrinter(state: FakePrinterState = 'online'): Promise<FakePrinter> {
  return FakePrinter.start({ state });
}

export async function addPrinter(
  t: TestHub,
  manager: string,
  fake: FakePrinter,
  settings: { name: string; stations?: string[]; receipts?: boolean; backupFor?: string[]; paperWidth?: 58 | 80 },
): Promise<{ id: string; [key: string]: unknown }> {
  const response = await t.request(
    'POST',
    '/api/printers',
    { host: fake.host, port: fake.port, stations: [], receipts: false, ...settings },
    manager,
  );
  if (response.status !== 201) throw new Error(`adding ${settings.name} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface Line {
  menuItemId: string;
  quantity: number;
  modifierIds?: string[];
  note?: string;
}

export async function placeOrder(t: TestHub, waiter: string, tableId: string, items: Line[]): Promise<{ id: string; number: number }> {
  const response = await t.request('POST', '/api/orders', { id: newId(), tableId, items }, waiter);
  if (response.status !== 201) throw new Error(`placing an order failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function jobs(t: TestHub, token: string, query = ''): Promise<any[]> {
  const response = await t.request('GET', `/api/print-jobs${query}`, undefined, token);
  if (response.status !== 200) throw new Error(`listing jobs failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.jobs;
}

/** The text a fake printer put on paper for one job. */
export function paperOf(job: { decoded(): { lines: string[] } }): string {
  return job.decoded().lines.join('\n');
}
