import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server.ts';

/**
 * Airalo's Partner API v2 as a real HTTP server on 127.0.0.1, port 0, built from its documented shapes:
 *
 * - `POST /v2/token` (form fields client_id, client_secret, grant_type=client_credentials) answers
 *   `{ data: { token_type, expires_in, access_token } }`; wrong credentials get 422 as Airalo's docs show.
 * - `GET /v2/packages` (filter[type], filter[country], limit, page, include=topup): country entries with
 *   operators and packages, paged over entries with `meta.last_page`; from page 2 on, `data` is an object
 *   keyed by the entry's index, as Airalo's documents warn.
 * - `POST /v2/orders` stores the order and its eSIM; `GET /v2/orders` (filter[description] matched in part,
 *   the hub must filter exactly), `GET /v2/sims/{iccid}`, `/instructions`, `/usage`.
 * - A missing or unknown bearer token gets 401. Switches: `plan(endpoint, ...answers)` queues answers for
 *   the next calls of an endpoint (a status with Retry-After, a raw body such as an HTML page, `hold`:
 *   do the call and keep the answer until `releaseHeld()`). `unavailable` holds package ids Airalo no
 *   longer sells (422). Every request is counted per endpoint.
 */

export type AiraloEndpoint = 'token' | 'packages' | 'orders:post' | 'orders:get' | 'sims' | 'instructions' | 'usage';

export type FakeAiraloAnswer =
  | { status: number; message?: string; retryAfter?: string }
  | { raw: string; status?: number; contentType?: string }
  | { delayMs: number }
  | { hold: true };

export interface FakePackage {
  id: string;
  type?: 'sim' | 'topup';
  title: string;
  /** Data in MB; 0 with isUnlimited. */
  amount: number;
  day: number;
  isUnlimited?: boolean;
  /** Sent as given: a number (9.5) or text ("9.50"), as Airalo does in different answers. */
  price: number | string;
  netPrice: number | string;
}

export interface FakeCountryEntry {
  slug: string;
  countryCode: string;
  title: string;
  operatorType: 'local' | 'global';
  coverage: string[];
  packages: FakePackage[];
}

export interface FakeOrder {
  id: number;
  code: string;
  packageId: string;
  quantity: number;
  description: string;
  price: number | string;
  netPrice: number | string;
  createdAt: string;
  iccids: string[];
}

export interface FakeSim {
  iccid: string;
  lpa: string;
  matchingId: string;
  orderId: number;
  usage: { remaining: number; total: number; expired_at: string; is_unlimited: boolean; status: string };
}

export interface AiraloCall {
  endpoint: AiraloEndpoint | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  authorization: string | null;
  status: number | 'held';
}

export class FakeAiralo {
  clientId = 'airalo-test-client';
  clientSecret = 'airalo-test-secret';
  /** What the token endpoint answers as expires_in (seconds); Airalo's own example is about a year. */
  expiresIn: number = 31_622_400;
  catalogue: FakeCountryEntry[] = [];
  /**
   * The venue's uplink is down: every connection is cut before an answer (the client sees a network
   * error). Orders still made while offline can be planned with `hold` instead.
   */
  offline = false;
  /** Package ids Airalo no longer sells: ordering one is a 422. */
  readonly unavailable = new Set<string>();
  readonly orders: FakeOrder[] = [];
  readonly sims = new Map<string, FakeSim>();
  readonly calls: AiraloCall[] = [];
  /** Connections cut while offline. */
  offlineCuts = 0;
  private readonly validTokens = new Set<string>();
  private readonly planned = new Map<AiraloEndpoint, FakeAiraloAnswer[]>();
  private held: Array<() => void> = [];
  private waiters: Array<{ ready: () => boolean; resolve: () => void }> = [];
  private issued = 0;
  private nextOrderId = 9_601;

  private server: LoopbackServer | null = null;

  private constructor(readonly url: string) {}

