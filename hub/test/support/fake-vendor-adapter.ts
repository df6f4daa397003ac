import type Database from 'better-sqlite3';
import type { CommandTx } from '../../src/db/command-runner.ts';
import { vendorErrorForStatus } from '../../src/outbox/retry-rules.ts';
import type { OutboxJob, ResendSafety, SendContext, VendorAdapter, VendorBudget } from '../../src/outbox/vendor-adapter.ts';
import type { VendorOrder } from './fake-vendor.ts';

export interface FakeOrderPayload {
  item: string;
}

/**
 * Tables the test adapter writes its answers and abandonments to, in the hub's own database (a test
 * module's tables: created here, not by a migration).
 */
export function createFakeVendorTables(sqlite: Database.Database): void {
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS fake_vendor_records (job_id TEXT PRIMARY KEY, order_id TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS fake_vendor_abandoned (job_id TEXT NOT NULL, why TEXT NOT NULL);
  `);
}

export interface FakeAdapterOptions {
  baseUrl: string;
  sqlite: Database.Database;
  resendSafety?: ResendSafety;
  budget?: VendorBudget;
  vendor?: string;
  label?: string;
}

/** An adapter as a module would write one, for the fake vendor's order API. */
export class FakeVendorAdapter implements VendorAdapter<FakeOrderPayload, VendorOrder> {
  readonly vendor: string;
  readonly label: string;
  readonly resendSafety: ResendSafety;
  /** When true, record() writes its row and then throws (a bug, a constraint). */
  failRecord = false;
  private readonly insertRecord;
  private readonly insertAbandoned;

  constructor(private readonly options: FakeAdapterOptions) {
    this.vendor = options.vendor ?? 'fake';
    this.label = options.label ?? 'Fake Vendor';
    this.resendSafety = options.resendSafety ?? 'idempotency_key';
    createFakeVendorTables(options.sqlite);
    this.insertRecord = options.sqlite.prepare('INSERT INTO fake_vendor_records (job_id, order_id) VALUES (?, ?)');
    this.insertAbandoned = options.sqlite.prepare('INSERT INTO fake_vendor_abandoned (job_id, why) VALUES (?, ?)');
  }

  budget(): VendorBudget {
    return this.options.budget ?? { windows: [{ limit: 50, intervalMs: 1_000 }], concurrency: 4 };
  }

  describe(job: OutboxJob<FakeOrderPayload>): string {
    return `Order ${job.payload.item} from ${this.label}`;
  }

  async send(job: OutboxJob<FakeOrderPayload>, context: SendContext): Promise<VendorOrder> {
    await context.takeRequest();
    const response = await fetch(`${this.options.baseUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': job.idempotencyKey },
      body: JSON.stringify(job.payload),
      signal: context.signal,
    });
    return this.answer(response, 'the order');
  }

  async lookup(job: OutboxJob<FakeOrderPayload>, context: SendContext): Promise<VendorOrder | null> {
    await context.takeRequest();
    const response = await fetch(`${this.options.baseUrl}/orders/${encodeURIComponent(job.idempotencyKey)}`, { signal: context.signal });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    return this.answer(response, 'the lookup');
  }

  record(_tx: CommandTx, job: OutboxJob<FakeOrderPayload>, result: VendorOrder): void {
    this.insertRecord.run(job.id, result.orderId);
    if (this.failRecord) throw new Error('the order register is full');
  }

  abandoned(_tx: CommandTx, job: OutboxJob<FakeOrderPayload>, why: string): void {
    this.insertAbandoned.run(job.id, why);
  }

  private async answer(response: Response, what: string): Promise<VendorOrder> {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    if (response.ok) return body as VendorOrder;
    const verb = response.status >= 400 && response.status < 500 && response.status !== 429 ? 'refused' : 'failed';
    throw vendorErrorForStatus(response.status, `${this.label} ${verb} ${what}: ${body?.message ?? response.statusText} (${response.status})`, response.headers.get('retry-after'), new Date());
  }
}
