// A small typed client for Airalo's Partner API v2 (https://partners-api.airalo.com/v2; the sandbox is
// https://sandbox-partners-api.airalo.com/v2), written instead of the official `airalo-sdk`, which
// hard-codes the production URL and keeps its own file cache under the working folder.
//
// Every failure is a VendorError the outbox knows how to treat: a 429 waits (Retry-After), a 5xx, a
// timeout, a dropped connection or an unreadable answer is tried again, and a refusal (a 422 such as a
// package no longer sold, any other 4xx) waits for a person with Airalo's own words. A 401 drops the
// token and the call goes once more with a fresh one; a second 401 is a refusal of the credentials.
//
// Airalo has no idempotency key: the hub's sale id goes in an order's `description`, and before any
// resend after an unknown outcome the adapter asks `findOrderByDescription`.
import { vendorErrorForStatus } from '../outbox/retry-rules.ts';
import { VendorError, type SendContext } from '../outbox/vendor-adapter.ts';
import { causeOf, parseJsonObject } from '../outbox/vendor-json.ts';
import {
  airaloMessage,
  lastPageOf,
  readCountryEntries,
  readInstructions,
  readOrder,
  readOrderList,
  readPackagesOfEntry,
  readSim,
  readToken,
  readUsage,
  type AiraloInstructions,
  type AiraloOrder,
  type AiraloPackage,
  type AiraloSim,
  type AiraloUsage,
} from './airalo-shapes.ts';
import { afterUnauthorized, expiresAtMs, shouldRefresh, type HeldToken } from './token-rules.ts';

export const DEFAULT_AIRALO_API_URL = 'https://partners-api.airalo.com/v2';

export interface AiraloCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Where the client gets its bearer token. The hub's store keeps it in SQLite (the token endpoint allows
 * 3 calls a minute; a restart must not spend one); `MemoryTokenProvider` below keeps it in memory.
 */
export interface AiraloTokenProvider {
  /** A token believed valid. `context` spends the outbox budget for a token request, when one is made. */
  token(context: SendContext): Promise<string>;
  /** Airalo refused `rejected` (401): forget it, unless a newer one has replaced it meanwhile. */
  invalidate(rejected?: string): void;
}

export interface AiraloClientOptions {
  baseUrl: string;
  tokens: AiraloTokenProvider;
  /** A request (headers and body) must be answered within this time; 30 s by default (an order may take a while). */
  timeoutMs?: number;
  /** Pages one catalogue read takes at most, so a runaway paging cannot hold the budget forever. */
  maxPages?: number;
}

export interface PackagesQuery {
  type?: 'local' | 'global';
  /** ISO country code (filter[country]). */
  country?: string;
  /** Country entries per page (Airalo's `limit`; the docs do not say what it counts, the fake counts entries). */
  limit?: number;
  /** Include top-up packages (include=topup). */
  includeTopups?: boolean;
}

export interface PackagesRead {
  packages: AiraloPackage[];
  pages: number;
  /** Packages Airalo listed that lack what a sale needs (no id, no price, no validity): left out. */
  skipped: number;
  /** False when the read stopped at maxPages: a sync must not remove packages it did not see. */
  complete: boolean;
}

export interface NewOrder {
  packageId: string;
  /** The hub's sale id: how an order whose answer was lost is found again. */
  description: string;
  /** One eSIM per sale; Airalo allows up to 50. */
  quantity?: number;
}

type Json = Record<string, unknown>;
type Method = 'GET' | 'POST';

const ORDERS_LOOKUP_LIMIT = 50;

