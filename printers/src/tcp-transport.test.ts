import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePrinter } from './fake-printer.ts';
import { renderEscPos } from './render-escpos.ts';
import { sampleKitchenTicket, sampleReceipt } from './samples.ts';
import { PrinterError, printBytes, readPrinterStatus, tcpTransport } from './tcp-transport.ts';

const printers: FakePrinter[] = [];
async function startPrinter(state: Parameters<typeof FakePrinter.start>[0] = {}): Promise<FakePrinter> {
  const printer = await FakePrinter.start(state);
  printers.push(printer);
  return printer;
}
afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.close()));
});

const ticket = renderEscPos(sampleKitchenTicket(), { paper: 80 });

async function printerError(promise: Promise<unknown>): Promise<PrinterError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PrinterError);
  return error as PrinterError;
}

describe('printBytes', () => {
  it('prints to an online printer: the printer gets exactly the job and its status is read before and after', async () => {
    const printer = await startPrinter();
    const result = await printBytes(printer.host, printer.port, ticket, { connectTimeoutMs: 1000, writeTimeoutMs: 2000 });
    expect(result).toMatchObject({ bytesWritten: ticket.length, statusBefore: { state: 'online' }, statusAfter: { state: 'online' } });

    const [job] = await printer.waitForJobs(1);
    const decoded = job!.decoded();
    expect(decoded.lines).toContain('1x Борщ со сметаной');
    expect(decoded.cuts).toBe(1);
    expect(decoded.statusRequests).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(printer.decoded().lines).toEqual(decoded.lines);
  });

  it('prints a receipt whose QR content and total reach the printer', async () => {
    const printer = await startPrinter();
    const receipt = sampleReceipt();
    await tcpTransport(printer.host, printer.port).print(renderEscPos(receipt, { paper: 58 }));
    const [job] = await printer.waitForJobs(1);
    expect(job!.decoded().qrCodes).toEqual([receipt.qrUrl]);
    expect(job!.decoded().lines.some((line) => /^TOTAL +€46\.70$/.test(line))).toBe(true);
  });

  it.each([
    ['paper_out', 'Paper is out: load a new roll.'],
    ['cover_open', 'The cover is open: close it until it clicks.'],
  ] as const)('refuses to send a job to a printer that reports %s, and nothing is printed', async (state, sentence) => {
    const printer = await startPrinter({ state });
    const error = await printerError(printBytes(printer.host, printer.port, ticket, { connectTimeoutMs: 1000 }));
    expect(error).toMatchObject({ code: state, delivery: 'not_sent', status: { state } });
    expect(error.message).toContain(sentence);

    await printer.waitForClosedConnections(1);
    expect(printer.jobs()).toEqual([]);
    expect(printer.connections[0]!.hasPrintData).toBe(false);
    expect(printer.decoded().lines).toEqual([]);
  });

  it('reports a printer error state as printer_error', async () => {
    const printer = await startPrinter({ state: 'error' });
    const error = await printerError(printBytes(printer.host, printer.port, ticket));
    expect(error).toMatchObject({ code: 'printer_error', delivery: 'not_sent' });
  });

  it('reports an offline (switched off) printer as connection_refused, not sent', async () => {
    const printer = await startPrinter({ state: 'offline' });
    const error = await printerError(printBytes(printer.host, printer.port, ticket, { connectTimeoutMs: 1000 }));
    expect(error).toMatchObject({ code: 'connection_refused', delivery: 'not_sent' });
    expect(error.message).toMatch(/refused the connection/);
  });

  it('gives up on a hung printer within the status timeout, without sending the job', async () => {
    const printer = await startPrinter({ state: 'hang' });
    const started = performance.now();
    const error = await printerError(printBytes(printer.host, printer.port, ticket, { statusTimeoutMs: 300, writeTimeoutMs: 300 }));
    const elapsed = performance.now() - started;
    expect(error).toMatchObject({ code: 'status_timeout', delivery: 'not_sent' });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
  });

  it('reports write_timeout with delivery unknown when a hung printer stops taking a job midway', async () => {
    const printer = await startPrinter({ state: 'hang' });
    const huge = new Uint8Array(32 * 1024 * 1024).fill(0x41); // far beyond the socket buffers
    const started = performance.now();
    const error = await printerError(printBytes(printer.host, printer.port, huge, { checkStatus: false, writeTimeoutMs: 300 }));
    expect(error).toMatchObject({ code: 'write_timeout', delivery: 'unknown' });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('reports connect_timeout, not sent, when the connection never opens', async () => {
    const started = performance.now();
    const neverConnects = () => new net.Socket();
    const error = await printerError(printBytes('192.0.2.1', 9100, ticket, { connectTimeoutMs: 200, connect: neverConnects }));
    expect(error).toMatchObject({ code: 'connect_timeout', delivery: 'not_sent' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps printing to healthy printers while another one hangs', async () => {
    const stuck = await startPrinter({ state: 'hang' });
    const kitchen = await startPrinter();
    const bar = await startPrinter();
    const options = { statusTimeoutMs: 1000, writeTimeoutMs: 1000 };

    let healthyDoneAt = 0;
    const stuckJob = printerError(printBytes(stuck.host, stuck.port, ticket, options)).then((error) => ({ error, at: performance.now() }));
    const healthy = Promise.all([
      printBytes(kitchen.host, kitchen.port, ticket, options),
      printBytes(bar.host, bar.port, ticket, options),
    ]).then((results) => {
      healthyDoneAt = performance.now();
      return results;
    });

    const [results, stuckResult] = await Promise.all([healthy, stuckJob]);
    expect(results.map((r) => r.statusAfter?.state)).toEqual(['online', 'online']);
    expect(stuckResult.error.code).toBe('status_timeout');
    expect(healthyDoneAt).toBeLessThan(stuckResult.at);
    expect((await kitchen.waitForJobs(1)).length).toBe(1);
    expect((await bar.waitForJobs(1)).length).toBe(1);
  });

  it('does not read a printer that starts answering with a non-status byte as a status', async () => {
    // A real printer may send automatic status blocks; those bytes fail the status-byte check.
    const server = net.createServer((socket) => {
      socket.on('data', (chunk) => {
        for (let i = 0; i + 2 < chunk.length; i++) if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) socket.write(Uint8Array.of(0x00, 0x12));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      expect((await readPrinterStatus('127.0.0.1', port, { timeoutMs: 1000 })).state).toBe('online');
    } finally {
      server.close();
    }
  });
});

describe('readPrinterStatus', () => {
  it.each(['online', 'paper_out', 'cover_open', 'error'] as const)('reads %s from the printer', async (state) => {
    const printer = await startPrinter({ state });
    expect((await readPrinterStatus(printer.host, printer.port, { timeoutMs: 1000 })).state).toBe(state);
  });

  it('times out on a hung printer', async () => {
    const printer = await startPrinter({ state: 'hang' });
    const error = await printerError(readPrinterStatus(printer.host, printer.port, { timeoutMs: 200 }));
    expect(error.code).toBe('status_timeout');
  });

  it('is reachable through the PrinterTransport interface', async () => {
    const printer = await startPrinter({ state: 'paper_out' });
    const transport = tcpTransport(printer.host, printer.port);
    expect(transport.description).toBe(`tcp://127.0.0.1:${printer.port}`);
    expect(await transport.status()).toMatchObject({ state: 'paper_out', message: 'Paper is out: load a new roll.' });
  });
});
