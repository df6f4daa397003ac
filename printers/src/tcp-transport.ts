// Raw TCP printing ("port 9100", "JetDirect", "AppSocket"), the way every network receipt printer
// takes jobs. Before a job we ask the printer's real-time status, so a printer without paper is not
// sent a ticket it would swallow; after the job we ask again, because the answer proves the printer
// read every byte before it (TCP alone only proves the bytes left this machine).
import net from 'node:net';
import { isStatusByte, parsePrinterStatus, STATUS_REQUESTS, statusRequest, type PrinterStatus, type StatusRequest } from './printer-status.ts';

export const DEFAULT_PRINTER_PORT = 9100;

export type PrinterErrorCode =
  | 'connect_timeout'
  | 'connection_refused'
  | 'connection_reset'
  | 'host_unreachable'
  | 'host_not_found'
  | 'connection_failed'
  | 'status_timeout'
  | 'write_timeout'
  | 'paper_out'
  | 'cover_open'
  | 'offline'
  | 'printer_error';

/**
 * `not_sent`: no byte of the job left this machine; printing again cannot print twice.
 * `unknown`: some or all of the job may have reached the printer; a person should look before
 * reprinting.
 */
export type Delivery = 'not_sent' | 'unknown';

export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly code: PrinterErrorCode,
    readonly delivery: Delivery,
    message: string,
    readonly status?: PrinterStatus,
  ) {
    super(message);
  }
}

export interface ConnectOptions {
  connectTimeoutMs?: number;
  /** Opens the socket; tests pass one that never connects. Defaults to net.connect. */
  connect?: (port: number, host: string) => net.Socket;
}

export interface PrintOptions extends ConnectOptions {
  /** For the job bytes to be taken (and, with checkStatus, acknowledged by the printer). */
  writeTimeoutMs?: number;
  /** For the status answers before the job. */
  statusTimeoutMs?: number;
  /** Ask DLE EOT before and after the job (default true). Turn off for printers that never answer. */
  checkStatus?: boolean;
}

export interface PrintResult {
  bytesWritten: number;
  /** Status before the job; null when checkStatus is off. */
  statusBefore: PrinterStatus | null;
  /** Status after the job, e.g. paper ran out while printing; null when checkStatus is off. */
  statusAfter: PrinterStatus | null;
}

export const DEFAULT_TIMEOUTS = { connectTimeoutMs: 3000, writeTimeoutMs: 10_000, statusTimeoutMs: 2000 } as const;

/** What the hub talks to. TCP ships; USB or serial printers would be another implementation. */
export interface PrinterTransport {
  readonly description: string;
  print(bytes: Uint8Array, options?: PrintOptions): Promise<PrintResult>;
  status(options?: { timeoutMs?: number } & ConnectOptions): Promise<PrinterStatus>;
}

function describeSocketError(error: NodeJS.ErrnoException, where: string, delivery: Delivery): PrinterError {
  switch (error.code) {
    case 'ECONNREFUSED':
      return new PrinterError('connection_refused', delivery, `${where} refused the connection: is the printer switched on, and is this its address and port?`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new PrinterError('connection_reset', delivery, `${where} dropped the connection.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new PrinterError('host_unreachable', delivery, `${where} cannot be reached: check the network cable or Wi-Fi of the printer.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PrinterError('host_not_found', delivery, `${where}: no such host name on this network.`);
    default:
      return new PrinterError('connection_failed', delivery, `${where}: ${error.message}`);
  }
}

/** Job bytes go out in slices so the write timeout means "no progress for that long". */
const WRITE_SLICE = 16 * 1024;

/** A socket plus a queue of the bytes it received, read with deadlines. */
class PrinterConnection {
  private received: number[] = [];
  private waiter: (() => void) | undefined;
  private failure: Error | undefined;
  private closed = false;

  private constructor(readonly socket: net.Socket, readonly where: string) {
    socket.on('data', (chunk: Buffer) => {
      this.received.push(...chunk);
      this.wake();
    });
    socket.on('error', (error) => {
      this.failure = error;
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  static open(host: string, port: number, options: ConnectOptions): Promise<PrinterConnection> {
    const where = `Printer ${host}:${port}`;
    const timeoutMs = options.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs;
    return new Promise((resolve, reject) => {
      const socket = (options.connect ?? ((p, h) => net.connect(p, h)))(port, host);
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PrinterError('connect_timeout', 'not_sent', `${where} did not answer within ${timeoutMs} ms: is it on this network?`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new PrinterConnection(socket, where));
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(describeSocketError(error, where, 'not_sent'));
      });
    });
  }

  /** Next status byte, skipping anything else the printer sends (e.g. automatic status blocks). */
  async readStatusByte(deadline: number, delivery: Delivery, onTimeout: () => PrinterError): Promise<number> {
    for (;;) {
      while (this.received.length > 0) {
        const byte = this.received.shift()!;
        if (isStatusByte(byte)) return byte;
      }
      if (this.failure) throw describeSocketError(this.failure as NodeJS.ErrnoException, this.where, delivery);
      if (this.closed) throw new PrinterError('connection_reset', delivery, `${this.where} closed the connection.`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw onTimeout();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async queryStatus(timeoutMs: number, delivery: Delivery, onTimeout: () => PrinterError): Promise<PrinterStatus> {
    const deadline = Date.now() + timeoutMs;
    const answers: Partial<Record<StatusRequest, number>> = {};
    for (const n of STATUS_REQUESTS) {
      this.socket.write(statusRequest(n));
      answers[n] = await this.readStatusByte(deadline, delivery, onTimeout);
    }
    return parsePrinterStatus(answers);
  }

  private writeSlice(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new PrinterError('write_timeout', 'unknown', `${this.where} stopped taking data for ${timeoutMs} ms in the middle of the job.`));
      }, timeoutMs);
      this.socket.write(bytes, (error) => {
        clearTimeout(timer);
        if (error) reject(describeSocketError(error as NodeJS.ErrnoException, this.where, 'unknown'));
        else resolve();
      });
    });
  }

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    for (let at = 0; at < bytes.length; at += WRITE_SLICE) {
      await this.writeSlice(bytes.subarray(at, at + WRITE_SLICE), timeoutMs);
    }
  }

  /** Half-close politely; if the printer never closes its side, drop the socket after `graceMs`. */
  finish(graceMs: number): void {
    this.socket.end();
    const timer = setTimeout(() => this.socket.destroy(), graceMs);
    timer.unref();
    this.socket.once('close', () => clearTimeout(timer));
  }

  destroy(): void {
    this.socket.destroy();
  }
}

