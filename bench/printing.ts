/**
 * Printing figures: kitchen tickets rendered per second (document build + ESC/POS encoding, as the print
 * queue does it), beside a baseline that only encodes the ticket's text lines as bytes; and the time from
 * an order's POST to its ticket's bytes at a fake printer on 127.0.0.1, beside a baseline that sends the
 * same bytes to the same printer with the transport alone (no hub).
 */
import { FakePrinter, printBytes } from '@onemoment/printers';
import { newId } from '@onemoment/shared/ids';
import type { Order } from '@onemoment/shared/schemas/orders';
import { pathToFileURL } from 'node:url';
import { startTestHub } from '../hub/test/harness.ts';
import { ticketBytes } from './support/print-tickets.ts';
import { summarize, type Summary } from './support/stats.ts';

export interface PrintingReport {
  ticketsPerSecond: number;
  textOnlyPerSecond: number;
  orderToBytes: Summary;
  transportOnly: Summary;
}

const LINES = [
  { menuItemId: 'classic-burger', quantity: 2, modifierIds: ['classic-burger--medium', 'classic-burger--burger-fries'], note: 'no pickles' },
  { menuItemId: 'ribeye-steak', quantity: 1, modifierIds: ['ribeye-steak--rare'] },
  { menuItemId: 'garlic-prawns', quantity: 1 },
];

function ratePerSecond(work: () => void, durationMs: number): number {
  const end = performance.now() + durationMs;
  let count = 0;
  while (performance.now() < end) {
    work();
    count++;
  }
  return count / (durationMs / 1000);
}

export async function runPrinting(samples = 200): Promise<PrintingReport> {
  const printer = await FakePrinter.start({ state: 'online' });
  const hub = await startTestHub();
  try {
    const manager = await hub.login('1111');
    const waiter = await hub.login('2222');
    const added = await hub.request('POST', '/api/printers', { name: 'Grill', host: printer.host, port: printer.port, stations: ['grill'], receipts: false }, manager);
    if (added.status !== 201) throw new Error(`adding the printer failed: ${added.status} ${JSON.stringify(added.body)}`);

    // Order to bytes at the printer: one order at a time, so each figure is one ticket's whole path.
    const orderToBytes: number[] = [];
    let sample: Order | null = null;
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      const placed = await hub.request<Order>('POST', '/api/orders', { id: newId(), tableId: `table-${(i % 12) + 1}`, items: LINES }, waiter);
      if (placed.status !== 201) throw new Error(`placing an order failed: ${placed.status} ${JSON.stringify(placed.body)}`);
      await printer.waitForJobs(i + 1);
      orderToBytes.push(performance.now() - started);
      sample = placed.body;
    }
    const printed = printer.jobs().length;
    if (printed !== samples) throw new Error(`expected ${samples} tickets at the printer, got ${printed}`);

    // Baseline: the same ticket's bytes sent straight to the printer by the transport.
    const bytes = ticketBytes(sample!, { id: 'grill', name: 'Grill' });
    if (!bytes) throw new Error('the sample order rendered no grill ticket');
    const transportOnly: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      await printBytes(printer.host, printer.port, bytes);
      await printer.waitForJobs(samples + i + 1);
      transportOnly.push(performance.now() - started);
    }

    const encoder = new TextEncoder();
    const textLines = sample!.items.map((item) => `${item.quantity}x ${item.name}`).join('\n');
    return {
      ticketsPerSecond: ratePerSecond(() => ticketBytes(sample!, { id: 'grill', name: 'Grill' }), 2000),
      textOnlyPerSecond: ratePerSecond(() => encoder.encode(textLines), 500),
      orderToBytes: summarize(orderToBytes),
      transportOnly: summarize(transportOnly),
    };
  } finally {
    await hub.close();
    await printer.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await runPrinting();
  console.log(`tickets rendered: ${Math.round(report.ticketsPerSecond)}/s (text-only encoding ${Math.round(report.textOnlyPerSecond)}/s)`);
  console.log(`order → ticket bytes at the printer: p50 ${report.orderToBytes.p50.toFixed(1)} ms, p99 ${report.orderToBytes.p99.toFixed(1)} ms`);
  console.log(`transport alone: p50 ${report.transportOnly.p50.toFixed(1)} ms, p99 ${report.transportOnly.p99.toFixed(1)} ms`);
}
