// The TON check as an outbox vendor: one `poll` job at a time reads the venue wallet's new
// transactions (send, outside any transaction) and records them (record, in the transaction that marks
// the job done). A poll is enqueued when an invoice is made, and again a few seconds after each poll
// while an invoice is still open.
import { createHash } from 'node:crypto';
import { newId } from '@onemoment/shared/ids';
import type { HubContext } from '../../context.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import type { OutboxJob, SendContext, VendorAdapter, VendorBudget } from '../../outbox/vendor-adapter.ts';
import type { ToncenterClient } from './toncenter-client.ts';
import { cursorAfter } from './ton-cursor.ts';
import { CURSOR_SETTLE_SECONDS, type TonPollResult, type TonVerification } from './ton-verification.ts';

/** What the TON check needs of the outbox (context.outbox): `enqueue`, inside a command's transaction. */
export interface TonOutbox {
  enqueue(
    tx: CommandTx,
    job: { vendor: string; kind: string; idempotencyKey: string; payload: unknown; budgetKey?: string; notBefore?: Date },
  ): { id: string; created: boolean };
}

export interface TonPollPayload {
  /** Why this poll was asked for (for the Online tasks page and the log). */
  reason: 'invoice' | 'follow_up';
}

export const TON_VENDOR = 'ton';

/** toncenter's published limits: 1 request a second without a key, 10 with a free one. */
export function tonBudget(withKey: boolean): VendorBudget {
  return { windows: [{ limit: withKey ? 10 : 1, intervalMs: 1000 }], concurrency: 1 };
}

/** The budget key of an API key: its fingerprint, never the key itself (it is stored with each job). */
export function tonBudgetKey(apiKey: string | null): string {
  return apiKey ? `key:${createHash('sha256').update(apiKey).digest('hex').slice(0, 12)}` : '';
}

export class TonPollAdapter implements VendorAdapter<TonPollPayload, TonPollResult> {
  readonly vendor = TON_VENDOR;
  readonly label = 'TON payments check';
  readonly resendSafety = 'read_only' as const;
  /**
   * Poll keys are `poll:<boot>:<n>`: every invoice made while poll n waits or runs enqueues the same
   * key, so the outbox keeps one job; recording poll n moves to n + 1. A job left from before a restart
   * has another boot's key; its record enqueues the current key, which merges with any new one.
   */
  private readonly boot = newId();
  private sequence = 0;

  constructor(
    private readonly context: HubContext,
    private readonly verification: TonVerification,
    private readonly client: ToncenterClient,
    private readonly outbox: TonOutbox,
    private readonly options: { pollIntervalMs: number; budgetKey: string },
  ) {}

  budget(budgetKey: string): VendorBudget {
    return tonBudget(budgetKey !== '');
  }

  describe(job: OutboxJob<TonPollPayload>): string {
    const open = this.verification.openCount();
    const why = job.payload.reason === 'invoice' ? 'a new invoice' : 'invoices still open';
    return `Check TON payments for ${open} open invoice${open === 1 ? '' : 's'} (${why})`;
  }

  /** Asks for a poll `delayMs` from now, in the caller's transaction; merges with one already waiting. */
  schedulePoll(tx: CommandTx, delayMs: number, reason: TonPollPayload['reason']): void {
    const notBefore = new Date(this.context.clock.now().getTime() + delayMs);
    this.outbox.enqueue(tx, {
      vendor: TON_VENDOR,
      kind: 'poll',
      idempotencyKey: this.currentKey(),
      payload: { reason } satisfies TonPollPayload,
      budgetKey: this.options.budgetKey,
      notBefore,
    });
  }

  async send(_job: OutboxJob<TonPollPayload>, context: SendContext): Promise<TonPollResult> {
    const startedAt = this.context.clock.now().toISOString();
    const plan = this.verification.plan();
    if (!plan) return { kind: 'skipped', reason: 'nothing_open', startedAt };
    try {
      const read = await this.client.transactionsSince(plan, context);
      const cursor = read.complete ? cursorAfter(read.transactions, plan.cursor, CURSOR_SETTLE_SECONDS) : plan.cursor;
      // The outbox keeps the answer on the job: only what can pay an invoice (money in from a wallet).
      const transactions = read.transactions.filter((transaction) => transaction.source !== null && transaction.nanotons !== '0');
      return { kind: 'read', startedAt, addressRaw: plan.addressRaw, transactions, cursor, pages: read.pages };
    } catch (error) {
      // The guests hear at once that their payment waits for the venue to be back online; the outbox retries.
      if (!context.signal.aborted) await this.recordFailure(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  record(tx: CommandTx, job: OutboxJob<TonPollPayload>, result: TonPollResult): void {
    const { open } = this.verification.record(tx, result);
    this.advance(tx, job);
    if (open) {
      // An invoice made after this poll read its list was not looked for yet: no need to wait the interval.
      const soon = this.verification.newerOpenThan(result.startedAt);
      this.schedulePoll(tx, soon ? 0 : this.options.pollIntervalMs, 'follow_up');
    }
  }

  abandoned(tx: CommandTx, job: OutboxJob<TonPollPayload>, why: string): void {
    this.verification.recordFailure(tx, why);
    // The next invoice asks for a fresh poll instead of merging with the one a person must look at.
    this.advance(tx, job);
  }

  private currentKey(): string {
    return `poll:${this.boot}:${this.sequence}`;
  }

  private advance(tx: CommandTx, job: OutboxJob<TonPollPayload>): void {
    if (job.idempotencyKey !== this.currentKey()) return;
    this.sequence++;
    tx.onRollback(() => this.sequence--);
  }

  private async recordFailure(message: string): Promise<void> {
    try {
      await this.context.commands.run((tx) => this.verification.recordFailure(tx, message));
    } catch (error) {
      this.context.log.error({ err: error }, 'the TON check could not record its failure');
    }
  }
}
