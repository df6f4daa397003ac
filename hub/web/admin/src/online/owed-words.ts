/**
 * What the hub still owes the internet, in one line each for the admin header: unsynced changes for
 * the cloud, online tasks waiting, TON payments not yet confirmed. Nothing waiting: no line. Pure,
 * tested beside it (owed-words.test.ts).
 */
import { elapsedText, money, secondsSince } from '../format.ts';
import type { Page } from '../router.ts';
import type { OutboxSummary, TonUnconfirmed } from '../types.ts';

export interface SyncOwed {
  paired: boolean;
  pendingUpdates: number;
  /** The age of the oldest unsynced change when it was read... */
  oldestPendingAgeMs: number;
  /** ...at this time (ms since the epoch), so the age keeps growing between reads. */
  readAt: number;
}

export interface OwedInputs {
  sync: SyncOwed | null;
  outbox: OutboxSummary | null;
  ton: TonUnconfirmed | null;
  currency: string;
}

export interface OwedLine {
  key: 'cloud' | 'tasks' | 'ton';
  text: string;
  /** The page that shows the details. */
  page: Page;
  /** Someone must act (a job waits for a person), not only wait. */
  attention: boolean;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function owedLines({ sync, outbox, ton, currency }: OwedInputs, now: number): OwedLine[] {
  const lines: OwedLine[] = [];
  if (sync?.paired && sync.pendingUpdates > 0) {
    const seconds = (sync.oldestPendingAgeMs + Math.max(0, now - sync.readAt)) / 1000;
    lines.push({ key: 'cloud', page: 'cloud', attention: false, text: `Cloud: ${plural(sync.pendingUpdates, 'change', 'changes')} waiting, oldest ${elapsedText(seconds)}` });
  }
  if (outbox) {
    const owed = outbox.waiting + outbox.running;
    const parts: string[] = [];
    if (owed > 0) parts.push(`${owed} waiting${outbox.oldestWaitingAt ? `, oldest ${elapsedText(secondsSince(outbox.oldestWaitingAt, now))}` : ''}`);
    if (outbox.needsPerson > 0) parts.push(`${outbox.needsPerson} ${outbox.needsPerson === 1 ? 'needs' : 'need'} a person`);
    if (parts.length > 0) lines.push({ key: 'tasks', page: 'online-tasks', attention: outbox.needsPerson > 0, text: `Online tasks: ${parts.join(' · ')}` });
  }
  if (ton && ton.count > 0) {
    const oldest = ton.oldestAt ? `, oldest ${elapsedText(secondsSince(ton.oldestAt, now))}` : '';
    lines.push({ key: 'ton', page: 'payments', attention: false, text: `TON: ${money(ton.amountMinor, currency)} not confirmed yet (${plural(ton.count, 'invoice', 'invoices')})${oldest}` });
  }
  return lines;
}
