import type Database from 'better-sqlite3';
import type { CommandTx } from '../db/command-runner.ts';

export type StepOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs one step of a command (an adapter's `record` or `abandoned`) under its own savepoint, so a step
 * that throws takes back only its own writes and the command goes on: the outbox still marks the job.
 * The step's after-commit effects and undos join the command's only if the step succeeded; a failed
 * step's undos run at once, after its rollback, as the command runner does for a whole command.
 */
export function inSavepoint<T>(sqlite: Database.Database, tx: CommandTx, step: (tx: CommandTx) => T, onUndoError: (error: unknown) => void): StepOutcome<T> {
  const effects: Array<() => void> = [];
  const undos: Array<() => void> = [];
  sqlite.exec('SAVEPOINT outbox_step');
  try {
    const value = step({ afterCommit: (effect) => effects.push(effect), onRollback: (undo) => undos.push(undo) });
    sqlite.exec('RELEASE outbox_step');
    for (const effect of effects) tx.afterCommit(effect);
    for (const undo of undos) tx.onRollback(undo);
    return { ok: true, value };
  } catch (error) {
    sqlite.exec('ROLLBACK TO outbox_step');
    sqlite.exec('RELEASE outbox_step');
    for (const undo of undos) {
      try {
        undo();
      } catch (undoError) {
        onUndoError(undoError);
      }
    }
    return { ok: false, error };
  }
}
