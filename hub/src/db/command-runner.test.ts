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
});