function refuseUnlessOnline(status: PrinterStatus, where: string): void {
  if (status.state === 'online') return;
  const code: PrinterErrorCode = status.state === 'error' ? 'printer_error' : status.state;
  throw new PrinterError(code, 'not_sent', `${where}: ${status.message}`, status);
}

/** Send a job to a network printer. Rejects with PrinterError; `delivery` says if a retry is safe. */
export async function printBytes(host: string, port: number = DEFAULT_PRINTER_PORT, bytes: Uint8Array, options: PrintOptions = {}): Promise<PrintResult> {
  const writeTimeoutMs = options.writeTimeoutMs ?? DEFAULT_TIMEOUTS.writeTimeoutMs;
  const statusTimeoutMs = options.statusTimeoutMs ?? DEFAULT_TIMEOUTS.statusTimeoutMs;
  const checkStatus = options.checkStatus ?? true;
  const connection = await PrinterConnection.open(host, port, options);
  const where = connection.where;
  try {
    let statusBefore: PrinterStatus | null = null;
    if (checkStatus) {
      statusBefore = await connection.queryStatus(statusTimeoutMs, 'not_sent', () =>
        new PrinterError('status_timeout', 'not_sent', `${where} accepted the connection but did not answer a status request within ${statusTimeoutMs} ms.`));
      refuseUnlessOnline(statusBefore, where);
    }
    await connection.write(bytes, writeTimeoutMs);
    let statusAfter: PrinterStatus | null = null;
    if (checkStatus) {
      statusAfter = await connection.queryStatus(writeTimeoutMs, 'unknown', () =>
        new PrinterError('write_timeout', 'unknown', `${where} took the job but did not confirm it within ${writeTimeoutMs} ms.`));
    }
    connection.finish(writeTimeoutMs);
    return { bytesWritten: bytes.length, statusBefore, statusAfter };
  } catch (error) {
    connection.destroy();
    throw error;
  }
}

/** Ask a network printer for its state (online, paper out, cover open, ...). */
export async function readPrinterStatus(
  host: string,
  port: number = DEFAULT_PRINTER_PORT,
  options: { timeoutMs?: number } & ConnectOptions = {},
): Promise<PrinterStatus> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUTS.statusTimeoutMs;
  const connection = await PrinterConnection.open(host, port, { connectTimeoutMs: timeoutMs, ...options });
  try {
    const status = await connection.queryStatus(timeoutMs, 'not_sent', () =>
      new PrinterError('status_timeout', 'not_sent', `${connection.where} did not answer a status request within ${timeoutMs} ms.`));
    connection.finish(timeoutMs);
    return status;
  } catch (error) {
    connection.destroy();
    throw error;
  }
}

export function tcpTransport(host: string, port: number = DEFAULT_PRINTER_PORT, defaults: PrintOptions = {}): PrinterTransport {
  return {
    description: `tcp://${host}:${port}`,
    print: (bytes, options) => printBytes(host, port, bytes, { ...defaults, ...options }),
    status: (options) => readPrinterStatus(host, port, { connectTimeoutMs: defaults.connectTimeoutMs, connect: defaults.connect, ...options }),
  };
}
