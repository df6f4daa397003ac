import type Database from 'better-sqlite3';

/** What a command can do besides writing: schedule work for after its commit. */
export interface CommandTx {
  afterCommit(effect: () => void): void;
  /**
   * Undo work done outside SQLite (an in-memory document the command changed) when the command's
   * writes are rolled back: it threw, or the batch's COMMIT failed. Runs after the rollback, so the
   * undo reads what SQLite now holds.
   */
  onRollback(undo: () => void): void;
}

type Work<T> = (tx: CommandTx) => T;

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface CommandRunnerOptions {
  /** Commands that arrive in the same tick share one transaction and one fsync. */
  groupCommit: boolean;
  /** A side effect after commit, or an undo after rollback, that threw. */
  onEffectError?: (error: unknown) => void;
  /** Called with the number of commands each successful COMMIT carried (for the metrics). */
  onBatchCommitted?: (size: number) => void;
}

/**
 * Runs each command (synchronous better-sqlite3 work) in a transaction, and its side effects
 * (broadcasts, printing) only after the commit is on disk.
 *
 * With group commit, commands queued in one event-loop turn run in one transaction, each inside its
 * own SAVEPOINT: a command that throws rolls back only its own writes, and the others still commit.
 * Their promises settle after the single COMMIT, so no caller is answered before its data is durable.
 */
export class CommandRunner {
  private queue: Pending[] = [];
  private scheduled = false;
  private lastBatchSize = 0;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly options: CommandRunnerOptions,
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.options.groupCommit) {
        this.flush();
        return;
      }
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commands in the last committed batch (for metrics and the benchmark). */
  get batchSize(): number {
    return this.lastBatchSize;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    type Outcome = { ok: true; value: unknown; effects: Array<() => void>; undos: Array<() => void> } | { ok: false; error: unknown };
    const outcomes: Outcome[] = [];
    try {
      this.sqlite.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const pending of batch) {
      const effects: Array<() => void> = [];
      const undos: Array<() => void> = [];
      this.sqlite.exec('SAVEPOINT command');
      try {
        const value = pending.work({ afterCommit: (effect) => effects.push(effect), onRollback: (undo) => undos.push(undo) });
        this.sqlite.exec('RELEASE command');
        outcomes.push({ ok: true, value, effects, undos });
      } catch (error) {
        this.sqlite.exec('ROLLBACK TO command');
        this.sqlite.exec('RELEASE command');
        // Before the next command of the batch runs, so it sees memory and SQLite agree again.
        this.runAll(undos);
        outcomes.push({ ok: false, error });
      }
    }
    try {
      this.sqlite.exec('COMMIT');
    } catch (error) {
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      for (const outcome of outcomes) if (outcome.ok) this.runAll(outcome.undos);
      for (const pending of batch) pending.reject(error);
      return;
    }
    this.lastBatchSize = batch.length;
    this.options.onBatchCommitted?.(batch.length);
    outcomes.forEach((outcome, index) => {
      const pending = batch[index]!;
      if (!outcome.ok) {
        pending.reject(outcome.error);
        return;
      }
      // The command is committed; a failed broadcast must not turn it into an error for the client.
      this.runAll(outcome.effects);
      pending.resolve(outcome.value);
    });
  }

  private runAll(steps: Array<() => void>): void {
    for (const step of steps) {
      try {
        step();
      } catch (error) {
        this.options.onEffectError?.(error);
      }
    }
  }
}
