/**
 * An online task (an outbox job) in plain words for the Online tasks page: its state, when it is tried
 * next, and what went wrong, with a hint of what it means. Pure, tested beside it.
 */
import { elapsedText } from '../format.ts';
import type { OutboxJobState, OutboxJobView } from '../types.ts';

export const JOB_STATE_LABELS: Record<OutboxJobState, string> = {
  waiting: 'Waiting',
  running: 'Sending now',
  needs_person: 'Needs a person',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** The vendor's HTTP status as a hint a manager can act on; null when the status says nothing more. */
export function statusHint(status: number | null): string | null {
  if (status === null) return null;
  if (status === 429) return 'The service asked the hub to slow down; it waits and tries again.';
  if (status === 401 || status === 403) return "The service refused the hub's key or login: check the credentials in the settings.";
  if (status === 404) return 'The service does not know what this task asks for (any more).';
  if (status === 408 || status === 504) return 'The service took too long to answer.';
  if (status >= 500) return 'The service had a problem on its side; the hub tries again.';
  if (status >= 400) return 'The service refused the request as it is.';
  return null;
}

/** What went wrong last, in words: the hint, then the vendor's own sentence. Null when nothing did. */
export function problemText(job: Pick<OutboxJobView, 'lastError' | 'lastStatus' | 'outcomeUnknown'>): string | null {
  const parts: string[] = [];
  const hint = statusHint(job.lastStatus);
  if (hint) parts.push(hint);
  if (job.lastError) parts.push(job.lastStatus !== null ? `The service said (${job.lastStatus}): “${job.lastError}”` : `Last problem: ${job.lastError}`);
  if (job.outcomeUnknown) parts.push('A send was cut off: before sending again, the hub asks the service whether it went through.');
  return parts.length > 0 ? parts.join(' ') : null;
}

/** "next try in 3 min" / "next try now" for a waiting job; null otherwise. */
export function nextTryText(job: Pick<OutboxJobView, 'state' | 'nextAttemptAt'>, now: number): string | null {
  if (job.state !== 'waiting' || !job.nextAttemptAt) return null;
  const seconds = (Date.parse(job.nextAttemptAt) - now) / 1000;
  return seconds <= 1 ? 'next try now' : `next try in ${elapsedText(seconds)}`;
}

/** A job a person may still act on: retried now (waiting, or waiting for a person) and cancelled (anything not finished). */
export function canRetry(job: Pick<OutboxJobView, 'state'>): boolean {
  return job.state === 'waiting' || job.state === 'needs_person';
}

export function canCancel(job: Pick<OutboxJobView, 'state'>): boolean {
  return job.state === 'waiting' || job.state === 'running' || job.state === 'needs_person';
}
