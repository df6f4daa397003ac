import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePrinter } from './fake-printer.ts';

const printers: FakePrinter[] = [];
async function startPrinter(...args: Parameters<typeof FakePrinter.start>): Promise<FakePrinter> {
  const printer = await FakePrinter.start(...args);
  printers.push(printer);
  return printer;
}
afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.close()));
});

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

function nextBytes(socket: net.Socket, count: number): Promise<number[]> {
  return new Promise((resolve) => {
    const got: number[] = [];
    const onData = (chunk: Buffer) => {
      got.push(...chunk);
      if (got.length >= count) {
        socket.off('data', onData);
        resolve(got);
      }
    };
    socket.on('data', onData);
  });
}

describe('FakePrinter', () => {
  it('answers DLE EOT like an online printer, even when the request arrives split', async () => {
    const printer = await startPrinter();
    const socket = await connect(printer.port);
    const answers = nextBytes(socket, 2);
    socket.write(Uint8Array.of(0x10));
    socket.write(Uint8Array.of(0x04, 0x01, 0x10, 0x04));
    socket.write(Uint8Array.of(0x04));
    expect(await answers).toEqual([0x12, 0x12]);
    socket.destroy();
  });

  it('records each job per connection and all together, and decodes them', async () => {
    const printer = await startPrinter();
    for (const text of ['first', 'second']) {
      const socket = await connect(printer.port);
      socket.end(Uint8Array.from([0x1b, 0x40, ...Buffer.from(text), 0x0a, 0x1d, 0x56, 0x00]));
    }
    const jobs = await printer.waitForJobs(2);
    expect(jobs.map((job) => job.decoded().lines)).toEqual([['first'], ['second']]);
    expect(printer.decoded()).toMatchObject({ lines: ['first', 'second'], cuts: 2 });
    expect(printer.allBytes().length).toBe(jobs[0]!.bytes.length + jobs[1]!.bytes.length);
  });

  it('does not count a connection that only asked for status as a job', async () => {
    const printer = await startPrinter({ state: 'paper_out' });
    const socket = await connect(printer.port);
    const answer = nextBytes(socket, 1);
    socket.write(Uint8Array.of(0x10, 0x04, 0x04));
    expect(await answer).toEqual([0x7e]);
    socket.end();
    await printer.waitForClosedConnections(1);
    expect(printer.jobs()).toEqual([]);
    expect(printer.connections[0]!.statusRequests).toEqual([4]);
  });

  it('refuses connections while offline and takes them again when back online', async () => {
    const printer = await startPrinter();
    await printer.setState('offline');
    await expect(connect(printer.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await printer.setState('online');
    const socket = await connect(printer.port);
    socket.destroy();
  });

  it('rejects a pending wait when closed, instead of leaving a test hanging', async () => {
    const printer = await FakePrinter.start();
    const waiting = printer.waitForJobs(1);
    await printer.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });
});
