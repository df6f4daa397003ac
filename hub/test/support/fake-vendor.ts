import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server.ts';

/**
 * A vendor's API as a real HTTP server on 127.0.0.1, port 0, for outbox tests:
 *
 * - `POST /orders` with an `idempotency-key` header does the order. Answers follow the plan
 *   (`plan(...)`, one answer per request), then 200. Like a real vendor it dedupes by key: a key it has
 *   done answers with the same order again. A `hold` answer does the order and never replies (a send the
 *   hub was killed in the middle of).
 * - `GET /orders/:key` looks an order up: 200 with it, or 404 when the key never arrived.
 *
 * Every request is recorded with its arrival time (performance.now), for budget checks.
 */

export type PlannedAnswer =
  | { status: number; message?: string; headers?: Record<string, string>; delayMs?: number }
  | { hold: true };

export interface VendorOrder {
  orderId: string;
  key: string;
  payload: unknown;
}

export interface ArrivedRequest {
  method: string;
  path: string;
  key: string | null;
  at: number;
  status: number | 'held';
}

export class FakeVendor {
  readonly requests: ArrivedRequest[] = [];
  readonly orders = new Map<string, VendorOrder>();
  /** Answers delay by this much when the plan does not say (lets several requests overlap). */
  answerDelayMs = 0;
  private planned: PlannedAnswer[] = [];
  private inFlight = 0;
  private mostInFlight = 0;
  private readonly held: ServerResponse[] = [];
  private waiters: Array<{ ready: () => boolean; resolve: () => void }> = [];

  private server: LoopbackServer | null = null;

  private constructor(readonly url: string) {}

  static async start(): Promise<FakeVendor> {
    let vendor: FakeVendor | null = null;
    const server = await listenOnLoopback((request, response) => void vendor!.handle(request, response));
    const port = server.port;
    vendor = new FakeVendor(`http://127.0.0.1:${port}`);
    vendor.server = server;
    return vendor;
  }

  /** The next POSTs' answers, in order. */
  plan(...answers: PlannedAnswer[]): void {
    this.planned.push(...answers);
  }

  posts(key?: string): ArrivedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && (key === undefined || r.key === key));
  }

  lookups(key?: string): ArrivedRequest[] {
    return this.requests.filter((r) => r.method === 'GET' && (key === undefined || r.key === key));
  }

  /** The most POSTs that were being answered at once. */
  get concurrency(): number {
    return this.mostInFlight;
  }

  /** Resolves once `count` POSTs have arrived (held ones included). */
  waitForPosts(count: number): Promise<void> {
    return this.waitUntil(() => this.posts().length >= count);
  }

  /** Drops the held connections, as the vendor would once the hub that sent them is gone. */
  dropHeld(): void {
    for (const response of this.held.splice(0)) response.socket?.destroy();
  }

  async close(): Promise<void> {
    this.dropHeld();
    await this.server?.close();
  }

  private waitUntil(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ready, resolve }));
  }

  private arrived(request: ArrivedRequest): void {
    this.requests.push(request);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.ready()) return true;
      waiter.resolve();
      return false;
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', this.url);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };

    const lookup = /^\/orders\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && lookup) {
      const key = decodeURIComponent(lookup[1]!);
      const order = this.orders.get(key);
      this.arrived({ method: 'GET', path: url.pathname, key, at, status: order ? 200 : 404 });
      if (order) json(200, order);
      else json(404, { message: `No order with key ${key}` });
      return;
    }
    if (request.method !== 'POST' || url.pathname !== '/orders') {
      json(404, { message: 'No such endpoint' });
      return;
    }

    const key = typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : null;
    const answer = this.planned.shift() ?? { status: 200 };
    if ('hold' in answer) {
      if (key) this.doOrder(key, chunks);
      this.held.push(response);
      this.arrived({ method: 'POST', path: url.pathname, key, at, status: 'held' });
      return;
    }
    this.arrived({ method: 'POST', path: url.pathname, key, at, status: answer.status });
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    const delay = answer.delayMs ?? this.answerDelayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    this.inFlight -= 1;
    if (answer.status === 200) {
      if (!key) {
        json(400, { message: 'An idempotency-key header is required' });
        return;
      }
      json(200, this.doOrder(key, chunks));
      return;
    }
    json(answer.status, { message: answer.message ?? `Failure ${answer.status}` }, answer.headers);
  }

  /** Does the order once per key, as a vendor that honours idempotency keys would. */
  private doOrder(key: string, chunks: Buffer[]): VendorOrder {
    const existing = this.orders.get(key);
    if (existing) return existing;
    const text = Buffer.concat(chunks).toString();
    const order: VendorOrder = { orderId: `vendor-order-${this.orders.size + 1}`, key, payload: text ? (JSON.parse(text) as unknown) : null };
    this.orders.set(key, order);
    return order;
  }
}
