import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandRunner } from './command-runner.ts';

describe('CommandRunner', () => {
  let sqlite: Database.Database;
  beforeEach(() => {
    sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
  });
  afterEach(() => sqlite.close());

  const insert = (id: string) => () => sqlite.prepare('INSERT INTO t (id) VALUES (?)').run(id);
  const ids = () => sqlite.prepare('SELECT id FROM t ORDER BY id').pluck().all();

  it('groups commands of one tick into one commit, and a failing one rolls back alone', async () => {
    const runner = new CommandRunner(sqlite, { groupCommit: true });
    const results = await Promise.allSettled([runner.run(insert('a')), runner.run(insert('a')), runner.run(insert('b'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(runner.batchSize).toBe(3);
    expect(ids()).toEqual(['a', 'b']);
  });

  it('runs side effects only after the commit, and not for a command that failed', async () => {
    const runner = new CommandRunner(sqlite, { groupCommit: false });
    const seen: string[] = [];
    await runner.run((tx) => {
      insert('x')();
      tx.afterCommit(() => seen.push(`committed:${sqlite.inTransaction ? 'in-tx' : 'after'}`));
    });
    await expect(
      runner.run((tx) => {
        tx.afterCommit(() => seen.push('never'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(seen).toEqual(['committed:after']);
    expect(ids()).toEqual(['x']);
  });

  it('answers a command even when its broadcast throws, because the data is already committed', async () => {
    const errors: unknown[] = [];
    const runner = new CommandRunner(sqlite, { groupCommit: true, onEffectError: (e) => errors.push(e) });
    const value = await runner.run((tx) => {
      insert('y')();
      tx.afterCommit(() => {
        throw new Error('socket gone');
      });
      return 42;
    });
    expect(value).toBe(42);
    expect(errors).toHaveLength(1);
    expect(ids()).toEqual(['y']);
  });
  it('undoes memory after a command that threw, before the next command of its batch runs', async () => {
    const runner = new CommandRunner(sqlite, { groupCommit: true });
    const memory: string[] = [];
    const seenBySecond: string[][] = [];
    const failing = runner.run((tx) => {
      insert('m')();
      memory.push('m');
      tx.onRollback(() => memory.splice(memory.indexOf('m'), 1));
      tx.afterCommit(() => memory.push('never'));
      throw new Error('refused');
    });
    const next = runner.run((tx) => {
      seenBySecond.push([...memory, ...(ids() as string[])]);
      insert('n')();
      tx.onRollback(() => memory.push('never undone'));
    });
    await expect(failing).rejects.toThrow('refused');
    await next;
    expect(seenBySecond).toEqual([[]]);
    expect(memory).toEqual([]);
    expect(ids()).toEqual(['n']);
  });

  it('undoes every command of a batch whose COMMIT fails, after the rollback', async () => {
    const runner = new CommandRunner(sqlite, { groupCommit: true });
    // A deferred foreign key fails only at COMMIT, so the whole batch rolls back there.
    sqlite.pragma('foreign_keys = ON');
    sqlite.exec('CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (parent_id TEXT REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    const undone: Array<{ which: string; rows: unknown[] }> = [];
    const first = runner.run((tx) => {
      insert('p')();
      tx.onRollback(() => undone.push({ which: 'first', rows: ids() }));
    });
    const second = runner.run((tx) => {
      sqlite.prepare('INSERT INTO child (parent_id) VALUES (?)').run('missing');
      tx.onRollback(() => undone.push({ which: 'second', rows: ids() }));
    });
    const results = await Promise.allSettled([first, second]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(undone).toEqual([
      { which: 'first', rows: [] },
      { which: 'second', rows: [] },
    ]);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('reports an undo that throws and still answers the command', async () => {
    const errors: unknown[] = [];
    const runner = new CommandRunner(sqlite, { groupCommit: false, onEffectError: (e) => errors.push(e) });
    await expect(
      runner.run((tx) => {
        tx.onRollback(() => {
          throw new Error('undo failed');
        });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(errors).toHaveLength(1);
    expect(ids()).toEqual([]);
  });
});