export class AiraloClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxPages: number;

  constructor(private readonly options: AiraloClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxPages = options.maxPages ?? 100;
  }

  /** POST /token with the client credentials as form fields (no bearer token: used by token providers). */
  async requestToken(credentials: AiraloCredentials, context: SendContext): Promise<{ accessToken: string; expiresIn: unknown }> {
    const form = new URLSearchParams({ client_id: credentials.clientId, client_secret: credentials.clientSecret, grant_type: 'client_credentials' });
    const answer = await this.send('POST', '/token', null, context, form);
    if (answer.status === 401 || answer.status === 403 || answer.status === 422) {
      throw new VendorError('permanent', `Airalo refused the client id or secret (${answer.status}${suffix(answer.body)}). A manager sets valid Airalo credentials under Integrations, then retries this task.`, { status: answer.status });
    }
    const body = this.expectSuccess(answer, 'the token request');
    const token = readToken(body);
    if (!token) throw new VendorError('retry', 'Airalo answered the token request without an access token; the hub asks again.', { status: answer.status });
    return token;
  }

  /** Every package the query matches, page after page (each page one request of the budget). */
  async getPackages(query: PackagesQuery, context: SendContext): Promise<PackagesRead> {
    const packages: AiraloPackage[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    for (let page = 1; page <= this.maxPages; page++) {
      const params = new URLSearchParams();
      if (query.type) params.set('filter[type]', query.type);
      if (query.country) params.set('filter[country]', query.country);
      if (query.limit) params.set('limit', String(query.limit));
      if (query.includeTopups) params.set('include', 'topup');
      params.set('page', String(page));
      const body = await this.authorized('GET', `/packages?${params}`, context, 'the package list');
      const entries = readCountryEntries(body);
      if (entries === null) throw new VendorError('retry', `Airalo answered page ${page} of the package list in a shape the hub cannot read; it asks again.`);
      for (const entry of entries) {
        const read = readPackagesOfEntry(entry);
        skipped += read.skipped;
        for (const item of read.packages) {
          // A package listed under two country entries is one package.
          if (seen.has(`${item.type}:${item.id}`)) continue;
          seen.add(`${item.type}:${item.id}`);
          packages.push(item);
        }
      }
      const lastPage = lastPageOf(body);
      if (entries.length === 0 || (lastPage !== null ? page >= lastPage : true)) return { packages, pages: page, skipped, complete: true };
    }
    return { packages, pages: this.maxPages, skipped, complete: false };
  }

  /**
   * POST /orders for one eSIM (type=sim). An answer that cannot be read is a `retry`: the order may exist,
   * so the outbox marks the outcome unknown and the adapter looks it up before anything else.
   */
  async submitOrder(order: NewOrder, context: SendContext): Promise<AiraloOrder> {
    // Airalo's example sends multipart form fields; form-urlencoded fields carry the same values.
    const form = new URLSearchParams({ quantity: String(order.quantity ?? 1), package_id: order.packageId, type: 'sim', description: order.description });
    const body = await this.authorized('POST', '/orders', context, 'the order', form);
    const read = readOrder(body.data);
    if (!read) throw new VendorError('retry', `Airalo accepted order ${order.description} but its answer has no readable eSIM; the hub looks the order up before anything else.`);
    return read;
  }

  /**
   * The order whose description is exactly `description`, or null when Airalo has none. The docs do not
   * say whether filter[description] matches exactly or in part, so the answer is filtered here too
   * ("sale-1" must not find "sale-10"). Two orders with the same description mean a sale was doubled:
   * a `permanent` error, so a person looks, rather than a silent pick.
   */
  async findOrderByDescription(description: string, context: SendContext): Promise<AiraloOrder | null> {
    const params = new URLSearchParams({ 'filter[description]': description, include: 'sims', limit: String(ORDERS_LOOKUP_LIMIT), page: '1' });
    const body = await this.authorized('GET', `/orders?${params}`, context, 'the order lookup');
    const items = readOrderList(body);
    if (items === null) throw new VendorError('retry', 'Airalo answered the order lookup in a shape the hub cannot read; it asks again.');
    const matching = items.filter((item) => typeof item === 'object' && item !== null && (item as Json).description === description);
    if (matching.length === 0) return null;
    if (matching.length > 1) {
      const codes = matching.map((item) => String((item as Json).code ?? (item as Json).id)).join(', ');
      throw new VendorError('permanent', `Airalo holds ${matching.length} orders for sale ${description} (${codes}); a person checks which to keep and asks Airalo to refund the others.`);
    }
    const order = readOrder(matching[0]);
    if (!order) throw new VendorError('retry', `Airalo has an order for sale ${description}, but without a readable eSIM yet; the hub asks again.`);
    return order;
  }

  async getSim(iccid: string, context: SendContext): Promise<AiraloSim> {
    const body = await this.authorized('GET', `/sims/${encodeURIComponent(iccid)}`, context, `eSIM ${iccid}`);
    const sim = readSim(body.data);
    if (!sim) throw new VendorError('retry', `Airalo answered eSIM ${iccid} in a shape the hub cannot read; it asks again.`);
    return sim;
  }

  async getInstructions(iccid: string, context: SendContext, language = 'en'): Promise<AiraloInstructions> {
    const body = await this.authorized('GET', `/sims/${encodeURIComponent(iccid)}/instructions`, context, `the instructions of eSIM ${iccid}`, undefined, { 'accept-language': language });
    const instructions = readInstructions(body.data);
    if (!instructions) throw new VendorError('retry', `Airalo answered the instructions of eSIM ${iccid} in a shape the hub cannot read; it asks again.`);
    return instructions;
  }

  /** Airalo allows this once every 15 minutes per ICCID (more is a 429 with Retry-After). */
  async getUsage(iccid: string, context: SendContext): Promise<AiraloUsage> {
    const body = await this.authorized('GET', `/sims/${encodeURIComponent(iccid)}/usage`, context, `the usage of eSIM ${iccid}`);
    const usage = readUsage(body.data);
    if (!usage) throw new VendorError('retry', `Airalo answered the usage of eSIM ${iccid} in a shape the hub cannot read; it asks again.`);
    return usage;
  }

  /** One call with the bearer token; after a 401, once more with a fresh token. */
  private async authorized(method: Method, path: string, context: SendContext, what: string, form?: URLSearchParams, headers: Record<string, string> = {}): Promise<Json> {
    for (let unauthorized = 0; ; ) {
      const token = await this.options.tokens.token(context);
      const answer = await this.send(method, path, token, context, form, headers);
      if (answer.status !== 401) return this.expectSuccess(answer, what);
      unauthorized++;
      this.options.tokens.invalidate(token);
      if (afterUnauthorized(unauthorized) === 'give_up') {
        throw new VendorError('permanent', `Airalo refused a fresh access token for ${what} (401${suffix(answer.body)}). A manager checks the Airalo credentials under Integrations, then retries this task.`, { status: 401 });
      }
    }
  }

  private expectSuccess(answer: Answer, what: string): Json {
    const { status, body } = answer;
    if (status >= 200 && status < 300) {
      if (!body) throw new VendorError('retry', `Airalo answered ${what} with something that is not JSON; the hub tries again.`, { status });
      return body;
    }
    // 429 waits (Retry-After); 408, 425 and 5xx go again; a 422 (a package no longer sold, a bad field)
    // and any other 4xx are the request's own fault, told in Airalo's words.
    const message =
      status === 429
        ? `Airalo asked the hub to slow down for ${what} (429); the call waits and goes again.`
        : status === 408 || status === 425 || status >= 500
          ? `Airalo failed ${what} (${status}${suffix(body)}); the hub tries again.`
          : `Airalo refused ${what} (${status}${suffix(body)}).`;
    throw vendorErrorForStatus(status, message, answer.retryAfter, new Date());
  }

  /** One request of the budget: the status, Retry-After and the body as a JSON object (null when it is not one). */
  private async send(method: Method, path: string, token: string | null, context: SendContext, form?: URLSearchParams, extra: Record<string, string> = {}): Promise<Answer> {
    await context.takeRequest();
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const endpoint = path.split('?')[0];
    try {
      const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: form?.toString(), signal: AbortSignal.any([context.signal, timeout]) });
      const raw = await response.text();
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: parseJsonObject<Json>(raw) };
    } catch (error) {
      if (context.signal.aborted) throw new VendorError('retry', 'The hub stopped this Airalo call (closing, or the task was cancelled).');
      if (timeout.aborted) throw new VendorError('retry', `Airalo did not answer ${method} ${endpoint} within ${Math.round(this.timeoutMs / 1000)} s; the hub tries again.`);
      throw new VendorError('retry', `Airalo could not be reached (${causeOf(error)}); the hub tries again.`);
    }
  }
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: Json | null;
}

