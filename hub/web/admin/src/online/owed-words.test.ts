import { describe, expect, it } from 'vitest';
import { owedLines, type OwedInputs } from './owed-words.ts';

const now = Date.parse('2026-06-01T12:00:00.000Z');
const quiet: OwedInputs = { sync: null, outbox: null, ton: null, currency: 'EUR' };
const summary = { waiting: 0, running: 0, needsPerson: 0, oldestWaitingAt: null, byVendor: [] };

describe('what the hub still owes the internet', () => {
  it('is quiet when nothing waits', () => {
    expect(owedLines(quiet, now)).toEqual([]);
    expect(owedLines({ ...quiet, sync: { paired: true, pendingUpdates: 0, oldestPendingAgeMs: 0, readAt: now }, outbox: summary, ton: { count: 0, amountMinor: 0, oldestAt: null } }, now)).toEqual([]);
  });

  it('counts unsynced changes only once the hub is paired, their age growing between reads', () => {
    const sync = { paired: true, pendingUpdates: 3, oldestPendingAgeMs: 11 * 60_000, readAt: now - 60_000 };
    expect(owedLines({ ...quiet, sync }, now)).toEqual([{ key: 'cloud', page: 'cloud', attention: false, text: 'Cloud: 3 changes waiting, oldest 12 min' }]);
    expect(owedLines({ ...quiet, sync: { ...sync, paired: false } }, now)).toEqual([]);
    expect(owedLines({ ...quiet, sync: { ...sync, pendingUpdates: 1, oldestPendingAgeMs: 5000, readAt: now } }, now)[0]?.text).toBe('Cloud: 1 change waiting, oldest 5 s');
  });

  it('says how many online tasks wait and since when, and when one needs a person', () => {
    const outbox = { ...summary, waiting: 1, running: 1, oldestWaitingAt: '2026-06-01T11:56:00.000Z' };
    expect(owedLines({ ...quiet, outbox }, now)).toEqual([{ key: 'tasks', page: 'online-tasks', attention: false, text: 'Online tasks: 2 waiting, oldest 4 min' }]);
    expect(owedLines({ ...quiet, outbox: { ...outbox, needsPerson: 1 } }, now)[0]).toMatchObject({ attention: true, text: 'Online tasks: 2 waiting, oldest 4 min · 1 needs a person' });
    expect(owedLines({ ...quiet, outbox: { ...summary, needsPerson: 2 } }, now)[0]?.text).toBe('Online tasks: 2 need a person');
  });

  it('tells the TON payments not confirmed yet, in the venue currency', () => {
    const ton = { count: 2, amountMinor: 1240, oldestAt: '2026-06-01T11:54:00.000Z' };
    expect(owedLines({ ...quiet, ton }, now)).toEqual([{ key: 'ton', page: 'payments', attention: false, text: 'TON: €12.40 not confirmed yet (2 invoices), oldest 6 min' }]);
  });
});
