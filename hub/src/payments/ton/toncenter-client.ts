// A client for a toncenter-compatible API (v2): the venue account's transactions, newest first, paged
// back by the oldest transaction of each page until what the last poll already read. Every failure is
// a VendorError the outbox knows how to treat: a 429 waits (Retry-After), a 5xx or a timeout retries,
// a refusal of the request itself (a wrong API key) waits for a person.
import { parseRetryAfter } from '../../outbox/retry-rules.ts';
import { VendorError, type SendContext } from '../../outbox/vendor-adapter.ts';
import { commentOfMessage, compareLt, type TonTransaction } from './ton-matching.ts';
import { causeOf, isRecord, parseJsonObject } from '../../outbox/vendor-json.ts';

export const DEFAULT_TON_API_URL = 'https://toncenter.com/api/v2';

export interface ToncenterOptions {
  /** e.g. https://toncenter.com/api/v2 (no trailing slash needed). */
  baseUrl: string;
  /** Sent as X-API-Key; null for the keyless budget (1 request per second). */
  apiKey: string | null;
  /** A request (headers and body) must be answered within this time; 10 s by default. */
  timeoutMs?: number;
  /** Transactions per page: toncenter answers at most 100. */
  pageSize?: number;
  /** Pages one poll reads at most (a wallet flooded by spam must not hold the budget forever). */
  maxPages?: number;
}

export interface TransactionsQuery {
  /** The account, in any form the API takes (the friendly form here). */
  address: string;
  /** Stop at this logical time (the cursor): it and everything older were read before. */
  stopAtLt: string | null;
  /** Stop at transactions older than this (unix seconds): no open invoice is that old. */
  stopBeforeUtime: number | null;
}

export interface TransactionsRead {
  /** Newest first, each hash once. */
  transactions: TonTransaction[];
  pages: number;
  /** False when the poll stopped at maxPages, or the API repeated a page: the cursor must not move. */
  complete: boolean;
}

const MAX_ERROR_TEXT = 200;

export class ToncenterClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly pageSize: number;
  private readonly maxPages: number;

  constructor(private readonly options: ToncenterOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.pageSize = Math.min(100, Math.max(2, options.pageSize ?? 100));
    this.maxPages = options.maxPages ?? 200;
  }

  /**
   * The account's transactions newer than the cursor (or than `stopBeforeUtime` without one). Each page
   * after the first starts at the previous page's oldest transaction (by its lt and hash), which the API
   * sends again as the page's first: it is read once.
   */
  async transactionsSince(query: TransactionsQuery, context: SendContext): Promise<TransactionsRead> {
    const transactions: TonTransaction[] = [];
    const read = new Set<string>();
    let from: { lt: string; hash: string } | null = null;
    for (let pages = 1; pages <= this.maxPages; pages++) {
      await context.takeRequest();
      const page = await this.page(query.address, from, context.signal);
      let fresh = 0;
      for (const transaction of page) {
        if (read.has(transaction.hash)) continue;
        if (query.stopAtLt !== null && compareLt(transaction.lt, query.stopAtLt) <= 0) return { transactions, pages, complete: true };
        if (query.stopBeforeUtime !== null && transaction.utime < query.stopBeforeUtime) return { transactions, pages, complete: true };
        read.add(transaction.hash);
        transactions.push(transaction);
        fresh++;
      }
      if (page.length < this.pageSize) return { transactions, pages, complete: true };
      // A full page with nothing new: paging from it again would only repeat it.
      if (fresh === 0) return { transactions, pages, complete: false };
      const oldest = page[page.length - 1]!;
      from = { lt: oldest.lt, hash: oldest.hash };
    }
    return { transactions, pages: this.maxPages, complete: false };
  }

  private async page(address: string, from: { lt: string; hash: string } | null, hubClosing: AbortSignal): Promise<TonTransaction[]> {
    const params = new URLSearchParams({ address, limit: String(this.pageSize) });
    if (from) {
      params.set('lt', from.lt);
      params.set('hash', from.hash);
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.apiKey) headers['X-API-Key'] = this.options.apiKey;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let status: number;
    let retryAfter: string | null;
    let text: string;
    try {
      const response = await fetch(`${this.baseUrl}/getTransactions?${params}`, { headers, signal: AbortSignal.any([hubClosing, timeout]) });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch (error) {
      if (hubClosing.aborted) throw new VendorError('retry', 'The hub is closing; the TON check runs again when it starts.');
      if (timeout.aborted) throw new VendorError('retry', `The TON API did not answer within ${Math.round(this.timeoutMs / 1000)} s.`);
      throw new VendorError('retry', `The TON API could not be reached (${causeOf(error)}).`);
    }
    const body = parseJsonObject<Record<string, any>>(text);
    const apiError = typeof body?.error === 'string' ? body.error.slice(0, MAX_ERROR_TEXT) : null;
    const code = status === 200 && body?.ok === false && typeof body.code === 'number' ? body.code : status;
    if (code === 429) {
      const retryAfterMs = parseRetryAfter(retryAfter, new Date());
      throw new VendorError('rate_limited', 'The TON API asked the hub to slow down (429); the check waits and runs again.', {
        status: 429,
        ...(retryAfterMs === null ? {} : { retryAfterMs }),
      });
    }
    if (code >= 500) throw new VendorError('retry', `The TON API failed (${code}${apiError ? `: ${apiError}` : ''}); the check runs again.`, { status: code });
    if (code === 401 || code === 403) {
      throw new VendorError('permanent', `The TON API refused the API key (${code}${apiError ? `: ${apiError}` : ''}): check TON_API_KEY, or remove it to use the keyless budget.`, { status: code });
    }
    if (code >= 400 || body?.ok === false) {
      throw new VendorError('permanent', `The TON API refused the request (${code}${apiError ? `: ${apiError}` : ''}): check the wallet address and TON_API_URL.`, { status: code });
    }
    if (!body || body.ok !== true || !Array.isArray(body.result)) {
      throw new VendorError('retry', 'The TON API answered something that is not a list of transactions; the check runs again.', { status });
    }
    return body.result.map((item: unknown) => {
      const transaction = readTransaction(item);
      if (!transaction) throw new VendorError('retry', 'The TON API sent a transaction the hub cannot read; the check runs again.', { status });
      return transaction;
    });
  }
}

/** One item of getTransactions' `result`; null when it lacks what the matching needs. */
export function readTransaction(item: unknown): TonTransaction | null {
  if (!isRecord<Record<string, any>>(item) || !isRecord(item.transaction_id)) return null;
  const { lt, hash } = item.transaction_id;
  if (typeof lt !== 'string' || !/^[0-9]{1,30}$/.test(lt) || typeof hash !== 'string' || hash === '' || hash.length > 100) return null;
  const utime = typeof item.utime === 'number' && Number.isSafeInteger(item.utime) ? item.utime : 0;
  const message = isRecord<Record<string, any>>(item.in_msg) ? item.in_msg : null;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const value = message && typeof message.value === 'string' && /^[0-9]{1,40}$/.test(message.value) ? message.value : '0';
  return {
    hash,
    lt,
    utime,
    source: text(message?.source),
    destination: text(message?.destination),
    nanotons: value,
    comment: message ? commentOfMessage(message) : null,
  };
}

