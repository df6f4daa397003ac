// A stand-in for toncenter's v2 API, for the TON tests and the bench: a real HTTP server on 127.0.0.1
// keeping each account's transactions and answering GET /getTransactions with toncenter's shapes and
// paging (newest first, at most 100 a page; `lt` and `hash` start a page at that transaction, which
// comes back as its first). Switches make the next answers fail the ways the real one does (a 429 with
// Retry-After, a 500, an answer that never comes) or leave a transaction out of one page; every
// request is logged (time, query, status) for the tests and the bench to read.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Address, beginCell } from '@ton/core';

/** How the comment is written in the transaction, as toncenter does for different bodies. */
export type CommentEncoding = 'message' | 'data_text' | 'raw_body';

export interface FakeTransfer {
  /** The account whose list the transaction is in (the venue's wallet). */
  to: string;
  nanotons: bigint | string | number;
  comment?: string | null;
  /** message (default): `message` and msg.dataText; data_text: msg.dataText only; raw_body: a BOC with op 0 and the text. */
  encoding?: CommentEncoding;
  from?: string;
  /** What in_msg.destination says, when it is not `to` (a transfer meant for another wallet). */
  destinationShown?: string;
  /** Unix seconds; now by default. */
  utime?: number;
}

export type Fault = { status: 429; retryAfterSeconds?: number } | { status: 500 } | { status: 401 } | { slow: true };

export interface RequestLogEntry {
  at: number;
  query: Record<string, string>;
  status: number;
  apiKey: string | null;
}

export interface FakeTonApi {
  /** TON_API_URL for the hub: `http://127.0.0.1:<port>/api/v2`. */
  baseUrl: string;
  requests: RequestLogEntry[];
  /** Adds an incoming transfer as a new transaction (newest of its account); returns its id. */
  transfer(transfer: FakeTransfer): { lt: string; hash: string };
  /** Adds the account's own outgoing transaction: an external in_msg carrying no value. */
  outgoing(account: string): { lt: string; hash: string };
  /** The next answers fail this way, one fault per request, in order. */
  failNext(...faults: Fault[]): void;
  /** The next page that would hold this transaction leaves it out (once). */
  dropOnce(hash: string): void;
  /** Answers 401 unless X-API-Key is this. */
  requireKey: string | null;
  /** Resolves once at least `count` requests were answered (or held, for a slow one). */
  waitForRequests(count: number): Promise<void>;
  /** Resolves with the next request (from now on) that `match` accepts, once it is answered. */
  nextRequest(match?: (entry: RequestLogEntry) => boolean): Promise<RequestLogEntry>;
  /** Sends the held slow answers (as a normal answer) to whoever still waits for them. */
  releaseSlow(): void;
  close(): Promise<void>;
}

const PAGE_MAX = 100;
const EMPTY_BODY = beginCell().endCell().toBoc().toString('base64');

/** A hash as toncenter writes one: base64 of 32 bytes (so it may hold '/', '+' and '='). */
const fakeHash = () => randomBytes(32).toString('base64');