function suffix(body: Json | null): string {
  const said = airaloMessage(body);
  return said ? `: ${said}` : '';
}

/**
 * Keeps the token in memory, with the same rules the SQLite store will follow: ask when there is none or
 * it is about to run out (trusting expires_in), drop it on a 401. Calls that need a token at the same
 * time share one request, since the token endpoint allows 3 a minute.
 */
export class MemoryTokenProvider implements AiraloTokenProvider {
  private held: HeldToken | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly fetchToken: (context: SendContext) => Promise<{ accessToken: string; expiresIn: unknown }>,
    private readonly now: () => number = Date.now,
  ) {}

  token(context: SendContext): Promise<string> {
    if (this.held && !shouldRefresh(this.held, this.now())) return Promise.resolve(this.held.accessToken);
    this.pending ??= this.refresh(context).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  invalidate(rejected?: string): void {
    if (rejected === undefined || this.held?.accessToken === rejected) this.held = null;
  }

  private async refresh(context: SendContext): Promise<string> {
    const obtainedAtMs = this.now();
    const answer = await this.fetchToken(context);
    this.held = { accessToken: answer.accessToken, obtainedAtMs, expiresAtMs: expiresAtMs(obtainedAtMs, answer.expiresIn) };
    return answer.accessToken;
  }
}
