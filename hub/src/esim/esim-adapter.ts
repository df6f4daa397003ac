// Airalo as an outbox vendor. Three kinds of job:
// - `catalogue`: every package, page by page (Airalo allows 80 package reads a minute per token and 5
//   requests a second per client); recorded by diffing against the stored catalogue (catalogue-sync.ts).
// - `order`: one eSIM for one paid sale. POST /orders takes no idempotency key, so the sale id goes in
//   `description`; after an unknown outcome (a timeout after Airalo made the order, the hub killed
//   mid-send) the outbox calls `lookup`, which asks GET /orders by that description before any resend.
//   An order a person sends again (retry, swap) looks first too, since an earlier attempt may have
//   reached Airalo after all.
// - `usage`: the remaining data of a delivered eSIM (10 reads a minute per ICCID).
import { buildActivationCode } from '@onemoment/shared/esim/lpa-code';
import type { EsimUsage } from '@onemoment/shared/schemas/esim';
import { newId } from '@onemoment/shared/ids';
import type { HubContext } from '../context.ts';
import type { CommandTx } from '../db/command-runner.ts';
import type { OutboxJob, SendContext, VendorAdapter, VendorBudget } from '../outbox/vendor-adapter.ts';
import type { AiraloClient } from './airalo-client.ts';
import type { AiraloOrder, AiraloPackage } from './airalo-shapes.ts';
import type { CatalogueSync } from './catalogue-sync.ts';
import type { EsimStore } from './esim-store.ts';
import type { PurchaseService } from './purchase-service.ts';

export const AIRALO_VENDOR = 'airalo';

export type AiraloPayload =
  | { kind: 'catalogue'; reason: 'timer' | 'manager' | 'settings' }
  | { kind: 'order'; saleId: string; afterPerson: boolean }
  | { kind: 'usage'; saleId: string; iccid: string };

export type AiraloResult =
  | { kind: 'catalogue'; packages: AiraloPackage[]; complete: boolean; skipped: number; clientKey: string }
  | { kind: 'ordered'; saleId: string; order: AiraloOrder; via: 'post' | 'lookup' }
  | { kind: 'usage'; saleId: string; usage: EsimUsage }
  | { kind: 'skipped'; reason: string };

/** Airalo's published limits, per budget key: `packages:`, `orders:` (per client) and `usage:` (per ICCID). */
export function airaloBudget(budgetKey: string): VendorBudget {
  if (budgetKey.startsWith('packages:')) return { windows: [{ limit: 5, intervalMs: 1_000 }, { limit: 80, intervalMs: 60_000 }], concurrency: 1 };
  if (budgetKey.startsWith('usage:')) return { windows: [{ limit: 10, intervalMs: 60_000 }], concurrency: 1 };
  return { windows: [{ limit: 5, intervalMs: 1_000 }], concurrency: 2 };
}

/** How the rest of the module queues Airalo's work, inside its own commands. */
export interface EsimJobs {
  enqueueOrder(tx: CommandTx, saleId: string, round: string): void;
  enqueueUsage(tx: CommandTx, saleId: string, iccid: string, askedAt: string): void;
  enqueueCatalogue(tx: CommandTx, reason: 'timer' | 'manager' | 'settings'): { id: string; created: boolean };
}

export interface EsimAdapterDeps {
  context: HubContext;
  store: EsimStore;
  client: () => AiraloClient;
  /** The current client's key (hash of the API address and client id), or null when none is set. */
  clientKey: () => string | null;
  purchases: () => PurchaseService;
  catalogueSync: () => CatalogueSync;
}

export class EsimAdapter implements VendorAdapter<AiraloPayload, AiraloResult>, EsimJobs {
  readonly vendor = AIRALO_VENDOR;
  readonly label = 'Airalo eSIM';
  readonly resendSafety = 'lookup' as const;
  /** Catalogue keys are `catalogue:<boot>:<n>`: asks while one waits merge into it; recording it moves to n + 1. */
  private readonly boot = newId();
  private sequence = 0;

  constructor(private readonly deps: EsimAdapterDeps) {}

  budget(budgetKey: string): VendorBudget {
    return airaloBudget(budgetKey);
  }

  describe(job: OutboxJob<AiraloPayload>): string {
    const { payload } = job;
    if (payload.kind === 'catalogue') return "Read Airalo's eSIM catalogue";
    const sale = this.deps.store.purchase(payload.saleId);
    const what = sale ? `"${sale.title}" (sale ${sale.id.slice(-8)})` : `sale ${payload.saleId.slice(-8)}`;
    if (payload.kind === 'order') return `Order the eSIM ${what} from Airalo`;
    return `Read the data left on the eSIM ${what}`;
  }

  // ---- queueing ----

  enqueueOrder(tx: CommandTx, saleId: string, round: string): void {
    this.deps.context.outbox.enqueue(tx, {
      vendor: AIRALO_VENDOR,
      kind: 'order',
      idempotencyKey: `order:${saleId}:${round}`,
      payload: { kind: 'order', saleId, afterPerson: round !== 'payment' } satisfies AiraloPayload,
      budgetKey: `orders:${this.keyPart()}`,
    });
  }

  enqueueUsage(tx: CommandTx, saleId: string, iccid: string, askedAt: string): void {
    this.deps.context.outbox.enqueue(tx, {
      vendor: AIRALO_VENDOR,
      kind: 'usage',
      idempotencyKey: `usage:${saleId}:${askedAt}`,
      payload: { kind: 'usage', saleId, iccid } satisfies AiraloPayload,
      budgetKey: `usage:${iccid}`,
    });
  }