export async function startFakeTonApi(): Promise<FakeTonApi> {
  const accounts = new Map<string, Array<Record<string, unknown>>>();
  const faults: Fault[] = [];
  const drops = new Set<string>();
  const held: Array<() => void> = [];
  const waiters: Array<{ count: number; done: () => void }> = [];
  const watchers: Array<{ match: (entry: RequestLogEntry) => boolean; done: (entry: RequestLogEntry) => void }> = [];
  let nextLt = 47_000_000_000_001n;

  const accountOf = (address: string) => {
    const raw = Address.parse(address).toRawString();
    let list = accounts.get(raw);
    if (!list) accounts.set(raw, (list = []));
    return list;
  };

  const add = (account: string, inMsg: Record<string, unknown>, utime: number) => {
    const lt = String(nextLt);
    nextLt += 1000n;
    const hash = fakeHash();
    const friendly = Address.parse(account).toString({ bounceable: true });
    // Newest first, as the API answers.
    accountOf(account).unshift({
      '@type': 'ext.transaction',
      address: { '@type': 'accountAddress', account_address: friendly },
      account: Address.parse(account).toRawString(),
      utime,
      data: '',
      transaction_id: { '@type': 'internal.transactionId', lt, hash },
      fee: '2000000',
      storage_fee: '100',
      other_fee: '1999900',
      in_msg: { '@type': 'ext.message', hash: fakeHash(), created_lt: String(BigInt(lt) - 1n), fwd_fee: '0', ihr_fee: '0', extra_currencies: [], body_hash: fakeHash(), ...inMsg },
      out_msgs: [],
    });
    return { lt, hash };
  };

  const log = (query: Record<string, string>, status: number, apiKey: string | null) => {
    const entry = { at: Date.now(), query, status, apiKey };
    api.requests.push(entry);
    for (const watcher of [...watchers]) {
      if (watcher.match(entry)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.done(entry);
      }
    }
    for (const waiter of [...waiters]) {
      if (api.requests.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.done();
      }
    }
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

  const answerPage = (query: Record<string, string>): { status: number; body: unknown } => {
    let account: Array<Record<string, unknown>>;
    try {
      account = accountOf(query.address ?? '');
    } catch {
      return { status: 416, body: { ok: false, error: 'Incorrect address', code: 416 } };
    }
    const limit = Number(query.limit ?? '10');
    if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX) return { status: 416, body: { ok: false, error: `limit must be 1 to ${PAGE_MAX}`, code: 416 } };
    if ((query.lt === undefined) !== (query.hash === undefined)) return { status: 416, body: { ok: false, error: 'lt and hash go together', code: 416 } };
    let start = 0;
    if (query.lt !== undefined) {
      const lt = BigInt(query.lt);
      start = account.findIndex((tx: any) => tx.transaction_id.lt === query.lt && tx.transaction_id.hash === query.hash);
      if (start < 0) start = account.findIndex((tx: any) => BigInt(tx.transaction_id.lt) <= lt);
      if (start < 0) start = account.length;
    }
    const page: unknown[] = [];
    for (let index = start; index < account.length && page.length < limit; index++) {
      const tx = account[index] as any;
      if (drops.delete(tx.transaction_id.hash)) continue;
      page.push(tx);
    }
    return { status: 200, body: { ok: true, result: page } };
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const apiKey = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : null;
    if (req.method !== 'GET' || url.pathname !== '/api/v2/getTransactions') {
      log(query, 404, apiKey);
      send(res, 404, { ok: false, error: 'Not Found', code: 404 });
      return;
    }
    const fault = faults.shift();
    if (fault && 'slow' in fault) {
      log(query, 0, apiKey);
      held.push(() => {
        const { status, body } = answerPage(query);
        send(res, status, body);
      });
      return;
    }
    if (fault?.status === 429) {
      log(query, 429, apiKey);
      send(res, 429, { ok: false, error: 'Ratelimit exceed', code: 429 }, fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) });
      return;
    }
    if (fault?.status === 500) {
      log(query, 500, apiKey);
      send(res, 500, { ok: false, error: 'LITE_SERVER_NETWORK timeout', code: 500 });
      return;
    }
    if (fault?.status === 401 || (api.requireKey !== null && apiKey !== api.requireKey)) {
      log(query, 401, apiKey);
      send(res, 401, { ok: false, error: 'API key does not exist', code: 401 });
      return;
    }
    const { status, body } = answerPage(query);
    log(query, status, apiKey);
    send(res, status, body);
  });

  const api: FakeTonApi = {
    baseUrl: '',
    requests: [],
    requireKey: null,
    transfer(transfer) {
      const comment = transfer.comment ?? null;
      const encoding = transfer.encoding ?? 'message';
      const from = transfer.from ?? Address.parseRaw(`0:${createHash('sha256').update('guest wallet').digest('hex')}`).toString({ bounceable: false });
      const destination = Address.parse(transfer.destinationShown ?? transfer.to).toString({ bounceable: true });
      const text = comment === null ? '' : Buffer.from(comment, 'utf8').toString('base64');
      const msgData =
        comment === null
          ? { '@type': 'msg.dataRaw', body: EMPTY_BODY, init_state: '' }
          : encoding === 'raw_body'
            ? { '@type': 'msg.dataRaw', body: beginCell().storeUint(0, 32).storeStringTail(comment).endCell().toBoc().toString('base64'), init_state: '' }
            : { '@type': 'msg.dataText', text };
      const message = encoding === 'message' && comment !== null ? comment : '';
      return add(transfer.to, { source: from, destination, value: String(transfer.nanotons), msg_data: msgData, message }, transfer.utime ?? Math.floor(Date.now() / 1000));
    },
    outgoing(account) {
      const destination = Address.parse(account).toString({ bounceable: true });
      return add(account, { source: '', destination, value: '0', msg_data: { '@type': 'msg.dataRaw', body: EMPTY_BODY, init_state: '' }, message: '' }, Math.floor(Date.now() / 1000));
    },
    failNext(...next) {
      faults.push(...next);
    },
    dropOnce(hash) {
      drops.add(hash);
    },
    waitForRequests(count) {
      if (api.requests.length >= count) return Promise.resolve();
      return new Promise<void>((done) => waiters.push({ count, done }));
    },
    nextRequest(match = () => true) {
      return new Promise<RequestLogEntry>((done) => watchers.push({ match, done }));
    },
    releaseSlow() {
      for (const answer of held.splice(0)) answer();
    },
    async close() {
      held.splice(0);
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
  api.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
  return api;
}

/** A wallet address for tests: deterministic from a name; raw, and the friendly forms a wallet shows. */
export function testWallet(name: string, options: { testnet?: boolean } = {}): { raw: string; bounceable: string; nonBounceable: string } {
  const address = Address.parseRaw(`0:${createHash('sha256').update(name).digest('hex')}`);
  const testOnly = options.testnet ?? false;
  return {
    raw: address.toRawString(),
    bounceable: address.toString({ bounceable: true, testOnly }),
    nonBounceable: address.toString({ bounceable: false, testOnly }),
  };
}