  static async start(): Promise<FakeAiralo> {
    let fake: FakeAiralo | null = null;
    const server = await listenOnLoopback((request, response) => void fake!.handle(request, response));
    const port = server.port;
    fake = new FakeAiralo(`http://127.0.0.1:${port}/v2`);
    fake.server = server;
    return fake;
  }

  /** The next calls of `endpoint` get these answers, in order; then the normal answer again. */
  plan(endpoint: AiraloEndpoint, ...answers: FakeAiraloAnswer[]): void {
    this.planned.set(endpoint, [...(this.planned.get(endpoint) ?? []), ...answers]);
  }

  count(endpoint: AiraloEndpoint): number {
    return this.calls.filter((call) => call.endpoint === endpoint).length;
  }

  callsTo(endpoint: AiraloEndpoint): AiraloCall[] {
    return this.calls.filter((call) => call.endpoint === endpoint);
  }

  /** Every token issued so far stops working (as if Airalo revoked them early): the next call gets 401. */
  revokeTokens(): void {
    this.validTokens.clear();
  }

  /** Resolves once `check` holds (checked after each call arrives). */
  waitUntil(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ready: check, resolve }));
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Sends the normal answer of every held call (a client that gave up has closed its socket by then). */
  releaseHeld(): void {
    for (const release of this.held.splice(0)) release();
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  async close(): Promise<void> {
    this.held = [];
    await this.server?.close();
  }

  private arrived(call: AiraloCall): void {
    this.calls.push(call);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.ready()) return true;
      waiter.resolve();
      return false;
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (this.offline) {
      this.offlineCuts++;
      request.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(/^\/v2/, '');
    const query = Object.fromEntries(url.searchParams);
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const authorization = typeof request.headers.authorization === 'string' ? request.headers.authorization : null;
    const endpoint = endpointOf(method, path);
    const call: AiraloCall = { endpoint, method, path, query, form, authorization, status: 0 };
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      call.status = status;
      if (!this.calls.includes(call)) this.arrived(call);
      if (response.destroyed) return;
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(body);
    };
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => send(status, JSON.stringify(body), headers);

    if (endpoint === 'unknown') return json(404, { data: [], meta: { message: 'Not found' } });
    if (endpoint !== 'token' && !(authorization?.startsWith('Bearer ') && this.validTokens.has(authorization.slice(7)))) {
      return json(401, { data: [], meta: { message: 'Unauthenticated.' } });
    }
    const answer = this.planned.get(endpoint)?.shift();
    if (answer && 'status' in answer && !('raw' in answer)) {
      return json(answer.status, { data: [], meta: { message: answer.message ?? `Planned ${answer.status}` } }, answer.retryAfter ? { 'retry-after': answer.retryAfter } : {});
    }
    if (answer && 'raw' in answer) return send(answer.status ?? 200, answer.raw, { 'content-type': answer.contentType ?? 'text/html' });
    if (answer && 'delayMs' in answer) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    const result = this.serve(endpoint, path, query, form);
    if (answer && 'hold' in answer) {
      // The call is done (an order is stored) but the answer waits: the client's timeout fires first.
      call.status = 'held';
      this.arrived(call);
      this.held.push(() => json(result.status, result.body));
      return;
    }
    json(result.status, result.body);
  }

  private serve(endpoint: AiraloEndpoint, path: string, query: Record<string, string>, form: Record<string, string>): { status: number; body: unknown } {
    const ok = (data: unknown, extra: { links?: unknown; meta?: Record<string, unknown> } = {}) => ({ status: 200, body: { data, ...extra, meta: { message: 'success', ...extra.meta } } });
    const invalid = (data: Record<string, string>) => ({ status: 422, body: { data, meta: { message: 'the parameter is invalid' } } });
    switch (endpoint) {
      case 'token': {
        if (form.client_id !== this.clientId || form.client_secret !== this.clientSecret || form.grant_type !== 'client_credentials') {
          return invalid({ client_secret: 'The client id or client secret is invalid.' });
        }
        const token = `fake-airalo-token-${++this.issued}`;
        this.validTokens.add(token);
        return ok({ token_type: 'Bearer', expires_in: this.expiresIn, access_token: token });
      }
      case 'packages':
        return this.packages(query);
      case 'orders:post': {
        const known = this.findPackage(form.package_id ?? '');
        if (form.type !== 'sim') return invalid({ type: 'The selected type is invalid.' });
        if (!known) return invalid({ package_id: 'The selected package id is invalid.' });
        if (this.unavailable.has(known.id)) return invalid({ package_id: `The package ${known.id} is currently not available.` });
        const quantity = Number(form.quantity ?? '1');
        if (!Number.isInteger(quantity) || quantity < 1 || quantity > 50) return invalid({ quantity: 'The quantity must be between 1 and 50.' });
        const order = this.storeOrder(known, quantity, form.description ?? '');
        return ok({ ...this.orderJson(order), quantity: String(order.quantity) });
      }
      case 'orders:get': {
        const filter = query['filter[description]'];
        const matching = this.orders.filter((order) => filter === undefined || order.description.includes(filter));
        return ok(matching.map((order) => this.orderJson(order)), { links: {}, meta: { current_page: 1, last_page: 1, total: matching.length } });
      }
      case 'sims':
      case 'instructions':
      case 'usage': {
        const iccid = decodeURIComponent(path.split('/')[2] ?? '');
        const sim = this.sims.get(iccid);
        if (!sim) return { status: 404, body: { data: [], meta: { message: `The eSIM with ICCID ${iccid} was not found.` } } };
        if (endpoint === 'usage') return ok(sim.usage);
        if (endpoint === 'sims') return ok(this.simJson(sim));
        return ok({ instructions: this.instructionsJson(sim) });
      }
    }
  }

  private packages(query: Record<string, string>): { status: number; body: unknown } {
    const type = query['filter[type]'];
    const country = query['filter[country]']?.toUpperCase();
    const withTopups = query.include === 'topup';
    const entries = this.catalogue
      .filter((entry) => !type || entry.operatorType === type)
      .filter((entry) => !country || entry.countryCode === country)
      .map((entry) => ({ ...entry, packages: entry.packages.filter((item) => withTopups || (item.type ?? 'sim') === 'sim') }));
    const limit = Math.max(1, Number(query.limit ?? '') || 1_000);
    const page = Math.max(1, Number(query.page ?? '1') || 1);
    const lastPage = Math.max(1, Math.ceil(entries.length / limit));
    const slice = entries.slice((page - 1) * limit, page * limit).map((entry) => this.entryJson(entry));
    // Airalo's documents: from page 2 on, `data` is an object keyed by each entry's index in the list.
    const data = page === 1 ? slice : Object.fromEntries(slice.map((entry, index) => [String((page - 1) * limit + index), entry]));
    return { status: 200, body: { data, links: { next: page < lastPage ? `?page=${page + 1}` : null }, meta: { message: 'success', current_page: page, last_page: lastPage, per_page: limit, total: entries.length } } };
  }

  private entryJson(entry: FakeCountryEntry): unknown {
    return {
      slug: entry.slug,
      country_code: entry.operatorType === 'global' ? '' : entry.countryCode,
      title: entry.title,
      image: { width: 132, height: 99, url: `https://cdn.example.invalid/${entry.slug}.png` },
      operators: [
        {
          id: 100 + this.catalogue.findIndex((item) => item.slug === entry.slug),
          type: entry.operatorType,
          title: `${entry.title} Mobile`,
          is_roaming: true,
          countries: entry.coverage.map((code) => ({ country_code: code, title: code })),
          packages: entry.packages.map((item) => ({
            id: item.id,
            type: item.type ?? 'sim',
            price: item.price,
            net_price: item.netPrice,
            amount: item.isUnlimited ? 0 : item.amount,
            day: item.day,
            is_unlimited: item.isUnlimited ?? false,
            title: item.title,
            data: item.isUnlimited ? 'Unlimited' : item.amount >= 1024 ? `${item.amount / 1024} GB` : `${item.amount} MB`,
            short_info: null,
            voice: null,
            text: null,
          })),
        },
      ],
    };
  }

  private findPackage(id: string): FakePackage | null {
    for (const entry of this.catalogue) for (const item of entry.packages) if (item.id === id && (item.type ?? 'sim') === 'sim') return item;
    return null;
  }

  private storeOrder(item: FakePackage, quantity: number, description: string): FakeOrder {
    const id = this.nextOrderId++;
    const iccids: string[] = [];
    for (let n = 0; n < quantity; n++) {
      const iccid = `89444654000${String(id).padStart(5, '0')}${String(n).padStart(3, '0')}`;
      iccids.push(iccid);
      this.sims.set(iccid, {
        iccid,
        lpa: 'lpa.airalo.test',
        matchingId: `MATCH-${id}-${n}`,
        orderId: id,
        usage: { remaining: item.amount, total: item.amount, expired_at: '2027-01-07 12:00:00', is_unlimited: item.isUnlimited ?? false, status: 'NOT_ACTIVE' },
      });
    }
    const order: FakeOrder = { id, code: `20261207-00${id}`, packageId: item.id, quantity, description, price: item.price, netPrice: item.netPrice, createdAt: '2026-12-07 12:00:00', iccids };
    this.orders.push(order);
    return order;
  }

  private orderJson(order: FakeOrder): Record<string, unknown> {
    return {
      id: order.id,
      code: order.code,
      package_id: order.packageId,
      quantity: order.quantity,
      type: 'sim',
      description: order.description,
      esim_type: 'Prepaid',
      currency: 'USD',
      price: order.price,
      net_price: order.netPrice,
      created_at: order.createdAt,
      sims: order.iccids.map((iccid) => this.simJson(this.sims.get(iccid)!)),
    };
  }

  private simJson(sim: FakeSim): Record<string, unknown> {
    return {
      id: sim.orderId * 10,
      created_at: '2026-12-07 12:00:00',
      iccid: sim.iccid,
      lpa: sim.lpa,
      imsis: null,
      matching_id: sim.matchingId,
      qrcode: `LPA:1$${sim.lpa}$${sim.matchingId}`,
      qrcode_url: `https://sandbox.airalo.test/qr?id=${sim.orderId}`,
      direct_apple_installation_url: `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA:1$${sim.lpa}$${sim.matchingId}`,
      apn_type: 'automatic',
      apn_value: null,
      is_roaming: true,
      confirmation_code: null,
    };
  }

  private instructionsJson(sim: FakeSim): unknown {
    const code = `LPA:1$${sim.lpa}$${sim.matchingId}`;
    const device = (model: string | null) => ({
      model,
      version: null,
      installation_via_qr_code: { steps: { '2': 'Scan the QR code.', '1': 'Go to Settings > Cellular > Add eSIM.' }, qr_code_data: code, qr_code_url: `https://sandbox.airalo.test/qr?id=${sim.orderId}` },
      installation_manual: { steps: { '1': 'Go to Settings > Cellular > Add eSIM > Enter details manually.' }, smdp_address_and_activation_code: `${sim.lpa} ${sim.matchingId}` },
      network_setup: { steps: { '1': 'Turn on data roaming.' }, apn_type: 'automatic', apn_value: null, is_roaming: true },
    });
    return { language: 'EN', ios: [device(null)], android: [device(null)] };
  }
}

function endpointOf(method: string, path: string): AiraloEndpoint | 'unknown' {
  if (method === 'POST' && path === '/token') return 'token';
  if (method === 'GET' && path === '/packages') return 'packages';
  if (path === '/orders') return method === 'POST' ? 'orders:post' : method === 'GET' ? 'orders:get' : 'unknown';
  if (method === 'GET' && /^\/sims\/[^/]+$/.test(path)) return 'sims';
  if (method === 'GET' && /^\/sims\/[^/]+\/instructions$/.test(path)) return 'instructions';
  if (method === 'GET' && /^\/sims\/[^/]+\/usage$/.test(path)) return 'usage';
  return 'unknown';
}
