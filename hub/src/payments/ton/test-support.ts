// What the TON tests and the bench share (not used by the hub itself): a real hub on 127.0.0.1 with the
// TON check pointed at a fake TON API, and a socket that lets a test wait for an invoice's state.
import { io, type Socket } from 'socket.io-client';
import { newId } from '@onemoment/shared/ids';
import type { TonInvoice } from '@onemoment/shared/schemas/payments';
import { startTestHub, type ApiResponse, type TestHub, type TestHubOptions } from '../../../test/harness.ts';
import { startFakeTonApi, testWallet, type FakeTonApi } from '../../../test/support/fake-ton-api.ts';
import type { TonPayments, TonOptions } from './ton-payments.ts';

export interface HeardEvent {
  seq: number;
  type: string;
  payload: any;
}

/** A staff socket that keeps every event and resolves waits when a matching one arrives (no timers). */
export class EventWaiter {
  readonly heard: HeardEvent[] = [];
  private waiters: Array<{ match: (event: HeardEvent) => boolean; resolve: (event: HeardEvent) => void }> = [];
  private readonly socket: Socket;

  constructor(baseUrl: string, token: string) {
    this.socket = io(`${baseUrl}/staff`, { path: '/socket.io', transports: ['websocket'], auth: { token, lastSeq: 0 }, reconnection: false, forceNew: true });
    this.socket.on('event', (event: HeardEvent) => {
      this.heard.push(event);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(event)) return true;
        waiter.resolve(event);
        return false;
      });
    });
  }

  until(match: (event: HeardEvent) => boolean): Promise<HeardEvent> {
    const already = this.heard.find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** The first ton.invoice_updated of this invoice after event `afterSeq` that satisfies `match`, with its seq. */
  async invoice(id: string, match: (invoice: TonInvoice) => boolean, afterSeq = 0): Promise<TonInvoice & { seq: number }> {
    const event = await this.until((e) => e.seq > afterSeq && e.type === 'ton.invoice_updated' && e.payload.id === id && match(e.payload as TonInvoice));
    return { ...(event.payload as TonInvoice), seq: event.seq };
  }

  invoiceUpdates(id: string): TonInvoice[] {
    return this.heard.filter((e) => e.type === 'ton.invoice_updated' && e.payload.id === id).map((e) => e.payload as TonInvoice);
  }

  close(): void {
    this.socket.disconnect();
  }
}

export interface TonTestHub {
  t: TestHub;
  api: FakeTonApi;
  ton: TonPayments;
  /** The venue's wallet (set up by `setUp`). */
  wallet: ReturnType<typeof testWallet>;
  manager: string;
  waiter: string;
  events: EventWaiter;
  /** A request to the TON routes (wherever they are mounted). */
  request<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<ApiResponse<T>>;
  /**
   * Resolves once a whole poll that started from now has been recorded: its first page was answered
   * (so it saw every transfer made before the call) and the outbox is idle again. Polls run while an
   * invoice is open: keep one open.
   */
  pollRead(): Promise<void>;
  /** PUT the wallet and rate as the manager. */
  setUp(nanotonsPerMinor?: number | string): Promise<void>;
  /** A guest of `tableId` with `menuItems` ordered (a bill with something due); returns the token and visit. */
  guestWithBill(tableId: string, items?: Array<{ menuItemId: string; quantity: number; modifierIds?: string[] }>): Promise<{ token: string; visitId: string; dueMinor: number }>;
  close(): Promise<void>;
}

export interface TonTestHubOptions extends TestHubOptions {
  /** Poll interval and timeouts (polls every 100 ms here by default). */
  ton?: TonOptions;
  /** The keyless budget (1 request a second) instead of the tests' quick one. */
  realBudget?: boolean;
}

export const RATE = 3_300_000;

export async function startTonTestHub(options: TonTestHubOptions = {}): Promise<TonTestHub> {
  const api = await startFakeTonApi();
  const tonOptions: TonOptions = { pollIntervalMs: 100, ...options.ton };
  const t = await startTestHub({
    ...options,
    env: { TON_API_URL: api.baseUrl, ...options.env },
    hubOptions: {
      ...options.hubOptions,
      payments: { ton: tonOptions },
      outbox: {
        random: () => 0.5,
        // Backoffs and poll intervals of a few hundred ms: quick, yet far from the outbox's timer granularity.
        retry: { baseMs: 400, capMs: 1000 },
        ...(options.realBudget ? {} : { budgets: { ton: { windows: [{ limit: 1000, intervalMs: 1000 }] } } }),
        ...options.hubOptions?.outbox,
      },
    },
  });
  const { context, modules } = t.hub;
  const ton = modules.payments?.ton;
  if (!ton) throw new Error('the TON tests need the payments module');
  const request = t.request;
  const manager = await t.login('1111');
  const waiter = await t.login('2222');
  const events = new EventWaiter(t.baseUrl, manager);
  const wallet = testWallet('the venue');

  return {
    t,
    api,
    ton,
    wallet,
    manager,
    waiter,
    events,
    request,
    async pollRead() {
      await api.nextRequest((entry) => entry.query.lt === undefined && entry.status === 200);
      await context.outbox.idle();
    },
    async setUp(nanotonsPerMinor = RATE) {
      const response = await request('PUT', '/api/admin/payments/ton', { address: wallet.nonBounceable, rate: { nanotonsPerMinor } }, manager);
      if (response.status !== 200) throw new Error(`setting TON up failed: ${response.status} ${JSON.stringify(response.body)}`);
    },
    async guestWithBill(tableId, items = [{ menuItemId: 'lemonade', quantity: 2 }]) {
      const token = await t.guestToken(tableId);
      const placed = await t.request('POST', '/api/guest/orders', { id: newId(), items }, token);
      if (placed.status !== 201) throw new Error(`ordering failed: ${placed.status} ${JSON.stringify(placed.body)}`);
      const bill = await t.request('GET', '/api/guest/bill', undefined, token);
      if (bill.status !== 200) throw new Error(`reading the bill failed: ${bill.status} ${JSON.stringify(bill.body)}`);
      return { token, visitId: bill.body.visitId, dueMinor: bill.body.dueMinor };
    },
    async close() {
      events.close();
      await t.close();
      await api.close();
    },
  };
}