  enqueueCatalogue(tx: CommandTx, reason: 'timer' | 'manager' | 'settings'): { id: string; created: boolean } {
    return this.deps.context.outbox.enqueue(tx, {
      vendor: AIRALO_VENDOR,
      kind: 'catalogue',
      idempotencyKey: `catalogue:${this.boot}:${this.sequence}`,
      payload: { kind: 'catalogue', reason } satisfies AiraloPayload,
      budgetKey: `packages:${this.keyPart()}`,
    });
  }

  // ---- sending ----

  async send(job: OutboxJob<AiraloPayload>, context: SendContext): Promise<AiraloResult> {
    const { payload } = job;
    if (payload.kind === 'catalogue') {
      const clientKey = this.deps.clientKey();
      if (clientKey === null) return { kind: 'skipped', reason: 'Airalo is not set up on this hub' };
      const read = await this.deps.client().getPackages({}, context);
      return { kind: 'catalogue', packages: read.packages.filter((pkg) => pkg.type === 'sim'), complete: read.complete, skipped: read.skipped, clientKey };
    }
    if (payload.kind === 'usage') {
      const usage = await this.deps.client().getUsage(payload.iccid, context);
      return {
        kind: 'usage',
        saleId: payload.saleId,
        usage: { remainingMb: usage.isUnlimited ? null : usage.remainingMb, totalMb: usage.isUnlimited ? null : usage.totalMb, expiresAt: usage.expiredAt, status: usage.status, fetchedAt: this.deps.context.clock.now().toISOString() },
      };
    }
    const sale = this.deps.store.purchase(payload.saleId);
    if (!sale) return { kind: 'skipped', reason: 'the sale no longer exists on the hub' };
    if (sale.status !== 'paid') return { kind: 'skipped', reason: `the sale is ${sale.status.replace('_', ' ')}, so nothing is ordered` };
    if (payload.afterPerson) {
      const found = await this.deps.client().findOrderByDescription(sale.id, context);
      if (found) return { kind: 'ordered', saleId: sale.id, order: found, via: 'lookup' };
    }
    const order = await this.deps.client().submitOrder({ packageId: sale.packageId, description: sale.id }, context);
    return { kind: 'ordered', saleId: sale.id, order, via: 'post' };
  }

  /** After an unknown outcome: an order is looked up by the sale id; a catalogue or usage read is simply sent again. */
  async lookup(job: OutboxJob<AiraloPayload>, context: SendContext): Promise<AiraloResult | null> {
    const { payload } = job;
    if (payload.kind !== 'order') return null;
    const found = await this.deps.client().findOrderByDescription(payload.saleId, context);
    return found ? { kind: 'ordered', saleId: payload.saleId, order: found, via: 'lookup' } : null;
  }

  // ---- recording ----

  record(tx: CommandTx, job: OutboxJob<AiraloPayload>, result: AiraloResult): void {
    if (result.kind === 'catalogue') this.deps.catalogueSync().applyIn(tx, result);
    else if (result.kind === 'ordered') this.recordOrder(tx, result);
    else if (result.kind === 'usage') this.deps.purchases().usageIn(tx, result.saleId, result.usage);
    if (job.payload.kind === 'catalogue') this.advance(tx, job);
  }

  abandoned(tx: CommandTx, job: OutboxJob<AiraloPayload>, why: string): void {
    if (job.payload.kind === 'catalogue') {
      this.deps.store.markCatalogueProblem(`The last catalogue refresh failed: ${why}`);
      this.advance(tx, job);
    }
    if (job.payload.kind === 'order') this.deps.purchases().needsPersonIn(tx, job.payload.saleId, why);
  }

  private recordOrder(tx: CommandTx, result: Extract<AiraloResult, { kind: 'ordered' }>): void {
    const purchases = this.deps.purchases();
    const sim = result.order.sims[0];
    if (!sim) {
      purchases.needsPersonIn(tx, result.saleId, `Airalo order ${result.order.code ?? result.order.id} came back without an eSIM: ask Airalo for it, then refund or retry.`);
      return;
    }
    const activation = buildActivationCode(sim.lpa, sim.matchingId);
    if (!activation.ok) {
      purchases.needsPersonIn(tx, result.saleId, `Airalo order ${result.order.code ?? result.order.id} made eSIM ${sim.iccid}, but its codes cannot be used (${activation.message}): ask Airalo for them.`);
      return;
    }
    purchases.deliveredIn(tx, result.saleId, {
      airaloOrderId: result.order.id,
      airaloOrderCode: result.order.code,
      iccid: sim.iccid,
      smdpAddress: activation.value.smdpAddress,
      matchingId: activation.value.matchingId,
      activationCode: activation.value.code,
      apn: sim.apnValue,
      roaming: sim.isRoaming,
      at: this.deps.context.clock.now().toISOString(),
    });
  }

  private keyPart(): string {
    return (this.deps.clientKey() ?? 'unset').slice(0, 16);
  }

  private advance(tx: CommandTx, job: OutboxJob<AiraloPayload>): void {
    if (job.idempotencyKey !== `catalogue:${this.boot}:${this.sequence}`) return;
    this.sequence++;
    tx.onRollback(() => this.sequence--);
  }
}
