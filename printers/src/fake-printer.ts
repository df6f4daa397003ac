// A network receipt printer in a box, for tests and for trying the hub without hardware: a real
// TCP server on 127.0.0.1 that records every byte, answers DLE EOT status requests like an Epson
// would in the state you set, and tells you (by promise, never by polling) when jobs arrive.
import net from 'node:net';
import { decodeEscPos, type DecodedPrint } from './escpos-decoder.ts';
import { readCommands } from './escpos-commands.ts';
import { statusBytesFor, type PrinterState, type StatusRequest } from './printer-status.ts';

/**
 * The printer states plus two network failures: `offline` refuses connections (the printer is
 * off or unplugged), `hang` accepts them and then never reads or answers (a wedged print server).
 */
export type FakePrinterState = PrinterState | 'hang';

export interface FakeConnection {
  id: number;
  /** Every byte received on this connection, status requests included. */
  bytes: Uint8Array;
  statusRequests: number[];
  /** Received anything besides status requests. */
  hasPrintData: boolean;
  closed: boolean;
}

export interface FakeJob {
  connectionId: number;
  bytes: Uint8Array;
  decoded(): DecodedPrint;
}

interface Waiter {
  ready: () => boolean;
  resolve: () => void;
  reject: (error: Error) => void;
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    result.set(part, at);
    at += part.length;
  }
  return result;
}

export class FakePrinter {
  readonly host = '127.0.0.1';
  private server: net.Server;
  private listening = false;
  private sockets = new Map<number, net.Socket>();
  private connectionList: FakeConnection[] = [];
  private waiters: Waiter[] = [];
  private nextId = 1;
  private currentState: FakePrinterState;
  private closedForGood = false;

  private constructor(readonly port: number, server: net.Server, state: FakePrinterState) {
    this.server = server;
    this.currentState = state;
  }

  /** Starts listening on a free port. */
  static async start(options: { state?: FakePrinterState } = {}): Promise<FakePrinter> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const printer = new FakePrinter((server.address() as net.AddressInfo).port, server, 'online');
    printer.listening = true;
    server.on('connection', (socket) => printer.accept(socket));
    await printer.setState(options.state ?? 'online');
    return printer;
  }

  get state(): FakePrinterState {
    return this.currentState;
  }

  /** `offline` stops listening (connections are refused); leaving it listens again on the same port. */
  async setState(state: FakePrinterState): Promise<void> {
    this.currentState = state;
    if (state === 'offline' && this.listening) {
      for (const socket of this.sockets.values()) socket.destroy();
      this.listening = false;
      await new Promise<void>((resolve) => this.server.close(() => resolve()));
    } else if (state !== 'offline' && !this.listening && !this.closedForGood) {
      this.server = net.createServer((socket) => this.accept(socket));
      await new Promise<void>((resolve, reject) => {
        this.server.once('error', reject);
        this.server.listen(this.port, this.host, () => resolve());
      });
      this.listening = true;
    }
    if (state === 'hang') for (const socket of this.sockets.values()) socket.pause();
  }

  private accept(socket: net.Socket): void {
    const connection: FakeConnection = { id: this.nextId++, bytes: new Uint8Array(0), statusRequests: [], hasPrintData: false, closed: false };
    this.connectionList.push(connection);
    this.sockets.set(connection.id, socket);
    socket.on('error', () => undefined); // a client that resets is normal here
    socket.on('close', () => {
      connection.closed = true;
      this.sockets.delete(connection.id);
      this.settleWaiters();
    });
    if (this.currentState === 'hang') {
      socket.pause(); // accepted by the kernel, never read: the client's bytes pile up unanswered
      return;
    }
    let pending = new Uint8Array(0);
    socket.on('data', (chunk: Buffer) => {
      connection.bytes = concat(connection.bytes, chunk);
      const unread = concat(pending, chunk);
      const { commands, rest } = readCommands(unread);
      pending = unread.slice(rest);
      for (const command of commands) {
        if (command.type !== 'status-request') {
          connection.hasPrintData = true;
          continue;
        }
        connection.statusRequests.push(command.n);
        if (this.currentState === 'hang' || this.currentState === 'offline') continue;
        const answer = statusBytesFor(this.currentState)[command.n as StatusRequest];
        if (answer !== undefined) socket.write(Uint8Array.of(answer));
      }
      this.settleWaiters();
    });
  }

  private settleWaiters(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.ready()) return true;
      waiter.resolve();
      return false;
    });
  }

  private waitUntil(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    if (this.closedForGood) return Promise.reject(new Error('The fake printer is closed.'));
    return new Promise((resolve, reject) => this.waiters.push({ ready, resolve, reject }));
  }

  get connections(): readonly FakeConnection[] {
    return this.connectionList;
  }

  /** Connections that sent print data and were closed by the client: one job each. */
  jobs(): FakeJob[] {
    return this.connectionList
      .filter((c) => c.closed && c.hasPrintData)
      .map((c) => ({ connectionId: c.id, bytes: c.bytes, decoded: () => decodeEscPos(c.bytes) }));
  }

  /** Everything received on every connection, in connection order. */
  allBytes(): Uint8Array {
    return concat(...this.connectionList.map((c) => c.bytes));
  }

  /** What would be on the paper: the decoded jobs, in order. */
  decoded(): DecodedPrint {
    return decodeEscPos(concat(...this.jobs().map((job) => job.bytes)));
  }

  /** Resolves once at least `count` jobs have been received completely. */
  async waitForJobs(count: number): Promise<FakeJob[]> {
    await this.waitUntil(() => this.jobs().length >= count);
    return this.jobs();
  }

  /** Resolves once at least `count` connections have been closed by either side. */
  waitForClosedConnections(count: number): Promise<void> {
    return this.waitUntil(() => this.connectionList.filter((c) => c.closed).length >= count);
  }

  async close(): Promise<void> {
    this.closedForGood = true;
    for (const socket of this.sockets.values()) socket.destroy();
    for (const waiter of this.waiters) waiter.reject(new Error('The fake printer was closed while a test waited on it.'));
    this.waiters = [];
    if (this.listening) {
      this.listening = false;
      await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
  }
}
